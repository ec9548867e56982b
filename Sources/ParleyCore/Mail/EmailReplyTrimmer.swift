import Foundation

/// What an agent needs to read of an e-mail reply: the new text, without the quoted thread below
/// it, the signature, or a phone's "Sent from my iPhone". It cuts at the first of: a quote header
/// ("On ... wrote:", also wrapped onto two lines, and its German, French, Spanish, Dutch, Italian,
/// Portuguese and Swedish forms), an "-----Original Message-----" line, an Outlook header block
/// ("From:" then "Sent:", in several languages), quoted lines running to the end, or a `-- `
/// signature line. Trimming never empties a message: if nothing would be left, the whole text is
/// shown, since a reply that is all quote is still what the customer sent.
public enum EmailReplyTrimmer {
    public static func visible(_ text: String) -> String {
        let normalized = text.utf8.contains(0x0D)
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            : text
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let cuts = [quoteHeader(lines), originalMessage(lines), outlookHeader(lines), signature(lines), trailingQuote(lines)]
        var end = contentEnd(lines, before: cuts.compactMap { $0 }.min() ?? lines.count)
        if let mobile = mobileSignature(lines, before: end) { end = contentEnd(lines, before: mobile) }
        let start = lines[..<end].firstIndex { !isBlank($0) } ?? end
        var kept = lines[start..<end].joined(separator: "\n")
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return kept.isEmpty ? String(trimmed(normalized[...])) : kept
    }

    /// `line` without white space at either end (Foundation's `trimmingCharacters(in:)` is slow on
    /// Linux, and this runs on every line).
    static func trimmed(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }

    /// `end`, moved up past blank lines.
    static func contentEnd(_ lines: [Substring], before end: Int) -> Int {
        var end = end
        while end > 0, isBlank(lines[end - 1]) { end -= 1 }
        return end
    }

    // MARK: Quote headers

    /// How clients introduce the quoted message: the line's start and a word it contains; the
    /// line ends with a colon.
    static let quoteHeaders: [(start: String, word: String)] = [
        ("On ", "wrote"), ("Am ", "schrieb"), ("Le ", "a écrit"), ("El ", "escribió"), ("Op ", "schreef"),
        ("Il ", "ha scritto"), ("Em ", "escreveu"), ("Den ", "skrev"),
    ]

    static func isQuoteHeader(_ line: String) -> Bool {
        line.count <= 400 && line.hasSuffix(":") && quoteHeaders.contains { line.hasPrefix($0.start) && line.contains($0.word) }
    }

    static func quoteHeader(_ lines: [Substring]) -> Int? {
        for index in lines.indices {
            let line = String(trimmed(lines[index]))
            guard !line.hasPrefix(">"), quoteHeaders.contains(where: { line.hasPrefix($0.start) }) else { continue }
            if isQuoteHeader(line) { return index }
            // Clients wrap a long header, often inside the address: "... Acme Support <\nhelp@acme.example> wrote:".
            if index + 1 < lines.count {
                let next = trimmed(lines[index + 1])
                if !next.isEmpty, !next.hasPrefix(">"), isQuoteHeader(line + " " + next) { return index }
            }
        }
        return nil
    }

    static let originalMessageMarkers = [
        "original message", "ursprüngliche nachricht", "message d'origine", "mensaje original", "messaggio originale",
        "oorspronkelijk bericht", "mensagem original",
    ]

    static func originalMessage(_ lines: [Substring]) -> Int? {
        lines.firstIndex { line in
            let text = trimmed(line)
            guard text.hasPrefix("--") else { return false }
            let lower = text.lowercased()
            return originalMessageMarkers.contains { lower.contains($0) }
        }
    }

    // MARK: Outlook header blocks

    static let fromLabels = ["From", "De", "Von", "Da", "Van", "Från", "Fra"]
    static let sentLabels = ["Sent", "Date", "Envoyé", "Gesendet", "Enviado", "Inviato", "Verzonden", "Skickat", "Sendt", "Datum", "Fecha"]
    static let forwardMarkers = ["forwarded message", "weitergeleitete nachricht", "message transféré", "mensaje reenviado"]

    /// `Label:` at the start of a line, allowing the French space before the colon and the
    /// asterisks of a bold label turned into text.
    static func hasLabel(_ line: Substring, _ labels: [String]) -> Bool {
        let text = trimmed(line).drop(while: { $0 == "*" })
        return labels.contains { label in
            text.hasPrefix(label) && text.dropFirst(label.count).drop(while: { $0 == " " || $0 == "\u{A0}" || $0 == "*" }).hasPrefix(":")
        }
    }

    /// A "From:" line with a "Sent:" line among the next three, and the rule Outlook draws above
    /// it. A forwarded message's header is left alone: what was forwarded is the content.
    static func outlookHeader(_ lines: [Substring]) -> Int? {
        for index in lines.indices where hasLabel(lines[index], fromLabels) {
            guard lines[(index + 1)..<min(index + 4, lines.count)].contains(where: { hasLabel($0, sentLabels) }) else { continue }
            let above = lines[max(0, index - 2)..<index].map { $0.lowercased() }
            if above.contains(where: { line in forwardMarkers.contains { line.contains($0) } }) { continue }
            var rule = index - 1
            while rule >= 0, isBlank(lines[rule]) { rule -= 1 }
            if rule >= 0, isRule(lines[rule]) { return rule }
            return index
        }
        return nil
    }

    static func isRule(_ line: Substring) -> Bool {
        let text = trimmed(line)
        return text.count >= 8 && text.allSatisfy { $0 == "_" || $0 == "-" || $0 == "—" }
    }

    // MARK: Signatures and quoted tails

    /// The signature delimiter, `-- ` (RFC 3676 §4.3), also without its space as many clients send it.
    static func signature(_ lines: [Substring]) -> Int? {
        lines.firstIndex { line in line.hasPrefix("--") && line.dropFirst(2).allSatisfy { $0 == " " } }
    }

    /// The first of the lines starting with ">" (blank ones between them allowed) that run to the end.
    static func trailingQuote(_ lines: [Substring]) -> Int? {
        var start: Int?
        var index = lines.count - 1
        while index >= 0 {
            let line = lines[index].drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix(">") {
                start = index
            } else if !line.isEmpty {
                break
            }
            index -= 1
        }
        return start
    }

    static let mobileSignatures = [
        "sent from my ", "sent from outlook", "sent from mail for windows", "sent from yahoo mail", "sent from samsung",
        "sent via ", "get outlook for ", "envoyé de mon ", "enviado desde mi ", "enviado do meu ", "inviato da ",
        "verzonden vanaf mijn ", "skickat från min ",
    ]

    /// A phone's or mail app's signature among the last three lines with text.
    static func mobileSignature(_ lines: [Substring], before end: Int) -> Int? {
        var found: Int?
        var seen = 0
        var index = end - 1
        while index >= 0, seen < 3 {
            if !isBlank(lines[index]) {
                seen += 1
                let lower = trimmed(lines[index]).lowercased()
                let isSignature = lower.count <= 100
                    && (mobileSignatures.contains { lower.hasPrefix($0) } || (lower.hasPrefix("von meinem ") && lower.hasSuffix("gesendet")))
                if isSignature { found = index }
            }
            index -= 1
        }
        return found
    }
}
