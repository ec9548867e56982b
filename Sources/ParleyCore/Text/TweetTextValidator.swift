/// twitter-text's checks of a single token typed on its own: a username, a list, a hashtag, a URL.
public enum TweetTextValidator {
    /// "@name": the text is exactly one mention.
    public static func isValidUsername(_ text: String) -> Bool {
        let mentions = TweetTextExtractor().mentions(in: text)
        return mentions.count == 1 && mentions[0].range == 0..<text.utf16.count
    }

    /// "@name/list": nothing before or after.
    public static func isValidList(_ text: String) -> Bool {
        let lists = TweetTextExtractor().mentionsOrLists(in: text)
        return lists.count == 1 && lists[0].listSlug != nil && lists[0].range == 0..<text.utf16.count
    }

    /// "#tag": the text is exactly one hashtag.
    public static func isValidHashtag(_ text: String) -> Bool {
        let hashtags = TweetTextExtractor().hashtags(in: text)
        return hashtags.count == 1 && hashtags[0].range == 0..<text.utf16.count
    }

    /// A URL standing alone, checked against RFC 3986 (internationalized domains allowed); with
    /// `requiresProtocol`, only http and https.
    public static func isValidURL(_ text: String, requiresProtocol: Bool = true) -> Bool {
        TweetTextURLValidator.isValid(text, requiresProtocol: requiresProtocol)
    }
}
