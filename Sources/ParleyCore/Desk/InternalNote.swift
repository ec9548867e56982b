import Foundation

/// An internal note on a case: for the team only, never sent to X.
public struct InternalNote: Sendable, Equatable, Codable {
    public var id: UUID
    public var conversationID: UUID
    public var authorID: UUID
    public var authorName: String
    public var body: String
    public var createdAt: Date

    public init(id: UUID, conversationID: UUID, authorID: UUID, authorName: String, body: String, createdAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.authorID = authorID
        self.authorName = authorName
        self.body = body
        self.createdAt = createdAt
    }

    /// A note's text as kept: trimmed, 1 to 5,000 characters.
    public static func body(_ raw: String) throws(DeskError) -> String {
        let body = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= 5_000 else { throw .invalid(code: "bad_request", "A note is 1 to 5,000 characters.") }
        return body
    }
}
