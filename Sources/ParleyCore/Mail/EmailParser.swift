import Foundation

/// How much of a message `EmailParser` takes on, so a hostile one costs bounded time and memory.
public struct EmailLimits: Sendable, Equatable {
    /// The whole message as received. 10 MiB is about what the large providers accept.
    public var maxBytes: Int
    /// One header section, the message's or a part's.
    public var maxHeaderBytes: Int
    /// MIME parts in all; the ones after are dropped.
    public var maxParts: Int
    /// Multiparts nested deeper than this are dropped.
    public var maxDepth: Int
    /// `InboundEmail.text` is cut here, and `truncated` set.
    public var maxTextCharacters: Int

    public init(
        maxBytes: Int = 10 * 1024 * 1024, maxHeaderBytes: Int = 256 * 1024, maxParts: Int = 100,
        maxDepth: Int = 8, maxTextCharacters: Int = 200_000
    ) {
        self.maxBytes = maxBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxTextCharacters = maxTextCharacters
    }
}

/// Why a message could not be read. Anything short of these is tolerated: bad charsets, broken
/// encodings, a missing closing boundary.
public enum EmailParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Larger than `EmailLimits.maxBytes` (the limit, in bytes).
    case tooLarge(Int)
    /// A header section larger than `EmailLimits.maxHeaderBytes` (the limit, in bytes).
    case headersTooLarge(Int)
    case noHeaders
    case noHeaderEnd
    case missingFrom
    case malformedHeader(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "The message is larger than the limit of \(limit) bytes."
        case .headersTooLarge(let limit): "A header section is larger than the limit of \(limit) bytes."
        case .noHeaders: "The message has no headers."
        case .noHeaderEnd: "The message has no blank line after its headers, so it has no body."
        case .missingFrom: "The message has no From address."
        case .malformedHeader(let problem): "The message's headers are malformed: \(problem)."
        }
    }
}

/// Reads an inbound e-mail (RFC 5322 with MIME, RFCs 2045-2047 and 2231) into an `InboundEmail`.
/// It works on the bytes, since a message mixes charsets, and never trusts them: sizes, parts and
/// nesting are bounded by `EmailLimits`, and every decoder is lossy rather than failing.
public enum EmailParser {
    public static func parse(_ raw: Data, limits: EmailLimits = .init()) throws(EmailParseError) -> InboundEmail {
        guard raw.count <= limits.maxBytes else { throw .tooLarge(limits.maxBytes) }
        let bytes = [UInt8](raw)
        var start = 0
        // An mbox "From " envelope line is not a header; pipes from the MTA often add one.
        if bytes.starts(with: [0x46, 0x72, 0x6F, 0x6D, 0x20]) {
            start = (bytes.firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
        }
        let section = try readHeaders(bytes, in: start..<bytes.count, limit: limits.maxHeaderBytes, strict: true)
        guard !section.headers.isEmpty else { throw .noHeaders }
        guard let bodyStart = section.bodyStart else { throw .noHeaderEnd }
        let root = Entity(headers: section.headers, body: bodyStart..<bytes.count)
        guard let from = addresses(root.value("from") ?? "").first else { throw .missingFrom }

        var walker = Walker(bytes: bytes, limits: limits)
        let segments = try walker.segments(of: root, depth: 0, defaultType: "text/plain")
        var text = segments.map(\.plainText).filter { !$0.isEmpty }.joined(separator: "\n\n")
        var truncated = false
        if text.utf8.count > limits.maxTextCharacters, text.count > limits.maxTextCharacters {
            text = String(text.prefix(limits.maxTextCharacters))
            truncated = true
        }
        let type = MediaType(root.value("content-type"), default: "text/plain")
        let bounce = Self.isBounce(root, type: type, from: from)
        return InboundEmail(
            messageID: messageIDs(root.value("message-id") ?? "").first,
            inReplyTo: messageIDs(root.value("in-reply-to") ?? ""),
            references: messageIDs(root.value("references") ?? ""),
            subject: oneLine(decodeWords(root.value("subject") ?? ""), limit: 300),
            from: from,
            to: root.headers.filter { $0.key == "to" }.flatMap { addresses($0.value) },
            cc: root.headers.filter { $0.key == "cc" }.flatMap { addresses($0.value) },
            replyTo: addresses(root.value("reply-to") ?? "").first,
            date: root.value("date").flatMap { Self.date($0) },
            text: text,
            truncated: truncated,
            isHTMLOnly: !segments.isEmpty && !segments.contains(where: \.isPlain),
            attachments: walker.attachments,
            autoSubmitted: bounce || isAutomated(root),
            isBounce: bounce,
            headers: root.headers.map { EmailHeader(name: $0.name, value: $0.value) }
        )
    }
}

extension EmailParser {
    /// A header as read: the name as sent, the lowercased key it is found by, the unfolded value.
    struct RawHeader {
        var name: String
        var key: String
        var value: String
    }

