import FluentKit
import FluentSQL
import Foundation

/// Where a poll or the stream got to, per handle (or `app`) and resource.
public struct XCheckpoint: Sendable, Equatable {
    /// The newest id fully read: the next poll asks for what came after it.
    public var sinceID: String?
    /// While a multi-page read is in progress: the newest id seen on its first page.
    public var pendingNewestID: String?
    /// While a multi-page read is in progress: the next page to fetch.
    public var paginationToken: String?

    public init(sinceID: String? = nil, pendingNewestID: String? = nil, paginationToken: String? = nil) {
        self.sinceID = sinceID
        self.pendingNewestID = pendingNewestID
        self.paginationToken = paginationToken
    }
}

public struct XCheckpointQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func load(handleKey: String, resource: String) async throws -> XCheckpoint? {
        let row = try await database.requireSQL().select()
            .columns("since_id", "pending_newest_id", "pagination_token").from("x_checkpoints")
            .where("handle_key", .equal, SQLBind(handleKey)).where("resource", .equal, SQLBind(resource)).first()
        guard let row else { return nil }
        return XCheckpoint(
            sinceID: try row.decode(column: "since_id", as: String?.self),
            pendingNewestID: try row.decode(column: "pending_newest_id", as: String?.self),
            paginationToken: try row.decode(column: "pagination_token", as: String?.self))
    }

    /// Saves the checkpoint. Callers save only after the journal holds what the checkpoint covers.
    public func save(_ checkpoint: XCheckpoint, handleKey: String, resource: String, at date: Date) async throws {
        let values = SQLValues(try database.requireSQL())
        try await database.requireSQL().insert(into: "x_checkpoints")
            .columns("handle_key", "resource", "since_id", "pending_newest_id", "pagination_token", "updated_at")
            .values(SQLBind(handleKey), SQLBind(resource), values.optional(checkpoint.sinceID),
                    values.optional(checkpoint.pendingNewestID), values.optional(checkpoint.paginationToken), SQLBind(date))
            .onConflict(with: ["handle_key", "resource"]) {
                $0.set(excludedValueOf: "since_id").set(excludedValueOf: "pending_newest_id")
                    .set(excludedValueOf: "pagination_token").set(excludedValueOf: "updated_at")
            }
            .run()
    }
}
