/// Why the desk refused a change: the actions layer throws these, and one middleware turns them
/// into HTTP (the status, a stable code and this message), a form's notice, or a CLI's error line.
public enum DeskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such thing ("conversation", "agent", "template"…).
    case notFound(String)
    /// The actor's role does not allow it.
    case forbidden(String)
    /// The case changed under the actor, or someone else holds it.
    case conflict(code: String, String)
    /// The input is malformed: out of range, too long, not a tag, missing.
    case invalid(code: String, String)
    /// The input reads, but the domain refuses it: a rule that could never run, a template of another handle.
    case rejected(code: String, String)

    public var description: String {
        switch self {
        case .notFound(let what): "No such \(what)."
        case .forbidden(let message), .conflict(_, let message), .invalid(_, let message), .rejected(_, let message): message
        }
    }

    /// The stable, machine-readable part.
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .conflict(let code, _), .invalid(let code, _), .rejected(let code, _): code
        }
    }
}
