import Foundation

/// Every message of a case as the reports measure it: when it was written, its kind, and for a
/// customer's message its triage intent, in time order. The ingest planner adds each message as
/// it joins the case (so a journal rebuild makes the same timeline), and a report reads one row
/// per case instead of one per message.
///
/// Stored packed: `kind seconds[ intent]` per message, comma-separated, the seconds since 1970
/// to the microsecond.
public struct ConversationTimeline: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable {
        public var at: Date
        public var kind: MessageKind
        /// The customer's message's triage intent; nil for the brand's and for untriaged ones.
        public var intent: TriageIntent?

        public init(at: Date, kind: MessageKind, intent: TriageIntent? = nil) {
            self.at = at
            self.kind = kind
            self.intent = kind.isOwn ? nil : intent
        }

        /// Time order; at the same instant the customer's message first (the brand answers
        /// it), then by kind and intent, so the order never depends on arrival.
        static func < (a: Entry, b: Entry) -> Bool {
            if a.at != b.at { return a.at < b.at }
            if a.kind.isOwn != b.kind.isOwn { return !a.kind.isOwn }
            if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
            return (a.intent?.rawValue ?? "") < (b.intent?.rawValue ?? "")
        }
    }

    public private(set) var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries.sorted(by: <)
    }

    /// Adds a message in its place (messages may arrive out of order).
    public mutating func add(_ entry: Entry) {
        var index = entries.endIndex
        while index > entries.startIndex, entry < entries[index - 1] { index -= 1 }
        entries.insert(entry, at: index)
    }

    /// The customer's first message: when the case's clock starts, and its channel and intent.
    public var firstCustomer: Entry? { entries.first { !$0.kind.isOwn } }

    public var packed: String {
        entries.map { entry in
            "\(entry.kind.rawValue) \(String(format: "%.6f", entry.at.timeIntervalSince1970))" + (entry.intent.map { " \($0.rawValue)" } ?? "")
        }.joined(separator: ",")
    }

    /// Reads the packed form; an entry it cannot read (a kind or intent from a later version)
    /// is left out rather than failing the case. A report reads hundreds of thousands of
    /// entries, so this walks the bytes rather than splitting strings.
    public init(packed: String) {
        var entries: [Entry] = []
        var packed = packed
        packed.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                var end = i
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                if let entry = Self.entry(bytes[i..<end]) { entries.append(entry) }
                i = end + 1
            }
        }
        self.entries = entries
        if zip(entries, entries.dropFirst()).contains(where: { $1 < $0 }) { self.entries.sort(by: <) }
    }

    /// Names by their first byte and length (unique among kinds, and among intents), so reading
    /// one is a lookup and one comparison.
    private struct Names<Value: Sendable>: Sendable {
        private var table: [UInt16: ([UInt8], Value)] = [:]

        init(_ values: [(String, Value)]) {
            for (name, value) in values {
                let bytes = Array(name.utf8)
                let key = Self.key(bytes[0], bytes.count)
                precondition(table[key] == nil, "two names share a first byte and a length")
                table[key] = (bytes, value)
            }
        }

        static func key(_ first: UInt8, _ count: Int) -> UInt16 { UInt16(first) << 8 | UInt16(truncatingIfNeeded: count) }

        func find(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Value? {
            guard let first = bytes.first, let (name, value) = table[Self.key(first, bytes.count)], name.elementsEqual(bytes) else { return nil }
            return value
        }
    }

    private static let kinds = Names(MessageKind.allCases.map { ($0.rawValue, $0) })
    private static let intents = Names(TriageIntent.allCases.map { ($0.rawValue, $0) })

    /// `kind seconds[ intent]`, the seconds as digits with an optional fraction.
    private static func entry(_ item: Slice<UnsafeBufferPointer<UInt8>>) -> Entry? {
        let space = UInt8(ascii: " ")
        guard let kindEnd = item.firstIndex(of: space), let kind = kinds.find(item[..<kindEnd]) else { return nil }
        var whole = 0, fraction = 0, scale = 1, inFraction = false, negative = false, digits = 0
        var i = kindEnd + 1
        numberLoop: while i < item.endIndex {
            let byte = item[i]
            switch byte {
            case space: break numberLoop
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."):
                guard !inFraction else { return nil }
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                digits += 1
                if inFraction {
                    if scale < 1_000_000 {
                        fraction = fraction * 10 + digit
                        scale *= 10
                    }
                } else {
                    guard whole < 100_000_000_000 else { return nil }
                    whole = whole * 10 + digit
                }
            default: return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let seconds = (Double(whole) + Double(fraction) / Double(scale)) * (negative ? -1 : 1)
        let intent = i < item.endIndex ? intents.find(item[(i + 1)...]) : nil
        return Entry(at: instant(seconds), kind: kind, intent: intent)
    }

    /// A time rounded to the microsecond as the stores round the dates they read, so a time
    /// read from the timeline equals the same time read from its own column.
    static func instant(_ secondsSince1970: Double) -> Date {
        Date(timeIntervalSinceReferenceDate: ((secondsSince1970 - Date.timeIntervalBetween1970AndReferenceDate) * 1e6).rounded() / 1e6)
    }

    public init(from decoder: any Decoder) throws {
        self.init(packed: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(packed)
    }
}
