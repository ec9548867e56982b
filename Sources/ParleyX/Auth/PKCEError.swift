/// Why a PKCE code verifier was refused. Messages give lengths and offsets, never the verifier.
public enum PKCEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// RFC 7636 §4.1: 43 to 128 characters.
    case badLength(Int)
    /// A character outside `A-Z a-z 0-9 - . _ ~`, at this zero-based UTF-8 offset.
    case invalidCharacter(offset: Int)
    /// Random octets for a verifier: 32 to 96, so that their base64url form is 43 to 128 characters.
    case badOctetCount(Int)

    public var description: String {
        switch self {
        case .badLength(let length):
            "PKCE code verifier is \(length) characters; RFC 7636 requires 43 to 128"
        case .invalidCharacter(let offset):
            "PKCE code verifier has a character outside A-Z a-z 0-9 - . _ ~ at offset \(offset)"
        case .badOctetCount(let count):
            "PKCE code verifier needs 32 to 96 random octets, got \(count)"
        }
    }
}
