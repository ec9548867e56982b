import Crypto
import Foundation

/// Encrypts X tokens for storage with AES-256-GCM under a key from configuration. A sealed token is
/// text: `v1:` + base64(12-byte nonce + ciphertext + 16-byte tag). The version prefix is also
/// authenticated, so a value cannot be relabelled for a later format.
public struct TokenSealer: Sendable, CustomStringConvertible, CustomReflectable {
    static let version = "v1"
    static let keyByteCount = 32
    private static let nonceByteCount = 12
    private static let tagByteCount = 16

    private let key: SymmetricKey
    private let makeNonce: @Sendable () -> [UInt8]

    /// - Parameters:
    ///   - base64Key: 32 random bytes, base64-encoded (for example `openssl rand -base64 32`).
    ///   - makeNonce: 12 fresh random bytes per call. Tests may fix them; production must not,
    ///     because two values sealed under one key and one nonce reveal each other. Bytes rather
    ///     than `AES.GCM.Nonce` so that callers need not import Crypto.
    public init(
        base64Key: String, makeNonce: @escaping @Sendable () -> [UInt8] = { Array(AES.GCM.Nonce()) }
    ) throws(TokenSealerError) {
        guard let bytes = Data(base64Encoded: base64Key.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .invalidKey(reason: "not base64")
        }
        guard bytes.count == Self.keyByteCount else {
            throw .invalidKey(reason: "\(bytes.count) bytes, expected \(Self.keyByteCount)")
        }
        self.key = SymmetricKey(data: bytes)
        self.makeNonce = makeNonce
    }

    public var description: String { "TokenSealer(key redacted)" }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    public func seal(_ token: String) throws(TokenSealerError) -> String {
        let box: AES.GCM.SealedBox
        do {
            let nonceBytes = makeNonce()
            guard nonceBytes.count == Self.nonceByteCount else { throw TokenSealerError.sealFailed }
            let nonce = try AES.GCM.Nonce(data: nonceBytes)
            box = try AES.GCM.seal(Data(token.utf8), using: key, nonce: nonce, authenticating: Self.associatedData)
        } catch {
            throw .sealFailed
        }
        // `combined` is nonce + ciphertext + tag whenever the nonce is the standard 12 bytes.
        guard let combined = box.combined else { throw .sealFailed }
        return Self.version + ":" + combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws(TokenSealerError) -> String {
        let parts = sealed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == Self.version else {
            throw .malformed(reason: "expected the \(Self.version): prefix")
        }
        guard let combined = Data(base64Encoded: String(parts[1])) else {
            throw .malformed(reason: "the payload is not base64")
        }
        guard combined.count >= Self.nonceByteCount + Self.tagByteCount else {
            throw .malformed(reason: "the payload is \(combined.count) bytes, shorter than nonce and tag")
        }
        let plaintext: Data
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            plaintext = try AES.GCM.open(box, using: key, authenticating: Self.associatedData)
        } catch {
            throw .cannotOpen
        }
        guard let token = String(data: plaintext, encoding: .utf8) else {
            throw .malformed(reason: "the opened value is not UTF-8")
        }
        return token
    }

    private static let associatedData = Data("parley.token.\(version)".utf8)
}
