/// E-mail addresses written out so that machines miss them: "john dot smith at gmail dot com",
/// "name(at)outlook(dot)com", "ana ponto silva arroba hotmail ponto com", in the languages the
/// desk meets. The span runs from the first letter of the name to the end of the domain; the
/// domain needs a dot (written or spelled) and a known top-level domain at its end, so "meet
/// me at noon" and "I'm at home" stay unmarked.
extension PersonalDataScan {
    func spelledEmails() -> [PersonalDataHit] {
        guard mayHoldSpelledEmail() else { return [] }
        let tokens = emailTokens()
        var out: [PersonalDataHit] = []
        var k = 1
        while k < tokens.count - 1 {
            guard tokens[k].role == .at, tokens[k - 1].role == .word, let (domainEnd, last) = domain(tokens, from: k + 1) else {
                k += 1
                continue
            }
            // The name, with its spelled dots: "noah dot patel42".
            var first = k - 1
            while first >= 2, tokens[first - 1].role == .dot, tokens[first - 2].role == .word { first -= 2 }
            out.append(PersonalDataHit(kind: .email, start: tokens[first].start, end: tokens[last].end, confidence: 0.9))
            k = domainEnd
        }
        return out
    }

    /// After an at-word: a label, then dots and labels; the index after it and its last token.
    private func domain(_ tokens: [EmailToken], from k: Int) -> (Int, Int)? {
        guard k < tokens.count, tokens[k].role == .word else { return nil }
        var last = k
        var j = k + 1
        while j + 1 < tokens.count, tokens[j].role == .dot, tokens[j + 1].role == .word {
            last = j + 1
            j += 2
        }
        let written = u[tokens[k].start..<tokens[last].end]
        guard last > k || written.contains(0x2E) else { return nil }
        // The top-level domain: after the last written dot of the last label.
        let label = u[tokens[last].start..<tokens[last].end]
        let tld = label.lastIndex(of: 0x2E).map { label[($0 + 1)...] } ?? label
        guard tld.allSatisfy(Self.isLetter), let key = Self.key(tld), Self.topLevelDomains.contains(key) else { return nil }
        return (j, last)
    }

    enum EmailTokenRole { case word, at, dot, other }

    struct EmailToken {
        var start: Int
        var end: Int
        var role: EmailTokenRole
    }

    /// Words (letters, digits and . _ % + -), bracketed words ("(at)", "[dot]") and the rest,
    /// spaces between them dropped; a spelled at or dot is its own role.
    private func emailTokens() -> [EmailToken] {
        var tokens: [EmailToken] = []
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == 0x20 || c == 0x09 || c == 0x0A {
                i += 1
                continue
            }
            if c == 0x28 || c == 0x5B || c == 0x7B, let close = bracketed(at: i) {
                let role = role(of: u[(i + 1)..<(close - 1)])
                tokens.append(EmailToken(start: i, end: close, role: role == .word ? .other : role))
                i = close
                continue
            }
            guard Self.isLocalPart(c) else {
                tokens.append(EmailToken(start: i, end: i + 1, role: .other))
                i += 1
                continue
            }
            var j = i
            while j < u.count, Self.isLocalPart(u[j]) { j += 1 }
            // A written "." glued to a spelled one ("gmail(dot)com") belongs to neither side.
            var end = j
            while end > i, u[end - 1] == 0x2E || u[end - 1] == 0x2D { end -= 1 }
            tokens.append(EmailToken(start: i, end: max(end, i + 1), role: role(of: u[i..<max(end, i + 1)])))
            i = j
        }
        return tokens
    }

    /// "(at)" and the like: the index after the closing bracket, for a short word inside.
    private func bracketed(at i: Int) -> Int? {
        let close: UInt16 = u[i] == 0x28 ? 0x29 : u[i] == 0x5B ? 0x5D : 0x7D
        var j = i + 1
        while j < u.count, j - i <= 6, Self.isLetter(u[j]) { j += 1 }
        guard j > i + 1, j < u.count, u[j] == close else { return nil }
        return j + 1
    }

    private func role(of word: ArraySlice<UInt16>) -> EmailTokenRole {
        guard word.allSatisfy(Self.isLetter), let key = Self.key(word) else { return .word }
        if Self.atWords.contains(key) { return .at }
        if Self.dotWords.contains(key) { return .dot }
        return .word
    }

    /// Cheap first look: any at-word at all (most messages have none).
    private func mayHoldSpelledEmail() -> Bool {
        var i = 0
        while i < u.count {
            guard Self.isLetter(u[i]), !Self.isLetter(at(i - 1)) else {
                i += 1
                continue
            }
            var j = i
            while j < u.count, Self.isLetter(u[j]) { j += 1 }
            if let key = Self.key(u[i..<j]), Self.atWords.contains(key) { return true }
            i = j
        }
        return false
    }

    private static let atWords = Set(["at", "arroba", "chiocciola", "apenstaartje", "klammeraffe", "arobase"].map { key(Array($0.utf16))! })
    private static let dotWords = Set(["dot", "punto", "ponto", "punkt", "point", "punt", "dott"].map { key(Array($0.utf16))! })
    private static let topLevelDomains = Set([
        "com", "net", "org", "edu", "gov", "info", "biz", "io", "me", "co", "uk", "us", "ca", "au", "nz", "ie", "de", "at", "ch",
        "fr", "be", "es", "pt", "br", "it", "nl", "se", "no", "dk", "fi", "pl", "mx", "ar", "cl", "in", "jp", "eu", "online", "email",
    ].map { key(Array($0.utf16))! })
}
