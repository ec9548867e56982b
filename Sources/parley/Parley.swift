import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A self-hosted social customer care desk for brands on X.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, MigrateCommand.self, ReplayCommand.self, JournalCommand.self,
            StatsCommand.self, UserCommand.self, TokenCommand.self, HandleCommand.self, TriageCommand.self,
        ]
    )
}
