import ArgumentParser
import Foundation
import Logging

@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A self-hosted social customer care desk for brands on X.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, MigrateCommand.self, ReplayCommand.self, JournalCommand.self,
            StatsCommand.self, UserCommand.self, TokenCommand.self, HandleCommand.self, WebhookCommand.self, AssignCommand.self, TextCommand.self, TriageCommand.self, StaffingCommand.self, ForecastCommand.self, TopicsCommand.self, FeedbackCommand.self, ReportCommand.self, EvalCommand.self, ArticlesCommand.self, SpikesCommand.self, BenchCommand.self, SLACommand.self,
        ]
    )

    /// Logs go to standard error at `LOG_LEVEL` (default `info` for `serve`, `notice` for the
    /// one-shot commands, whose output is their report), set up once before any command runs.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let fallback: Logger.Level = arguments.first == "serve" ? .info : .notice
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? fallback
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
