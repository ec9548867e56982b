import Crypto
import Foundation

/// The support form's time trap: the form carries the moment it was shown, signed (and checked in
/// constant time), and a request
/// sent sooner than a person could type one (or with a token that is stale or not ours) is not
/// taken. Signed with a key the processes share (`SharedSecrets`), so any process can check it.
enum SupportFormToken {
    static let minimumSeconds: TimeInterval = 3
    static let maximumAge: TimeInterval = 24 * 3_600

    enum Verdict: Equatable {
        case ok
        case tooFast
        case stale
    }

    static func make(brand: String, at now: Date, key: String) -> String {
        let seconds = Int(now.timeIntervalSince1970)
        return "\(seconds).\(signature(brand: brand, seconds: seconds, key: key))"
    }

    static func check(_ token: String, brand: String, now: Date, key: String) -> Verdict {
        let parts = token.split(separator: ".")
        guard parts.count == 2, let seconds = Int(parts[0]), let mac = hex(parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message(brand: brand, seconds: seconds), using: SymmetricKey(data: Data(key.utf8)))
        else { return .stale }
        let age = now.timeIntervalSince1970 - Double(seconds)
        if age < minimumSeconds { return .tooFast }
        return age > maximumAge ? .stale : .ok
    }

    private static func message(brand: String, seconds: Int) -> Data {
        Data("support-form:\(brand):\(seconds)".utf8)
    }

    private static func signature(brand: String, seconds: Int, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message(brand: brand, seconds: seconds), using: SymmetricKey(data: Data(key.utf8)))
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    private static func hex(_ text: Substring) -> Data? {
        guard text.count == 64 else { return nil }
        var bytes = Data()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
