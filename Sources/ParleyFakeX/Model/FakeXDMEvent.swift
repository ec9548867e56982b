import Foundation

/// A one-to-one `MessageCreate` DM event.
public struct FakeXDMEvent: Sendable, Equatable {
    public var id: String
    public var senderID: String
    public var recipientID: String
    public var text: String
    public var createdAt: Date

    public init(id: String, senderID: String, recipientID: String, text: String, createdAt: Date) {
        self.id = id
        self.senderID = senderID
        self.recipientID = recipientID
        self.text = text
        self.createdAt = createdAt
    }

    /// X names a one-to-one conversation "<smaller id>-<larger id>".
    public var conversationID: String {
        Self.conversationID(senderID, recipientID)
    }

    static func conversationID(_ a: String, _ b: String) -> String {
        Snowflake.isLess(a, b) ? "\(a)-\(b)" : "\(b)-\(a)"
    }
}
