import Foundation
import Testing

/// A value of the conformance suite's JSON (the YAML files converted, see the fixture's
/// PROVENANCE.md).
enum ConformanceValue: Sendable, Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Int)
    case string(String)
    case array([ConformanceValue])
    case object([String: ConformanceValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ConformanceValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ConformanceValue].self))
        }
    }

    var string: String? {
        if case let .string(value) = self { value } else { nil }
    }

    var int: Int? {
        if case let .number(value) = self { value } else { nil }
    }

    var bool: Bool? {
        if case let .bool(value) = self { value } else { nil }
    }

    var array: [ConformanceValue] {
        if case let .array(value) = self { value } else { [] }
    }

    subscript(key: String) -> ConformanceValue {
        if case let .object(value) = self { value[key] ?? .null } else { .null }
    }
}

/// One case of the twitter-text conformance suite.
struct ConformanceCase: Sendable, Decodable, CustomTestStringConvertible {
    var description: String
    var text: String
    var expected: ConformanceValue
    var hits: [[Int]]?
    var json: String?

    var testDescription: String { description }
}

/// The suite's files, copied from ../shared/data/twitter-text into Fixtures/twitter-text.
enum TwitterTextConformanceSuite {
    private struct File: Decodable {
        var tests: [String: [ConformanceCase]]
    }

    static func cases(_ file: String, _ section: String) -> [ConformanceCase] {
        load(file)[section] ?? []
    }

    static func sections(_ file: String) -> [String: [ConformanceCase]] {
        load(file)
    }

    static func fixtureURL(_ name: String, extension fileExtension: String = "json") -> URL? {
        Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Fixtures/twitter-text")
    }

    private static func load(_ file: String) -> [String: [ConformanceCase]] {
        guard let url = fixtureURL(file), let data = try? Data(contentsOf: url),
            let decoded = try? JSONDecoder().decode(File.self, from: data)
        else { return [:] }
        return decoded.tests
    }
}
