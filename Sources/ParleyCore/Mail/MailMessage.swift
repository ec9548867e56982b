import Foundation

/// A plain-text e-mail the desk sends (escalations today; the support form's answers next), and its
/// RFC 5322 text. Addresses and the subject are checked, so no header can be smuggled in with a
/// line break; the body goes base64-encoded UTF-8, so any text travels intact.
public struct MailMessage: Sendable, Equatable, Codable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var body: String
    /// The message's own id (without brackets); nil: the sender makes one.
    public var messageID: String?
    /// The message this one answers, and the thread before it (ids without brackets).
    public var inReplyTo: String?
    public var references: [String] = []

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case badAddress(String)
        case noRecipients

        public var description: String {
            switch self {
            case .badAddress(let address): "\"\(address.prefix(80))\" is not an e-mail address."
            case .noRecipients: "An e-mail needs at least one recipient."
            }
        }
    }

    public init(
        from: String, to: [String], subject: String, body: String, messageID: String? = nil, inReplyTo: String? = nil, references: [String] = []
    ) throws(Problem) {
        guard !to.isEmpty else { throw .noRecipients }
        for address in [from] + to where !Self.isAddress(address) { throw .badAddress(address) }
        self.from = from
        self.to = to
        // One line, at most 200 characters: a subject is never a way to add headers.
        self.subject = String(subject.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(200))
        self.body = body
        // Ids go inside angle brackets on one line: nothing else may come with them.
        let isID = { (id: String) in !id.isEmpty && id.count <= 250 && id.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != ">" } }
        self.messageID = messageID.flatMap { isID($0) ? $0 : nil }
        self.inReplyTo = inReplyTo.flatMap { isID($0) ? $0 : nil }
        self.references = references.filter(isID)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, subject, body, messageID, inReplyTo, references
    }

    /// Jobs queued before the threading headers existed decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode([String].self, forKey: .to)
        subject = try container.decode(String.self, forKey: .subject)
        body = try container.decode(String.self, forKey: .body)
        messageID = try container.decodeIfPresent(String.self, forKey: .messageID)
        inReplyTo = try container.decodeIfPresent(String.self, forKey: .inReplyTo)
        references = try container.decodeIfPresent([String].self, forKey: .references) ?? []
    }

    /// `local@domain`, printable ASCII, no spaces, brackets or line breaks, at most 254 characters.
    public static func isAddress(_ text: String) -> Bool {
        guard text.count <= 254, text.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0.asciiValue! > 32 && $0.asciiValue! < 127 }),
              !text.contains(where: { "<>()[],;:\\\"".contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    /// The message as sent after DATA: CRLF line ends, headers, a base64 body in lines of 76.
    public func rendered(date: Date, messageID: String) -> String {
        let subjectHeader = subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let encoded = Data(body.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        let headers = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(subjectHeader)",
            "Date: \(Self.rfc5322(date))", "Message-ID: <\(messageID)>",
        ] + (inReplyTo.map { ["In-Reply-To: <\($0)>"] } ?? []) + (references.isEmpty ? [] : ["References: " + references.map { "<\($0)>" }.joined(separator: " ")]) + [
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64",
        ]
        return (headers + [""] + lines).joined(separator: "\r\n") + "\r\n"
    }

    public static func rfc5322(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) +0000",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)))
    }
}

/// One reply of an SMTP server: its code and text (a multi-line reply's lines joined).
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var text: String

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }

    /// Reads complete replies off the front of `buffer` (lines end in CRLF; `250-` continues,
    /// `250 ` ends), leaving an incomplete one there.
    public static func take(from buffer: inout String) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        var lines: [String] = []
        while let end = buffer.range(of: "\r\n") {
            let line = String(buffer[..<end.lowerBound])
            buffer.removeSubrange(..<end.upperBound)
            lines.append(line)
            let chars = Array(line)
            if chars.count < 4 || chars[3] == " " {
                let code = Int(String(chars.prefix(3))) ?? 0
                replies.append(SMTPReply(code: code, text: lines.map { String($0.dropFirst(4)) }.joined(separator: "\n")))
                lines.removeAll()
            }
        }
        if !lines.isEmpty { buffer = lines.map { $0 + "\r\n" }.joined() + buffer }
        return replies
    }

    /// A body line that starts with "." gets another (RFC 5321 §4.5.2), so no line ends DATA early.
    public static func dotStuffed(_ message: String) -> String {
        message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}
