import ArgumentParser
import Foundation
import ParleyCore

/// `parley text check|split`: X's text rules over JSON lines, `{"text": "..."}` on stdin, one JSON
/// line out per line in, in order. A line that cannot be read gets `{"error": ...}` and the run
/// goes on, so one bad record never loses the rest of a batch.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "X text rules on JSONL: weighted length, validity and entities; thread splitting.",
        subcommands: [Check.self, Split.self]
    )

    enum ConfigurationVersion: String, ExpressibleByArgument, CaseIterable {
        case v1, v2, v3

        var configuration: TweetTextConfiguration {
            switch self {
            case .v1: .v1
            case .v2: .v2
            case .v3: .v3
            }
        }
    }

    /// Weighted length, validity, ranges and entities of each text. Ranges are UTF-16 offsets;
    /// `validRange` and `displayRange` end inclusive, as twitter-text reports them, entity
    /// `indices` end exclusive.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure each text and extract its mentions, hashtags, cashtags and URLs.")

        @Option(help: "The twitter-text configuration: v1, v2 or v3.")
        var config: ConfigurationVersion = .v3

        func run() throws {
            let configuration = config.configuration
            let extractor = TweetTextExtractor()
            TextCommand.eachLine { text in
                let result = TweetTextParser.parse(text, configuration: configuration)
                let entities = extractor.entities(in: text)
                var json = TextCommandJSON()
                json.field("weightedLength", result.weightedLength)
                json.field("valid", result.isValid)
                json.field("permillage", result.permillage)
                json.field("validRange", inclusive: result.validRange)
                json.field("displayRange", inclusive: result.displayRange)
                json.entities("mentions", key: "screen_name", entities.filter { $0.kind == .mention && $0.listSlug == nil })
                json.entities("hashtags", key: "hashtag", entities.filter { $0.kind == .hashtag })
                json.entities("cashtags", key: "cashtag", entities.filter { $0.kind == .cashtag })
                json.entities("urls", key: "url", entities.filter { $0.kind == .url })
                return json.object
            }
        }
    }

    /// Each text as a numbered thread of posts X accepts.
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Split each text into a thread of valid posts.")

        @Option(help: "The weighted length each post must fit.")
        var max: Int = TweetTextConfiguration.v3.maxWeightedLength

        func validate() throws {
            guard max > 0 else { throw ValidationError("--max must be positive.") }
        }

        func run() throws {
            var configuration = TweetTextConfiguration.v3
            configuration.maxWeightedLength = max
            let splitter = TweetThreadSplitter(configuration: configuration)
            TextCommand.eachLine { text in
                var json = TextCommandJSON()
                do throws(TweetThreadSplitError) {
                    json.field("posts", strings: try splitter.split(text))
                } catch {
                    json.field("error", error.description)
                }
                return json.object
            }
        }
    }

    private struct Line: Decodable {
        var text: String
    }

    /// Reads stdin line by line and writes the JSON object `body` makes of each text, or an error
    /// that names the problem without echoing the line, which may hold personal data.
    static func eachLine(_ body: (String) -> String) {
        var output = Data()
        while let line = readLine(strippingNewline: true) {
            let record: String
            if let input = try? JSONDecoder().decode(Line.self, from: Data(line.utf8)) {
                record = body(input.text)
            } else {
                var json = TextCommandJSON()
                json.field("error", Self.problem(with: line))
                record = json.object
            }
            output.append(contentsOf: record.utf8)
            output.append(0x0A)
            if output.count >= 1 << 16 {
                FileHandle.standardOutput.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(output)
    }

    private static func problem(with line: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) else {
            return "invalid JSON"
        }
        guard let fields = object as? [String: Any] else { return "not a JSON object" }
        return fields["text"] == nil ? "missing \"text\"" : "\"text\" is not a string"
    }
}

/// A JSON object written field by field, in the order the CLI contract lists them (an encoder
/// would sort or shuffle the keys).
struct TextCommandJSON {
    private var fields: [String] = []

    var object: String { "{" + fields.joined(separator: ",") + "}" }

    mutating func field(_ key: String, _ value: Int) {
        fields.append("\(Self.quoted(key)):\(value)")
    }

    mutating func field(_ key: String, _ value: Bool) {
        fields.append("\(Self.quoted(key)):\(value)")
    }

    mutating func field(_ key: String, _ value: String) {
        fields.append("\(Self.quoted(key)):\(Self.quoted(value))")
    }

    mutating func field(_ key: String, strings: [String]) {
        fields.append("\(Self.quoted(key)):[\(strings.map(Self.quoted).joined(separator: ","))]")
    }

    /// `[start, end]` with an inclusive end: twitter-text's form for the valid and display ranges.
    mutating func field(_ key: String, inclusive range: Range<Int>) {
        fields.append("\(Self.quoted(key)):[\(range.lowerBound),\(range.upperBound - 1)]")
    }

    mutating func entities(_ key: String, key valueKey: String, _ entities: [TextEntity]) {
        let items = entities.map { entity in
            "{\(Self.quoted(valueKey)):\(Self.quoted(entity.value)),\"indices\":[\(entity.range.lowerBound),\(entity.range.upperBound)]}"
        }
        fields.append("\(Self.quoted(key)):[\(items.joined(separator: ","))]")
    }

    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            case "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}":
                quoted += String(format: "\\u%04x", scalar.value)
            default:
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
