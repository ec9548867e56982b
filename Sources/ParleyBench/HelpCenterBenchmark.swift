import FluentKit
import FluentSQL
import Foundation
import ParleyCore
import ParleyServer
import ParleyStore
import Vapor

/// `parley bench help`: an SQLite help center of N published articles over 10 brands, written
/// through `ArticleQueries.create` (Markdown rendered, FTS5 triggers firing, as an edit does), then
/// searches through `ArticleQueries.search` and public article pages through the whole Vapor
/// responder (route, query, view count, Leaf), each timed one at a time.
public enum HelpCenterBenchmark {
    public struct Result: Sendable {
        public var articles: Int
        public var seedSeconds: Double
        public var databaseBytes: Int
        public var search: (p50: Double, p99: Double, samples: Int)
        public var page: (p50: Double, p99: Double, samples: Int)
        public var perQuery: [(label: String, hits: Int, p50: Double, max: Double)]
    }

    public static func run(articles count: Int, rounds: Int, corpus: [String], directory: URL) async throws -> Result {
        let path = directory.appendingPathComponent("parley-bench-help.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return try await ParleyApp.withApplication(config: ParleyConfig(database: .sqlite(path: path))) { app in
            let brands = (0..<10).map { Brand(id: UUID(), slug: "brand-\($0)", name: "Brand \($0)") }
            let clock = ContinuousClock()
            let seedStart = clock.now
            // Every 97th article is one whose page is fetched.
            let slugs = stride(from: 0, to: count, by: 97).map { (brand: $0 % brands.count, slug: "article-\($0)") }
            try await app.db.transaction { db in
                for brand in brands { try await BrandQueries(database: db).create(brand, at: Date()) }
                let store = ArticleQueries(database: db)
                var generator = SplitMix64(seed: 15)
                for i in 0..<count {
                    let brand = i % brands.count
                    let words = corpus[Int(generator.next() % UInt64(corpus.count))]
                    let title = String(words.split(separator: " ").prefix(8).joined(separator: " ").prefix(120))
                    var body = "## Steps\n\n"
                    for step in 1...4 { body += "\(step). \(corpus[Int(generator.next() % UInt64(corpus.count))])\n" }
                    body += "\nSee [the guide](https://help.example.com/\(i)) for more.\n\n> \(corpus[Int(generator.next() % UInt64(corpus.count))])\n"
                    let slug = "article-\(i)"
                    let now = Date()
                    try await store.create(Article(
                        id: UUID(), brandID: brands[brand].id, categoryID: nil, slug: slug, locale: "en", title: title.isEmpty ? "Article \(i)" : title,
                        body: body, keywords: [], status: .published, authorID: nil, createdAt: now, updatedAt: now, publishedAt: now))
                }
            }
            let seedSeconds = (clock.now - seedStart).seconds
            guard let sql = app.db as? any SQLDatabase else { throw StoreError.invalid("The benchmark needs an SQL database.") }
            try await sql.raw("ANALYZE").run()

            let queries = [
                "password", "reset password", "refund", "order", "account locked", "update", "\"sign in\"", "app crashes",
                "help", "the", "printer ink", "billing issue", "zzyzx", "NEAR(\"ink\" * OR -",
            ]
            var searchTimes: [Double] = []
            var perQuery: [(String, Int, Double, Double)] = []
            let articles = ArticleQueries(database: app.db)
            for query in queries {
                var times: [Double] = []
                var hits = 0
                for round in 0..<rounds {
                    let brand = brands[round % brands.count]
                    let t = clock.now
                    hits = try await articles.search(brandID: brand.id, terms: SearchTerms(parsing: query), limit: 20).count
                    times.append((clock.now - t).seconds * 1000)
                }
                searchTimes += times
                perQuery.append((query, hits, percentile(times, 0.5), times.max() ?? 0))
            }

            var pageTimes: [Double] = []
            try await app.asyncBoot()
            for round in 0..<rounds {
                for (brand, slug) in slugs.prefix(50) {
                    let t = clock.now
                    let request = Request(
                        application: app, method: .GET, url: URI(path: "/help/\(brands[brand].slug)/articles/\(slug)"),
                        on: app.eventLoopGroup.next())
                    let response = try await app.responder.respond(to: request).get()
                    guard response.status == .ok else { throw StoreError.invalid("article page answered \(response.status.code) in round \(round)") }
                    pageTimes.append((clock.now - t).seconds * 1000)
                }
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Result(
                articles: count, seedSeconds: seedSeconds, databaseBytes: bytes,
                search: (percentile(searchTimes, 0.5), percentile(searchTimes, 0.99), searchTimes.count),
                page: (percentile(pageTimes, 0.5), percentile(pageTimes, 0.99), pageTimes.count),
                perQuery: perQuery)
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        SearchBenchmark.percentile(values, p)
    }
}
