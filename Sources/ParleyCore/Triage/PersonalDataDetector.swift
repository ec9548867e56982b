/// Finds personal data in a message by rules, each explainable and checkable (Luhn, mod-97).
///
/// Works on UTF-16 code units so that offsets match X's entity indices, and in one left-to-right
/// pass per rule family, so a 1 MB message costs linear time. Rules run from most to least certain
/// and a later rule never claims text an earlier one took: an IBAN is not also a phone number.
public struct PersonalDataDetector: Sendable {
    /// The brand's own public addresses (support@...), which are not the customer's personal data.
    public let ignoredEmails: Set<String>

    public init(ignoredEmails: [String] = []) {
        self.ignoredEmails = Set(ignoredEmails.map { $0.lowercased() })
    }

    public func hits(in text: String) -> [PersonalDataHit] {
        let scan = PersonalDataScan(Array(text.utf16))
        var found: [PersonalDataHit] = []
        // One flag per code unit keeps the overlap check linear however many hits a message has.
        var taken = [Bool](repeating: false, count: scan.u.count)
        func claim(_ hit: PersonalDataHit) {
            guard !taken[hit.start..<hit.end].contains(true) else { return }
            for k in hit.start..<hit.end { taken[k] = true }
            found.append(hit)
        }
        let brands = scan.addressedBrands()
        scan.emails().filter { hit in
            let address = scan.string(hit.start, hit.end).lowercased()
            return !ignoredEmails.contains(address) && !Self.isBrandAddress(address, brands: brands)
        }.forEach(claim)
        scan.spelledEmails().forEach(claim)
        scan.ibans().forEach(claim)
        scan.addresses().forEach(claim)
        scan.identifiers().forEach(claim)
        scan.digitSequences().forEach(claim)
        return found.sorted { $0.start < $1.start }
    }
}

extension PersonalDataDetector {
    /// A role address ("help@", "support@", "kundenservice@") at the domain of a brand the
    /// message addresses ("@AppleSupport … Help@apple.com", "@Delta … care@delta.com"): the
    /// brand's own, even where none is configured. A person's address at that domain (a
    /// customer of @gmail writing from gmail.com) stays personal data.
    static func isBrandAddress(_ address: String, brands: [String]) -> Bool {
        guard !brands.isEmpty, let at = address.firstIndex(of: "@") else { return false }
        let local = address[..<at].split(whereSeparator: { "._-+".contains($0) }).first.map(String.init) ?? ""
        guard roleWords.contains(local) || roleWords.contains(String(address[..<at])) else { return false }
        let labels = address[address.index(after: at)...].split(separator: ".").dropLast().map(String.init)
        return labels.contains { label in
            label.count >= 3 && brands.contains { brand in brand == label || (label.count >= 4 && brand.contains(label)) || brand.hasPrefix(label) || label.hasPrefix(brand) }
        }
    }

    static let roleWords: Set<String> = [
        "help", "support", "care", "service", "services", "customerservice", "customercare", "info", "contact", "hello", "hi",
        "team", "noreply", "no-reply", "donotreply", "press", "media", "feedback", "billing", "sales", "accounts", "helpdesk",
        "kundenservice", "kundendienst", "hilfe", "kontakt", "serviceclient", "service-client", "assistance", "contacto",
        "atencion", "ayuda", "atendimento", "suporte", "ajuda", "assistenza", "supporto", "klantenservice", "klantendienst",
        "webcare", "privacy", "refunds", "bookings", "reservations", "orders", "returns", "complaints", "social",
    ]
}

/// The text under scan and the character tests the rules share.
struct PersonalDataScan {
    let u: [UInt16]

    init(_ units: [UInt16]) { self.u = units }

    func string(_ start: Int, _ end: Int) -> String { String(decoding: u[start..<end], as: UTF16.self) }

    static func isDigit(_ c: UInt16) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isUpper(_ c: UInt16) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isLower(_ c: UInt16) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isLetter(_ c: UInt16) -> Bool { isUpper(c) || isLower(c) }
    static func isAlnum(_ c: UInt16) -> Bool { isDigit(c) || isLetter(c) }

    func at(_ i: Int) -> UInt16 { i >= 0 && i < u.count ? u[i] : 0x20 }

    // MARK: Emails

