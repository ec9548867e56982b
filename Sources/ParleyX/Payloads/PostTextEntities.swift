/// X escapes `&`, `<` and `>` in post text (`&amp;`, `&lt;`, `&gt;`), in API v2 and v1.1 alike,
/// while its entity offsets count the unescaped text. Parley stores the text as the author wrote
/// it and escapes it again wherever it is shown.
enum PostTextEntities {
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let tail = rest[amp...]
            if tail.hasPrefix("&amp;") {
                result += "&"
                rest = tail.dropFirst(5)
            } else if tail.hasPrefix("&lt;") {
                result += "<"
                rest = tail.dropFirst(4)
            } else if tail.hasPrefix("&gt;") {
                result += ">"
                rest = tail.dropFirst(4)
            } else {
                result += "&"
                rest = tail.dropFirst()
            }
        }
        result += rest
        return result
    }
}
