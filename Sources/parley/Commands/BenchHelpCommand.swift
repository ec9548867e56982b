import ArgumentParser
import Foundation
import ParleyBench
import ParleyServer

/// `parley bench help`: help-center search and article pages on an SQLite store of 100,000 articles,
/// and e-mail parsed and threaded into cases.
struct BenchHelpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "help-center", abstract: "Seed an SQLite help center of N articles, then time searches and article pages (p50/p99), and e-mail parsed and threaded.",
        aliases: ["help"])

    @Option(help: "How many articles.") var articles: Int = 100_000
    @Option(help: "How many times each search and page runs.") var rounds: Int = 20
    @Option(help: "JSONL of X API v2 payloads whose texts the articles are made of.")
    var corpus: String = "Resources/Demo/ibm-care-stream.jsonl"
    @Option(help: "How many e-mails to parse and thread.") var emails: Int = 20_000
    @Option(help: "Where the benchmark's SQLite file goes.") var dir: String = FileManager.default.temporaryDirectory.path

    func run() async throws {
        guard articles > 0, rounds > 0, emails > 0 else { throw ValidationError("--articles, --rounds and --emails must be positive.") }
        let texts = SearchBenchmark.corpus(from: try ReplayFile(contentsOf: URL(fileURLWithPath: corpus)).lines)
        guard !texts.isEmpty else { throw ValidationError("\(corpus) holds no post or DM texts.") }
        let result = try await HelpCenterBenchmark.run(articles: articles, rounds: rounds, corpus: texts, directory: URL(fileURLWithPath: dir))
        func ms(_ value: Double) -> String { String(format: "%.2f", value) }
        let mail = try await MailBenchmark.run(messages: emails, corpus: texts, directory: URL(fileURLWithPath: dir))
        print(BenchReport.header(command: "parley bench help --articles \(articles) --rounds \(rounds) --emails \(emails)"))
        print("""
        seeded:                 \(result.articles) published articles over 10 brands in \(String(format: "%.1f", result.seedSeconds)) s (Markdown rendered, FTS5 triggers)
        database:               \(result.databaseBytes / 1_048_576) MiB
        search latency:         p50 \(ms(result.search.p50)) ms, p99 \(ms(result.search.p99)) ms (\(result.search.samples) searches of one brand, first 20 with snippets)
        article page latency:   p50 \(ms(result.page.p50)) ms, p99 \(ms(result.page.p99)) ms (\(result.page.samples) GETs through the Vapor responder: route, query, view count, Leaf)
        per query (hits, p50, max in ms):
        """)
        for q in result.perQuery {
            print("  \(q.label.padding(toLength: 26, withPad: " ", startingAt: 0)) \(String(q.hits).padding(toLength: 4, withPad: " ", startingAt: 0)) \(ms(q.p50).padding(toLength: 7, withPad: " ", startingAt: 0)) \(ms(q.max))")
        }
        print("""
        e-mail:                 \(mail.messages) messages, \(mail.bytes / 1_024) KiB (threads of 1-4, a third multipart with HTML, one in ten with a PDF)
        e-mail parse:           \(Int(Double(mail.messages) / mail.parseSeconds)) messages/s (EmailParser and the reply trimmer, one core)
        e-mail parse + thread:  \(Int(Double(mail.messages) / mail.planSeconds)) messages/s (parsed, trimmed, triaged and threaded by the planner, in memory, one core)
        e-mail journal:         \(Int(Double(mail.messages) / mail.journalSeconds)) messages/s (one durable journal write each, as /webhooks/email takes them)
        e-mail ingest:          \(Int(Double(mail.messages) / mail.threadSeconds)) messages/s (the ingest processor from the journal on SQLite: parsed, threaded, clustered for listening, written): \(mail.cases) cases, \(mail.threadedReplies) replies threaded into them
        """)
    }
}
