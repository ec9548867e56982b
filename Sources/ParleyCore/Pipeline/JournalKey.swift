import Foundation

/// The journal's keys. With its source, an event's key says what makes it one event: a source
/// that delivers it twice (a webhook retry, overlapping poll pages, a stream reconnect's
/// backfill) journals it once. Every source builds its key here.
public enum JournalKey {
    /// A post by X's id, from the stream, a poll, a backfill or a webhook.
    public static func post(_ id: String) -> String { "post:" + id }
    /// A DM event by X's id.
    public static func dm(_ id: String) -> String { "dm:" + id }
    /// A reply X accepted, by its outbox row.
    public static func outbox(_ id: UUID) -> String { "outbox:" + id.uuidString }
    /// An agent's action (each one is new).
    public static func desk(_ id: UUID) -> String { "desk:" + id.uuidString }
    /// An Account Activity delivery: the account it is for and every event's kind and id, sorted.
    public static func accountActivity(forUserID: String, events: [String]) -> String {
        "aa:\(forUserID):" + events.sorted().joined(separator: ",")
    }
    /// Bytes with no id of their own, by their SHA-256 (lowercase hex): the same bytes are one event.
    public static func content(sha256 hex: String) -> String { "sha256:" + hex }
}
