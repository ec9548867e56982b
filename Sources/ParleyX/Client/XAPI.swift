import AsyncHTTPClient
import Foundation

/// X API v2's endpoints that Parley uses, with the fields and expansions that threading and the
/// customer card need, asked for on the first read so nothing is read (and paid for) twice.
public struct XAPI: Sendable {
    public let client: XClient

    public init(client: XClient) {
        self.client = client
    }

    public static let postFields =
        "author_id,conversation_id,created_at,edit_history_tweet_ids,entities,in_reply_to_user_id,lang,referenced_tweets"
    public static let userFields = "created_at,description,name,profile_image_url,public_metrics,username,verified"
    public static let postExpansions =
        "author_id,entities.mentions.username,in_reply_to_user_id,referenced_tweets.id,referenced_tweets.id.author_id"
    public static let dmFields = "created_at,dm_conversation_id,event_type,participant_ids,referenced_tweets,sender_id,text"
    public static let dmExpansions = "participant_ids,sender_id"

    private static var postQuery: [OAuth1Parameter] {
        [OAuth1Parameter("expansions", postExpansions), OAuth1Parameter("tweet.fields", postFields),
         OAuth1Parameter("user.fields", userFields)]
    }

    // MARK: Reads

    /// `GET /2/users/:id/mentions`, newest first.
    public func mentions(
        userID: String, sinceID: String?, paginationToken: String?, maxResults: Int = 100, credential: XCredential
    ) async throws(XAPIError) -> XPage {
        var query = Self.postQuery + [OAuth1Parameter("max_results", String(maxResults))]
        if let sinceID { query.append(OAuth1Parameter("since_id", sinceID)) }
        if let paginationToken { query.append(OAuth1Parameter("pagination_token", paginationToken)) }
        return try await client.send(XRequest(
            "GET", "/2/users/\(userID)/mentions", endpoint: "GET /2/users/:id/mentions", query: query, credential: credential)) { response throws(XAPIError) in
            try XPage.parse(response, kind: .posts(billedAs: .postRead))
        }
    }

    /// `GET /2/tweets/search/recent` (the last seven days), newest first.
    public func searchRecent(
        query text: String, sinceID: String?, nextToken: String?, maxResults: Int = 100, credential: XCredential
    ) async throws(XAPIError) -> XPage {
        var query = [OAuth1Parameter("query", text)] + Self.postQuery + [OAuth1Parameter("max_results", String(maxResults))]
        if let sinceID { query.append(OAuth1Parameter("since_id", sinceID)) }
        if let nextToken { query.append(OAuth1Parameter("next_token", nextToken)) }
        return try await client.send(XRequest(
            "GET", "/2/tweets/search/recent", endpoint: "GET /2/tweets/search/recent", query: query, credential: credential)) { response throws(XAPIError) in
            try XPage.parse(response, kind: .posts(billedAs: .postRead))
        }
    }

    /// `GET /2/users/:id/tweets`: the account's own posts, billed as owned reads.
    public func ownPosts(
        userID: String, sinceID: String?, maxResults: Int = 100, credential: XCredential
    ) async throws(XAPIError) -> XPage {
        var query = [OAuth1Parameter("max_results", String(maxResults)), OAuth1Parameter("tweet.fields", Self.postFields)]
        if let sinceID { query.append(OAuth1Parameter("since_id", sinceID)) }
        return try await client.send(XRequest(
            "GET", "/2/users/\(userID)/tweets", endpoint: "GET /2/users/:id/tweets", query: query, credential: credential)) { response throws(XAPIError) in
            try XPage.parse(response, kind: .posts(billedAs: .ownedRead))
        }
    }

    /// `GET /2/dm_events`: the account's DM events, newest first. X offers no `since_id` here;
    /// callers page until they reach an event they have.
    public func dmEvents(
        paginationToken: String?, maxResults: Int = 100, owned: Bool = false, credential: XCredential
    ) async throws(XAPIError) -> XPage {
        var query = [
            OAuth1Parameter("dm_event.fields", Self.dmFields), OAuth1Parameter("event_types", "MessageCreate"),
            OAuth1Parameter("expansions", Self.dmExpansions), OAuth1Parameter("max_results", String(maxResults)),
            OAuth1Parameter("user.fields", Self.userFields),
        ]
        if let paginationToken { query.append(OAuth1Parameter("pagination_token", paginationToken)) }
        return try await client.send(XRequest(
            "GET", "/2/dm_events", endpoint: "GET /2/dm_events", query: query, credential: credential)) { response throws(XAPIError) in
            try XPage.parse(response, kind: .dmEvents(billedAs: owned ? .ownedRead : .dmEventRead))
        }
    }

