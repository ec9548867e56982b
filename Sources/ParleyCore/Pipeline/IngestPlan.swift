import Foundation

/// What the store must write for one batch: the planner's whole output.
public struct IngestPlan: Sendable {
    /// New or changed rows, by id; the store upserts them.
    public var customers: [UUID: Customer] = [:]
    public var messages: [UUID: Message] = [:]
    public var conversations: [UUID: Conversation] = [:]
    /// New key rows to insert.
    public var newKeys: [ThreadKeyRow] = []
    /// Messages that were waiting without a conversation and have now joined one.
    public var adopted: [UUID: UUID] = [:]
    /// Edit-history length of the version each written message holds.
    public var versionRanks: [UUID: Int] = [:]
    public var tally = Tally()

    public init() {}

    public struct Tally: Sendable, Equatable {
        public var newMessages = 0
        public var duplicates = 0
        public var edits = 0
        public var unrelated = 0
        public var newConversations = 0
        public var deskActions = 0
        public init() {}
    }
}
