import Foundation
import ParleyCore
import ParleyStore

/// Tags on a case (`TagRule`), each change in the audit trail.
struct TagAction: Sendable {
    let context: ActionContext

    /// Adds tags; returns those that were new.
    @discardableResult
    func add(_ raw: [String], to id: UUID, by actor: DeskUser) async throws -> [String] {
        let tags = try TagRule.normalize(all: raw)
        return try await context.commit { tx in try await apply(tags, to: id, by: actor.id, in: tx) }
    }

    /// Inside a change: adds tags already normalized.
    func apply(_ tags: [String], to id: UUID, by actor: UUID?, in tx: ActionContext) async throws -> Change<[String]> {
        _ = try await tx.conversation(id)
        let added = try await TagQueries(database: tx.database).add(tags, to: id)
        guard !added.isEmpty else { return Change(added) }
        try await tx.audit(id, by: actor, .tagged, added.joined(separator: ", "))
        return Change(added, notices: [ChangeNotice(conversationIDs: [id], reason: "tags")])
    }

    func remove(_ raw: String, from id: UUID, by actor: DeskUser) async throws {
        guard let tag = TagRule.normalize(raw) else { throw DeskError.notFound("tag") }
        try await context.commit { tx in
            _ = try await tx.conversation(id)
            try await TagQueries(database: tx.database).remove(tag, from: id)
            try await tx.audit(id, by: actor.id, .untagged, tag)
            return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "tags")])
        }
    }
}
