/// X's rule for the text of a direct message: up to 10,000 characters, not blank.
///
/// X documents the limit in characters without saying which; this counts Unicode code points of
/// the NFC text, which is never less than the number of user-perceived characters, so a message
/// that passes here is never refused for length by X.
public enum DirectMessageText {
    public static let maxLength = 10_000

    /// The length X counts against the limit.
    public static func length(of text: String) -> Int {
        TweetTextNormalizer.nfc(text).unicodeScalars.count
    }

    public static func isValid(_ text: String) -> Bool {
        let hasContent = text.utf16.contains { !($0 <= 0x20 || TweetTextCharacterClass.isSpace($0)) }
        return hasContent && length(of: text) <= maxLength
    }
}
