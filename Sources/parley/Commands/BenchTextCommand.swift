import ArgumentParser
import Foundation
import ParleyCore

/// `parley bench text`: X text rules on one core over every post text in `../shared/data`:
/// posts/s for `TweetTextParser.parse` (weighted length, validity, ranges) alone and with
/// `TweetTextExtractor.entities`. Where Python 3 is present it also times the Python port of
/// twitter-text (PyPI `twitter-text-parser`, `parse_tweet`) on the same corpus, through
/// `Scripts/bench-text-python.sh`, and prints the ratio. Prints a report that BENCHMARKS.md quotes.
struct BenchTextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Benchmark the X text rules: posts/s for parse and parse + extract, against the Python port."
    )

    @Option(help: "The shared reference data directory.")
    var data: String = "../shared/data"

    @Option(help: "Timed passes over the corpus; the fastest counts.")
    var passes: Int = 5

    @Option(help: "Timed passes of the Python port, which takes about a minute per pass.")
    var pythonPasses: Int = 1

    @Option(help: "The script that times the Python port; skipped when it or python3 is missing.")
    var pythonScript: String = "Scripts/bench-text-python.sh"

    @Flag(help: "Do not time the Python port.")
    var skipPython = false

    @Option(help: "Also write the report to this file.")
    var report: String?

    func run() async throws {
        let corpus = try BenchTextCorpus.load(dataDirectory: data)
        guard !corpus.texts.isEmpty else { throw ValidationError("no post texts found under \(data)") }
        let passes = Swift.max(1, passes)
        let extractor = TweetTextExtractor()
        let parse = Self.postsPerSecond(corpus.texts, passes: passes) { TweetTextParser.parse($0).weightedLength }
        let parseAndExtract = Self.postsPerSecond(corpus.texts, passes: passes) {
            TweetTextParser.parse($0).weightedLength &+ extractor.entities(in: $0).count
        }
        let python = skipPython ? nil : try pythonPostsPerSecond(corpus.texts)

        var text = BenchReport.header(command: "parley bench text --passes \(passes) --python-passes \(pythonPasses)") + "\n"
        text += """
        corpus:                 \(corpus.texts.count) distinct post texts, mean \(corpus.meanUTF16Length) UTF-16 units (\(corpus.sources.map { "\($0.name) \($0.count)" }.joined(separator: ", ")))
        parse:                  \(Self.format(parse)) posts/s on one core (target >= 1,000,000)
        parse + extract:        \(Self.format(parseAndExtract)) posts/s on one core

        """
        if let python {
            text += """
            python port parse:      \(Self.format(python)) posts/s on one core (twitter-text-parser, parse_tweet)
            ratio parse / python:   \(String(format: "%.0f", parse / python))x (target >= 50x)

            """
        } else {
            text += "python port:            not timed\n"
        }
        if let report { try text.write(toFile: report, atomically: true, encoding: .utf8) }
        print(text, terminator: "")
    }

    /// The best of `passes` timed passes over the texts, after one pass of warm-up.
    private static func postsPerSecond(_ texts: [String], passes: Int, _ work: (String) -> Int) -> Double {
        let clock = ContinuousClock()
        var checksum = 0
        for text in texts { checksum &+= work(text) }
        var best = Double.infinity
        for _ in 0..<passes {
            let start = clock.now
            for text in texts { checksum &+= work(text) }
            let elapsed = clock.now - start
            best = Swift.min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        // Keeps the work from being optimized away.
        if checksum == .min { print("") }
        return Double(texts.count) / best
    }

    /// Writes the corpus as JSON lines and runs the script on it; it prints "posts/s: N" last.
    private func pythonPostsPerSecond(_ texts: [String]) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: pythonScript), BenchReport.run("python3", "--version") != nil
        else { return nil }
        let corpusFile = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-text-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: corpusFile) }
        var lines = Data()
        for text in texts {
            lines.append(try JSONEncoder().encode(text))
            lines.append(0x0A)
        }
        try lines.write(to: corpusFile)
        let output = BenchReport.run(pythonScript, corpusFile.path, String(Swift.max(1, pythonPasses)))
        guard let figure = output?.split(separator: "\n").last(where: { $0.hasPrefix("posts/s:") }) else { return nil }
        return Double(figure.dropFirst("posts/s:".count).trimmingCharacters(in: .whitespaces))
    }

    private static func format(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
    }
}

