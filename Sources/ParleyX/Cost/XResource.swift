/// The kinds of resource X's pay-per-use pricing bills separately.
public enum XResource: String, Sendable, Codable, CaseIterable, Comparable {
    /// A post returned by a read (timeline, search, stream, lookup).
    case postRead = "post_read"
    /// A user object returned by a read (authors in `includes.users`, a user lookup).
    case userRead = "user_read"
    /// A DM event returned by a read.
    case dmEventRead = "dm_event_read"
    /// A post created.
    case postCreate = "post_create"
    /// A DM sent.
    case dmCreate = "dm_create"
    /// A read of the account's own posts or DM events (reconciling a send).
    case ownedRead = "owned_read"
    /// X's "User Interaction: Create": muting an author.
    case userInteraction = "user_interaction_create"
    /// X's "Content: Manage": hiding a reply.
    case contentManage = "content_manage"

    public static func < (lhs: XResource, rhs: XResource) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Whether spending on it is a read, which a monthly budget may pause. Sends are never paused.
    public var isRead: Bool {
        switch self {
        case .postRead, .userRead, .dmEventRead, .ownedRead: true
        case .postCreate, .dmCreate, .userInteraction, .contentManage: false
        }
    }
}
