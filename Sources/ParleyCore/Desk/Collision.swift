import Foundation

/// Someone on a case right now.
public struct Presence: Sendable, Equatable {
    public var userID: UUID
    public var name: String
    public var typing: Bool

    public init(userID: UUID, name: String, typing: Bool) {
        self.userID = userID
        self.name = name
        self.typing = typing
    }

    /// A heartbeat older than this no longer counts as presence.
    public static let lasts: TimeInterval = 20
}

/// Who holds a case's reply.
public struct ReplyLock: Sendable, Equatable {
    public var userID: UUID
    public var name: String
    public var expiresAt: Date

    public init(userID: UUID, name: String, expiresAt: Date) {
        self.userID = userID
        self.name = name
        self.expiresAt = expiresAt
    }

    /// How long a reply lock lasts without a keystroke.
    public static let lasts: TimeInterval = 120

    /// A reply by `userID` waits for this lock's holder unless they take over.
    public func blocks(_ userID: UUID) -> Bool {
        self.userID != userID
    }

    public var refusal: DeskError {
        .conflict(code: "replying", "\(name) is replying. Take over to send yours.")
    }
}
