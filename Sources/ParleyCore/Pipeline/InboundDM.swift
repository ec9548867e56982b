import Foundation

/// A direct message event (a `MessageCreate`), decoded from API v2 or Account Activity.
public struct InboundDM: Sendable, Equatable {
    public var id: String
    public var text: String
    public var senderID: String
    public var recipientID: String?
    /// X's `dm_conversation_id` ("<lower id>-<higher id>" for one-to-one conversations).
    public var dmConversationID: String?
    public var createdAt: Date

    public init(
        id: String, text: String, senderID: String, recipientID: String?, dmConversationID: String?,
        createdAt: Date
    ) {
        self.id = id
        self.text = text
        self.senderID = senderID
        self.recipientID = recipientID
        self.dmConversationID = dmConversationID
        self.createdAt = createdAt
    }

    /// The other participant of a one-to-one conversation, given one side.
    public func otherParticipant(than userID: String) -> String? {
        if let recipientID { return senderID == userID ? recipientID : senderID }
        guard let dmConversationID else { return nil }
        let ids = dmConversationID.split(separator: "-").map(String.init)
        guard ids.count == 2, ids.contains(userID) else { return nil }
        return ids[0] == userID ? ids[1] : ids[0]
    }
}
