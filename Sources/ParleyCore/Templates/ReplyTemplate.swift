import Foundation

/// A saved reply, for one handle or (without one) for all, and the macro actions that go with it.
///
/// Built only through the validating initializer, so a stored template always parses: a bad
/// placeholder is refused when the template is saved, not when an agent uses it.
public struct ReplyTemplate: Sendable, Hashable {
    public static let maxNameLength = 100
    /// A template longer than a DM can never be sent.
    public static let maxBodyLength = DirectMessageText.maxLength

    public var id: UUID
    /// Nil: offered on every handle.
    public var handleID: UUID?
    public var name: String
    public var body: String
    public var actions: [MacroAction]

    /// Checks and normalizes: the name trimmed, one line, at most 100 characters; the body not
    /// blank, at most 10,000 characters, every placeholder known; the actions as
    /// `MacroAction.validated` says.
    public init(id: UUID, handleID: UUID?, name: String, body: String, actions: [MacroAction]) throws(TemplateError) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .emptyName }
        guard name.count <= Self.maxNameLength else { throw .nameTooLong(length: name.count, limit: Self.maxNameLength) }
        guard !name.contains(where: \.isNewline) else { throw .invalidName("The name is one line of text.") }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyBody }
        let length = DirectMessageText.length(of: body)
        guard length <= Self.maxBodyLength else { throw .bodyTooLong(length: length, limit: Self.maxBodyLength) }
        _ = try TemplateBody(parsing: body)
        self.id = id
        self.handleID = handleID
        self.name = name
        self.body = body
        self.actions = try MacroAction.validated(actions)
    }

    /// The body, parsed (again: the initializer already checked it parses).
    public func parsedBody() throws(TemplateError) -> TemplateBody {
        try TemplateBody(parsing: body)
    }
}
