import Foundation

// Transfer encodings, charsets and RFC 2047 encoded words: bytes to text, never failing.
extension EmailParser {
    /// Base64 as mail carries it: line breaks and any other stray byte skipped, padding optional,
    /// and padding mid-stream (two encoded pieces pasted together) ending one group.
    static func base64(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var group: UInt32 = 0
        var count = 0
        func flush() {
            if count == 2 {
                out.append(UInt8(truncatingIfNeeded: group >> 4))
            } else if count == 3 {
                out.append(UInt8(truncatingIfNeeded: group >> 10))
                out.append(UInt8(truncatingIfNeeded: group >> 2))
            }
            group = 0
            count = 0
        }
        for byte in text {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41
            case 0x61...0x7A: value = byte - 0x47
            case 0x30...0x39: value = byte + 4
            case 0x2B, 0x2D: value = 62
            case 0x2F, 0x5F: value = 63
            case 0x3D:
                flush()
                continue
            default: continue
            }
            group = group << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                out.append(UInt8(truncatingIfNeeded: group >> 8))
                out.append(UInt8(truncatingIfNeeded: group))
                group = 0
                count = 0
            }
        }
        flush()
        return out
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` bytes, `=` at a line end joins lines, white space
    /// before a line break is transport padding and goes, an `=` that starts neither stays.
    static func quotedPrintable(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        let end = text.endIndex
        var lineStart = 0
        var kept = 0
        while i < end {
            let byte = text[i]
            if byte == 0x3D {
                var j = i + 1
                while j < end, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
                if j == end {
                    i = end
                } else if text[j] == 0x0A {
                    i = j + 1
                } else if text[j] == 0x0D {
                    i = j + 1
                    if i < end, text[i] == 0x0A { i += 1 }
                } else if i + 2 < end, let high = hexValue(text[i + 1]), let low = hexValue(text[i + 2]) {
                    out.append(high << 4 | low)
                    kept = out.count
                    i += 3
                } else {
                    out.append(byte)
                    i += 1
                }
                continue
            }
            if byte == 0x0A || byte == 0x0D {
                while out.count > Swift.max(lineStart, kept), let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
                out.append(byte)
                lineStart = out.count
            } else {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    /// Text bytes with line ends made LF and control characters other than tab dropped; done
    /// before charset decoding, which is safe as every charset read here is ASCII-compatible.
    static func normalizedText(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else if byte >= 0x20 && byte != 0x7F || byte == 0x0A || byte == 0x09 {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    /// Text from bytes in the named charset; never fails. No label, or US-ASCII (which senders
    /// often claim for 8-bit text), reads as UTF-8 when the bytes are valid UTF-8 and else as
    /// Windows-1252, the usual undeclared charset. ISO-8859-1 reads as Windows-1252, as browsers
    /// do (WHATWG Encoding). An unknown charset reads as UTF-8, bad bytes becoming U+FFFD.
    static func decode(_ bytes: ArraySlice<UInt8>, charset label: String?) -> String {
        var name = label.map { trimmed($0[...]).lowercased() } ?? ""
        if name.hasPrefix("\"") || name.hasPrefix("'") { name = trimmed(name.dropFirst().dropLast()) }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "", "us-ascii", "ascii", "us", "ansi_x3.4-1968":
            return validUTF8(bytes) ?? singleByte(bytes, latin9: false)
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "windows-1252", "cp1252", "x-cp1252":
            return singleByte(bytes, latin9: false)
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9":
            return singleByte(bytes, latin9: true)
        default:
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    static func singleByte(_ bytes: ArraySlice<UInt8>, latin9: Bool) -> String {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            guard byte >= 0x80 else {
                out.append(byte)
                continue
            }
            var scalar = UInt32(byte)
            if byte < 0xA0 {
                scalar = UInt32(windows1252[Int(byte) - 0x80])
            } else if latin9 {
                switch byte {
                case 0xA4: scalar = 0x20AC
                case 0xA6: scalar = 0x0160
                case 0xA8: scalar = 0x0161
                case 0xB4: scalar = 0x017D
                case 0xB8: scalar = 0x017E
                case 0xBC: scalar = 0x0152
                case 0xBD: scalar = 0x0153
                case 0xBE: scalar = 0x0178
                default: break
                }
            }
            appendUTF8(scalar, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1252's 0x80-0x9F; its five unassigned bytes map to the C1 controls, as WHATWG does.
    static let windows1252: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        let v: UInt32 = scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) ? 0xFFFD : scalar
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Decodes RFC 2047 encoded words (`=?charset?B?...?=`, `=?charset?Q?...?=`) wherever they
    /// appear, as mail clients do. White space between two encoded words goes (§6.2), and
    /// adjacent words in one charset are decoded together, since senders split a character
    /// across them. A malformed word stays as it is.
    static func decodeWords(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        let u = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var pending: (charset: String, bytes: [UInt8])?
        var gap: [UInt8] = []
        func flush() {
            if let word = pending { out += decode(word.bytes[...], charset: word.charset).utf8 }
            pending = nil
            out += gap
            gap.removeAll()
        }
        var i = 0
        while i < u.count {
            if u[i] == 0x3D, let word = encodedWord(u, at: i) {
                gap.removeAll()
                if pending?.charset == word.charset {
                    pending?.bytes += word.bytes
                } else {
                    flush()
                    pending = (word.charset, word.bytes)
                }
                i = word.end
            } else if pending != nil, isWhiteSpace(u[i]) {
                gap.append(u[i])
                i += 1
            } else {
                flush()
                out.append(u[i])
                i += 1
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    static func encodedWord(_ u: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        guard start + 1 < u.count, u[start] == 0x3D, u[start + 1] == 0x3F else { return nil }
        var j = start + 2
        while j < u.count, u[j] != 0x3F {
            guard u[j] > 0x20, u[j] < 0x7F, j - start < 64 else { return nil }
            j += 1
        }
        guard j > start + 2, j + 2 < u.count, u[j + 2] == 0x3F else { return nil }
        var charset = String(decoding: u[(start + 2)..<j], as: UTF8.self).lowercased()
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let encoding = u[j + 1] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }
        let textStart = j + 3
        var k = textStart
        while k + 1 < u.count, !(u[k] == 0x3F && u[k + 1] == 0x3D) {
            // RFC 2047 allows 75 characters; senders exceed that, but a bound keeps a header of
            // unclosed words from being rescanned from each "=?" to its end.
            guard u[k] > 0x20, u[k] < 0x7F, k - textStart < 2_000 else { return nil }
            k += 1
        }
        guard k + 1 < u.count else { return nil }
        let encoded = u[textStart..<k]
        let bytes = encoding == 0x62 ? base64(encoded) : qDecoded(encoded)
        return (charset, bytes, k + 2)
    }

    /// RFC 2047's Q encoding: quoted-printable with `_` for a space.
    static func qDecoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = text.startIndex
        while i < text.endIndex {
            let byte = text[i]
            if byte == 0x5F {
                out.append(0x20)
            } else if byte == 0x3D, i + 2 < text.endIndex, let high = hexValue(text[i + 1]), let low = hexValue(text[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return out
    }

    static func percentDecoded(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = value.startIndex
        while i < value.endIndex {
            if value[i] == 0x25, i + 2 < value.endIndex, let high = hexValue(value[i + 1]), let low = hexValue(value[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(value[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }

    /// `text` without white space at either end. Foundation's `trimmingCharacters(in:)` walks
    /// the whole string through UTF-16 on Linux, which costs milliseconds on a long body.
    static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
