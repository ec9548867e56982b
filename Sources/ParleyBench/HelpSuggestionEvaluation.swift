import FluentKit
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore

/// `parley eval help`: how often the desk's article suggestions hold the help document the agent
/// actually sent. The demo is built as `parley demo` builds it (handles, help centers, the whole
/// IBM stream through the journal and pipeline, into an SQLite file); then, for each IBM
/// conversation, the case holding the agent's linking reply is asked for its three suggestions
/// (`ArticleSuggestions`, what the composer shows), which read only the customer's messages.
public enum HelpSuggestionEvaluation {
    struct ConversationLine: Decodable {
        struct AgentURL: Decodable {
            var tweetID: String
            var docID: String
            enum CodingKeys: String, CodingKey {
                case tweetID = "tweet_id"
                case docID = "doc_id"
            }
        }

        var brand: String
        var split: String
        var agentURL: AgentURL

        enum CodingKeys: String, CodingKey {
            case brand
            case split = "ibm_split"
            case agentURL = "agent_url"
        }
    }

    public struct SplitResult: Sendable {
        public var conversations = 0
        public var top1 = 0
        public var top3 = 0
        /// Conversations whose document had no text from the dev split (only its URL's words).
        public var withoutDevText = 0
        public var caseNotFound = 0
    }

    public struct Result: Sendable {
        public var brands: Int
        public var articles: Int
        public var splits: [String: SplitResult]
        public var seconds: Double
    }

    public static func run(handles: URL, articles: URL, stream: URL, conversations: URL, directory: URL, splits wanted: Set<String>) async throws -> Result {
        let path = directory.appendingPathComponent("parley-eval-help.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let clock = ContinuousClock()
        let start = clock.now
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path), runWorkers: false)) { app in
            for handle in try HandleFile.load(Data(contentsOf: handles)) { try await HandleQueries(database: app.db).upsert(handle) }
            let admin = try await DemoDesk.login(app, email: "eval@parley.local", name: "Eval", password: UUID().uuidString, role: .admin)
            let seeded = try await DemoHelpCenter.seed(app, file: articles, by: admin.id)
            let withText = try Self.articlesWithDevText(articles)

            let ingestor = ParleyApp.ingestor(for: app)
            let lines = try ReplayFile(contentsOf: stream).lines
            try await ingestor.receive(lines.map { ingestor.rawEvent($0, source: .replay) })
            try await ParleyApp.processor(for: app).drain()

            let suggestions = ArticleSuggestions(database: app.db)
            let conversationsStore = ConversationQueries(database: app.db)
            var splits: [String: SplitResult] = [:]
            let decoder = JSONDecoder()
            for raw in try String(contentsOf: conversations, encoding: .utf8).split(separator: "\n") where !raw.isEmpty {
                let line = try decoder.decode(ConversationLine.self, from: Data(raw.utf8))
                guard wanted.contains(line.split) else { continue }
                var result = splits[line.split, default: SplitResult()]
                result.conversations += 1
                if !withText.contains(line.agentURL.docID) { result.withoutDevText += 1 }
                guard let message = try await conversationsStore.message(xID: line.agentURL.tweetID), let id = message.conversationID,
                    let detail = try await conversationsStore.detail(id)
                else {
                    result.caseNotFound += 1
                    splits[line.split] = result
                    continue
                }
                let top = try await suggestions.suggest(for: detail).map {
                    seeded.documents[DemoHelpCenter.Seeded.key(brand: $0.brand.slug, slug: $0.hit.article.slug)]
                }
                if top.first == line.agentURL.docID { result.top1 += 1 }
                if top.contains(line.agentURL.docID) { result.top3 += 1 }
                splits[line.split] = result
            }
            return Result(brands: seeded.brands, articles: seeded.articles, splits: splits, seconds: (clock.now - start).seconds)
        }
    }

    /// Doc ids whose article has keywords (only dev conversations give an article keywords).
    private static func articlesWithDevText(_ file: URL) throws -> Set<String> {
        struct Entry: Decodable {
            var doc_id: String
            var keywords: [String]
        }
        struct Wrapper: Decodable { var articles: [Entry] }
        return Set(try JSONDecoder().decode(Wrapper.self, from: Data(contentsOf: file)).articles.filter { !$0.keywords.isEmpty }.map(\.doc_id))
    }
}
