import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// The support form's request: rate-limited per client and per address, journaled before the
/// customer is told it arrived, then read like an e-mail into a case in the brand's inbox (tagged
/// with its category), and acknowledged by e-mail with the case's reference.
struct SupportFormActions: Sendable {
    let context: ActionContext

    static let window: TimeInterval = 3_600
    static let perClient = 5
    static let perAddress = 3

    struct Sent: Sendable, Equatable {
        var conversationID: UUID
        var reference: String
    }

    enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case tooMany(retryAfter: Int)
        case noInbox

        var description: String {
            switch self {
            case .tooMany(let seconds): "Too many requests from here; try again in \(max(1, seconds / 60)) minutes."
            case .noInbox: "This help center does not take requests yet."
            }
        }
    }

    /// `clientKey` names the sender's connection (a hash of the address it came from).
    func submit(_ request: SupportRequest, clientKey: String) async throws -> Sent {
        let now = context.now
        let emailKey = Self.key(request.email.lowercased())
        let limits = SupportFormQueries(database: context.database)
        try await context.database.transaction { db in
            let log = SupportFormQueries(database: db)
            let recent = try await log.recent(clientKey: clientKey, emailKey: emailKey, since: now.addingTimeInterval(-Self.window))
            for (times, limit) in [(recent.client, Self.perClient), (recent.email, Self.perAddress)] where times.count >= limit {
                let free = times[times.count - limit].addingTimeInterval(Self.window)
                throw Refusal.tooMany(retryAfter: Int(free.timeIntervalSince(now).rounded(.up)))
            }
            try await log.record(clientKey: clientKey, emailKey: emailKey, at: now)
        }
        try await limits.prune(before: now.addingTimeInterval(-2 * Self.window))

        guard let handle = try await HandleQueries(database: context.database).all().first(where: { $0.xUserID == request.handleXUserID }) else {
            throw Refusal.noInbox
        }
        let payload = try EventDecoder.deskEncoder.encode(request)
        try await context.services.ingestor(database: context.database).receive([
            RawEvent(source: .supportForm, externalID: "support:\(request.id.uuidString.lowercased())", payload: payload, receivedAt: now)
        ])
        try await context.services.processor(database: context.database).drain()
        let conversationID = StableID.make("conversation", handle.id.uuidString, "mail", request.messageID)
        let settings = context.services.config.desk
        return try await context.commit { tx in
            let conversation = try await tx.conversation(conversationID)
            var change = Change(Sent(conversationID: conversation.id, reference: conversation.reference))
            // "Something else" → `something-else`: the category as a tag routing rules and filters can use.
            if let tag = TagRule.normalize(HelpSlug.make(from: request.category)) {
                change.absorb(try await TagAction(context: tx).apply([tag], to: conversation.id, by: nil, in: tx))
            }
            let acknowledgement = try MailMessage(
                from: settings.mailFrom, to: [request.email],
                subject: CaseReference.tagged("We got your message: \(request.subject)", conversationID: conversation.id),
                body: Self.acknowledgement(request, reference: conversation.reference, brand: handle.name),
                messageID: "ack-\(request.id.uuidString.lowercased())@parley.invalid", inReplyTo: request.messageID,
                references: [request.messageID])
            try await MailJob.enqueue(acknowledgement, kind: .supportEmail, key: "support-ack:\(request.id)", in: tx)
            return change
        }
    }

    static func acknowledgement(_ request: SupportRequest, reference: String, brand: String) -> String {
        let quoted = request.description.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        return """
            Hi \(request.name),

            Thanks for writing to \(brand). Your case reference is #\(reference). We answer by e-mail, \
            usually within a day; reply to this message to add anything.

            Your message:
            \(quoted)

            — \(brand) support
            """
    }

    /// SHA-256, hex: what the log keeps instead of addresses.
    static func key(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
