import Foundation

/// Choices an admin makes about what opens a conversation.
public struct PipelineOptions: Sendable, Equatable {
    /// A pure retweet says nothing to answer, so by default it is recorded but opens no case.
    public var retweetsOpenConversations: Bool
    /// A customer writing within this long after their case was resolved reopens it; later, a new
    /// case opens, linked to the old one.
    public var reopenWindow: TimeInterval

    public init(retweetsOpenConversations: Bool = false, reopenWindow: TimeInterval = 7 * 24 * 3600) {
        self.retweetsOpenConversations = retweetsOpenConversations
        self.reopenWindow = reopenWindow
    }
}