    /// The brands the message speaks to: each @handle's name in lower case, with the care words
    /// brands add ("AppleSupport", "VodafoneUK", "SpotifyCares") taken off.
    func addressedBrands() -> [String] {
        var brands: [String] = []
        for i in u.indices where u[i] == 0x40 && !Self.isAlnum(at(i - 1)) {
            var j = i + 1
            while j < u.count, j - i <= 15, Self.isAlnum(u[j]) || u[j] == 0x5F { j += 1 }
            guard j > i + 1, at(j) != 0x2E || !Self.isAlnum(at(j + 1)) else { continue }  // not an address's "@"
            var name = string(i + 1, j).lowercased()
            for suffix in Self.handleSuffixes where name.count > suffix.count + 2 && name.hasSuffix(suffix) {
                name.removeLast(suffix.count)
            }
            for prefix in ["ask_", "ask", "hey"] where name.count > prefix.count + 2 && name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
            brands.append(name)
        }
        return brands
    }

    static let handleSuffixes = ["_uk", "uk", "_us", "us", "_de", "_fr", "_es", "_it", "_nl", "support", "help", "cares", "care",
                                 "service", "team", "_", "hq"]

    func emails() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        for i in u.indices where u[i] == 0x40 {  // "@"
            // RFC 5321 caps the local part at 64 and the domain at 255 octets; the caps also keep a
            // message full of "@" linear.
            var l = i
            while l > 0 && i - l < 64 && Self.isLocalPart(u[l - 1]) { l -= 1 }
            while l < i && (u[l] == 0x2E || u[l] == 0x2D) { l += 1 }  // no leading "." or "-"
            var r = i + 1
            while r < u.count && r - i <= 255 && (Self.isAlnum(u[r]) || u[r] == 0x2E || u[r] == 0x2D) { r += 1 }
            while r > i + 1 && (u[r - 1] == 0x2E || u[r - 1] == 0x2D) { r -= 1 }
            guard l < i, r > i + 1 else { continue }
            let domain = u[(i + 1)..<r]
            guard let dot = domain.lastIndex(of: 0x2E), dot > i + 1 else { continue }
            let tld = u[(dot + 1)..<r]
            guard tld.count >= 2, tld.allSatisfy(Self.isLetter) else { continue }
            out.append(PersonalDataHit(kind: .email, start: l, end: r, confidence: 0.99))
        }
        return out
    }

    static func isLocalPart(_ c: UInt16) -> Bool {
        isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D  // . _ % + -
    }

    // MARK: IBAN

    /// Two letters, two check digits, then up to 30 letters or digits, optionally in groups of 4;
    /// reported only when the ISO 13616 mod-97 check passes, so random codes do not count.
    func ibans() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        var i = 0
        while i + 4 <= u.count {
            guard Self.isUpper(u[i]), Self.isUpper(at(i + 1)), Self.isDigit(at(i + 2)), Self.isDigit(at(i + 3)),
                  !Self.isAlnum(at(i - 1)) else {
                i += 1
                continue
            }
            var chars: [UInt16] = []
            var ends: [Int] = []  // end offset after each character
            var j = i
            while j < u.count && chars.count < 34 {
                if Self.isDigit(u[j]) || Self.isUpper(u[j]) {
                    chars.append(u[j])
                    ends.append(j + 1)
                    j += 1
                } else if u[j] == 0x20 && chars.count % 4 == 0 && (Self.isDigit(at(j + 1)) || Self.isUpper(at(j + 1))) {
                    j += 1
                } else {
                    break
                }
            }
            var matched = false
            if chars.count >= 15 {
                for length in stride(from: chars.count, through: 15, by: -1) where !Self.isAlnum(at(ends[length - 1]))
                    && Self.mod97(chars[0..<length]) == 1 {
                    out.append(PersonalDataHit(kind: .iban, start: i, end: ends[length - 1], confidence: 0.99))
                    i = ends[length - 1]
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
        return out
    }

    static func mod97(_ chars: ArraySlice<UInt16>) -> Int {
        let moved = Array(chars.dropFirst(4)) + Array(chars.prefix(4))
        var remainder = 0
        for c in moved {
            if isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(c - 0x41 + 10)) % 97
            }
        }
        return remainder
    }
}
