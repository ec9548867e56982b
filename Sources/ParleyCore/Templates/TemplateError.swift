/// Where in a template body a problem lies.
public struct TemplatePosition: Sendable, Hashable {
    /// 1-based, counting user-perceived characters, as a person reads the body.
    public var character: Int
    /// 0-based UTF-16 offset, as a text box in the browser counts (to select the spot).
    public var utf16Offset: Int

    public init(character: Int, utf16Offset: Int) {
        self.character = character
        self.utf16Offset = utf16Offset
    }
}

/// Why a template cannot be saved. Raised when it is saved, never when it is used.
public enum TemplateError: Error, Hashable, CustomStringConvertible {
    case emptyName
    case invalidName(String)
    case nameTooLong(length: Int, limit: Int)
    case emptyBody
    case bodyTooLong(length: Int, limit: Int)
    /// `{{` with no `}}` after it on the same line; carries the text from `{{` on.
    case unclosedPlaceholder(String, at: TemplatePosition)
    /// `}}` with no `{{` before it, or a third brace next to a pair.
    case unbalancedBraces(String, at: TemplatePosition)
    case emptyPlaceholder(at: TemplatePosition)
    case unknownPlaceholder(String, at: TemplatePosition, suggestion: TemplatePlaceholder?)
    case invalidAction(String)

    public var description: String {
        switch self {
        case .emptyName: return "The template needs a name."
        case let .invalidName(reason): return reason
        case let .nameTooLong(length, limit): return "The name is \(length) characters long; the limit is \(limit)."
        case .emptyBody: return "The template's text is empty."
        case let .bodyTooLong(length, limit): return "The text is \(length) characters long; even a DM holds at most \(limit)."
        case let .unclosedPlaceholder(text, at):
            return "\"\(text)\" at character \(at.character) opens a placeholder with \"{{\" but never closes it with \"}}\"."
        case let .unbalancedBraces(text, at):
            return "\"\(text)\" at character \(at.character) has unbalanced braces: write placeholders as {{name}}."
        case let .emptyPlaceholder(at):
            return "The placeholder at character \(at.character) has no name; known names: \(Self.known)."
        case let .unknownPlaceholder(name, at, suggestion):
            let hint = suggestion.map { " Did you mean \($0.written)?" } ?? " Known names: \(Self.known)."
            return "Unknown placeholder \"{{\(name)}}\" at character \(at.character).\(hint)"
        case let .invalidAction(reason): return reason
        }
    }

    private static let known = TemplatePlaceholder.allCases.map(\.written).joined(separator: ", ")
}
