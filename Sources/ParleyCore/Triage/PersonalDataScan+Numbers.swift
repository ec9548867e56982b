/// Identifier rules: payment cards, phone numbers, and order, account, tracking and booking numbers.
///
/// Card numbers prove themselves (Luhn) and a few carrier formats are unmistakable; everything
/// else needs the words in front of it ("order #", "acct no.", "booking ref"), because a bare digit
/// run is as likely a price, a model or a date.
extension PersonalDataScan {
    /// Letters-and-digits codes, possibly joined by single hyphens: "W123456789", "ORD-2024-88123".
    func identifiers() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        var i = 0
        while i < u.count {
            guard Self.isAlnum(u[i]), !Self.isAlnum(at(i - 1)) else {
                i += 1
                continue
            }
            var j = i
            while j < u.count && (Self.isAlnum(u[j]) || (u[j] == 0x2D && Self.isAlnum(at(j + 1)) && Self.isAlnum(at(j - 1)))) {
                j += 1
            }
            defer { i = j }
            // Counted in place: this runs for every word of every message, and most are plain words.
            var length = 0
            var digits = 0
            var allUpper = true
            for k in i..<j where u[k] != 0x2D {
                length += 1
                if Self.isDigit(u[k]) { digits += 1 } else if !Self.isUpper(u[k]) { allUpper = false }
            }
            let letters = length - digits
            guard letters > 0, at(i - 1) != 0x40, at(i - 1) != 0x23 || digits > 0 else { continue }  // not @handles or #hashtags
            // UPS written in groups: "1Z WKP AGW 16 2601 8615".
            if j - i == 2, u[i] == 0x31, u[i + 1] == 0x5A, let end = spacedUPS(after: j) {
                out.append(PersonalDataHit(kind: .trackingNumber, start: i, end: end, confidence: 0.95))
                j = end
                continue
            }
            // Every carrier format has digits.
            if digits > 0, let kind = Self.carrierFormat(u[i..<j].filter { $0 != 0x2D }) {
                out.append(PersonalDataHit(kind: kind, start: i, end: j, confidence: 0.95))
                continue
            }
            // A record locator in capitals, or in any case when it holds a digit ("pnr is xf5u3q").
            let mayBeBookingRef = (allUpper || digits > 0) && (5...8).contains(length)
            let mayBeNumber = digits >= 4 && length >= 5
            guard mayBeBookingRef || mayBeNumber, let context = contextKind(before: i) else { continue }
            switch context {
            case .bookingRef where mayBeBookingRef:
                out.append(PersonalDataHit(kind: .bookingRef, start: i, end: j, confidence: 0.9))
            case .orderNumber, .accountNumber, .trackingNumber:
                if mayBeNumber {
                    out.append(PersonalDataHit(kind: context, start: i, end: j, confidence: 0.9))
                }
            default:
                break
            }
        }
        return out
    }

    /// The end of the 16 capitals and digits after a spaced "1Z", or nil.
    private func spacedUPS(after j: Int) -> Int? {
        var count = 0, k = j
        while count < 16, at(k) == 0x20, Self.isDigit(at(k + 1)) || Self.isUpper(at(k + 1)) {
            k += 1
            while k < u.count, Self.isDigit(u[k]) || Self.isUpper(u[k]) {
                count += 1
                k += 1
            }
        }
        return count == 16 && !Self.isAlnum(at(k)) ? k : nil
    }

    /// UPS ("1Z" + 16), UPU S10 ("RR123456789GB"), and DHL-style two letters + 16 or more digits.
    static func carrierFormat(_ t: [UInt16]) -> PersonalDataKind? {
        if t.count == 18 && t[0] == 0x31 && t[1] == 0x5A && t.allSatisfy({ isDigit($0) || isUpper($0) }) {
            return .trackingNumber
        }
        if t.count == 13 && isUpper(t[0]) && isUpper(t[1]) && t[2..<11].allSatisfy(isDigit) && isUpper(t[11]) && isUpper(t[12]) {
            return .trackingNumber
        }
        if t.count >= 18 && isUpper(t[0]) && isUpper(t[1]) && t[2...].allSatisfy(isDigit) {
            return .trackingNumber
        }
        return nil
    }

    /// Runs of digit groups a person would write as one number: "+1 (415) 555-0123", "4111 1111 ...".
    func digitSequences() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        var i = 0
        while i < u.count {
            guard Self.isDigit(u[i]), !Self.isAlnum(at(i - 1)) else {
                i += 1
                continue
            }
            var start = i
            let plus = at(i - 1) == 0x2B
            let paren = at(i - 1) == 0x28
            if plus || paren { start = i - 1 }
            if plus && at(i - 2) == 0x28 { start = i - 2 }
            var groups: [Int] = []
            var separators: Set<UInt16> = []
            var gaps: [UInt16] = []  // the first unit of each separator, in order
            var digits: [UInt16] = []
            var j = i
            var end = i
            while true {
                let groupStart = j
                while j < u.count && Self.isDigit(u[j]) { j += 1 }
                groups.append(j - groupStart)
                digits.append(contentsOf: u[groupStart..<j])
                end = j
                guard let next = separatorLength(at: j) else { break }
                for k in j..<(j + next) { separators.insert(u[k]) }
                gaps.append(u[j])
                j += next
            }
            i = end
            if Self.isLetter(at(end)) || at(end) == 0x25 || Self.isCurrency(at(start - 1)) || Self.isCurrency(at(end)) { continue }  // 3pm, 20%, $40, 40€
            // A time ("12:39") or a run that starts with a date ("2024-05-24 12:39", "16.08.2024 18:19").
            if at(end) == 0x3A && Self.isDigit(at(end + 1)) || Self.startsWithDate(groups, gaps) { continue }
            if let hit = classify(start: start, end: end, digits: digits, groups: groups, separators: separators, gaps: gaps, plus: plus, paren: paren) {
                out.append(hit)
            }
        }
        return out
    }

    /// Length of an in-number separator at `j` that is followed by a digit, or nil.
    private func separatorLength(at j: Int) -> Int? {
        for p in Self.separatorPatterns where j + p.count < u.count && u[j..<(j + p.count)].elementsEqual(p) {
            if Self.isDigit(u[j + p.count]) { return p.count }
        }
        return nil
    }

    private static let separatorPatterns: [[UInt16]] = [[0x20, 0x2D, 0x20], [0x29, 0x20], [0x20, 0x28], [0x20], [0x2D], [0x2E], [0x29], [0x2F]]

    /// Day, month and year (either way round) joined by "-", "." or "/" at the start of a run.
    static func startsWithDate(_ groups: [Int], _ gaps: [UInt16]) -> Bool {
        guard groups.count >= 3, gaps.count >= 2, gaps[0] == gaps[1], [0x2D, 0x2E, 0x2F].contains(gaps[0]) else { return false }
        let (a, b, c) = (groups[0], groups[1], groups[2])
        return (a == 4 && (1...2).contains(b) && (1...2).contains(c)) || ((1...2).contains(a) && (1...2).contains(b) && (c == 4 || c == 2))
    }

    /// Dots inside a phone number come in the national styles ("415.555.0123", "06.12.34.56.78");
    /// other dotted runs are versions, prices or addresses on a network ("10.0.22400.2420").
    static func dottedLikeAPhone(_ groups: [Int], _ gaps: [UInt16]) -> Bool {
        guard gaps.contains(0x2E) else { return true }
        return groups == [3, 3, 4] || (groups.count >= 4 && groups.allSatisfy { $0 == 2 })
    }

    private func classify(
        start: Int, end: Int, digits: [UInt16], groups: [Int], separators: Set<UInt16>, gaps: [UInt16], plus: Bool, paren: Bool
    ) -> PersonalDataHit? {
        let count = digits.count
        if (13...19).contains(count) && Self.luhnValid(digits) && Self.cardGrouping(groups) && separators.count <= 1 {
            return PersonalDataHit(kind: .cardNumber, start: start, end: end, confidence: 0.97)
        }
        let context = contextKind(before: start)
        if let context, count >= 5 {
            switch context {
            case .orderNumber, .accountNumber, .trackingNumber, .bookingRef:
                return PersonalDataHit(kind: context, start: start, end: end, confidence: 0.9)
            case .phone where (7...15).contains(count) && !gaps.contains(0x2F) || gaps == [0x2F]:
                return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.9)
            default:
                break
            }
        }
        guard Self.dottedLikeAPhone(groups, gaps) else { return nil }
        // USPS: 20 to 22 digits starting 92 to 95, usually in groups of four.
        if (20...22).contains(count) && digits[0] == 0x39 && (0x32...0x35).contains(digits[1]) {
            return PersonalDataHit(kind: .trackingNumber, start: start, end: end, confidence: 0.85)
        }
        let isDate = separators.isSubset(of: [0x2E, 0x2D]) && (groups == [2, 2, 4] || groups == [4, 2, 2])
        if plus && (8...15).contains(count) {
            return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.95)
        }
        // "0039 338 9462752": the international prefix written as 00.
        if !plus && !paren && (11...15).contains(count) && digits[0] == 0x30 && digits[1] == 0x30 && groups.count >= 2 && groups[0] >= 4 {
            return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.9)
        }
        if paren && (10...11).contains(count) {
            return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.9)
        }
        if (10...12).contains(count) && groups.count >= 2 && !isDate {
            return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.85)
        }
        if (10...11).contains(count) && groups.count == 1 && digits[0] == 0x30 {
            return PersonalDataHit(kind: .phone, start: start, end: end, confidence: 0.7)
        }
        return nil
    }

    static func luhnValid(_ digits: [UInt16]) -> Bool {
        var total = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = Int(c - 0x30)
            if i % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            total += d
        }
        return total % 10 == 0
    }

    /// As cards are printed: one run, fours (the last group shorter), or Amex's 4-6-5.
    static func cardGrouping(_ groups: [Int]) -> Bool {
        groups.count == 1 || groups == [4, 6, 5] || (groups.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(groups.last!))
    }

    static func isCurrency(_ c: UInt16) -> Bool {
        c == 0x24 || c == 0xA3 || c == 0x20AC || c == 0xA5  // $ £ € ¥
    }

    // MARK: Context words

    /// The kind named by the words just before `position`, reading back over filler such as
    /// "my", "number", "is", "#", ":" — at most five words. Accented letters read as their base
    /// letter ("número"), and a compound on "-nummer" by its stem ("Bestellnummer").
    func contextKind(before position: Int) -> PersonalDataKind? {
        var j = position
        for _ in 0..<5 {
            while j > 0 && Self.isContextPunctuation(u[j - 1]) { j -= 1 }
            let end = j
            while j > 0 && Self.fold(u[j - 1]) != nil { j -= 1 }
            guard j < end, end - j <= 24 else { return nil }
            let word = u[j..<end].map { Self.fold($0)! }
            if word.count > 6, let stem = Self.key(word.dropLast(6)), Self.key(word.suffix(6)) == Self.nummer, let kind = Self.contextKeys[stem] {
                return kind
            }
            guard let key = Self.key(word) else { return nil }
            if let kind = Self.contextKeys[key] { return kind }
            guard Self.fillerKeys.contains(key) else { return nil }
        }
        return nil
    }

    private static let nummer = key(Array("nummer".utf16))

    /// An ASCII letter as itself, a Latin-1 letter as its base letter, anything else nil.
    static func fold(_ c: UInt16) -> UInt16? {
        if isLetter(c) { return c }
        guard c >= 0xC0, c <= 0xFF, c != 0xD7, c != 0xF7 else { return nil }
        return latin1Base[Int(c - 0xC0)]
    }

    private static let latin1Base: [UInt16] = Array("AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty".utf16)

    /// A letters-only word of up to 12 letters as a number, case folded, five bits a letter: every
    /// context and filler word fits, and looking one up makes no String.
    static func key(_ letters: some Collection<UInt16>) -> UInt64? {
        guard letters.count <= 12 else { return nil }
        var key: UInt64 = 0
        for c in letters { key = key << 5 | UInt64((c | 0x20) - 0x60) }
        return key
    }

    private static let contextKeys = Dictionary(uniqueKeysWithValues: contextWords.map { (key(Array($0.key.utf16))!, $0.value) })
    private static let fillerKeys = Set(fillerWords.map { key(Array($0.utf16))! })

    static func isContextPunctuation(_ c: UInt16) -> Bool {
        c == 0x20 || c == 0x23 || c == 0x3A || c == 0x2E || c == 0x2D || c == 0x28 || c == 0x09 || c == 0xB0 || c == 0xBA  // space # : . - ( tab ° º
    }

    /// English, German, French, Spanish, Portuguese, Italian and Dutch cue words (accents folded).
    static let contextWords: [String: PersonalDataKind] = [
        "order": .orderNumber, "ord": .orderNumber,
        "bestell": .orderNumber, "bestellung": .orderNumber, "auftrag": .orderNumber, "auftrags": .orderNumber,
        "commande": .orderNumber, "pedido": .orderNumber, "encomenda": .orderNumber, "ordine": .orderNumber,
        "bestelling": .orderNumber, "bestel": .orderNumber,
        "kunden": .accountNumber, "konto": .accountNumber, "kundenkonto": .accountNumber, "vertrags": .accountNumber,
        "compte": .accountNumber, "client": .accountNumber, "cuenta": .accountNumber, "cliente": .accountNumber, "conta": .accountNumber,
        "klant": .accountNumber, "rekening": .accountNumber, "abonnement": .accountNumber, "contrato": .accountNumber, "contratto": .accountNumber,
        "sendungs": .trackingNumber, "sendung": .trackingNumber, "paket": .trackingNumber, "suivi": .trackingNumber,
        "colis": .trackingNumber, "seguimiento": .trackingNumber, "envio": .trackingNumber, "rastreio": .trackingNumber,
        "rastreamento": .trackingNumber, "spedizione": .trackingNumber, "pacco": .trackingNumber, "zending": .trackingNumber,
        "pakket": .trackingNumber, "volgcode": .trackingNumber, "trackingcode": .trackingNumber,
        "locator": .bookingRef, "buchung": .bookingRef, "buchungscode": .bookingRef, "buchungs": .bookingRef,
        "reservierung": .bookingRef, "reserva": .bookingRef, "localizador": .bookingRef,
        "prenotazione": .bookingRef, "boeking": .bookingRef, "boekingscode": .bookingRef, "dossier": .bookingRef,
        "phone": .phone, "tel": .phone, "telephone": .phone, "mobile": .phone, "cell": .phone, "call": .phone, "ring": .phone,
        "whatsapp": .phone, "telefon": .phone, "handy": .phone, "telefono": .phone, "movil": .phone, "celular": .phone,
        "telemovel": .phone, "cellulare": .phone, "telefoon": .phone, "mobiel": .phone, "portable": .phone,
        "account": .accountNumber, "acct": .accountNumber, "acc": .accountNumber, "customer": .accountNumber,
        "member": .accountNumber, "membership": .accountNumber,
        "tracking": .trackingNumber, "track": .trackingNumber, "parcel": .trackingNumber, "waybill": .trackingNumber,
        "shipment": .trackingNumber, "consignment": .trackingNumber,
        "booking": .bookingRef, "pnr": .bookingRef, "reservation": .bookingRef, "confirmation": .bookingRef,
    ]

    static let fillerWords: Set<String> = [
        "number", "no", "nr", "num", "id", "is", "my", "ref", "reference", "code", "the", "your", "nbr",
        "record", "me", "at", "on", "us", "nummer", "numero", "n", "nro", "de", "du", "di", "do", "da", "del", "van", "mein",
        "meine", "mon", "ma", "mi", "mijn", "il", "la", "le", "el", "meu", "minha", "codigo", "codice", "ist", "est", "es", "e",
    ]
}
