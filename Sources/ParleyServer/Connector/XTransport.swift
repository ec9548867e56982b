import FluentKit
import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyX

/// The sender's way out to the real X: replies with `POST /2/tweets`, DMs with
/// `POST /2/dm_conversations/with/:participant_id/messages`. X's refusals become outbox failures
/// the agent reads; an item left in `sending` by a crash is looked for among the handle's own
/// recent posts or DM events before anything is sent again.
public struct XTransport: OutboxTransport {
    let api: XAPI
    let credentials: XCredentials
    let meter: XCostMeter
    let database: any Database
    let logger = Logger(label: "parley.x.sender")

    public init(api: XAPI, credentials: XCredentials, meter: XCostMeter, database: any Database) {
        self.api = api
        self.credentials = credentials
        self.meter = meter
        self.database = database
    }

    public func deliver(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt {
        let item = delivery.item
        let key = item.handleID.uuidString
        let credential = try await userCredential(item.handleID)
        do {
            switch item.channel {
            case .public:
                let created = try await api.createPost(text: item.text, inReplyTo: item.inReplyToXID, credential: credential)
                try await meter.record(handleKey: key, usage: XUsage([.postCreate: 1]), primary: .postCreate)
                return DeliveryReceipt(xID: created.id, createdAt: Date())
            case .dm:
                guard let recipient = item.recipientXUserID else {
                    throw DeliveryError.rejected(code: "no_recipient", reason: "This DM has no recipient.")
                }
                let created = try await api.sendDM(to: recipient, text: item.text, credential: credential)
                try await meter.record(handleKey: key, usage: XUsage([.dmCreate: 1]), primary: .dmCreate)
                return DeliveryReceipt(xID: created.dmEventID, createdAt: Date())
            case .email:
                throw DeliveryError.rejected(code: "not_x", reason: "An e-mail goes out by SMTP, not through X.")
            }
        } catch let error as XAPIError {
            let primary: XResource = item.channel == .public ? .postCreate : .dmCreate
            try await meter.record(handleKey: key, usage: .none, primary: primary)
            throw try await Self.deliveryError(error, handleID: item.handleID, database: database)
        }
    }

    public func findDelivered(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt? {
        let item = delivery.item
        let key = item.handleID.uuidString
        let credential = try await userCredential(item.handleID)
        do {
            switch item.channel {
            case .public:
                let page = try await api.ownPosts(userID: delivery.handleXUserID, sinceID: nil, credential: credential)
                try await meter.record(handleKey: key, usage: page.usage, primary: .ownedRead)
                return try OwnItemMatch.post(in: page, matching: item)
            case .dm:
                let page = try await api.dmEvents(paginationToken: nil, owned: true, credential: credential)
                try await meter.record(handleKey: key, usage: page.usage, primary: .ownedRead)
                return try OwnItemMatch.dm(in: page, matching: item, senderID: delivery.handleXUserID)
            case .email:
                return nil
            }
        } catch let error as XAPIError {
            // Unknown whether it went out: never guess, try the lookup again later.
            throw DeliveryError.temporary(reason: "could not check whether it was already sent: \(error)")
        }
    }

    private func userCredential(_ handleID: UUID) async throws -> XCredential {
        do {
            return try await credentials.user(handleID)
        } catch let error as XConnectorError {
            // Waits in the outbox until someone authorizes the handle again.
            throw DeliveryError.temporary(reason: error.description)
        }
    }

    /// X's answer to a send, as the agent should read it.
    static func deliveryError(_ error: XAPIError, handleID: UUID, database: any Database) async throws -> DeliveryError {
        switch error {
        case .forbidden(let detail):
            let lowered = detail.lowercased()
            let code = lowered.contains("duplicate") ? "duplicate_content"
                : lowered.contains("reply") ? "reply_not_allowed"
                : lowered.contains("message") || lowered.contains("dm") ? "dm_closed"
                : "forbidden"
            return .rejected(code: code, reason: detail)
        case let .refused(status, _, detail):
            let code = detail.lowercased().contains("too long") || detail.lowercased().contains("length") ? "too_long" : "refused_\(status)"
            return .rejected(code: code, reason: detail)
        case .unauthorized:
            try await XConnectionQueries(database: database).markNeedsReauth(handleID, reason: error.description)
            return .temporary(reason: "X refused the handle's credentials; authorize it again and the reply goes out.")
        case .rateLimited, .unavailable, .transport, .malformed:
            return .temporary(reason: error.description)
        }
    }
}

/// Finds an outbox item among the handle's own posts or DM events.
enum OwnItemMatch {
    static func post(in page: XPage, matching item: OutboxItem) throws -> DeliveryReceipt? {
        for entry in page.items {
            let object = try object(entry.payload)
            guard let text = object["text"] as? String, same(text, item.text) else { continue }
            let replyTo = ((object["referenced_tweets"] as? [[String: Any]]) ?? [])
                .first { $0["type"] as? String == "replied_to" }?["id"] as? String
            guard replyTo == item.inReplyToXID else { continue }
            return DeliveryReceipt(xID: entry.id, createdAt: created(object) ?? item.createdAt)
        }
        return nil
    }

    static func dm(in page: XPage, matching item: OutboxItem, senderID: String) throws -> DeliveryReceipt? {
        for entry in page.items {
            guard let object = (try JSONSerialization.jsonObject(with: entry.payload) as? [String: Any])
                .flatMap({ ($0["data"] as? [[String: Any]])?.first }) else { continue }
            guard object["sender_id"] as? String == senderID, let text = object["text"] as? String, same(text, item.text) else { continue }
            if let recipient = item.recipientXUserID, let conversation = object["dm_conversation_id"] as? String,
               !conversation.split(separator: "-").contains(Substring(recipient)) {
                continue
            }
            return DeliveryReceipt(xID: entry.id, createdAt: created(object) ?? item.createdAt)
        }
        return nil
    }

    private static func object(_ payload: Data) throws -> [String: Any] {
        ((try JSONSerialization.jsonObject(with: payload) as? [String: Any])?["data"] as? [String: Any]) ?? [:]
    }

    private static func created(_ object: [String: Any]) -> Date? {
        (object["created_at"] as? String).flatMap { XTimestamp.parseISO8601($0) }
    }

    /// X wraps links in t.co and may trim whitespace: compare with links and spacing normalized.
    static func same(_ published: String, _ sent: String) -> Bool {
        normalize(published) == normalize(sent)
    }

    private static func normalize(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace)
            .map { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? "<link>" : String($0) }
            .joined(separator: " ")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
    }
}
