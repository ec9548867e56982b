/// Why a payload could not be read at all. Messages name shapes, paths and sizes, never post text.
public enum XPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero bytes, or only whitespace.
    case empty
    /// The bytes are not JSON (an HTML error page, a truncated line, invalid UTF-8).
    case notJSON(String)
    /// Valid JSON, but not an object: an array, a string, a number, `true`/`false` or `null`.
    case notAnObject(found: String)
    /// An object, but not any payload X sends: no `data`, `includes`, `meta` or `errors`, no
    /// Account Activity events, and neither a v1.1 nor a v2 post.
    case unrecognizedShape(topLevelKeys: [String])
    /// A field the payload cannot do without is missing or of the wrong type.
    case invalidField(path: String, reason: String)

    public var description: String {
        switch self {
        case .empty:
            "payload is empty"
        case .notJSON(let detail):
            "payload is not JSON: \(detail)"
        case .notAnObject(let found):
            "payload is JSON but a top-level \(found), not an object"
        case .unrecognizedShape(let keys):
            keys.isEmpty
                ? "payload is an empty object; not an X payload"
                : "payload is not an X payload; top-level keys: \(keys.joined(separator: ", "))"
        case .invalidField(let path, let reason):
            "payload field \(path): \(reason)"
        }
    }
}
