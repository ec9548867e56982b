/// Postal address rules: "12 Baker Street" (with its town and postcode when they follow), and UK
/// postcodes on their own. A street needs a house number, a capitalized name and a street word, so
/// "Main Street store" or "3 Street Fighter games" stay unmarked.
extension PersonalDataScan {
    func addresses() -> [PersonalDataHit] {
        var out: [PersonalDataHit] = []
        var i = 0
        while i < u.count {
            if let end = street(at: i) {
                out.append(PersonalDataHit(kind: .address, start: i, end: locality(after: end) ?? end, confidence: 0.85))
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
        if Self.isUpper(at(j)) && !Self.isAlnum(at(j + 1)) { j += 1 }  // 221B
        var names = 0
        while names < 4, at(j) == 0x20, let wordEnd = capitalizedWord(at: j + 1) {
            let word = String(decoding: u[(j + 1)..<wordEnd], as: UTF16.self)
            if names > 0 && Self.streetWords.contains(word) { return wordEnd }
            names += 1
            j = wordEnd
        }
        return nil
    }

    /// ", Leeds LS1 4DY" or ", Austin, TX 78701" after a street: the end of it, or nil.
    private func locality(after end: Int) -> Int? {
        guard at(end) == 0x2C, at(end + 1) == 0x20, var j = capitalizedWord(at: end + 2) else { return nil }
        if at(j) == 0x20, let more = capitalizedWord(at: j + 1), ukPostcode(at: j + 1) == nil { j = more }
        if at(j) == 0x20, let postcode = ukPostcode(at: j + 1) { return postcode }
        // US: ", TX 78701"
        if at(j) == 0x2C, at(j + 1) == 0x20, Self.isUpper(at(j + 2)), Self.isUpper(at(j + 3)), at(j + 4) == 0x20 {
            var k = j + 5
            while Self.isDigit(at(k)) && k - (j + 5) < 5 { k += 1 }
            if k - (j + 5) == 5 && !Self.isAlnum(at(k)) { return k }
        }
        return nil
    }

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
        "Grove", "Parkway", "Highway", "Hwy",
    ]
}
