import FluentKit
import Foundation
import ParleyCore
import ParleyStore

/// Agents' e-mail answers, out through the outbox like any reply: a plain-text message with the
/// customer's last e-mail quoted, threaded under it (`In-Reply-To`, `References`, the case's
/// reference in the subject), sent by `SMTPSender`.
///
/// Once: SMTP has no way to ask "did you take it?", so the transport records the hand-over in
/// `mail_commits` right before the final dot, the moment the server takes the message. A sender
/// that dies after the server's 250 but before `sent` is recorded finds that row on its retry
/// (`findDelivered`) and does not send again; one that died before the dot finds none, and the
/// server, which never saw the end of the message, kept nothing. (The one gap left is a server
/// that refused the message after its final dot while the process died: it is counted as sent.)
/// 4xx replies and lost connections are tried again with backoff; 5xx fail the item.
struct MailTransport: OutboxTransport {
    let database: any Database
    let configuration: SMTPSender.Configuration?
    let effects: Effects

    func deliver(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt {
        guard let configuration else {
            throw DeliveryError.rejected(code: "no_smtp", reason: "E-mail is not set up here (SMTP_URL), so e-mail answers cannot go out.")
        }
        let item = delivery.item
        let message = try await compose(item, from: configuration.from)
        let now = effects.now()
        let messageID = message.messageID ?? ""
        let commits = MailCommitQueries(database: database)
        do {
            let sent = try await SMTPSender(configuration: configuration).send(message, at: now) { raw in
                try await commits.record(outboxID: item.id, messageID: messageID, raw: raw, at: now)
            }
            return DeliveryReceipt(xID: "mail:" + messageID, createdAt: now, echo: sent)
        } catch let refused as SMTPSender.Refused {
            throw refused.isTemporary ? DeliveryError.temporary(reason: refused.description) : DeliveryError.rejected(code: "smtp_\(refused.reply.code)", reason: refused.description)
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError.temporary(reason: "\(error)")
        }
    }

    func findDelivered(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt? {
        try await MailCommitQueries(database: database).find(outboxID: delivery.item.id)
            .map { DeliveryReceipt(xID: "mail:" + $0.messageID, createdAt: $0.at, echo: $0.raw) }
    }

    /// The message for an outbox item: to the case's customer, under their last e-mail.
    func compose(_ item: OutboxItem, from: String) async throws -> MailMessage {
        guard let address = item.recipientXUserID.flatMap(CustomerIdentity.address), let conversationID = item.conversationID,
            let detail = try await ConversationQueries(database: database).detail(conversationID)
        else { throw DeliveryError.rejected(code: "no_address", reason: "This answer has no e-mail address to go to.") }
        let mails = detail.messages.filter { $0.kind.channel == .email }.sorted { $0.createdAt < $1.createdAt }
        let answered = mails.last { $0.xID == item.inReplyToXID } ?? mails.last { $0.kind == .email }
        let subject = MailThread.replySubject(answered?.subject ?? "Your message to \(detail.handle.name)")
        var body = item.text
        if let answered {
            body += "\n\n" + MailThread.quote(answered.text, by: detail.customer.name, at: answered.createdAt)
        }
        let ids = mails.compactMap { $0.xID.hasPrefix("mail:") ? String($0.xID.dropFirst(5)) : nil }
        let domain = from.split(separator: "@").last.map(String.init) ?? "parley.local"
        do {
            return try MailMessage(
                from: from, to: [address], subject: CaseReference.tagged(subject, conversationID: conversationID), body: body,
                messageID: "reply-\(item.id.uuidString.lowercased())@\(domain)",
                inReplyTo: answered.map { String($0.xID.dropFirst(5)) }, references: Array(ids.suffix(20)))
        } catch {
            throw DeliveryError.rejected(code: "bad_address", reason: error.description)
        }
    }
}

/// The outbox's way out, by channel: X (or its sandbox) for posts and DMs, SMTP for e-mail.
struct ChannelTransport: OutboxTransport {
    let x: any OutboxTransport
    let mail: MailTransport

    func deliver(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt {
        delivery.item.channel == .email ? try await mail.deliver(delivery) : try await x.deliver(delivery)
    }

    func findDelivered(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt? {
        delivery.item.channel == .email ? try await mail.findDelivered(delivery) : try await x.findDelivered(delivery)
    }
}
