import ArgumentParser
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley report`: the desk's figures from its database.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The desk's reports from its database.", subcommands: [ResponseTimes.self])

    /// `parley report response-times --json [--from --to] [--db]`
    struct ResponseTimes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "response-times",
            abstract: "First response and resolution times over the cases opened in a period (by their messages' own times; trolls and spam left out).")

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false
        @Option(help: "Cases opened from this instant (ISO 8601, or a UTC day 2026-11-25); default: the beginning.") var from: String?
        @Option(help: "…to before this one (a day includes that whole day); default: now.") var to: String?

        func run() async throws {
            let start = try from.map { try Self.date($0, name: "--from", endOfDay: false) } ?? .distantPast
            let end = try to.map { try Self.date($0, name: "--to", endOfDay: true) } ?? Date().addingTimeInterval(1)
            guard start < end else { throw ValidationError("--from must be before --to.") }
            let report = try await ParleyApp.withApplication(config: try database.config()) { app in
                ResponseTimeReport(try await ReportQueries(database: app.db).timelines(from: start, to: end))
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                func time(_ seconds: Double?) -> String { seconds.map { String(format: "%.0f s", $0) } ?? "–" }
                print("conversations: \(report.conversations)")
                print("first response: \(report.firstResponse.answered) answered, \(report.firstResponse.unanswered) unanswered; median \(time(report.firstResponse.medianSeconds)), p90 \(time(report.firstResponse.p90Seconds)), mean \(time(report.firstResponse.meanSeconds))")
                print("resolution: \(report.resolution.resolved) resolved; median \(time(report.resolution.medianSeconds)), p90 \(time(report.resolution.p90Seconds))")
            }
        }

        static func date(_ raw: String, name: String, endOfDay: Bool) throws -> Date {
            guard let date = InstantOrDay.parse(raw, endOfDay: endOfDay) else { throw ValidationError("\(name) must be \(InstantOrDay.expected).") }
            return date
        }
    }
}
