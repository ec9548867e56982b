import Foundation

/// How a message is reachable by key. A post registers its own version ids (`self`), the post it
/// replies to (`parent`) and its X conversation root (`root`); a DM registers its event id (`self`)
/// and the customer's DM thread with the handle (`dmThread`); an e-mail its Message-ID (`self`),
/// the messages it answers (`parent`) and its case's reference (`caseReference`).
public enum ThreadKeyRole: String, Sendable, Codable {
    case `self`
    case parent
    case root
    case dmThread = "dm_thread"
    /// An e-mail's case reference (`CaseReference`), registered by every e-mail of the case.
    case caseReference = "case_ref"
}

/// One row of the key index: "this message is reachable by this key".
public struct ThreadKeyRow: Sendable, Equatable, Hashable {
    public var key: String
    public var role: ThreadKeyRole
    public var messageID: UUID
    public var conversationID: UUID?

    public init(key: String, role: ThreadKeyRole, messageID: UUID, conversationID: UUID?) {
        self.key = key
        self.role = role
        self.messageID = messageID
        self.conversationID = conversationID
    }
}

/// The keys that identify posts, DMs and DM threads in the key index.
public enum ThreadKeys {
    public static func post(_ id: String) -> String { "t:" + id }
    public static func dm(_ eventID: String) -> String { "dm:" + eventID }
    public static func dmThread(handleXUserID: String, customerXUserID: String) -> String {
        "dmt:" + handleXUserID + ":" + customerXUserID
    }
    public static func mail(_ messageID: String) -> String { "m:" + messageID }
    public static func caseReference(_ reference: String) -> String { "ref:" + reference }
}

/// What the store already knows about the keys, users and conversations one batch touches.
/// The store fills it; the planner reads it and keeps it current while it plans the batch.
public struct ThreadIndex: Sendable {
    public var keyRows: [String: [ThreadKeyRow]] = [:]
    public var messages: [UUID: Message] = [:]
    /// Edit-history length of the version each message holds, to tell newer edits from older.
    public var versionRanks: [UUID: Int] = [:]
    public var conversations: [UUID: Conversation] = [:]
    public var customers: [String: Customer] = [:]

    public init() {}

    /// The keys, users and conversations a batch of events will ask about.
    public struct Needs: Sendable, Equatable {
        public var keys: Set<String> = []
        public var userXIDs: Set<String> = []
        public var conversationIDs: Set<UUID> = []
        public init() {}
    }

    public static func needs(of events: [InboundEvent], brand: BrandDirectory) -> Needs {
        var needs = Needs()
        for event in events {
            for post in event.posts {
                for version in post.editHistory { needs.keys.insert(ThreadKeys.post(version)) }
                needs.keys.insert(ThreadKeys.post(post.id))
                if let parent = post.inReplyToPostID { needs.keys.insert(ThreadKeys.post(parent)) }
                if let root = post.conversationID { needs.keys.insert(ThreadKeys.post(root)) }
                needs.userXIDs.insert(post.authorID)
            }
            for dm in event.dms {
                needs.keys.insert(ThreadKeys.dm(dm.id))
                needs.userXIDs.insert(dm.senderID)
                if let sender = brand.handle(xUserID: dm.senderID) {
                    if let customer = dm.otherParticipant(than: sender.xUserID) {
                        needs.keys.insert(ThreadKeys.dmThread(handleXUserID: sender.xUserID, customerXUserID: customer))
                        needs.userXIDs.insert(customer)
                    }
                } else if let recipient = dm.otherParticipant(than: dm.senderID) {
                    needs.keys.insert(ThreadKeys.dmThread(handleXUserID: recipient, customerXUserID: dm.senderID))
                }
            }
            for mail in event.mails {
                needs.keys.insert(ThreadKeys.mail(mail.messageID))
                for id in mail.replyTo { needs.keys.insert(ThreadKeys.mail(id)) }
                if let reference = CaseReference.find(in: mail.subject) { needs.keys.insert(ThreadKeys.caseReference(reference)) }
                if let customer = mail.customerIdentity { needs.userXIDs.insert(customer) }
            }
            for user in event.users { needs.userXIDs.insert(user.id) }
            for action in event.deskActions { needs.conversationIDs.insert(action.conversationID) }
        }
        return needs
    }

    public mutating func register(_ row: ThreadKeyRow) {
        keyRows[row.key, default: []].append(row)
    }
}
