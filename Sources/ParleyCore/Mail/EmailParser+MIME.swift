import Foundation

// The MIME structure: media types and their parameters, the tree of parts, multipart bodies.
extension EmailParser {
    /// A media type and its parameters; an absent or malformed one is `fallback` (RFC 2045 §5.2).
    struct MediaType {
        var type: String
        var subtype: String
        var parameters: [String: String]

        init(_ value: String?, default fallback: String) {
            let parsed = EmailParser.parameters(value ?? "")
            var pieces = parsed.main.split(separator: "/", maxSplits: 1).map { EmailParser.trimmed($0) }
            if pieces.count != 2 || pieces.contains(where: \.isEmpty) {
                pieces = fallback.split(separator: "/", maxSplits: 1).map(String.init)
            }
            type = pieces[0]
            subtype = pieces[1]
            parameters = parsed.parameters
        }

        var full: String { type + "/" + subtype }
    }

    /// Splits `main; key=value; key="quoted"` into the lowercased main value and the parameters
    /// (keys lowercased), joining RFC 2231 sections (`name*0*=`, `name*1=`) and decoding its
    /// `charset'lang'percent-encoded` values.
    static func parameters(_ value: String) -> (main: String, parameters: [String: String]) {
        let u = Array(value.utf8)
        var i = 0
        while i < u.count, u[i] != 0x3B { i += 1 }
        let main = trimmed(String(decoding: u[0..<i], as: UTF8.self)[...]).lowercased()
        var plain: [String: String] = [:]
        var extended: [String: [UInt8]] = [:]
        var sections: [String: [(index: Int, encoded: Bool, value: [UInt8])]] = [:]
        while i < u.count {
            i += 1
            while i < u.count, isWhiteSpace(u[i]) { i += 1 }
            let keyStart = i
            while i < u.count, u[i] != 0x3D, u[i] != 0x3B { i += 1 }
            let key = trimmed(String(decoding: u[keyStart..<i], as: UTF8.self)[...]).lowercased()
            guard i < u.count, u[i] == 0x3D else { continue }
            i += 1
            while i < u.count, isWhiteSpace(u[i]) { i += 1 }
            var raw: [UInt8] = []
            if i < u.count, u[i] == 0x22 {
                i += 1
                while i < u.count, u[i] != 0x22 {
                    if u[i] == 0x5C, i + 1 < u.count { i += 1 }
                    raw.append(u[i])
                    i += 1
                }
                while i < u.count, u[i] != 0x3B { i += 1 }
            } else {
                let valueStart = i
                while i < u.count, u[i] != 0x3B { i += 1 }
                var valueEnd = i
                while valueEnd > valueStart, isWhiteSpace(u[valueEnd - 1]) { valueEnd -= 1 }
                raw = Array(u[valueStart..<valueEnd])
            }
            guard !key.isEmpty else { continue }
            if let star = key.firstIndex(of: "*") {
                let base = String(key[..<star])
                let rest = key[key.index(after: star)...]
                if rest.isEmpty {
                    extended[base] = raw
                } else {
                    let encoded = rest.hasSuffix("*")
                    if let index = Int(encoded ? rest.dropLast() : rest) {
                        sections[base, default: []].append((index, encoded, raw))
                    }
                }
            } else if plain[key] == nil {
                plain[key] = String(decoding: raw, as: UTF8.self)
            }
        }
        var result = plain
        for (base, parts) in sections {
            var bytes: [UInt8] = []
            var charset = "utf-8"
            for part in parts.sorted(by: { $0.index < $1.index }) {
                guard part.encoded else {
                    bytes += part.value
                    continue
                }
                var encoded = part.value[...]
                if part.index == 0, let split = splitCharset(encoded) {
                    charset = split.charset
                    encoded = split.rest
                }
                bytes += percentDecoded(encoded)
            }
            result[base] = decode(bytes[...], charset: charset)
        }
        for (base, raw) in extended {
            let split = splitCharset(raw[...]) ?? (charset: "utf-8", rest: raw[...])
            result[base] = decode(percentDecoded(split.rest)[...], charset: split.charset)
        }
        return (main, result)
    }

    static func splitCharset(_ value: ArraySlice<UInt8>) -> (charset: String, rest: ArraySlice<UInt8>)? {
        guard let first = value.firstIndex(of: 0x27),
              let second = value[(first + 1)...].firstIndex(of: 0x27) else { return nil }
        return (String(decoding: value[..<first], as: UTF8.self), value[(second + 1)...])
    }

    /// A readable part, in message order.
    enum Segment {
        case plain(String)
        case html(String)

        var isPlain: Bool {
            if case .plain = self { true } else { false }
        }

        var plainText: String {
            switch self {
            case .plain(let text): EmailParser.trimmed(text[...])
            case .html(let html): HTMLToText.text(html)
            }
        }
    }

    /// Walks the parts depth first, returning the readable ones and collecting the rest as
    /// attachments, within the limits on parts and nesting.
    struct Walker {
        let bytes: [UInt8]
        let limits: EmailLimits
        var partCount = 0
        var attachments: [EmailAttachment] = []

