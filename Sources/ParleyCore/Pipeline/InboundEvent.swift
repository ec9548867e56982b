/// Everything one journaled payload said, in the order it said it.
public struct InboundEvent: Sendable, Equatable {
    public var posts: [InboundPost]
    public var dms: [InboundDM]
    public var users: [InboundUser]
    public var deskActions: [DeskAction]
    public var mails: [InboundMail]

    public init(
        posts: [InboundPost] = [], dms: [InboundDM] = [], users: [InboundUser] = [],
        deskActions: [DeskAction] = [], mails: [InboundMail] = []
    ) {
        self.posts = posts
        self.dms = dms
        self.users = users
        self.deskActions = deskActions
        self.mails = mails
    }

    public var isEmpty: Bool { posts.isEmpty && dms.isEmpty && users.isEmpty && deskActions.isEmpty && mails.isEmpty }
}
