import ArgumentParser
import Foundation
import ParleyServer
import ParleyStore

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of what the desk holds.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let (stats, cost) = try await ParleyApp.withApplication(config: try database.config()) { app in
            (try await StoreStats.load(from: app.db), try await XCostReport.build(database: app.db, now: Date()))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            // The cost report names its keys itself (handle usernames must stay as they are).
            var object = try JSONSerialization.jsonObject(with: try encoder.encode(stats)) as? [String: Any] ?? [:]
            object["x_cost"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(cost))
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("journal events: \(stats.journalEvents) (malformed \(stats.malformedEvents))")
            print("messages: \(stats.messagesByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            print("conversations: \(stats.conversationsByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            print("outbox: \(stats.outboxByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            func usd(_ value: Double) -> String { String(format: "$%.3f", value) }
            print("X cost: today \(usd(cost.today.costUSD)) (\(cost.today.requests) requests), \(cost.month) \(usd(cost.thisMonth.costUSD)) (\(cost.thisMonth.requests) requests)")
            for (handle, line) in cost.handles.sorted(by: { $0.key < $1.key }) {
                let budget = line.budgetUSD.map { " of " + usd($0) + " budget" } ?? ""
                print("  \(handle): month \(usd(line.month.costUSD))\(budget)\(line.readsPaused ? " (reads paused)" : "")")
            }
        }
    }
}
