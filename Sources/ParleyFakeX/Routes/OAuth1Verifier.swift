import Crypto
import Foundation

/// Checks an OAuth 1.0a `Authorization` header's HMAC-SHA1 signature (RFC 5849 section 3.4) over
/// the method, base URL and all parameters (query, form body, `oauth_*` but the signature).
struct OAuth1Verifier {
    var consumerKey: String
    var consumerSecret: String

    /// `OAuth oauth_consumer_key="...", ...` → its parameters, percent-decoded; nil if not OAuth.
    static func headerParameters(_ header: String) -> [String: String]? {
        guard header.lowercased().hasPrefix("oauth ") else { return nil }
        var params: [String: String] = [:]
        for part in header.dropFirst(6).split(separator: ",") {
            let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let value = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            params[String(kv[0])] = value.removingPercentEncoding ?? value
        }
        return params
    }

    func isValid(
        oauth: [String: String], method: String, baseURL: String, otherParameters: [String: String], tokenSecret: String
    ) -> Bool {
        guard oauth["oauth_consumer_key"] == consumerKey, oauth["oauth_signature_method"] == "HMAC-SHA1",
            let signature = oauth["oauth_signature"]
        else { return false }
        var all = otherParameters
        for (k, v) in oauth where k != "oauth_signature" && k != "realm" { all[k] = v }
        let pairs: [(key: String, value: String)] = all.map { (Self.encode($0.key), Self.encode($0.value)) }
        let sorted = pairs.sorted { a, b in a.key == b.key ? a.value < b.value : a.key < b.key }
        let normalized = sorted.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let base = [method.uppercased(), Self.encode(baseURL), Self.encode(normalized)].joined(separator: "&")
        let key = SymmetricKey(data: Data("\(Self.encode(consumerSecret))&\(Self.encode(tokenSecret))".utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(base.utf8), using: key)
        return Data(mac).base64EncodedString() == signature
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// RFC 3986 percent-encoding: everything but ALPHA, DIGIT, "-", ".", "_", "~".
    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }
}