    /// `GET /2/users/me`: who a user-context token belongs to.
    public func me(credential: XCredential) async throws(XAPIError) -> XAccount {
        return try await client.send(XRequest(
            "GET", "/2/users/me", endpoint: "GET /2/users/me", query: [OAuth1Parameter("user.fields", Self.userFields)],
            credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(Envelope<XAccount>.self, response).data
        }
    }

    // MARK: Writes

    /// `POST /2/tweets`, as a reply when `inReplyTo` is set.
    public func createPost(text: String, inReplyTo: String?, credential: XCredential) async throws(XAPIError) -> XCreatedPost {
        let body = CreatePost(text: text, reply: inReplyTo.map { CreatePost.Reply(inReplyToTweetID: $0) })
        return try await client.send(XRequest(
            "POST", "/2/tweets", endpoint: "POST /2/tweets", body: .json(try XJSON.encode(body)), credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(Envelope<XCreatedPost>.self, response).data
        }
    }

    /// `POST /2/dm_conversations/with/:participant_id/messages`.
    public func sendDM(to participantID: String, text: String, credential: XCredential) async throws(XAPIError) -> XCreatedDM {
        return try await client.send(XRequest(
            "POST", "/2/dm_conversations/with/\(participantID)/messages",
            endpoint: "POST /2/dm_conversations/with/:participant_id/messages",
            body: .json(try XJSON.encode(["text": text])), credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(Envelope<XCreatedDM>.self, response).data
        }
    }

    // MARK: Moderation

    /// `PUT /2/tweets/:id/hidden`: hides (or shows again) a reply in a conversation the user started.
    public func hideReply(postID: String, hidden: Bool, credential: XCredential) async throws(XAPIError) {
        try await client.send(XRequest(
            "PUT", "/2/tweets/\(postID)/hidden", endpoint: "PUT /2/tweets/:id/hidden",
            body: .json(try XJSON.encode(["hidden": hidden])), credential: credential)) { _ throws(XAPIError) in () }
    }

    /// `POST /2/users/:id/muting`: the user stops seeing `target`'s posts and notifications.
    public func mute(userID: String, target: String, credential: XCredential) async throws(XAPIError) {
        try await client.send(XRequest(
            "POST", "/2/users/\(userID)/muting", endpoint: "POST /2/users/:id/muting",
            body: .json(try XJSON.encode(["target_user_id": target])), credential: credential)) { _ throws(XAPIError) in () }
    }

    // MARK: Filtered stream

    /// `GET /2/tweets/search/stream/rules`.
    public func streamRules(credential: XCredential) async throws(XAPIError) -> [XStreamRule] {
        return try await client.send(XRequest(
            "GET", "/2/tweets/search/stream/rules", endpoint: "GET /2/tweets/search/stream/rules", credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(OptionalList<XStreamRule>.self, response).data ?? []
        }
    }

    /// `POST /2/tweets/search/stream/rules` with `add`.
    public func addStreamRules(_ rules: [XStreamRule], credential: XCredential) async throws(XAPIError) {
        guard !rules.isEmpty else { return }
        let body = try XJSON.encode(["add": rules.map { ["value": $0.value, "tag": $0.tag ?? ""] }])
        _ = try await client.send(XRequest(
            "POST", "/2/tweets/search/stream/rules", endpoint: "POST /2/tweets/search/stream/rules", body: .json(body),
            credential: credential))
    }

    /// `POST /2/tweets/search/stream/rules` with `delete`.
    public func deleteStreamRules(ids: [String], credential: XCredential) async throws(XAPIError) {
        guard !ids.isEmpty else { return }
        let body = try XJSON.encode(["delete": ["ids": ids]])
        _ = try await client.send(XRequest(
            "POST", "/2/tweets/search/stream/rules", endpoint: "POST /2/tweets/search/stream/rules", body: .json(body),
            credential: credential))
    }

    /// `GET /2/tweets/search/stream`: the open response, to be read line by line.
    public func openFilteredStream(credential: XCredential) async throws(XAPIError) -> HTTPClientResponse {
        try await client.open(XRequest(
            "GET", "/2/tweets/search/stream", endpoint: "GET /2/tweets/search/stream", query: Self.postQuery,
            credential: credential))
    }

    // MARK: OAuth 2.0

    /// Exchanges an authorization code (with its PKCE verifier) for tokens.
    public func exchangeCode(
        _ code: String, verifier: PKCECodeVerifier, redirectURI: String, client oauth: XOAuth2Client
    ) async throws(XAPIError) -> XOAuth2Token {
        try await token([
            OAuth1Parameter("code", code), OAuth1Parameter("grant_type", "authorization_code"),
            OAuth1Parameter("client_id", oauth.clientID), OAuth1Parameter("redirect_uri", redirectURI),
            OAuth1Parameter("code_verifier", verifier.value),
        ], client: oauth)
    }

    /// Trades a refresh token for new tokens. X rotates refresh tokens: the old one stops working,
    /// so the caller must store the new one before using the access token.
    public func refresh(_ refreshToken: String, client oauth: XOAuth2Client) async throws(XAPIError) -> XOAuth2Token {
        try await token([
            OAuth1Parameter("refresh_token", refreshToken), OAuth1Parameter("grant_type", "refresh_token"),
            OAuth1Parameter("client_id", oauth.clientID),
        ], client: oauth)
    }

    private func token(_ form: [OAuth1Parameter], client oauth: XOAuth2Client) async throws(XAPIError) -> XOAuth2Token {
        return try await client.send(XRequest(
            "POST", "/2/oauth2/token", endpoint: "POST /2/oauth2/token", body: .form(form),
            basic: oauth.clientSecret.map { (oauth.clientID, $0) })) { response throws(XAPIError) in
            try XJSON.decode(XOAuth2Token.self, response)
        }
    }

    /// `POST /oauth2/token` with `client_credentials`: the app-only bearer token.
    public func appBearerToken(consumerKey: String, consumerSecret: String) async throws(XAPIError) -> String {
        return try await client.send(XRequest(
            "POST", "/oauth2/token", endpoint: "POST /oauth2/token", body: .form([OAuth1Parameter("grant_type", "client_credentials")]),
            basic: (consumerKey, consumerSecret))) { response throws(XAPIError) in
            try XJSON.decode(XOAuth2Token.self, response).accessToken
        }
    }

    // MARK: Account Activity webhooks

    /// `POST /2/webhooks`: X sends its CRC challenge to `url` before it answers.
    public func registerWebhook(url: String, credential: XCredential) async throws(XAPIError) -> XWebhook {
        return try await client.send(XRequest(
            "POST", "/2/webhooks", endpoint: "POST /2/webhooks", body: .json(try XJSON.encode(["url": url])),
            credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(Envelope<XWebhook>.self, response).data
        }
    }

    /// `GET /2/webhooks`.
    public func webhooks(credential: XCredential) async throws(XAPIError) -> [XWebhook] {
        return try await client.send(XRequest("GET", "/2/webhooks", endpoint: "GET /2/webhooks", credential: credential)) { response throws(XAPIError) in
            try XJSON.decode(OptionalList<XWebhook>.self, response).data ?? []
        }
    }

    /// `POST /2/account_activity/webhooks/:webhook_id/subscriptions/all` in the handle's user context.
    public func subscribe(webhookID: String, credential: XCredential) async throws(XAPIError) {
        _ = try await client.send(XRequest(
            "POST", "/2/account_activity/webhooks/\(webhookID)/subscriptions/all",
            endpoint: "POST /2/account_activity/webhooks/:webhook_id/subscriptions/all", credential: credential))
    }

    private struct Envelope<Value: Decodable>: Decodable { var data: Value }
    private struct OptionalList<Value: Decodable>: Decodable { var data: [Value]? }

    private struct CreatePost: Encodable {
        struct Reply: Encodable {
            var inReplyToTweetID: String
            enum CodingKeys: String, CodingKey { case inReplyToTweetID = "in_reply_to_tweet_id" }
        }
        var text: String
        var reply: Reply?
    }
}
