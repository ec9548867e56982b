/// Finds emoji sequences, which weigh as one character under configuration v3.
///
/// A sequence is a keycap (`1⃣`, `#️⃣`), a pair of regional indicators (a flag), or an emoji with
/// an optional variation selector U+FE0F, skin tone and tag sequence (subdivision flags), possibly
/// joined to more of these by ZERO WIDTH JOINERs. As in twitter-text's emoji pattern, © and ® are
/// emoji only with U+FE0F, an emoji followed by U+FE0E (text presentation) is not one, and a skin
/// tone attaches only to an emoji that takes one.
///
/// One deliberate difference: twitter-text lists the ZWJ sequences of Emoji 12 one by one, so a
/// newer or unlisted sequence counts as its parts there. Here any well-formed ZWJ chain counts
/// once, so that sequences added since (🧑‍🎄, ❤️‍🔥, 🐦‍⬛) weigh 2, as X counts them today.
enum TweetTextEmojiScanner {
    private static let variationSelector16: UInt16 = 0xFE0F
    private static let variationSelector15: UInt16 = 0xFE0E
    private static let zeroWidthJoiner: UInt16 = 0x200D
    private static let combiningKeycap: UInt16 = 0x20E3

    /// Whether a sequence may start with this code unit: a cheap test that keeps the scalar
    /// property look-ups off ordinary text. Every emoji that is not a keycap lies at or above
    /// U+203C (‼), apart from © and ®; CJK ideographs and Hangul, above U+3299, are skipped.
    static func mayStart(_ u: UInt16) -> Bool {
        switch u {
        case 0x23, 0x2A, 0x30...0x39, 0xA9, 0xAE, 0x203C...0x3299, 0xD83C...0xD83E: true
        default: false
        }
    }

    /// The end of the emoji sequence starting at `start`, or nil when none starts there.
    static func sequenceEnd(in units: UnsafeBufferPointer<UInt16>, at start: Int) -> Int? {
        let first = units[start]
        switch first {
        case 0x23, 0x2A, 0x30...0x39:
            var end = start + 1
            if end < units.count, units[end] == variationSelector16 { end += 1 }
            return end < units.count && units[end] == combiningKeycap ? end + 1 : nil
        case 0xA9, 0xAE:
            return start + 1 < units.count && units[start + 1] == variationSelector16 ? start + 2 : nil
        default:
            break
        }
        guard mayStart(first), let base = scalar(in: units, at: start), isEmojiBase(base.scalar) else {
            return nil
        }
        if isRegionalIndicator(base.scalar) {
            if let second = scalar(in: units, at: base.end), isRegionalIndicator(second.scalar),
                isFlag(base.scalar, second.scalar)
            {
                return second.end
            }
            return base.end
        }
        if base.end < units.count, units[base.end] == variationSelector15 { return nil }
        var end = extendedEnd(in: units, after: base)
        while end + 1 < units.count, units[end] == zeroWidthJoiner,
            let next = scalar(in: units, at: end + 1), isEmojiBase(next.scalar), !isRegionalIndicator(next.scalar)
        {
            end = extendedEnd(in: units, after: next)
        }
        return end
    }

    /// After an emoji: U+FE0F and a skin tone (in either order), then a tag sequence.
    private static func extendedEnd(in units: UnsafeBufferPointer<UInt16>, after base: TweetTextDecodedScalar) -> Int {
        var end = base.end
        var sawSelector = false
        var sawModifier = false
        while end < units.count {
            if !sawSelector, units[end] == variationSelector16, takesVariationSelector(base.scalar) {
                sawSelector = true
                end += 1
            } else if !sawModifier, base.scalar.properties.isEmojiModifierBase,
                let modifier = scalar(in: units, at: end), modifier.scalar.properties.isEmojiModifier
            {
                sawModifier = true
                end = modifier.end
            } else {
                break
            }
        }
        var tagEnd = end
        while let tag = scalar(in: units, at: tagEnd), (0xE0020...0xE007E).contains(tag.scalar.value) {
            tagEnd = tag.end
        }
        if tagEnd > end, let cancel = scalar(in: units, at: tagEnd), cancel.scalar.value == 0xE007F {
            end = cancel.end
        }
        return end
    }

    /// Whether U+FE0F after this emoji belongs to it: the emoji has a variation sequence
    /// (Unicode's emoji-variation-sequences.txt), as every emoji shown as text by default does,
    /// and a few shown as emoji by default (⌚ ☔ ⚽ ⭐ 🀄 ...). After any other, twitter-text
    /// counts the U+FE0F on its own.
    private static func takesVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.properties.isEmojiPresentation else { return true }
        switch scalar.value {
        case 0x231A...0x231B, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
             0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2757, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x1F004, 0x1F21A, 0x1F22F:
            return true
        default:
            return false
        }
    }

    /// An emoji that can start or continue a sequence (not a digit, #, * or a bare ©/®).
    private static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x203C && scalar.properties.isEmoji
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// Whether two regional indicators make a flag. Only the 258 country flags of Unicode's emoji
    /// data (emoji-test.txt, subgroup country-flag) count once, as in twitter-text: letters
    /// spelled with regional indicators ("🇫🇴🇱🇱🇴🇼") weigh 2 each past the first valid pair.
    private static func isFlag(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        flags.contains(Int(first.value - 0x1F1E6) * 26 + Int(second.value - 0x1F1E6))
    }

    private static let flags: Set<Int> = Set(
        """
        AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
        BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX CY CZ DE DG DJ DK DM DO DZ EA
        EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
        HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA
        LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
        NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO
        TR TT TV TW TZ UA UG UM UN US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
        """.split(whereSeparator: \.isWhitespace).map { code in
            code.unicodeScalars.map { Int($0.value) - 0x41 }.reduce(0) { $0 * 26 + $1 }
        })

    private static func scalar(in units: UnsafeBufferPointer<UInt16>, at index: Int) -> TweetTextDecodedScalar? {
        TweetTextDecodedScalar(in: units, at: index)
    }
}
