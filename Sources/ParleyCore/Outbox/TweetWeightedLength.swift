/// Interim weighted length until the X text rules (issue 4) land: URLs are not yet counted as 23.
/// Counts as twitter-text v3 does for the common ranges: Latin and general punctuation weigh 1,
/// everything else 2, and an emoji grapheme counts once as 2.
enum TweetWeightedLength {
    static func of(_ text: String) -> Int {
        var total = 0
        for character in text.precomposedStringWithCanonicalMapping {
            if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.properties.isEmoji }) {
                total += 2
                continue
            }
            for scalar in character.unicodeScalars {
                let v = scalar.value
                let light = v <= 0x10FF || (0x2000...0x200D).contains(v) || (0x2010...0x201F).contains(v)
                    || (0x2032...0x2037).contains(v)
                total += light ? 1 : 2
            }
        }
        return total
    }
}
