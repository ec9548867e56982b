import ArgumentParser
import Foundation
import ParleyCore

/// `parley feedback`: bug reports and suggestions flagged by their wording, and the flags'
/// agreement with the hand-labelled IBM posts.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Flag bug reports and suggestions, and score the flags on the hand-labelled IBM posts.",
        subcommands: [Run.self, Eval.self], defaultSubcommand: Run.self)

    /// JSONL `{"text"}` on standard input; `{"feedback": "bug" | "suggestion" | null}` a line.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Flag JSONL {\"text\"} from standard input.")

        struct Line: Decodable { var text: String }

        func run() throws {
            let decoder = JSONDecoder()
            var output = ""
            while let line = readLine(strippingNewline: true) {
                if line.allSatisfy(\.isWhitespace) { continue }
                if let text = try? decoder.decode(Line.self, from: Data(line.utf8)).text {
                    output += FeedbackCues.kind(of: text).map { "{\"feedback\":\"\($0.rawValue)\"}\n" } ?? "{\"feedback\":null}\n"
                } else {
                    output += "{\"error\":\"invalid input line: expected {\\\"text\\\": string}\"}\n"
                }
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score the flags on the hand-labelled IBM posts; write EVALUATION.md's feedback section.")

        @Option(help: "The hand-labelled posts.") var labels: String = "Scripts/train/data/ibm-care-labels.jsonl"
        @Flag(help: "Also score the test posts (from test.json). Read them once per version of the cues.") var test = false
        @Option(help: "Where to write the report section.") var output: String = "EVALUATION.md"

        struct Post: Decodable {
            var file: String
            var text: String
            var feedback: String
        }

        func run() throws {
            let decoder = JSONDecoder()
            let posts = try String(contentsOfFile: labels, encoding: .utf8).split(separator: "\n").map { try decoder.decode(Post.self, from: Data($0.utf8)) }
            var text = """
                ## Bug reports and suggestions (`parley feedback`)

                Written by `parley feedback eval\(test ? " --test" : "")` on \(ForecastReport.today()). `FeedbackCues` flags a post by its wording \
                (a suggestion's phrases first, then a bug's), against the `feedback` label of the 1,177 IBM customer posts labelled by hand \
                (`Scripts/train/data/`, LABELLING-GUIDE.md). The phrases were chosen on the posts from dev.json; the posts from test.json \
                are read once per version of the phrases.

                | Posts | Class | Labelled | Flagged | Precision | Recall | F1 |
                |---|---|---:|---:|---:|---:|---:|

                """
            var summary: [String] = []
            for split in test ? ["dev.json", "test.json"] : ["dev.json"] {
                let chosen = posts.filter { $0.file == split }
                for kind in FeedbackKind.allCases {
                    let labelled = chosen.filter { $0.feedback == kind.rawValue }.count
                    let flagged = chosen.filter { FeedbackCues.kind(of: $0.text) == kind }
                    let right = flagged.filter { $0.feedback == kind.rawValue }.count
                    let precision = flagged.isEmpty ? 0 : Double(right) / Double(flagged.count)
                    let recall = labelled == 0 ? 0 : Double(right) / Double(labelled)
                    let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
                    text += "| \(split) (\(chosen.count)) | \(kind.rawValue) | \(labelled) | \(flagged.count) | \(String(format: "%.2f", precision)) | \(String(format: "%.2f", recall)) | \(String(format: "%.2f", f1)) |\n"
                    summary.append("\(split) \(kind.rawValue): precision \(String(format: "%.3f", precision)) recall \(String(format: "%.3f", recall)) F1 \(String(format: "%.3f", f1))")
                }
            }
            try EvaluationFile.replace(section: "feedback", with: text, in: output)
            print(summary.joined(separator: "\n"))
        }
    }
}
