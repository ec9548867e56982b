import Fluent
import Foundation
import ParleyCore
import ParleyStore

/// What every action runs with: the services built at start-up and a database (a request's, or
/// the application's for the CLI and the background passes).
struct ActionContext: Sendable {
    let services: ParleyServices
    let database: any Database

    var effects: Effects { services.effects }
    var now: Date { services.effects.now() }
    var conversations: ConversationQueries { ConversationQueries(database: database) }

    /// Runs a change in one transaction; once it has committed, publishes its change notices and,
    /// when it journaled desk actions, processes the journal so the case shows its new state.
    func commit<T: Sendable>(_ body: @escaping @Sendable (ActionContext) async throws -> Change<T>) async throws -> T {
        let services = services
        let change = try await DeskTransaction.run(on: database) { db in
            try await body(ActionContext(services: services, database: db))
        }
        if change.journaled {
            try await services.processor(database: database).drain()
        }
        for notice in change.notices {
            await services.hub.publish(notice)
        }
        return change.value
    }

    /// Inside a change: the case, or `DeskError.notFound`.
    func conversation(_ id: UUID) async throws -> Conversation {
        guard let conversation = try await conversations.find(id) else { throw DeskError.notFound("conversation") }
        return conversation
    }

    /// Inside a change: one entry in the case's audit trail; a person's entry also counts as their activity.
    func audit(_ id: UUID, by actor: UUID?, _ action: AuditAction, _ detail: String) async throws {
        try await AuditQueries(database: database).record([AuditEvent(
            id: effects.newID(), conversationID: id, actorID: actor, action: action, detail: detail, createdAt: now)])
        if let actor { try await AgentQueries(database: database).touch(actor, at: now) }
    }
}

/// What a change did, and what is left to do once it has committed.
struct Change<Value: Sendable>: Sendable {
    var value: Value
    var notices: [ChangeNotice] = []
    /// Desk actions went into the journal: process it before answering.
    var journaled = false

    init(_ value: Value, notices: [ChangeNotice] = [], journaled: Bool = false) {
        self.value = value
        self.notices = notices
        self.journaled = journaled
    }

    /// `other`'s notices and journal work added to this change's.
    mutating func absorb<Other>(_ other: Change<Other>) {
        notices += other.notices
        journaled = journaled || other.journaled
    }
}
