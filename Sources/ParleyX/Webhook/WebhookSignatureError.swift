/// Why a webhook request was refused. Messages name what is wrong with the header, never its value,
/// the body or the secret, so they are safe to log and to return as a 401's reason.
public enum WebhookSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The POST has no `x-twitter-webhooks-signature` header.
    case missingHeader
    /// The header is not `sha256=` followed by the base64 of a 32-byte digest.
    case malformedHeader(reason: String)
    /// Well-formed, but not the HMAC of this body under the consumer secret: a tampered body, another
    /// app's secret, or a request that did not come from X.
    case mismatch
    /// The CRC `GET` has no `crc_token`, or an empty one.
    case missingCRCToken

    public var description: String {
        switch self {
        case .missingHeader:
            "webhook request has no \(WebhookSigner.signatureHeaderName) header"
        case .malformedHeader(let reason):
            "webhook \(WebhookSigner.signatureHeaderName) header is malformed: \(reason)"
        case .mismatch:
            "webhook signature does not match the body under the configured consumer secret"
        case .missingCRCToken:
            "webhook CRC request has no crc_token"
        }
    }
}
