import Foundation

/// Who may give a case to whom. Agents may take a case or give back their own; assigning anyone
/// else, unassigning someone else, or taking a case another agent holds takes a supervisor.
public enum AssignmentRule {
    /// Refuses what `actor`'s role does not allow: giving the case held by `holder` to `target`
    /// (nil: unassigning).
    public static func check(actor: DeskUser, target: UUID?, holder: UUID?, holderName: String?) throws(DeskError) {
        let supervisor = actor.role.includes(.supervisor)
        if let target {
            if target != actor.id, !supervisor {
                throw .forbidden("Only a supervisor may assign a case to someone else.")
            }
            if let holder, holder != target, holder != actor.id, !supervisor {
                throw .conflict(code: "assigned", "\(holderName ?? "Someone") has this case; a supervisor can reassign it.")
            }
        } else if holder != actor.id, !supervisor {
            throw .forbidden("Only a supervisor may unassign someone else's case.")
        }
    }

    /// The trail's word for it.
    public static func action(actor: UUID, target: UUID?) -> AuditAction {
        guard let target else { return .unassigned }
        return target == actor ? .took : .assigned
    }
}
