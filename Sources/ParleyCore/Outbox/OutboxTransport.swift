import Foundation

/// What a sender hands its transport: the item and the account it goes out from.
public struct OutboxDelivery: Sendable, Equatable {
    public var item: OutboxItem
    public var handleXUserID: String

    public init(item: OutboxItem, handleXUserID: String) {
        self.item = item
        self.handleXUserID = handleXUserID
    }
}

/// What X said it published.
public struct DeliveryReceipt: Sendable, Equatable {
    public var xID: String
    public var createdAt: Date
    /// What the journal keeps of it when the transport knows better than an X payload: the
    /// RFC 5322 bytes an e-mail was sent as.
    public var echo: Data?

    public init(xID: String, createdAt: Date, echo: Data? = nil) {
        self.xID = xID
        self.createdAt = createdAt
        self.echo = echo
    }
}

/// Why a delivery did not happen.
public enum DeliveryError: Error, Equatable, CustomStringConvertible {
    /// X refused the post for good (duplicate content, DMs closed, reply not allowed, too long).
    case rejected(code: String, reason: String)
    /// Worth another try later (timeouts, 5xx, rate limits).
    case temporary(reason: String)

    public var description: String {
        switch self {
        case let .rejected(code, reason): "X refused the post (\(code)): \(reason)"
        case let .temporary(reason): "Temporary failure: \(reason)"
        }
    }
}

/// The way out to X. The sandbox and the real X API client both conform.
public protocol OutboxTransport: Sendable {
    func deliver(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt
    /// Whether this item was already published (the sender died after X accepted it but before it
    /// recorded that). Called before any retry of an item found in `sending`, so nothing goes out twice.
    func findDelivered(_ delivery: OutboxDelivery) async throws -> DeliveryReceipt?
}
