import Crypto
import Foundation

/// An RFC 7636 code verifier: the secret the client keeps between sending the user to X and
/// redeeming the code. Valid by construction; printing it shows no value.
public struct PKCECodeVerifier: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The only method Parley sends; `plain` gives no protection if the authorize URL leaks.
    public static let challengeMethod = "S256"

    public let value: String

    /// Accepts a stored verifier, checking RFC 7636 §4.1's grammar: `43*128unreserved`.
    public init(_ value: String) throws(PKCEError) {
        let count = value.utf8.count
        guard (43...128).contains(count) else { throw .badLength(count) }
        if let offset = value.utf8.firstIndex(where: { !PercentEncoding.isUnreserved($0) }) {
            throw .invalidCharacter(offset: value.utf8.distance(from: value.utf8.startIndex, to: offset))
        }
        self.value = value
    }

    /// Builds a verifier from random octets the caller drew (RFC 7636 §4.1 recommends 32), as
    /// their base64url form.
    public init(octets: some Collection<UInt8>) throws(PKCEError) {
        guard (32...96).contains(octets.count) else { throw .badOctetCount(octets.count) }
        try self.init(Base64URL.encode(octets))
    }

    /// `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`, no padding (RFC 7636 §4.2).
    public var challenge: String {
        Base64URL.encode(SHA256.hash(data: Data(value.utf8)))
    }

    public var description: String { "PKCECodeVerifier(redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