/// Every post text in the shared data, once each: the `text` and `full_text` fields of the
/// recorded X payloads (posts and DMs), the messages of the IBM customer-care threads, the
/// TweetEval tweets and the complaints tweets. The twitter-text conformance strings are test
/// cases, not posts, and are left out.
struct BenchTextCorpus {
    var texts: [String] = []
    var sources: [(name: String, count: Int)] = []

    var meanUTF16Length: Int {
        texts.isEmpty ? 0 : texts.reduce(0) { $0 + $1.utf16.count } / texts.count
    }

    static func load(dataDirectory: String) throws -> BenchTextCorpus {
        let root = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw ValidationError("cannot read \(dataDirectory)")
        }
        var found: [String: [String]] = [:]
        for case let file as URL in files {
            let path = file.path.dropFirst(root.path.count + 1)
            guard let source = path.split(separator: "/").first.map(String.init), source != "twitter-text" else { continue }
            switch file.pathExtension {
            case "json":
                if let data = try? Data(contentsOf: file), let object = try? JSONSerialization.jsonObject(with: data) {
                    found[source, default: []] += postTexts(in: object)
                }
            case "jsonl":
                let lines = (try? String(contentsOf: file, encoding: .utf8))?.split(separator: "\n") ?? []
                for line in lines {
                    if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) {
                        found[source, default: []] += postTexts(in: object)
                    }
                }
            case "txt" where file.lastPathComponent.hasSuffix("_text.txt"):
                let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                found[source, default: []] += text.split(separator: "\n").map(String.init)
            case "csv":
                found[source, default: []] += textColumn(of: (try? String(contentsOf: file, encoding: .utf8)) ?? "")
            default:
                continue
            }
        }
        var corpus = BenchTextCorpus()
        var seen = Set<String>()
        for source in found.keys.sorted() {
            let texts = found[source, default: []].filter { !$0.isEmpty && seen.insert($0).inserted }
            guard !texts.isEmpty else { continue }
            corpus.texts += texts
            corpus.sources.append((source, texts.count))
        }
        return corpus
    }

    /// Strings under "text" or "full_text", and the "message" of a customer-care turn (an object
    /// that also has a "tweet_ID"), at any depth.
    private static func postTexts(in object: Any) -> [String] {
        if let fields = object as? [String: Any] {
            var texts: [String] = []
            for (key, value) in fields {
                if let text = value as? String {
                    if key == "text" || key == "full_text" || (key == "message" && fields["tweet_ID"] != nil) {
                        texts.append(text)
                    }
                } else {
                    texts += postTexts(in: value)
                }
            }
            return texts
        }
        if let items = object as? [Any] { return items.flatMap(postTexts) }
        return []
    }

    /// The "text" column of a CSV file with a header; none when it has no such column.
    private static func textColumn(of csv: String) -> [String] {
        var rows = csvRows(csv)
        guard !rows.isEmpty, let column = rows.removeFirst().firstIndex(of: "text") else { return [] }
        return rows.compactMap { column < $0.count ? $0[column] : nil }
    }

    /// RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes.
    private static func csvRows(_ csv: String) -> [[String]] {
        let scalars = Array(csv.unicodeScalars)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar != "\"" {
                    field.unicodeScalars.append(scalar)
                } else if index < scalars.count, scalars[index] == "\"" {
                    field.unicodeScalars.append(scalar)
                    index += 1
                } else {
                    quoted = false
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            case "\r":
                continue
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
