import Foundation
import ParleyCore
import ParleyStore

/// An agent confirms the e-mail address an X customer gave (in a DM, say): from then on the
/// customer card shows their X cases and the cases that address opened by e-mail together.
/// Only an agent's confirmation joins them: an address typed in a support form proves nothing.
struct ConfirmEmailAction: Sendable {
    let context: ActionContext

    func run(_ raw: String, on conversationID: UUID, by actor: DeskUser) async throws {
        let address = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard MailMessage.isAddress(address) else {
            throw DeskError.rejected(code: "bad_address", "\"\(address.prefix(80))\" is not an e-mail address.")
        }
        try await context.commit { tx in
            guard let detail = try await tx.conversations.detail(conversationID) else { throw DeskError.notFound("conversation") }
            guard CustomerIdentity.address(of: detail.customer.xUserID) == nil else {
                throw DeskError.rejected(code: "already_email", "This customer is known by their e-mail address already.")
            }
            if try await CustomerEmailQueries(database: tx.database).confirm(customerID: detail.customer.id, address: address, by: actor.id, at: tx.now) {
                try await tx.audit(conversationID, by: actor.id, .emailConfirmed, address)
            }
            return Change((), notices: [ChangeNotice(conversationIDs: [conversationID], reason: "customer")])
        }
    }
}
