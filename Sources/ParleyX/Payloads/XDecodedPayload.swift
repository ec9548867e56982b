import ParleyCore

/// What one raw payload from X said, in ParleyCore's terms, with what the decoder had to leave out.
public struct XDecodedPayload: Sendable, Equatable {
    public var kind: XPayloadKind
    /// Posts, DMs and user profiles, in payload order; users deduplicated by id, first seen kept.
    public var event: InboundEvent
    /// A page's `meta` (newest and oldest id, `next_token`, `result_count`).
    public var meta: XPageMeta?
    /// X's partial `errors` array: the request succeeded, but some resources could not be returned.
    public var problems: [XAPIProblem]
    /// Items that were recognised but could not become inbound values, with the reason.
    public var skipped: [XSkippedItem]
    /// Posts an Account Activity `tweet_delete_events` says were deleted.
    public var deletedPostIDs: [String]
    /// The account an Account Activity payload was delivered for.
    public var forUserID: String?
    /// A stable id for journaling: `post:<id>`, `dm:<id>` or `aa:<for_user_id>:<events>`;
    /// nil when the payload has no natural id (the caller then hashes the bytes).
    public var externalID: String?

    public init(
        kind: XPayloadKind, event: InboundEvent = InboundEvent(), meta: XPageMeta? = nil,
        problems: [XAPIProblem] = [], skipped: [XSkippedItem] = [], deletedPostIDs: [String] = [],
        forUserID: String? = nil, externalID: String? = nil
    ) {
        self.kind = kind
        self.event = event
        self.meta = meta
        self.problems = problems
        self.skipped = skipped
        self.deletedPostIDs = deletedPostIDs
        self.forUserID = forUserID
        self.externalID = externalID
    }
}

/// Which of X's shapes a payload had.
public enum XPayloadKind: String, Sendable, Equatable, CaseIterable {
    /// `{"data":{post}}` (a filtered-stream line, a lookup, a create response) or one bare
    /// (twarc-flattened) v2 post.
    case v2Post
    /// `{"data":[posts]}`, or a page with no `data` at all (only `meta` and/or `errors`).
    case v2Page
    /// DM events: `{"data":[events]}` or `{"data":{event}}`.
    case v2DMPage
    /// User lookups: `{"data":{user}}` or `{"data":[users]}`.
    case v2Users
    /// An Account Activity webhook delivery (`for_user_id` with `*_events`, or `user_event`).
    case accountActivity
    /// One bare v1.1 post object.
    case v1Tweet
    /// A v2 envelope whose `data` is none of the above: counts, lists, spaces, compliance jobs,
    /// acknowledgements such as `{"data":{"liked":true}}`.
    case other
}

/// Something the decoder recognised but could not deliver, e.g. a post without `author_id`.
public struct XSkippedItem: Sendable, Equatable, CustomStringConvertible {
    /// Where it was, e.g. `data[3]` or `includes.users[0]`.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
