import Foundation

/// An X account, from `GET /2/users/me`.
public struct XAccount: Sendable, Equatable, Decodable {
    public var id: String
    public var username: String
    public var name: String
}

/// What `POST /2/tweets` answers.
public struct XCreatedPost: Sendable, Equatable, Decodable {
    public var id: String
    public var text: String
}

/// What `POST /2/dm_conversations/with/:id/messages` answers.
public struct XCreatedDM: Sendable, Equatable, Decodable {
    public var dmConversationID: String
    public var dmEventID: String

    enum CodingKeys: String, CodingKey {
        case dmConversationID = "dm_conversation_id"
        case dmEventID = "dm_event_id"
    }
}

/// A filtered-stream rule.
public struct XStreamRule: Sendable, Equatable, Codable {
    public var id: String?
    public var value: String
    public var tag: String?

    public init(id: String? = nil, value: String, tag: String?) {
        self.id = id
        self.value = value
        self.tag = tag
    }
}

/// A registered Account Activity webhook.
public struct XWebhook: Sendable, Equatable, Decodable {
    public var id: String
    public var url: String
    public var valid: Bool?
}

/// The app's OAuth 2.0 client: its id, and its secret when it is a confidential client.
public struct XOAuth2Client: Sendable, Equatable, CustomStringConvertible {
    public var clientID: String
    public var clientSecret: String?

    public init(clientID: String, clientSecret: String?) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    public var description: String { "XOAuth2Client(\(clientID), secret redacted)" }
}

/// The token endpoint's answer.
public struct XOAuth2Token: Sendable, Equatable, Decodable, CustomStringConvertible {
    public var accessToken: String
    public var refreshToken: String?
    public var expiresIn: Int?
    public var scope: String?

    public init(accessToken: String, refreshToken: String?, expiresIn: Int?, scope: String?) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.scope = scope
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
        case scope
    }

    public var description: String { "XOAuth2Token(redacted, expires in \(expiresIn.map(String.init) ?? "?") s)" }
}

/// JSON in and out of the client, with X's malformed bodies turned into `XAPIError.malformed`.
enum XJSON {
    static func decode<Value: Decodable>(_ type: Value.Type, _ response: XResponse) throws(XAPIError) -> Value {
        guard !response.body.isEmpty else { throw .malformed(status: response.status, reason: "empty body") }
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch let error as DecodingError {
            throw .malformed(status: response.status, reason: Self.describe(error))
        } catch {
            throw .malformed(status: response.status, reason: "not JSON")
        }
    }

    static func encode(_ value: some Encodable) throws(XAPIError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw .refused(status: 0, title: "Encoding", detail: "the request body could not be written")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted: "not JSON, or cut short"
        case .keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "wrong type at '" + context.codingPath.map(\.stringValue).joined(separator: ".") + "'"
        @unknown default: "unreadable"
        }
    }
}
