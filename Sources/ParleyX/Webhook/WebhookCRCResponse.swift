/// The JSON body that answers X's challenge-response check: `{"response_token": "sha256=..."}`.
public struct WebhookCRCResponse: Codable, Sendable, Equatable {
    public var responseToken: String

    public init(responseToken: String) {
        self.responseToken = responseToken
    }

    enum CodingKeys: String, CodingKey {
        case responseToken = "response_token"
    }
}
