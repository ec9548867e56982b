import Foundation

/// Something an agent did to a conversation. Desk actions are journaled like X events, so that
/// rebuilding from the journal gives back the same states.
public struct DeskAction: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case resolve
        case reopen
    }

    public var kind: Kind
    public var conversationID: UUID
    public var userID: UUID?
    public var at: Date

    public init(kind: Kind, conversationID: UUID, userID: UUID?, at: Date) {
        self.kind = kind
        self.conversationID = conversationID
        self.userID = userID
        self.at = at
    }
}
