import FluentKit
import Foundation
import ParleyStore

/// Article views counted in memory and written in batches (`flush`, every few seconds from the
/// `article-views` worker): a page view is a read, and a write per view cost an fsync each on
/// SQLite, most of a page's time (`parley bench help`). A crash loses the last few seconds of
/// counts, never an article.
actor ArticleViews {
    private var pending: [UUID: Int] = [:]

    func record(_ id: UUID) {
        pending[id, default: 0] += 1
    }

    /// Writes what was counted; what fails to write is counted again next time.
    @discardableResult
    func flush(on database: any Database) async throws -> Int {
        guard !pending.isEmpty else { return 0 }
        let batch = pending
        pending = [:]
        do {
            try await ArticleQueries(database: database).addViews(batch)
        } catch {
            for (id, count) in batch { pending[id, default: 0] += count }
            throw error
        }
        return batch.count
    }
}
