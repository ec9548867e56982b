import Foundation
import ParleyCore
import ParleyStore

/// What a person does to scheduled posts: write, edit, reschedule, submit, approve or reject
/// (supervisors and admins), delete. The publisher (`Publisher`) does the rest.
struct ScheduledPostActions: Sendable {
    let context: ActionContext

    /// When a post goes out: an instant, or a wall-clock time in a zone (the author's).
    enum When: Sendable, Equatable {
        case instant(Date)
        case local(String)
    }

    struct Draft: Sendable {
        var handleID: UUID
        var text: String
        var when: When
        var timeZone: String
        /// Straight to awaiting approval rather than draft.
        var submit: Bool
    }

    struct Edit: Sendable {
        var text: String?
        var when: When?
        var timeZone: String?
    }

    func create(_ draft: Draft, by actor: DeskUser) async throws -> ScheduledPost {
        let zone = try ScheduledPostRules.zone(draft.timeZone)
        let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = try ScheduledPostRules.parts(of: text)
        let due = try Self.instant(draft.when, zone: zone)
        try ScheduledPostRules.checkAhead(due, now: context.now)
        return try await context.commit { tx in
            guard try await HandleQueries(database: tx.database).find(draft.handleID) != nil else { throw DeskError.notFound("handle") }
            let posts = ScheduledPostQueries(database: tx.database)
            if let other = try await posts.duplicate(of: text, handleID: draft.handleID, except: nil) {
                throw ScheduledPostError.duplicate(of: other)
            }
            var post = ScheduledPost(
                id: tx.effects.newID(), handleID: draft.handleID, text: text, parts: parts, dueAt: due,
                timeZone: zone.identifier, state: .draft, authorID: actor.id, createdAt: tx.now, updatedAt: tx.now)
            if draft.submit {
                try post.apply(.submit, at: tx.now)
                post.version = 1
            }
            try await posts.create(post)
            return Change(post)
        }
    }

    /// Changes text, time or zone. A post that was approved, held or failed goes back to awaiting
    /// approval: what goes out is always what a reviewer saw.
    func edit(_ id: UUID, _ edit: Edit, by actor: DeskUser) async throws -> ScheduledPost {
        try await change(id, by: actor, .edit) { post, now in
            let zone = try ScheduledPostRules.zone(edit.timeZone ?? post.timeZone)
            if let text = edit.text {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                post.parts = try ScheduledPostRules.parts(of: trimmed)
                post.text = trimmed
            }
            if let when = edit.when {
                post.dueAt = try Self.instant(when, zone: zone)
                try ScheduledPostRules.checkAhead(post.dueAt, now: now)
            } else if post.dueAt.timeIntervalSince(now) < ScheduledPostRules.minimumLead {
                // An overdue post being fixed up needs a new time, not a silent send.
                try ScheduledPostRules.checkAhead(post.dueAt, now: now)
            }
            post.timeZone = zone.identifier
            post.error = nil
            post.hold = nil
            post.approvedBy = nil
        } check: { post, tx in
            if let other = try await ScheduledPostQueries(database: tx.database).duplicate(of: post.text, handleID: post.handleID, except: post.id) {
                throw ScheduledPostError.duplicate(of: other)
            }
        }
    }

    func submit(_ id: UUID, by actor: DeskUser) async throws -> ScheduledPost {
        try await change(id, by: actor, .submit) { post, _ in post.rejectionNote = nil }
    }

    /// A supervisor's yes. An overdue post (held by a crisis, now reviewed) goes out at once.
    func approve(_ id: UUID, by actor: DeskUser) async throws -> ScheduledPost {
        try Self.requireReviewer(actor)
        return try await change(id, by: actor, .approve) { post, _ in
            post.approvedBy = actor.id
            post.hold = nil
            post.rejectionNote = nil
        }
    }

    func reject(_ id: UUID, note: String, by actor: DeskUser) async throws -> ScheduledPost {
        try Self.requireReviewer(actor)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw ScheduledPostError.rejectionNeedsNote }
        return try await change(id, by: actor, .reject) { post, _ in
            post.rejectionNote = String(note.prefix(1_000))
            post.approvedBy = nil
            post.hold = nil
        }
    }

    func delete(_ id: UUID, by actor: DeskUser) async throws {
        try await context.commit { tx in
            let posts = ScheduledPostQueries(database: tx.database)
            guard let post = try await posts.find(id) else { throw ScheduledPostError.notFound(id) }
            try Self.requireOwnerOrReviewer(actor, post)
            guard post.state.after(.delete) != nil else { throw ScheduledPostError.notAllowed(move: .delete, state: post.state) }
            try await posts.delete(id, version: post.version)
            return Change(())
        }
    }

    private func change(
        _ id: UUID, by actor: DeskUser, _ move: ScheduledPostState.Move,
        _ body: @escaping @Sendable (inout ScheduledPost, Date) throws -> Void,
        check: @escaping @Sendable (ScheduledPost, ActionContext) async throws -> Void = { _, _ in }
    ) async throws -> ScheduledPost {
        try await context.commit { tx in
            let posts = ScheduledPostQueries(database: tx.database)
            guard var post = try await posts.find(id) else { throw ScheduledPostError.notFound(id) }
            if move != .approve, move != .reject { try Self.requireOwnerOrReviewer(actor, post) }
            try post.apply(move, at: tx.now)
            try body(&post, tx.now)
            try await check(post, tx)
            try await posts.update(post)
            return Change(post)
        }
    }

    static func instant(_ when: When, zone: TimeZone) throws -> Date {
        switch when {
        case .instant(let date): date
        case .local(let text): try ScheduledPostRules.instant(local: text, in: zone)
        }
    }

    static func requireReviewer(_ actor: DeskUser) throws {
        guard actor.role.includes(.supervisor) else {
            throw DeskError.forbidden("Only a supervisor or an admin approves or rejects scheduled posts.")
        }
    }

    static func requireOwnerOrReviewer(_ actor: DeskUser, _ post: ScheduledPost) throws {
        guard actor.role.includes(.supervisor) || post.authorID == actor.id else {
            throw DeskError.forbidden("Only the post's author or a supervisor changes a scheduled post.")
        }
    }
}
