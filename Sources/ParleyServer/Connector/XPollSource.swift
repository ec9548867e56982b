/// What the connector polls for each handle.
public enum XPollSource: String, Sendable, CaseIterable {
    /// `GET /2/users/:id/mentions`.
    case mentions
    /// `GET /2/tweets/search/recent` for the handle's brand terms said without the handle.
    case search
    /// `GET /2/dm_events`.
    case dm
}
