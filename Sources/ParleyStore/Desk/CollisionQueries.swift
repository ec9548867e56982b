import FluentKit
import FluentSQL
import Foundation
import ParleyCore

/// Presence and the soft reply lock, in the database so that every `parley serve` process sees
/// the same: the first agent who starts a reply holds it; others see who and must take over.
public struct CollisionQueries: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// A heartbeat from someone viewing (and maybe typing in) the case.
    public func heartbeat(_ conversationID: UUID, user: UUID, typing: Bool, at date: Date) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.insert(into: "presence").columns("conversation_id", "user_id", "typing", "seen_at")
            .values(v.uuid(conversationID), v.uuid(user), SQLBind(typing), SQLBind(date))
            .onConflict(with: ["conversation_id", "user_id"]) { $0.set(excludedValueOf: "typing").set(excludedValueOf: "seen_at") }
            .run()
    }

    /// Who has sent a heartbeat since `since`.
    public func present(_ conversationID: UUID, since: Date) async throws -> [Presence] {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT p.user_id, COALESCE(u.name, '') AS name, p.typing FROM presence p LEFT JOIN users u ON u.id = p.user_id
            WHERE p.conversation_id = \(SQLValues(sql).uuid(conversationID)) AND p.seen_at >= \(bind: since) ORDER BY u.name
            """).all().map {
            Presence(userID: try $0.decode(column: "user_id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                     typing: try $0.decode(column: "typing", as: Bool.self))
        }
    }

    /// Who is on each of these cases (for the queue): names by case.
    public func present(_ conversationIDs: [UUID], since: Date) async throws -> [UUID: [String]] {
        guard !conversationIDs.isEmpty else { return [:] }
        let sql = try database.requireSQL()
        var result: [UUID: [String]] = [:]
        for row in try await sql.raw("""
            SELECT p.conversation_id, COALESCE(u.name, '') AS name FROM presence p LEFT JOIN users u ON u.id = p.user_id
            WHERE p.conversation_id IN \(SQLValues(sql).uuids(conversationIDs)) AND p.seen_at >= \(bind: since) ORDER BY u.name
            """).all()
        {
            result[try row.decode(column: "conversation_id", as: UUID.self), default: []].append(try row.decode(column: "name", as: String.self))
        }
        return result
    }

    /// The current holder of the reply, if the lock has not run out.
    public func lock(_ conversationID: UUID, at date: Date) async throws -> ReplyLock? {
        let sql = try database.requireSQL()
        return try await sql.raw("""
            SELECT l.user_id, COALESCE(u.name, '') AS name, l.expires_at FROM reply_locks l LEFT JOIN users u ON u.id = l.user_id
            WHERE l.conversation_id = \(SQLValues(sql).uuid(conversationID)) AND l.expires_at > \(bind: date)
            """).first().map {
            ReplyLock(userID: try $0.decode(column: "user_id", as: UUID.self), name: try $0.decode(column: "name", as: String.self),
                      expiresAt: try $0.decode(column: "expires_at", as: Date.self))
        }
    }

    /// Takes or renews the lock for `user` when it is free, run out, or already theirs; with
    /// `force` (an audited take-over) from anyone. Returns the holder after the attempt.
    public func acquire(_ conversationID: UUID, user: UUID, until: Date, at date: Date, force: Bool = false) async throws -> ReplyLock? {
        try await database.transaction { db in
            let sql = try db.requireSQL()
            let v = SQLValues(sql)
            if sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(7342002)").run()
            } else {
                try await sql.raw("UPDATE reply_locks SET user_id = user_id WHERE 1 = 0").run()
            }
            let current = try await CollisionQueries(database: db).lock(conversationID, at: date)
            if current == nil || current?.userID == user || force {
                try await sql.delete(from: "reply_locks").where("conversation_id", .equal, v.uuid(conversationID)).run()
                try await sql.insert(into: "reply_locks").columns("conversation_id", "user_id", "expires_at")
                    .values(v.uuid(conversationID), v.uuid(user), SQLBind(until)).run()
            }
            return try await CollisionQueries(database: db).lock(conversationID, at: date)
        }
    }

    /// Lets the reply go (after sending, or when the agent leaves it).
    public func release(_ conversationID: UUID, user: UUID) async throws {
        let sql = try database.requireSQL()
        let v = SQLValues(sql)
        try await sql.delete(from: "reply_locks").where("conversation_id", .equal, v.uuid(conversationID))
            .where("user_id", .equal, v.uuid(user)).run()
    }
}
