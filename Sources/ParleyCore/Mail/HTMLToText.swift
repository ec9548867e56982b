import Foundation

/// Readable plain text from an HTML e-mail body, for a message that came without a text part.
/// Scripts, styles, the head and comments go; block elements become line breaks (`- ` for list
/// items, `> ` for quoted lines, so a reply's quote can still be trimmed); entities are decoded;
/// white space collapses as a browser would show it; a link keeps its text and adds ` (url)` when
/// the web address differs from it. The result is text, never markup, and is escaped when shown.
public enum HTMLToText {
    public static func text(_ html: String) -> String {
        var converter = Converter(Array(html.utf8))
        converter.run()
        return converter.result()
    }
}

extension HTMLToText {
    /// One pass over the UTF-8 bytes. Tags and entities are ASCII, so the text between them is
    /// copied whole and the output stays valid UTF-8.
    fileprivate struct Converter {
        let u: [UInt8]
        var out: [UInt8] = []
        var pendingSpace = false
        var preDepth = 0
        var quoteDepth = 0
        var link: (href: String?, start: Int)?
        /// Closing tags already looked for in vain: looking again would make a run of unclosed
        /// `<head>`s quadratic.
        var unclosed: Set<String> = []

        init(_ u: [UInt8]) {
            self.u = u
            out.reserveCapacity(u.count / 2)
        }

        mutating func run() {
            var i = 0
            let n = u.count
            while i < n {
                let byte = u[i]
                switch byte {
                case 0x3C:
                    i = tag(at: i)
                case 0x26:
                    if let found = HTMLToText.entity(in: u, at: i, end: n) {
                        if let scalar = found.scalar { emitScalar(scalar) }
                        i = found.end
                    } else {
                        emit(byte)
                        i += 1
                    }
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                    if preDepth == 0 {
                        pendingSpace = true
                    } else if byte == 0x0A {
                        newline()
                    } else if byte != 0x0D {
                        emit(0x20)
                    }
                    i += 1
                case 0xC2 where i + 1 < n && (u[i + 1] == 0xA0 || u[i + 1] == 0xAD):
                    // A raw no-break space is a space; a soft hyphen is nothing.
                    if u[i + 1] == 0xA0 { pendingSpace = true }
                    i += 2
                case 0xE2 where i + 2 < n && u[i + 1] == 0x80 && (0x8B...0x8D).contains(u[i + 2]):
                    i += 3  // zero-width space and joiners, used to pad newsletters' previews
                case 0xEF where i + 2 < n && u[i + 1] == 0xBB && u[i + 2] == 0xBF:
                    i += 3  // a byte-order mark
                default:
                    emit(byte)
                    i += 1
                }
            }
            endLink()
        }

        /// Writes a byte of text, first the `> ` of an open quote at a line's start, or the
        /// space that collapsed white space stands for.
        mutating func emit(_ byte: UInt8) {
            if out.isEmpty || out.last == 0x0A {
                if quoteDepth > 0 {
                    // Capped, so a pile of nested blockquotes cannot multiply the output.
                    out.append(contentsOf: repeatElement(0x3E, count: Swift.min(quoteDepth, 8)))
                    out.append(0x20)
                }
                pendingSpace = false
            } else if pendingSpace {
                pendingSpace = false
                if out.last != 0x20 { out.append(0x20) }
            }
            out.append(byte)
        }

        mutating func emitScalar(_ scalar: UInt32) {
            if scalar == 0x20 {
                if preDepth > 0 { emit(0x20) } else { pendingSpace = true }
            } else if scalar < 0x80 {
                emit(UInt8(scalar))
            } else {
                for byte in String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8 { emit(byte) }
            }
        }

        mutating func trimLineEnd() {
            while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
            pendingSpace = false
        }

        /// A `<br>`: always one more line break.
        mutating func newline() {
            trimLineEnd()
            if !out.isEmpty { out.append(0x0A) }
        }

        /// A block's edge: at least `lines` line breaks (2 leaves a blank line), none at the start.
        mutating func block(_ lines: Int) {
            trimLineEnd()
            guard !out.isEmpty else { return }
            var trailing = 0
            var k = out.count - 1
            while k >= 0, out[k] == 0x0A, trailing < lines {
                trailing += 1
                k -= 1
            }
            for _ in trailing..<lines { out.append(0x0A) }
        }

        /// Reads the tag, comment or declaration at `i` and returns the index after it. A `<` that
        /// starts none is text.
        mutating func tag(at i: Int) -> Int {
            let n = u.count
            if u[i...].starts(with: [0x3C, 0x21, 0x2D, 0x2D]) {
                return find([0x2D, 0x2D, 0x3E], from: i + 4).map { $0 + 3 } ?? n
            }
            if i + 1 < n, u[i + 1] == 0x21 || u[i + 1] == 0x3F {
                return (u[(i + 1)...].firstIndex(of: 0x3E) ?? n - 1) + 1
            }
            var j = i + 1
            let closing = j < n && u[j] == 0x2F
            if closing { j += 1 }
            let nameStart = j
            guard j < n, HTMLToText.isLetter(u[j]) else {
                emit(0x3C)
                return i + 1
            }
            while j < n, HTMLToText.isNameByte(u[j]) { j += 1 }
            let name = String(decoding: u[nameStart..<j].map(HTMLToText.lowered), as: UTF8.self)
            let attributesStart = j
            // The closing '>', skipping quoted attribute values; an unclosed quote falls back to the first '>'.
            var quote: UInt8 = 0
            var previous: UInt8 = 0
            while j < n {
                let byte = u[j]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x3E {
                    break
                } else if (byte == 0x22 || byte == 0x27) && previous == 0x3D {
                    quote = byte
                }
                if !HTMLToText.isSpace(byte) { previous = byte }
                j += 1
            }
            if j >= n { j = u[attributesStart...].firstIndex(of: 0x3E) ?? n }
            let tagEnd = j
            let after = Swift.min(tagEnd + 1, n)
            let selfClosing = tagEnd > attributesStart && u[tagEnd - 1] == 0x2F
            handle(name, closing: closing, attributes: attributesStart..<tagEnd)
            guard !closing, !selfClosing, Self.skipped.contains(name) else { return after }
            // Skipped content ends at its closing tag; a <head> left open is not skipped, since
            // its scripts and styles are skipped one by one anyway.
            if !unclosed.contains(name), let end = closingTag(Array(name.utf8), from: after) { return end }
            unclosed.insert(name)
            return name == "head" ? after : n
        }

        mutating func handle(_ name: String, closing: Bool, attributes: Range<Int>) {
            switch name {
            case "br":
                newline()
            case "p", "blockquote", "ul", "ol", "table", "pre", "hr", "dl", "h1", "h2", "h3", "h4", "h5", "h6":
                block(2)
                if name == "pre" { preDepth = Swift.max(0, preDepth + (closing ? -1 : 1)) }
                if name == "blockquote" { quoteDepth = Swift.max(0, quoteDepth + (closing ? -1 : 1)) }
            case "li":
                block(1)
                if !closing {
                    emit(0x2D)
                    emit(0x20)
                }
            case "div", "tr", "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
                 "form", "fieldset", "address", "center", "dd", "dt", "details", "summary", "caption", "legend":
                block(1)
            case "td", "th":
                if !closing { pendingSpace = true }
            case "a":
                endLink()
                if !closing { link = (attribute("href", in: attributes), out.count) }
            default:
                break
            }
        }

        /// Adds ` (url)` after a link's text when the link goes to a web address the text does not
        /// already show; other schemes (mailto:, javascript:) add nothing.
        mutating func endLink() {
            guard let current = link else { return }
            link = nil
            guard let href = current.href.map({ EmailParser.trimmed($0[...]) }), Self.isWebAddress(href) else { return }
            let label = EmailParser.trimmed(String(decoding: out[Swift.min(current.start, out.count)...], as: UTF8.self)[...])
            guard !label.isEmpty, Self.comparable(label) != Self.comparable(href) else { return }
            let hadSpace = pendingSpace
            pendingSpace = true
            for byte in "(\(href))".utf8 { emit(byte) }
            pendingSpace = hadSpace
        }

        /// Elements whose content is not text (`xml` holds Outlook's settings).
        static let skipped: Set<String> = ["script", "style", "head", "title", "template", "xml"]

        static func isWebAddress(_ href: String) -> Bool {
            let lower = href.lowercased()
            return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && href.utf8.count <= 2_000
                && !href.utf8.contains(where: { $0 <= 0x20 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x7F })
        }

        /// A link's text and address, compared without scheme, `www.` or a trailing slash.
        static func comparable(_ text: String) -> String {
            var text = Substring(text.lowercased())
            for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
            while text.hasSuffix("/") { text = text.dropLast() }
            return String(text)
        }

        /// The value of the attribute `wanted` in a tag's attribute bytes, entities decoded.
        func attribute(_ wanted: String, in range: Range<Int>) -> String? {
            var k = range.lowerBound
            let end = range.upperBound
            while k < end {
                while k < end, HTMLToText.isSpace(u[k]) || u[k] == 0x2F { k += 1 }
                let nameStart = k
                while k < end, !HTMLToText.isSpace(u[k]), u[k] != 0x3D, u[k] != 0x2F { k += 1 }
                let name = String(decoding: u[nameStart..<k], as: UTF8.self).lowercased()
                while k < end, HTMLToText.isSpace(u[k]) { k += 1 }
                guard k < end, u[k] == 0x3D else {
                    if k == nameStart { k += 1 }
                    continue
                }
                k += 1
                while k < end, HTMLToText.isSpace(u[k]) { k += 1 }
                let value: Range<Int>
                if k < end, u[k] == 0x22 || u[k] == 0x27 {
                    let quote = u[k]
                    let start = k + 1
                    k = start
                    while k < end, u[k] != quote { k += 1 }
                    value = start..<k
                    k += 1
                } else {
                    let start = k
                    while k < end, !HTMLToText.isSpace(u[k]) { k += 1 }
                    value = start..<k
                }
                if name == wanted { return HTMLToText.decodeEntities(u, in: value) }
            }
            return nil
        }

        /// Where the closing tag `</name>` ends, matched without regard to case.
        func closingTag(_ name: [UInt8], from start: Int) -> Int? {
            let n = u.count
            var k = start
            while k + 1 < n {
                if u[k] == 0x3C, u[k + 1] == 0x2F, k + 2 + name.count <= n,
                   name.indices.allSatisfy({ HTMLToText.lowered(u[k + 2 + $0]) == name[$0] }) {
                    let after = k + 2 + name.count
                    if after == n || !HTMLToText.isLetter(u[after]) {
                        return (u[after...].firstIndex(of: 0x3E) ?? n - 1) + 1
                    }
                }
                k += 1
            }
            return nil
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= u.count else { return nil }
            var k = start
            while k + needle.count <= u.count {
                if u[k] == needle[0], u[k..<(k + needle.count)].elementsEqual(needle) { return k }
                k += 1
            }
            return nil
        }

        /// The text, with at most two blank lines in a row and no white space at either end.
        func result() -> String {
            // Only ASCII white space can be left at the ends: no-break spaces became spaces.
            var lo = 0
            var hi = out.count
            while lo < hi, HTMLToText.isSpace(out[lo]) { lo += 1 }
            while hi > lo, HTMLToText.isSpace(out[hi - 1]) { hi -= 1 }
            var text: [UInt8] = []
            text.reserveCapacity(hi - lo)
            var breaks = 0
            for byte in out[lo..<hi] {
                if byte == 0x0A {
                    breaks += 1
                    if breaks > 3 { continue }
                } else {
                    breaks = 0
                }
                text.append(byte)
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    fileprivate static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// A byte of a tag name: `h1`, `o:p`, `my-element`.
    fileprivate static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x3A || byte == 0x2D || byte == 0x5F
    }

    fileprivate static func lowered(_ byte: UInt8) -> UInt8 {
        isLetter(byte) ? byte | 0x20 : byte
    }

    fileprivate static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// Text with its entities decoded, for attribute values.
    static func decodeEntities(_ u: [UInt8], in range: Range<Int>) -> String {
        var out: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if u[i] == 0x26, let found = entity(in: u, at: i, end: range.upperBound) {
                if let scalar = found.scalar { out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8) }
                i = found.end
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character the entity at `i` stands for and where it ends: numeric (`&#39;`, `&#x27;`)
    /// or named (`&amp;`; the oldest few also without `;`, as browsers read them). nil when it is
    /// no entity, so the `&` is text; a nil scalar is one to drop (a soft hyphen, a zero-width space).
    static func entity(in u: [UInt8], at i: Int, end: Int) -> (scalar: UInt32?, end: Int)? {
        var j = i + 1
        guard j < end else { return nil }
        if u[j] == 0x23 {
            j += 1
            var radix = 10
            if j < end, (u[j] | 0x20) == 0x78 {
                radix = 16
                j += 1
            }
            let digitsStart = j
            var value = 0
            while j < end, j - digitsStart < 8, let digit = EmailParser.hexValue(u[j]), Int(digit) < radix {
                value = value * radix + Int(digit)
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < end, u[j] == 0x3B { j += 1 }
            return (shown(value), j)
        }
        let nameStart = j
        while j < end, j - nameStart < 32, isLetter(u[j]) || (0x30...0x39).contains(u[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = String(decoding: u[nameStart..<j], as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        if j < end, u[j] == 0x3B { return (shown(Int(scalar)), j + 1) }
        return ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"].contains(name) ? (shown(Int(scalar)), j) : nil
    }

    /// What a code point shows as: spaces for the no-break and typographic spaces, nothing for
    /// invisible ones and controls, Windows-1252 for 0x80-0x9F (as browsers read `&#150;`),
    /// U+FFFD for what is no character.
    static func shown(_ value: Int) -> UInt32? {
        switch value {
        case 0, 0xD800...0xDFFF, 0x110000...: 0xFFFD
        case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2000...0x200A, 0x202F: 0x20
        case 0x01...0x1F, 0x7F, 0xAD, 0x034F, 0x200B...0x200F, 0x2060, 0xFEFF: nil
        case 0x80...0x9F: UInt32(EmailParser.windows1252[value - 0x80])
        default: UInt32(value)
        }
    }

    /// HTML's named entities for markup, punctuation and Latin-1 (the ones mail uses).
    static let named: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
            "euro": 0x20AC, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
            "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "bull": 0x2022, "hellip": 0x2026, "trade": 0x2122,
            "dagger": 0x2020, "Dagger": 0x2021, "permil": 0x2030, "lsaquo": 0x2039, "rsaquo": 0x203A, "prime": 0x2032,
            "OElig": 0x0152, "oelig": 0x0153, "Scaron": 0x0160, "scaron": 0x0161, "Yuml": 0x0178, "fnof": 0x0192,
            "circ": 0x02C6, "tilde": 0x02DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
            "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "larr": 0x2190, "uarr": 0x2191, "rarr": 0x2192,
            "darr": 0x2193, "minus": 0x2212, "hearts": 0x2665,
        ]
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 \
            acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde \
            Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc \
            Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml \
            aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc \
            otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = UInt32(0xA0 + offset) }
        return table
    }()
}
