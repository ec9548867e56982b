/// The one escaper for markup Parley builds itself (posts, articles, snippets, sitemaps): `&`, `<`,
/// `>`, `"` and `'` as entities, valid in HTML text and attributes and in XML. `xml` also drops
/// the control characters XML 1.0 forbids.
public enum HTMLEscape {
    public static func text(_ text: String, xml: Bool = false) -> String {
        guard xml || text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case _ where xml && character.value < 0x20 && character != "\n" && character != "\t" && character != "\r": continue
            case _ where xml && (character.value == 0xFFFE || character.value == 0xFFFF): continue
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
