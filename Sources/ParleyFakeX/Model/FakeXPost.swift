import Foundation

/// A post in the fake world.
public struct FakeXPost: Sendable, Equatable {
    public var id: String
    public var authorID: String
    public var text: String
    public var createdAt: Date
    public var conversationID: String?
    public var inReplyToUserID: String?
    public var referencedTweets: [FakeXReference]
    /// True: replying to it gets X's 403 "Reply to this conversation is not allowed...".
    public var replyRestricted: Bool
    /// The post object as recorded (twarc's additions removed), served with the fields asked for.
    public var recordedJSON: FakeXJSON?

    /// The post this one replies to, if any.
    public var repliedToID: String? {
        referencedTweets.first { $0.type == "replied_to" }?.id
    }

    public init(
        id: String, authorID: String, text: String, createdAt: Date, conversationID: String? = nil,
        inReplyToUserID: String? = nil, referencedTweets: [FakeXReference] = [], replyRestricted: Bool = false,
        recordedJSON: FakeXJSON? = nil
    ) {
        self.id = id
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
        self.conversationID = conversationID
        self.inReplyToUserID = inReplyToUserID
        self.referencedTweets = referencedTweets
        self.replyRestricted = replyRestricted
        self.recordedJSON = recordedJSON
    }
}

/// `referenced_tweets[]`: `type` is `replied_to`, `quoted` or `retweeted`.
public struct FakeXReference: Sendable, Equatable {
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }
}