        init(bytes: [UInt8], limits: EmailLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        mutating func segments(of entity: Entity, depth: Int, defaultType: String) throws(EmailParseError) -> [Segment] {
            let type = MediaType(entity.value("content-type"), default: defaultType)
            if type.type == "multipart" { return try multipart(entity, type: type, depth: depth) }
            let disposition = EmailParser.parameters(entity.value("content-disposition") ?? "")
            let filename = disposition.parameters["filename"] ?? type.parameters["name"]
            let mediaType = type.full
            let data = EmailParser.transferDecoded(bytes[entity.body], encoding: entity.value("content-transfer-encoding"))
            // A named text part is a file the sender attached (notes.txt), except when it is the
            // whole message.
            let isText = (mediaType == "text/plain" || mediaType == "text/html")
                && disposition.main != "attachment" && (filename == nil || depth == 0)
            guard isText else {
                attachments.append(EmailAttachment(
                    filename: EmailParser.filename(filename, mediaType: mediaType), contentType: mediaType,
                    data: Data(data), isInline: disposition.main == "inline"))
                return []
            }
            var text = EmailParser.decode(EmailParser.normalizedText(data)[...], charset: type.parameters["charset"])
            if mediaType == "text/plain", type.parameters["format"]?.lowercased() == "flowed" {
                text = EmailParser.unflowed(text, deleteSpace: type.parameters["delsp"]?.lowercased() == "yes")
            }
            guard text.contains(where: { !$0.isWhitespace }) else { return [] }
            return [mediaType == "text/html" ? .html(text) : .plain(text)]
        }

        mutating func multipart(_ entity: Entity, type: MediaType, depth: Int) throws(EmailParseError) -> [Segment] {
            let budget = limits.maxParts - partCount
            guard depth < limits.maxDepth, budget > 0, let boundary = type.parameters["boundary"], !boundary.isEmpty else { return [] }
            let ranges = EmailParser.partRanges(in: bytes, body: entity.body, boundary: Array(boundary.utf8), max: budget)
            if ranges.isEmpty {
                // No delimiter at all: the sender got the boundary wrong, so read the body as text.
                let text = EmailParser.decode(EmailParser.normalizedText(Array(bytes[entity.body]))[...], charset: nil)
                return text.contains(where: { !$0.isWhitespace }) ? [.plain(text)] : []
            }
            partCount += ranges.count
            // Parts of a digest are messages unless they say otherwise (RFC 2046 §5.1.5).
            let childDefault = type.subtype == "digest" ? "message/rfc822" : "text/plain"
            var children: [[Segment]] = []
            for range in ranges {
                let section = try EmailParser.readHeaders(bytes, in: range, limit: limits.maxHeaderBytes, strict: false)
                let child = Entity(headers: section.headers, body: (section.bodyStart ?? range.upperBound)..<range.upperBound)
                if type.subtype == "signed", EmailParser.isSignature(child) { continue }
                children.append(try segments(of: child, depth: depth + 1, defaultType: childDefault))
            }
            guard type.subtype == "alternative" else { return children.flatMap { $0 } }
            // The plain-text alternative when there is one: what the sender wrote, not a rendering.
            return children.first { $0.contains(where: \.isPlain) } ?? children.last { !$0.isEmpty } ?? []
        }
    }

    static func isSignature(_ entity: Entity) -> Bool {
        let type = MediaType(entity.value("content-type"), default: "text/plain").full
        return type == "application/pgp-signature" || type == "application/pkcs7-signature" || type == "application/x-pkcs7-signature"
    }

    /// The bodies of a multipart's parts. A delimiter is a line `--boundary` (`--boundary--`
    /// closes), and the line break before it belongs to it (RFC 2046 §5.1.1). The preamble and
    /// epilogue are dropped; a part left open by a missing close runs to the end.
    static func partRanges(in b: [UInt8], body: Range<Int>, boundary: [UInt8], max: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var lineStart = body.lowerBound
        let end = body.upperBound
        while lineStart < end, ranges.count < max {
            let lineEnd = b[lineStart..<end].firstIndex(of: 0x0A) ?? end
            if let closes = delimiter(b, line: lineStart..<lineEnd, boundary: boundary) {
                if let start = partStart {
                    var stop = lineStart
                    if stop > start, b[stop - 1] == 0x0A { stop -= 1 }
                    if stop > start, b[stop - 1] == 0x0D { stop -= 1 }
                    ranges.append(start..<stop)
                }
                if closes { return ranges }
                partStart = lineEnd < end ? lineEnd + 1 : end
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, ranges.count < max { ranges.append(start..<end) }
        return ranges
    }

    /// nil when the line is not a delimiter; else whether it is the closing one.
    static func delimiter(_ b: [UInt8], line: Range<Int>, boundary: [UInt8]) -> Bool? {
        let start = line.lowerBound
        guard line.count >= boundary.count + 2, b[start] == 0x2D, b[start + 1] == 0x2D else { return nil }
        for (offset, byte) in boundary.enumerated() where b[start + 2 + offset] != byte { return nil }
        var p = start + 2 + boundary.count
        var closes = false
        if p + 1 < line.upperBound, b[p] == 0x2D, b[p + 1] == 0x2D {
            closes = true
            p += 2
        }
        while p < line.upperBound {
            guard b[p] == 0x20 || b[p] == 0x09 || b[p] == 0x0D else { return nil }
            p += 1
        }
        return closes
    }

    static func transferDecoded(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch firstToken(encoding ?? "") {
        case "base64": base64(body)
        case "quoted-printable": quotedPrintable(body)
        default: Array(body)
        }
    }

    /// Undoes `format=flowed` (RFC 3676): a line ending in a space continues on the next, and a
    /// leading space was stuffed. Quoted lines and the signature delimiter are left alone.
    static func unflowed(_ text: String, deleteSpace: Bool) -> String {
        var lines: [String] = []
        var current = ""
        for var line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let quoted = line.hasPrefix(">")
            if !quoted && line.hasPrefix(" ") { line = line.dropFirst() }
            let soft = !quoted && line.hasSuffix(" ") && line != "-- "
            current += soft && deleteSpace ? line.dropLast() : line
            if !soft {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
