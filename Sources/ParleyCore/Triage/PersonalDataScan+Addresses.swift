/// Postal address rules: "12 Baker Street" (with its town and postcode when they follow), and UK
/// postcodes on their own. A street needs a house number, a capitalized name and a street word, so
/// "Main Street store" or "3 Street Fighter games" stay unmarked.
extension PersonalDataScan {
    func addresses() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        var i = 0
        while i < u.count {
            if let end = street(at: i) {
                out.append(PersonalDataHit(kind: .address, start: unit(before: i) ?? i, end: locality(after: end) ?? end, confidence: 0.85))
                i = locality(after: end) ?? end
            } else if let end = ukPostcode(at: i) {
                out.append(PersonalDataHit(kind: .address, start: i, end: end, confidence: 0.8))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }

    /// End of "12 Baker Street" / "221B Elm Rd" starting at `i`, or nil.
    private func street(at i: Int) -> Int? {
        guard Self.isDigit(at(i)), !Self.isAlnum(at(i - 1)) else { return nil }
        var j = i
        while j < u.count && Self.isDigit(u[j]) && j - i < 5 { j += 1 }
        guard j - i <= 4 else { return nil }
        if Self.isLetter(at(j)) && !Self.isAlnum(at(j + 1)) { j += 1 }  // 221B, 207a
        var names = 0
        while names < 4, at(j) == 0x20, let wordEnd = capitalizedWord(at: j + 1) ?? directional(at: j + 1) {
            let word = String(decoding: u[(j + 1)..<wordEnd], as: UTF16.self)
            if names > 0 && Self.streetWords.contains(word) { return unitAfter(wordEnd) ?? wordEnd }
            names += 1
            j = wordEnd
        }
        return nil
    }

    /// "N", "S", "E", "W" in "891 E Lincoln Ln".
    private func directional(at i: Int) -> Int? {
        [0x4E, 0x53, 0x45, 0x57].contains(at(i)) && at(i + 1) == 0x20 ? i + 1 : nil
    }

    /// " Apt 11C", " Suite 387", " #5" after a street word: the end of it, or nil.
    private func unitAfter(_ end: Int) -> Int? {
        var j = end
        if at(j) == 0x2C { j += 1 }
        guard at(j) == 0x20 else { return nil }
        j += 1
        if at(j) == 0x23 {
            j += 1
        } else {
            let wordStart = j
            while Self.isLetter(at(j)) { j += 1 }
            guard Self.unitWords.contains(String(decoding: u[wordStart..<j], as: UTF16.self)), at(j) == 0x20 else { return nil }
            j += 1
        }
        let numberStart = j
        while Self.isDigit(at(j)) && j - numberStart < 5 { j += 1 }
        guard j > numberStart else { return nil }
        if Self.isLetter(at(j)) { j += 1 }
        return Self.isAlnum(at(j)) ? nil : j
    }

    /// ", Leeds LS1 4DY" or ", Austin, TX 78701" after a street: the end of it, or nil.
    private func locality(after end: Int) -> Int? {
        guard at(end) == 0x2C, at(end + 1) == 0x20, var j = capitalizedWord(at: end + 2) else { return nil }
        if at(j) == 0x20, let more = capitalizedWord(at: j + 1), ukPostcode(at: j + 1) == nil { j = more }
        if at(j) == 0x20, let postcode = ukPostcode(at: j + 1) { return postcode }
        if at(j) == 0x2C, at(j + 1) == 0x20, let postcode = ukPostcode(at: j + 2) { return postcode }  // ", Cardiff, CF10 1EP"
        // US: ", TX 78701"
        if at(j) == 0x2C, at(j + 1) == 0x20, Self.isUpper(at(j + 2)), Self.isUpper(at(j + 3)), at(j + 4) == 0x20 {
            var k = j + 5
            while Self.isDigit(at(k)) && k - (j + 5) < 5 { k += 1 }
            if k - (j + 5) == 5, at(k) == 0x2D, (1...4).allSatisfy({ Self.isDigit(at(k + $0)) }), !Self.isAlnum(at(k + 5)) { return k + 5 }  // ZIP+4
            if k - (j + 5) == 5 && !Self.isAlnum(at(k)) { return k }
        }
        return nil
    }

    /// The start of "Flat 3, " or "Apt 11C, " just before a street at `i`, or nil.
    private func unit(before i: Int) -> Int? {
        guard at(i - 1) == 0x20, at(i - 2) == 0x2C else { return nil }
        var j = i - 2
        if Self.isUpper(at(j - 1)) { j -= 1 }
        let numberEnd = j
        while Self.isDigit(at(j - 1)), numberEnd - j < 4 { j -= 1 }
        guard j < numberEnd, at(j - 1) == 0x20 else { return nil }
        let wordEnd = j - 1
        var k = wordEnd
        while Self.isLetter(at(k - 1)) { k -= 1 }
        if at(wordEnd - 1) == 0x2E { return nil }
        guard k < wordEnd, Self.unitWords.contains(String(decoding: u[k..<wordEnd], as: UTF16.self)) else { return nil }
        return k
    }

    static let unitWords: Set<String> = ["Flat", "flat", "Apt", "apt", "Apartment", "apartment", "Unit", "unit", "Suite", "suite", "Appt", "appt"]

    private func capitalizedWord(at i: Int) -> Int? {
        guard Self.isUpper(at(i)) else { return nil }
        var j = i + 1
        while Self.isLower(at(j)) { j += 1 }
        guard j - i >= 2, !Self.isAlnum(at(j)) else { return nil }
        return j
    }

    /// "SW1A 1AA", "M1 1AE": outward code (1–2 letters, a digit, maybe a digit or letter), a space,
    /// inward code (a digit and two letters).
    private func ukPostcode(at i: Int) -> Int? {
        guard Self.isUpper(at(i)), !Self.isAlnum(at(i - 1)) else { return nil }
        var j = i + 1
        if Self.isUpper(at(j)) { j += 1 }
        guard Self.isDigit(at(j)) else { return nil }
        j += 1
        if Self.isDigit(at(j)) || Self.isUpper(at(j)) { j += 1 }
        guard at(j) == 0x20, Self.isDigit(at(j + 1)), Self.isUpper(at(j + 2)), Self.isUpper(at(j + 3)),
              !Self.isAlnum(at(j + 4)) else { return nil }
        return j + 4
    }

    static let streetWords: Set<String> = [
        "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Ln", "Drive", "Dr", "Close", "Way",
        "Boulevard", "Blvd", "Court", "Ct", "Place", "Pl", "Terrace", "Crescent", "Square", "Gardens",
        "Grove", "Parkway", "Pkwy", "Highway", "Hwy", "Row", "Mews", "Hill", "Walk", "Park",
    ]
}
