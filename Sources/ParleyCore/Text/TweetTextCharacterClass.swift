/// The character classes of twitter-text's regular expressions, as predicates on UTF-16 code units.
///
/// Every class but the hashtag ones lies in the Basic Multilingual Plane, so the scanners test code
/// units directly and decode surrogate pairs only where a class reaches beyond it.
enum TweetTextCharacterClass {
    static func isASCIILetter(_ u: UInt16) -> Bool { (u | 0x20) &- 0x61 < 26 }

    static func isASCIIDigit(_ u: UInt16) -> Bool { u &- 0x30 < 10 }

    static func isASCIIAlphanumeric(_ u: UInt16) -> Bool { isASCIILetter(u) || isASCIIDigit(u) }

    /// Latin-1 and Latin Extended letters, some IPA letters, the Hawaiian ʻokina, the combining
    /// diacritics and Latin Extended Additional: the accented letters twitter-text accepts in
    /// domain names and URL paths, and refuses right after a mention.
    static func isLatinAccent(_ u: UInt16) -> Bool {
        switch u {
        case 0x00C0...0x00D6, 0x00D8...0x00F6, 0x00F8...0x024F: true
        case 0x0253, 0x0254, 0x0256, 0x0257, 0x0259, 0x025B, 0x0263, 0x0268, 0x026F, 0x0272, 0x0289,
             0x028B, 0x02BB: true
        case 0x0300...0x036F, 0x1E00...0x1EFF: true
        default: false
        }
    }

    static func isCyrillic(_ u: UInt16) -> Bool { u &- 0x0400 < 0x100 }

    /// The White_Space characters twitter-text lists (U+180E included, as it was when the list
    /// was made).
    static func isSpace(_ u: UInt16) -> Bool {
        switch u {
        case 0x0009...0x000D, 0x0020, 0x0085, 0x00A0, 0x1680, 0x180E, 0x2000...0x200A, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Bidirectional marks, embeddings and isolates, which may surround a URL or a reply mention.
    static func isDirectionalMarker(_ u: UInt16) -> Bool {
        switch u {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The code points X refuses in a post: byte-order marks and U+FFFF.
    static func isInvalid(_ u: UInt16) -> Bool { u == 0xFFFE || u == 0xFEFF || u == 0xFFFF }

    static func isAtSign(_ u: UInt16) -> Bool { u == 0x40 || u == 0xFF20 }

    static func isHashSign(_ u: UInt16) -> Bool { u == 0x23 || u == 0xFF03 }

    /// ASCII punctuation, POSIX's `[:punct:]`.
    static func isASCIIPunctuation(_ u: UInt16) -> Bool {
        switch u {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    static func isHighSurrogate(_ u: UInt16) -> Bool { u & 0xFC00 == 0xD800 }

    static func isLowSurrogate(_ u: UInt16) -> Bool { u & 0xFC00 == 0xDC00 }

    // MARK: URLs

    /// A character of an ASCII-or-accented domain label.
    static func isDomainCharacter(_ u: UInt16) -> Bool { isASCIIAlphanumeric(u) || isLatinAccent(u) }

    /// A character of an internationalized domain label, allowed right after `http://`: anything
    /// but ASCII punctuation (the backslash excepted, as in twitter-text's list), ASCII white
    /// space, Unicode separators and the General Punctuation block. Surrogates stand for astral
    /// characters, which all qualify.
    static func isUnicodeDomainCharacter(_ u: UInt16) -> Bool {
        if u < 0x80 {
            return (u == 0x5C || !isASCIIPunctuation(u)) && u != 0x20 && !(0x09...0x0D).contains(u)
        }
        switch u {
        case 0x00A0, 0x1680, 0x3000, 0x2000...0x206F: return false
        default: return true
        }
    }

    /// The characters of a URL path (`validGeneralUrlPathChars`): parentheses are handled apart,
    /// only when balanced.
    static func isPathCharacter(_ u: UInt16) -> Bool {
        if isASCIIAlphanumeric(u) { return true }
        switch u {
        case 0x21, 0x23...0x27, 0x2A...0x2F, 0x3A, 0x3B, 0x3D, 0x40, 0x5B, 0x5D, 0x5F, 0x7C, 0x7E, 0x2013:
            return true  // ! # $ % & ' * + , - . / : ; = @ [ ] _ | ~ and the en dash
        default:
            return isLatinAccent(u) || isCyrillic(u)
        }
    }

    /// The characters a path may end with, so that "/foo." leaves the period out.
    static func isPathEndingCharacter(_ u: UInt16) -> Bool {
        if isASCIIAlphanumeric(u) { return true }
        switch u {
        case 0x23, 0x2B, 0x2D, 0x2F, 0x3D, 0x5F: return true  // # + - / = _
        default: return isLatinAccent(u) || isCyrillic(u)
        }
    }

    static func isQueryCharacter(_ u: UInt16) -> Bool {
        if isASCIIAlphanumeric(u) { return true }
        switch u {
        case 0x21, 0x23...0x2F, 0x3A, 0x3B, 0x3D, 0x3F, 0x40, 0x5B, 0x5D, 0x5F, 0x7C, 0x7E:
            return true  // ! # $ % & ' ( ) * + , - . / : ; = ? @ [ ] _ | ~
        default:
            return false
        }
    }

    static func isQueryEndingCharacter(_ u: UInt16) -> Bool {
        if isASCIIAlphanumeric(u) { return true }
        switch u {
        case 0x23, 0x26, 0x2D, 0x2F, 0x3D, 0x5F: return true  // # & - / = _
        default: return false
        }
    }

    // MARK: Hashtags

    /// Letters and marks: a hashtag needs at least one.
    static func isHashtagLetter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIILetter(UInt16(scalar)) }
        guard let s = Unicode.Scalar(scalar) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Letters, marks, decimal digits and the joiners and marks found inside words in several
    /// scripts (underscore, ZWNJ, ZWJ, Hebrew geresh, katakana middle dot, ...).
    static func isHashtagCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            let u = UInt16(scalar)
            return isASCIIAlphanumeric(u) || u == 0x5F
        }
        switch scalar {
        case 0x00B7, 0x05BE, 0x05F3, 0x05F4, 0x0F0B, 0x0F0C, 0x200C, 0x200D, 0x3003, 0x301C, 0x309B,
             0x309C, 0x30A0, 0x30FB, 0xA67E, 0xFF5E:
            return true
        default:
            break
        }
        guard let s = Unicode.Scalar(scalar) else { return false }
        return s.properties.generalCategory == .decimalNumber || isHashtagLetter(scalar)
    }
}
