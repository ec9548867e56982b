import ArgumentParser
import Foundation
import ParleyServer

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Feed a JSONL file of X API v2 / Account Activity payloads through the journal.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The JSONL file.") var file: String
    @Option(help: "'max', or a factor of real time (2 = twice as fast as the posts were written).") var speed: String = "max"

    func run() async throws {
        guard let speed = ReplaySpeed(argument: speed) else { throw ValidationError("--speed must be 'max' or a positive number.") }
        let lines: ReplayFile
        do {
            lines = try ReplayFile(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("Cannot read \(file): \(error.localizedDescription)")
        }
        let report = try await ParleyApp.withApplication(config: try database.config()) { app in
            try await Replayer(ingestor: ParleyApp.ingestor(for: app), processor: ParleyApp.processor(for: app))
                .run(lines.lines, speed: speed)
        }
        print("Replayed \(report.lines) lines: \(report.journaled) new in the journal, \(report.processed) events processed.")
    }
}
