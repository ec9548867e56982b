import ArgumentParser
import Foundation
import ParleyCore

/// `parley topics`: customer messages grouped into topics with readable labels, and the
/// grouping's agreement with labelled sets.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "Group messages into labelled topics, and score the grouping on labelled sets.",
        subcommands: [Run.self, Eval.self], defaultSubcommand: Run.self)

    /// JSONL `{"text"}` on standard input; one `{"topic","label"}` a line on standard output, in
    /// input order, once all are read (so each carries its topic's final label). Messages are
    /// grouped online, in input order. A message without content words joins the topic
    /// "(no words)"; a line that is not `{"text": string}` gets `{"error","topic":-1,"label":""}`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Group JSONL {\"text\"} from standard input into topics.")

        @Option(help: "Cosine similarity a message needs to join a topic (0–1).")
        var threshold: Double = TopicClusterer.defaultThreshold

        struct Line: Decodable { var text: String }
        struct Out: Encodable {
            var topic: Int
            var label: String
            var error: String?
        }

        func run() throws {
            guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be above 0 and at most 1") }
            var clusterer = TopicClusterer(joinThreshold: threshold)
            let decoder = JSONDecoder()
            var assigned: [Result<Int?, TopicsLineError>] = []
            while let line = readLine(strippingNewline: true) {
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    let text = try decoder.decode(Line.self, from: Data(line.utf8)).text
                    assigned.append(.success(clusterer.assign(text)))
                } catch {
                    assigned.append(.failure(TopicsLineError(reason: "invalid input line: \(TriageCommand.describe(error))")))
                }
            }
            let wordless = clusterer.topics.count
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var output = Data()
            for entry in assigned {
                let out: Out
                switch entry {
                case .success(let topic?): out = Out(topic: topic, label: clusterer.topics[topic].label)
                case .success(nil): out = Out(topic: wordless, label: "(no words)")
                case .failure(let error): out = Out(topic: -1, label: "", error: error.reason)
                }
                output.append(try encoder.encode(out))
                output.append(0x0A)
            }
            FileHandle.standardOutput.write(output)
        }
    }

    struct TopicsLineError: Error {
        var reason: String
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the topic grouping (adjusted Rand index, NMI) on IBM's care conversations and the complaints set; write EVALUATION.md's topics section.")

        @Option(help: "The shared data folder (ibm-customer-care/, complaints/).")
        var data: String = "../shared/data"
        @Flag(help: "Also score the frozen test sets (IBM test.json, the complaints set). Read them once per model.")
        var test = false
        @Option(help: "The IBM customer posts labelled by hand (topic per post).")
        var labels: String = "Scripts/train/data/ibm-care-labels.jsonl"
        @Option(help: "Where to write the report section.")
        var output: String = "EVALUATION.md"

        func run() throws {
            let root = URL(fileURLWithPath: data)
            let development = try TopicsEvaluation.ibm(root.appendingPathComponent("ibm-customer-care/dev.json"))
            let labels = URL(fileURLWithPath: self.labels)
            let posts = try TopicsEvaluation.handLabelled(labels, split: "dev.json")
            let sweep = TopicsEvaluation.thresholds.map { TopicsEvaluation.score(development, threshold: $0) }
                + TopicsEvaluation.thresholds.map { TopicsEvaluation.score(development, threshold: $0, perBrand: true) }
                + TopicsEvaluation.thresholds.map { TopicsEvaluation.score(posts, threshold: $0) }
                + TopicsEvaluation.thresholds.map { TopicsEvaluation.score(posts, threshold: $0, perBrand: true) }
            var tests: [TopicsEvaluation.Score] = []
            if test {
                let ibm = try TopicsEvaluation.ibm(root.appendingPathComponent("ibm-customer-care/test.json"))
                let csv = try String(contentsOf: root.appendingPathComponent("complaints/complaints-data.csv"), encoding: .utf8)
                let complaints = TopicsEvaluation.complaints(csv)
                let testPosts = try TopicsEvaluation.handLabelled(labels, split: "test.json")
                tests = [TopicsEvaluation.score(testPosts, threshold: TopicClusterer.defaultThreshold),
                         TopicsEvaluation.score(testPosts, threshold: TopicClusterer.defaultThreshold, perBrand: true),
                         TopicsEvaluation.score(ibm, threshold: TopicClusterer.defaultThreshold),
                         TopicsEvaluation.score(ibm, threshold: TopicClusterer.defaultThreshold, perBrand: true),
                         TopicsEvaluation.score(complaints, threshold: TopicClusterer.defaultThreshold)]
            }
            let report = TopicsEvaluation.markdown(development: development, sweep: sweep, tests: tests)
            try EvaluationFile.replace(section: "topics", with: report, in: output)
            for score in sweep + tests {
                print("\(score.set) threshold \(score.threshold): topics \(score.topics) ARI \(String(format: "%.3f", score.ari)) NMI \(String(format: "%.3f", score.nmi))")
            }
        }
    }
}
