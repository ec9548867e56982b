import Crypto
import Foundation

/// X's Account Activity webhook security, keyed by the app's consumer secret: the answer to the CRC
/// `GET` and the check of each POST's `x-twitter-webhooks-signature`. Both are
/// `"sha256=" + base64(HMAC-SHA256(consumer secret, message))`; the message is the `crc_token` for
/// the CRC and the exact body bytes for a POST.
public struct WebhookSigner: Sendable, CustomStringConvertible, CustomReflectable {
    public static let signatureHeaderName = "x-twitter-webhooks-signature"
    static let prefix = "sha256="

    private let key: SymmetricKey

    public init(consumerSecret: String) {
        key = SymmetricKey(data: Data(consumerSecret.utf8))
    }

    public var description: String { "WebhookSigner(secret redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// The answer to `GET <webhook>?crc_token=T`.
    public func crcResponse(crcToken: String?) throws(WebhookSignatureError) -> WebhookCRCResponse {
        guard let crcToken, !crcToken.isEmpty else { throw .missingCRCToken }
        return WebhookCRCResponse(responseToken: signature(for: Data(crcToken.utf8)))
    }

    /// The header value X would send with this body.
    public func signature(for body: some DataProtocol) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return Self.prefix + Data(mac).base64EncodedString()
    }

    /// Checks a POST before anything reads its body. Pass the bytes exactly as received: a body
    /// decoded and re-encoded will not match.
    public func verify(body: some DataProtocol, signatureHeader: String?) throws(WebhookSignatureError) {
        guard let header = signatureHeader else { throw .missingHeader }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(Self.prefix) else {
            throw .malformedHeader(reason: "expected the sha256= prefix")
        }
        guard let digest = Data(base64Encoded: String(trimmed.dropFirst(Self.prefix.count))) else {
            throw .malformedHeader(reason: "the digest is not base64")
        }
        guard digest.count == SHA256.byteCount else {
            throw .malformedHeader(reason: "the digest is \(digest.count) bytes, expected \(SHA256.byteCount)")
        }
        // swift-crypto compares the codes in constant time, so timing does not reveal how many
        // leading bytes of a forged signature were right.
        guard HMAC<SHA256>.isValidAuthenticationCode(digest, authenticating: body, using: key) else {
            throw .mismatch
        }
    }
}
