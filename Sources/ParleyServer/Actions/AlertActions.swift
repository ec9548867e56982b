import Foundation
import ParleyCore
import ParleyStore

/// Someone on the desk has seen a spike alert: it leaves the banner (it stays on the listening page).
struct AlertActions: Sendable {
    let context: ActionContext

    @discardableResult
    func acknowledge(_ id: UUID, by actor: DeskUser) async throws -> SpikeAlert {
        try await context.commit { tx in
            let queries = ListeningQueries(database: tx.database)
            guard try await queries.alert(id) != nil else { throw DeskError.notFound("alert") }
            try await queries.acknowledge(id, by: actor.id, at: tx.now)
            guard let alert = try await queries.alert(id) else { throw DeskError.notFound("alert") }
            return Change(alert, notices: [ChangeNotice(conversationIDs: [], reason: "alert")])
        }
    }
}
