// X's payloads come from many endpoints and vintages; a field of an unexpected type must cost
// that field, not the whole payload. These readers return nil instead of throwing.
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }

    /// An id X sends as a string. Numbers are accepted only where a decimal integer is exact
    /// (older stream rule ids); v1.1 numeric `id`s are never read, their `id_str` is.
    func flexibleID(_ key: Key) -> String? {
        if let text = lenient(String.self, key) { return text }
        if let number = lenient(UInt64.self, key) { return String(number) }
        return nil
    }

    /// A count sent as a number or as a numeric string.
    func lenientInt(_ key: Key) -> Int? {
        if let number = lenient(Int.self, key) { return number }
        if let text = lenient(String.self, key) { return Int(text) }
        return nil
    }

    /// A flag sent as a boolean or as `"true"`/`"false"` (Account Activity's `user_has_blocked`).
    func lenientBool(_ key: Key) -> Bool? {
        if let flag = lenient(Bool.self, key) { return flag }
        switch lenient(String.self, key) {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// An array whose elements are decoded one by one; elements that fail are dropped.
    func lossyArray<T: Decodable>(_ type: T.Type, _ key: Key) -> [T]? {
        lenient(LossyArray<T>.self, key)?.elements
    }
}

/// Decodes each element on its own, so one malformed element does not discard its siblings.
struct LossyArray<Element: Decodable>: Decodable {
    var elements: [Element] = []
    var droppedIndices: [Int] = []

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var index = 0
        while !container.isAtEnd {
            if let element = try? container.decode(Element.self) {
                elements.append(element)
            } else {
                // A failed decode does not advance the container; consume the element explicitly.
                _ = try container.decode(Discarded.self)
                droppedIndices.append(index)
            }
            index += 1
        }
    }

    /// Each kept element with its position in the original array.
    var indexed: [(index: Int, element: Element)] {
        var result: [(index: Int, element: Element)] = []
        result.reserveCapacity(elements.count)
        var dropped = droppedIndices[...]
        var position = 0
        for element in elements {
            while dropped.first == position {
                dropped = dropped.dropFirst()
                position += 1
            }
            result.append((position, element))
            position += 1
        }
        return result
    }
}

/// Accepts any JSON value and keeps nothing.
struct Discarded: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// A key for reading objects whose keys are not known in advance.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension LossyArray: Sendable where Element: Sendable {}
