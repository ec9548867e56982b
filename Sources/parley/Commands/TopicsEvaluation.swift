import Foundation
import ParleyCore

/// The labelled sets `parley topics eval` scores against, and its report.
enum TopicsEvaluation {
    struct LabelledSet {
        var name: String
        var texts: [String]
        var labels: [String]
        /// A coarser grouping to compare with (IBM: the brand), if any.
        var baseline: (name: String, groups: [String])?
    }

    struct Score {
        var set: String
        var threshold: Double
        var messages: Int
        var references: Int
        var topics: Int
        var ari: Double
        var nmi: Double
        /// The largest topics with their labels and sizes.
        var largest: [(label: String, size: Int)]
    }

    static let thresholds = [0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3]

    /// IBM's care conversations: a conversation's customer posts before the agent's linking reply,
    /// labelled by the help document the agent linked (what the customer's problem was about).
    static func ibm(_ file: URL) throws -> LabelledSet {
        struct Thread: Decodable {
            struct Turn: Decodable {
                var client: String?
                var message: String
                var tweet_ID: String
            }
            struct AgentURL: Decodable {
                var doc_id: String
                var tweet_ID: String
            }
            struct Header: Decodable { var company: String }
            var dialogContent: [Turn]
            var agentURL: AgentURL
            var dialogHeader: Header
        }
        let threads = try JSONDecoder().decode([Thread].self, from: Data(contentsOf: file))
        var set = LabelledSet(name: "IBM care \(file.lastPathComponent) (label: the linked document)", texts: [], labels: [],
                              baseline: ("each brand one topic", threads.map(\.dialogHeader.company)))
        for thread in threads {
            let before = thread.dialogContent.prefix { $0.tweet_ID != thread.agentURL.tweet_ID }
            set.texts.append(before.filter { $0.client != nil }.map(\.message).joined(separator: "\n"))
            set.labels.append(thread.agentURL.doc_id)
        }
        return set
    }

    /// The IBM customer posts labelled by hand with one of 17 problem topics
    /// (`Scripts/train/data/ibm-care-labels.jsonl`, `LABELLING-GUIDE.md`): `split` is the
    /// conversation file the posts came from (dev.json or test.json).
    static func handLabelled(_ file: URL, split: String) throws -> LabelledSet {
        struct Line: Decodable {
            var file: String
            var text: String
            var topic: String
            var company: String
        }
        let decoder = JSONDecoder()
        var set = LabelledSet(name: "IBM care posts from \(split) (label: the topic labelled by hand)", texts: [], labels: [], baseline: ("each brand one topic", []))
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let post = try decoder.decode(Line.self, from: Data(line.utf8))
            guard post.file == split else { continue }
            set.texts.append(post.text)
            set.labels.append(post.topic)
            set.baseline?.groups.append(post.company)
        }
        return set
    }

    /// Preoţiuc-Pietro et al.'s complaints tweets, labelled by their industry (9 domains).
    static func complaints(_ csv: String) -> LabelledSet {
        let rows = TriageComplaintsCSV.rows(csv).filter(\.isAnnotated)
        return LabelledSet(name: "complaints tweets (label: the domain)", texts: rows.map(\.text), labels: rows.map(\.domain), baseline: nil)
    }

    /// Scores one clusterer over the whole set (a mixed stream, as `parley topics` reads it), or
    /// one clusterer per brand (`perBrand`, as the desk groups each handle's messages).
    static func score(_ set: LabelledSet, threshold: Double, perBrand: Bool = false) -> Score {
        var clusterers: [String: TopicClusterer] = [:]
        var topicIDs: [String: Int] = [:]
        var next = 0
        var all: [TopicClusterer.Topic] = []
        let assigned = set.texts.indices.map { i -> Int in
            let brand = perBrand ? set.baseline?.groups[i] ?? "" : ""
            var clusterer = clusterers[brand] ?? TopicClusterer(joinThreshold: threshold)
            defer { clusterers[brand] = clusterer }
            guard let topic = clusterer.assign(set.texts[i]) else {
                next -= 1
                return next  // no words: a topic of its own, as a reader would see it
            }
            let key = "\(brand)#\(topic)"
            if let id = topicIDs[key] { return id }
            topicIDs[key] = topicIDs.count
            return topicIDs.count - 1
        }
        for clusterer in clusterers.values { all += clusterer.topics }
        let reference = ids(set.labels)
        let largest = all.sorted { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }.prefix(8).map { ($0.label, $0.size) }
        return Score(set: set.name + (perBrand ? ", per brand" : ""), threshold: threshold, messages: set.texts.count, references: Set(reference).count, topics: Set(assigned).count,
                     ari: ClusterAgreement.adjustedRandIndex(assigned, reference), nmi: ClusterAgreement.normalizedMutualInformation(assigned, reference),
                     largest: largest)
    }

    /// Each distinct label as a number, in order of first appearance.
    static func ids(_ labels: [String]) -> [Int] {
        var ids: [String: Int] = [:]
        return labels.map { label in
            if let id = ids[label] { return id }
            ids[label] = ids.count
            return ids.count - 1
        }
    }

    static func markdown(development: LabelledSet, sweep: [Score], tests: [Score]) -> String {
        func row(_ s: Score) -> String {
            "| \(s.set) | \(s.threshold) | \(s.messages) | \(s.references) | \(s.topics) | \(String(format: "%.3f", s.ari)) | \(String(format: "%.3f", s.nmi)) |\n"
        }
        var text = """
        ## Topics (`parley topics`)

        Written by `parley topics eval\(tests.isEmpty ? "" : " --test")` on \(ForecastReport.today()). `TopicClusterer` groups messages online \
        in file order: a message joins the topic whose centroid is nearest by cosine similarity over IDF-weighted content \
        words (the listening clusterer's words: stemmed, without stop words, care's generic words, numbers, links or \
        @names), when it is at least the threshold, else it starts a topic. Agreement with the reference labels: the \
        adjusted Rand index (0 is chance, 1 the same partition) and NMI (arithmetic normalisation). Development is tuned on; \
        the test sets are read once per model.

        | Set | Threshold | Messages | Reference groups | Topics | ARI | NMI |
        |---|---:|---:|---:|---:|---:|---:|

        """
        if let baseline = development.baseline {
            let groups = ids(baseline.groups)
            let reference = ids(development.labels)
            text += "| \(development.name), \(baseline.name) | – | \(development.texts.count) | \(Set(reference).count) | \(Set(groups).count) | \(String(format: "%.3f", ClusterAgreement.adjustedRandIndex(groups, reference))) | \(String(format: "%.3f", ClusterAgreement.normalizedMutualInformation(groups, reference))) |\n"
        }
        for s in sweep { text += row(s) }
        for s in tests { text += row(s) }
        if let chosen = sweep.first(where: { $0.threshold == TopicClusterer.defaultThreshold }) {
            text += "\nThe largest development topics at \(chosen.threshold) and their labels: "
            text += chosen.largest.map { "\"\($0.label)\" (\($0.size))" }.joined(separator: ", ") + ".\n"
        }
        for s in tests {
            text += "\nLargest topics, \(s.set): " + s.largest.map { "\"\($0.label)\" (\($0.size))" }.joined(separator: ", ") + ".\n"
        }
        return text
    }
}
