/// What X counts a sent item as, for its posting limits.
public enum PostKind: String, Sendable, Codable, CaseIterable {
    /// A post that answers no other: a scheduled post, or the first post of a thread.
    case original
    /// A public reply (a thread's later posts are replies to its first).
    case reply
    case dm
    /// An e-mail: X does not count it.
    case email
}
