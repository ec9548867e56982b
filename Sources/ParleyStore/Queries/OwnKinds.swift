import ParleyCore

/// The message kinds the brand writes (public replies, DMs, e-mails), as an SQL list for the
/// queries that tell the brand's messages from the customer's: one list, so a new channel's
/// answers are counted everywhere at once.
enum OwnKinds {
    static let sqlList = "(" + MessageKind.allCases.filter(\.isOwn).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}
