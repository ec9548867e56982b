/// Why a token could not be sealed or opened. Messages give sizes and formats, never the key, the
/// token or the sealed text.
public enum TokenSealerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configured key is not base64, or does not decode to 32 bytes.
    case invalidKey(reason: String)
    /// The stored value is not `v1:` followed by base64 of at least nonce and tag.
    case malformed(reason: String)
    /// Authentication failed: the value was sealed with another key, or altered since.
    case cannotOpen
    /// The nonce source gave other than 12 bytes, or AES-GCM refused to seal.
    case sealFailed

    public var description: String {
        switch self {
        case .invalidKey(let reason):
            "token encryption key is invalid: \(reason)"
        case .malformed(let reason):
            "sealed token is malformed: \(reason)"
        case .cannotOpen:
            "sealed token cannot be opened: it was sealed with a different key or has been altered"
        case .sealFailed:
            "token could not be sealed"
        }
    }
}
