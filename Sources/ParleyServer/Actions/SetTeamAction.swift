import Foundation
import ParleyCore
import ParleyStore

/// Sends a case to a team's queue (nil: no team), by a supervisor.
struct SetTeamAction: Sendable {
    let context: ActionContext

    func run(_ id: UUID, to team: UUID?, by actor: DeskUser) async throws {
        guard actor.role.includes(.supervisor) else { throw DeskError.forbidden("Only a supervisor may move a case to another team.") }
        try await context.commit { tx in
            if let team, try await TeamQueries(database: tx.database).find(team) == nil { throw DeskError.notFound("team") }
            _ = try await tx.conversation(id)
            try await AssignmentQueries(database: tx.database).route(id, toTeam: team, by: actor.id, at: tx.now, newID: tx.effects.newID())
            return Change((), notices: [ChangeNotice(conversationIDs: [id], reason: "team")])
        }
    }
}
