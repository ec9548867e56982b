import Foundation

/// OAuth 2.0 user-context tokens issued by the fake.
public struct FakeXTokenPair: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    public var userID: String
    public var expiresAt: Date
}

/// OAuth 1.0a user-context credentials issued by the fake (token and token secret).
public struct FakeXOAuth1Token: Sendable, Equatable {
    public var token: String
    public var secret: String
    public var userID: String
}
