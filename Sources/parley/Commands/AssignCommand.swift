import ArgumentParser
import Foundation
import ParleyServer

/// `parley assign`: the desk's background pass on demand (what every `parley serve` runs every
/// two seconds): idle agents away, stale assignments requeued, snoozes woken, waiting cases assigned.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Run the desk's assignment pass now (safe beside running servers).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "How many passes.") var rounds: Int = 1
    @Option(help: "Cases per team per pass.") var batch: Int = 200

    func run() async throws {
        guard rounds > 0, batch > 0 else { throw ValidationError("--rounds and --batch must be positive.") }
        var config = try database.config()
        config.desk.assignBatch = batch
        let total = try await ParleyApp.withApplication(config: config) { app in
            let worker = ParleyApp.deskWorker(for: app)
            var assigned = 0
            for _ in 0..<rounds { assigned += try await worker.runOnce().assigned }
            return assigned
        }
        print("Assigned \(total) cases.")
    }
}
