import Foundation

/// Where a raw event came from. The journal keys events by source and external id.
public enum EventSource: String, Sendable, Codable, CaseIterable {
    /// A JSONL file fed by `parley replay` (or the demo).
    case replay
    /// `POST /api/v1/events`.
    case api
    /// The local X sandbox echoing what the sender published.
    case sandbox
    /// The sender recording what X accepted, before any echo arrives.
    case outbox
    /// An agent's action on a conversation.
    case desk
    case xPoll = "x_poll"
    case xStream = "x_stream"
    case xWebhook = "x_webhook"
    /// A raw RFC 5322 message an inbound-mail relay POSTed to `/webhooks/email`.
    case email
    /// A customer's request from the help center's support form (`SupportRequest` as JSON).
    case supportForm = "support_form"
}

/// One event exactly as a source delivered it, before any interpretation.
public struct RawEvent: Sendable, Equatable {
    public var source: EventSource
    /// The id the source gives the event (a post or DM event id), or a hash of the bytes.
    public var externalID: String
    public var payload: Data
    public var receivedAt: Date

    public init(source: EventSource, externalID: String, payload: Data, receivedAt: Date) {
        self.source = source
        self.externalID = externalID
        self.payload = payload
        self.receivedAt = receivedAt
    }
}

/// A journaled event with its place in the journal's order.
public struct JournalEntry: Sendable, Equatable {
    public var sequence: Int
    public var event: RawEvent

    public init(sequence: Int, event: RawEvent) {
        self.sequence = sequence
        self.event = event
    }
}