    /// The message or one of its parts: headers, and where the body lies in the message's bytes.
    struct Entity {
        var headers: [RawHeader]
        var body: Range<Int>

        func value(_ key: String) -> String? { headers.first { $0.key == key }?.value }
    }

    /// Header lines from `range.lowerBound` to the blank line that ends them; `bodyStart` is nil
    /// when none comes. Strict, for the message: the first line must be a header and a stray line
    /// later is skipped. Lenient, for a part: a line that is not a header starts the body.
    static func readHeaders(
        _ b: [UInt8], in range: Range<Int>, limit: Int, strict: Bool
    ) throws(EmailParseError) -> (headers: [RawHeader], bodyStart: Int?) {
        var headers: [RawHeader] = []
        var name = ""
        var value: [UInt8] = []
        var open = false
        func close() {
            guard open else { return }
            headers.append(RawHeader(name: name, key: name.lowercased(), value: headerText(value)))
            open = false
        }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let lineEnd = b[i..<end].firstIndex(of: 0x0A) ?? end
            guard lineEnd - range.lowerBound <= limit else { throw .headersTooLarge(limit) }
            var contentEnd = lineEnd
            if contentEnd > i, b[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            if contentEnd == i {
                close()
                return (headers, next)
            }
            if b[i] == 0x20 || b[i] == 0x09 {
                // Unfolding removes only the line break; the leading white space stays (RFC 5322 §2.2.3).
                if open {
                    value.append(contentsOf: b[i..<contentEnd])
                } else if strict && headers.isEmpty {
                    throw .malformedHeader("the first line is indented, so it is not a header")
                }
            } else if let colon = headerColon(b, i..<contentEnd) {
                close()
                name = String(decoding: b[i..<colon.nameEnd], as: UTF8.self)
                value = Array(b[(colon.index + 1)..<contentEnd])
                open = true
            } else if !strict {
                close()
                return (headers, i)
            } else if headers.isEmpty && !open {
                throw .malformedHeader("the first line is not a \"Name: value\" header")
            }
            i = next
        }
        close()
        return (headers, nil)
    }

    /// The colon of a `Name: value` line whose name is printable ASCII without spaces (white space
    /// before the colon is RFC 5322's obsolete syntax, still sent).
    static func headerColon(_ b: [UInt8], _ line: Range<Int>) -> (index: Int, nameEnd: Int)? {
        var j = line.lowerBound
        while j < line.upperBound, b[j] > 0x20, b[j] < 0x7F, b[j] != 0x3A { j += 1 }
        let nameEnd = j
        guard nameEnd > line.lowerBound else { return nil }
        while j < line.upperBound, b[j] == 0x20 || b[j] == 0x09 { j += 1 }
        guard j < line.upperBound, b[j] == 0x3A else { return nil }
        return (j, nameEnd)
    }

    /// A header value as text: UTF-8 when it is (RFC 6532), else Windows-1252; trimmed.
    static func headerText(_ bytes: [UInt8]) -> String {
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        return decode(bytes[lo..<hi], charset: nil)
    }

    /// The first `;`-separated token of a header, lowercased: `auto-replied` of
    /// `auto-replied; owner-email="x@y"`.
    static func firstToken(_ value: String) -> String {
        value.split(separator: ";").first.map { trimmed($0).lowercased() } ?? ""
    }

    /// `Auto-Submitted` other than `no`, a bulk `Precedence`, an auto-responder's own header, or
    /// list headers: mail no person wrote to the desk (RFC 3834 §5).
    static func isAutomated(_ entity: Entity) -> Bool {
        if let value = entity.value("auto-submitted"), firstToken(value) != "no" { return true }
        if let value = entity.value("precedence"), ["bulk", "junk", "list", "auto_reply"].contains(firstToken(value)) {
            return true
        }
        return ["x-autoreply", "x-autorespond", "x-autogenerated", "list-id", "list-unsubscribe"].contains { entity.value($0) != nil }
    }

    static func isBounce(_ entity: Entity, type: MediaType, from: EmailAddress) -> Bool {
        if type.full == "multipart/report", type.parameters["report-type"]?.lowercased() == "delivery-status" { return true }
        let local = from.address.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if local == "mailer-daemon" || local == "postmaster" { return true }
        return entity.headers.contains { header in
            header.key == "return-path" && header.value.filter { !$0.isWhitespace } == "<>"
        }
    }
}
