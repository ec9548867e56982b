import Foundation

/// A JSON value kept as parsed, so recorded posts and users are served with the fields X sent
/// (numbers stay integers, unknown fields pass through).
public enum FakeXJSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([FakeXJSON])
    case object([String: FakeXJSON])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Most likely first: every failed attempt costs a thrown DecodingError.
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let o = try? c.decode([String: FakeXJSON].self) {
            self = .object(o)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .array(try c.decode([FakeXJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public subscript(key: String) -> FakeXJSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }

    public var object: [String: FakeXJSON]? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var array: [FakeXJSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    static func parse(_ data: Data) throws -> FakeXJSON {
        try JSONDecoder().decode(FakeXJSON.self, from: data)
    }

    /// Sorted keys, so the same world always gives the same bytes.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            // Only finite numbers are ever stored (they come from JSON or from integers).
            preconditionFailure("encoding JSON failed: \(error)")
        }
    }
}

extension FakeXJSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}
