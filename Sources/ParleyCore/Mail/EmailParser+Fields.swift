import Foundation

// Header fields as values: addresses, message ids, dates, one-line text and filenames.
extension EmailParser {
    /// One line of text: control characters and line breaks become spaces, runs of spaces one,
    /// bidirectional overrides (which can disguise a name or a file's extension) are dropped.
    static func oneLine(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x21, 0x7F...0xA0, 0x2028, 0x2029: pendingSpace = true
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default:
                if pendingSpace && !scalars.isEmpty { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        var line = String(scalars)
        guard line.utf8.count > limit, line.count > limit else { return line }
        line = String(line.prefix(limit))
        while line.last == " " { line.removeLast() }
        return line
    }

    /// A name an attachment can be shown and saved under: the last path component only, no
    /// control or reserved characters, no leading dots (`..`, hidden files), at most 150
    /// characters with the extension kept.
    static func filename(_ raw: String?, mediaType: String) -> String {
        var name = oneLine(decodeWords(raw ?? ""), limit: 1_000)
        let separators: Set<Character> = ["/", "\\", "\u{2215}", "\u{2044}", "\u{FF0F}", "\u{FF3C}"]
        if let last = name.lastIndex(where: { separators.contains($0) }) {
            name = String(name[name.index(after: last)...])
        }
        name = String(name.map { ":*?\"<>|".contains($0) ? "_" : $0 })
        while let first = name.first, first == "." || first == " " { name.removeFirst() }
        while let last = name.last, last == "." || last == " " { name.removeLast() }
        if name.isEmpty {
            switch mediaType {
            case "message/rfc822": name = "message.eml"
            case "message/delivery-status", "message/global-delivery-status": name = "delivery-status.txt"
            case "text/rfc822-headers": name = "headers.txt"
            case "text/calendar": name = "invite.ics"
            default: name = "attachment"
            }
        }
        guard name.count > 150 else { return name }
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 16 {
            let suffix = name[dot...]
            return String(name.prefix(150 - suffix.count)) + suffix
        }
        return String(name.prefix(150))
    }

    /// The mailboxes of an address-list header: display names quoted or not (RFC 2047 words
    /// decoded), `<addr>` or a bare `addr (Comment)`, groups (`team: a@x.example, b@x.example;`,
    /// `undisclosed-recipients:;`). An entry that is no address is dropped, not an error.
    static func addresses(_ value: String) -> [EmailAddress] {
        var result: [EmailAddress] = []
        var phrase: [String] = []
        var comment: String?
        var angle: String?
        func finish() {
            defer {
                phrase = []
                comment = nil
                angle = nil
            }
            if let spec = angle {
                let name = phrase.isEmpty ? comment : phrase.joined(separator: " ")
                if let address = mailbox(spec, name: name, angled: true) { result.append(address) }
            } else if !phrase.isEmpty {
                let withAt = phrase.filter { $0.contains("@") }
                let spec = withAt.count == 1 && !withAt[0].hasPrefix("@") ? withAt[0] : phrase.joined()
                if let address = mailbox(spec, name: comment, angled: false) { result.append(address) }
            }
        }
        for token in addressTokens(value) {
            switch token {
            case .word(let text): if angle == nil { phrase.append(text) }
            case .comment(let text): if comment == nil { comment = text }
            case .angle(let text): if angle == nil { angle = text }
            case .comma, .semicolon: finish()
            case .colon:
                // A group's name: its members follow.
                if angle == nil {
                    phrase = []
                    comment = nil
                }
            }
        }
        finish()
        return result
    }

    enum AddressToken {
        case word(String)
        case comment(String)
        case angle(String)
        case comma
        case colon
        case semicolon
    }

    static func addressTokens(_ value: String) -> [AddressToken] {
        let u = Array(value.utf8)
        var tokens: [AddressToken] = []
        var i = 0
        while i < u.count {
            switch u[i] {
            case 0x20, 0x09, 0x0D, 0x0A, 0x29, 0x3E:
                i += 1  // white space, or a stray ')' or '>'
            case 0x2C:
                tokens.append(.comma)
                i += 1
            case 0x3A:
                tokens.append(.colon)
                i += 1
            case 0x3B:
                tokens.append(.semicolon)
                i += 1
            case 0x22:
                var text: [UInt8] = []
                i += 1
                while i < u.count, u[i] != 0x22 {
                    if u[i] == 0x5C, i + 1 < u.count { i += 1 }
                    text.append(u[i])
                    i += 1
                }
                i += 1
                tokens.append(.word(String(decoding: text, as: UTF8.self)))
            case 0x28:
                var text: [UInt8] = []
                var depth = 1
                i += 1
                while i < u.count, depth > 0 {
                    let byte = u[i]
                    i += 1
                    if byte == 0x5C, i < u.count {
                        text.append(u[i])
                        i += 1
                        continue
                    }
                    if byte == 0x28 { depth += 1 }
                    if byte == 0x29 { depth -= 1 }
                    if depth > 0 { text.append(byte) }
                }
                tokens.append(.comment(String(decoding: text, as: UTF8.self)))
            case 0x3C:
                let close = u[(i + 1)...].firstIndex(of: 0x3E) ?? u.count
                var text = String(decoding: u[(i + 1)..<close], as: UTF8.self)
                // An obsolete source route, `<@relay.example:jane@example.com>`.
                if text.hasPrefix("@"), let colon = text.lastIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
                tokens.append(.angle(text))
                i = close + 1
            default:
                let start = i
                while i < u.count, !isAddressSpecial(u[i]) { i += 1 }
                tokens.append(.word(String(decoding: u[start..<i], as: UTF8.self)))
            }
        }
        return tokens
    }

    static func isAddressSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, 0x22, 0x28, 0x29, 0x2C, 0x3A, 0x3B, 0x3C, 0x3E: true
        default: false
        }
    }

    /// An address worth keeping: no white space or control characters, at most 254 bytes,
    /// `local@domain` with both sides present, or a bare local part only inside angle brackets
    /// (`<MAILER-DAEMON>`).
    static func mailbox(_ spec: String, name: String?, angled: Bool) -> EmailAddress? {
        let address = spec.filter { !$0.isWhitespace }
        guard !address.isEmpty, address.utf8.count <= 254,
              !address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        if let at = address.lastIndex(of: "@") {
            guard at != address.startIndex, address.index(after: at) != address.endIndex else { return nil }
        } else if !angled {
            return nil
        }
        let display = name.map { oneLine(decodeWords($0), limit: 200) }
        return EmailAddress(address: address, name: display)
    }

    /// The ids of `Message-ID`, `In-Reply-To` or `References`, without angle brackets, in order,
    /// each once. Ids sent without brackets are taken when they look like `x@y`.
    static func messageIDs(_ value: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        func add(_ raw: Substring) {
            let id = String(raw.filter { !$0.isWhitespace })
            guard !id.isEmpty, id.utf8.count <= 250,
                  !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
                  seen.insert(id).inserted else { return }
            ids.append(id)
        }
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            add(after[..<close])
            rest = after[after.index(after: close)...]
        }
        if ids.isEmpty {
            for token in value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) where token.contains("@") {
                add(token)
            }
        }
        return ids
    }

    /// An RFC 5322 date (`Tue, 3 Dec 2026 10:00:00 +0000`), read loosely as senders write it: the
    /// weekday and seconds optional, two-digit years, the obsolete zone names, a trailing comment,
    /// asctime order. nil when no day, month and year can be found or they make no date.
    static func date(_ value: String) -> Date? {
        var day: Int?
        var month: Int?
        var year: Int?
        var clock = (hour: 0, minute: 0, second: 0)
        var offset = 0
        for token in value.prefix(while: { $0 != "(" }).split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            let lower = token.lowercased()
            if let sign = token.first, sign == "+" || sign == "-", token.count > 1 {
                let digits = String(token.dropFirst().filter { $0 != ":" })
                guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let hhmm = Int(digits) else { continue }
                offset = (sign == "-" ? -1 : 1) * (hhmm / 100 * 3600 + hhmm % 100 * 60)
            } else if token.contains(":") {
                let fields = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                guard fields.count == 2 || fields.count == 3, let hour = fields[0], let minute = fields[1] else { return nil }
                let second = fields.count == 3 ? fields[2] : 0
                guard let second else { return nil }
                clock = (hour, minute, second)
            } else if token.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(token) {
                if day == nil && token.count <= 2 { day = number } else if year == nil { year = number }
            } else if month == nil, lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) {
                month = index + 1
            } else if let hours = zones[lower] {
                offset = hours * 3600
            }
        }
        guard let day, let month, var year else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthDays[month - 1]).contains(day), (0...23).contains(clock.hour), (0...59).contains(clock.minute),
              (0...60).contains(clock.second) else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
        // days_from_civil): no Calendar or DateFormatter, whose locale and cost are not wanted here.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + clock.hour * 3600 + clock.minute * 60 + min(clock.second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 5322 §4.3's obsolete zones; other names (CET, IST) are ambiguous and read as UTC.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    ]
}
