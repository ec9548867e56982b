/// Choices an admin makes about what opens a conversation.
public struct PipelineOptions: Sendable, Equatable {
    /// A pure retweet says nothing to answer, so by default it is recorded but opens no case.
    public var retweetsOpenConversations: Bool

    public init(retweetsOpenConversations: Bool = false) {
        self.retweetsOpenConversations = retweetsOpenConversations
    }
}
