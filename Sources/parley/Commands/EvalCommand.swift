import ArgumentParser
import Foundation
import ParleyCore

/// `parley eval`: recomputes every triage figure in Swift from `../shared/data` and the frozen
/// fixtures, and writes EVALUATION.md. Test splits are read here only, never by training.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure triage against the reference data sets and write EVALUATION.md."
    )

    @Option(help: "Directory holding triage-linear.bin and complaints-cv-folds.bin.")
    var models: String = "Models/triage"

    @Option(help: "The shared reference data directory.")
    var data: String = "../shared/data"

    @Option(help: "Directory holding the frozen personal-data and intent test sets.")
    var fixtures: String = "Tests/ParleyCoreTests/Fixtures/triage"

    @Option(help: "Where to write the report.")
    var output: String = "EVALUATION.md"

    func run() throws {
        let root = URL(fileURLWithPath: data)
        let linear = try TriageLinearModel(data: Self.read(URL(fileURLWithPath: models).appendingPathComponent("triage-linear.bin")))
        var report = EvalReport()

        // 1. The metric code must reproduce the published figures from the published predictions.
        for task in EvalTask.all {
            let gold = try Self.labels(root.appendingPathComponent("tweeteval/datasets/\(task.name)/test_labels.txt"))
            let predicted = try Self.labels(root.appendingPathComponent("tweeteval/predictions_RoB-Rt/\(task.name).txt"))
            let matrix = TriageConfusionMatrix(gold: gold, predicted: predicted, classCount: task.classCount)
            report.metricCheck.append((task, task.score(matrix)))
        }
        guard report.metricCheck.allSatisfy({ ($0.1 * 1000).rounded() / 10 == $0.0.robertaPredictionsFigure }) else {
            throw ValidationError("metric code does not reproduce the published RoB-Rt figures: \(report.metricCheck.map { "\($0.0.name) \(Self.pct($0.1))" })")
        }

        // 2. Complaints: 10-fold cross-validation with the stored fold models.
        let csv = try String(contentsOf: root.appendingPathComponent("complaints/complaints-data.csv"), encoding: .utf8)
        let annotated = TriageComplaintsCSV.rows(csv).filter(\.isAnnotated)
        let folds = TriageComplaintFolds.folds(of: annotated)
        let foldModel = try TriageLinearModel(data: Self.read(URL(fileURLWithPath: models).appendingPathComponent("complaints-cv-folds.bin")))
        let foldHeads = try (0..<TriageComplaintFolds.count).map { k in
            guard let head = foldModel.manifest.head(named: "complaint_fold\(k)") else {
                throw ValidationError("complaints-cv-folds.bin has no head complaint_fold\(k)")
            }
            return head
        }
        var complaints = TriageConfusionMatrix(classCount: 2)
        for (row, fold) in zip(annotated, folds) {
            let predicted = foldHeads[fold].prediction(margins: foldModel.margins(for: row.text)).label
            complaints.add(gold: row.isComplaint ? 1 : 0, predicted: predicted)
        }
        report.complaints = complaints

        // 3. TweetEval test splits with the shipped model.
        for task in EvalTask.all {
            guard let head = linear.manifest.head(named: task.name) else { throw ValidationError("model has no head \(task.name)") }
            let texts = try Self.lines(root.appendingPathComponent("tweeteval/datasets/\(task.name)/test_text.txt"))
            let gold = try Self.labels(root.appendingPathComponent("tweeteval/datasets/\(task.name)/test_labels.txt"))
            var matrix = TriageConfusionMatrix(classCount: task.classCount)
            for (text, g) in zip(texts, gold) {
                matrix.add(gold: g, predicted: head.prediction(margins: linear.margins(for: text)).label)
            }
            report.tweetEval.append((task, head, matrix))
        }

        // 4. Personal data, span by span, on the frozen test set.
        let detector = PersonalDataDetector(ignoredEmails: ["help@acmecare.com"])
        for line in try Self.lines(URL(fileURLWithPath: fixtures).appendingPathComponent("pii-test.jsonl")) {
            let row = try JSONDecoder().decode(EvalPersonalDataRow.self, from: Data(line.utf8))
            let gold = row.pii.map { PersonalDataHit(kind: $0.kind, start: $0.start, end: $0.end, confidence: 1) }
            let predicted = detector.hits(in: row.text)
            report.personalData.add(gold: gold, predicted: predicted)
            for kind in PersonalDataKind.allCases {
                let g = gold.filter { $0.kind == kind }
                let p = predicted.filter { $0.kind == kind }
                if !g.isEmpty || !p.isEmpty { report.personalDataByKind[kind, default: PersonalDataScore()].add(gold: g, predicted: p) }
            }
        }

        // 5. Intent on the hand-written sets: the rules' dev set, and the frozen test set.
        let triager = Triager(models: try TriageModels(linearModelData: Self.read(URL(fileURLWithPath: models).appendingPathComponent("triage-linear.bin"))))
        func intents(_ file: String) throws -> TriageConfusionMatrix {
            var m = TriageConfusionMatrix(classCount: TriageIntent.allCases.count)
            for line in try Self.lines(URL(fileURLWithPath: fixtures).appendingPathComponent(file)) {
                let row = try JSONDecoder().decode(EvalIntentRow.self, from: Data(line.utf8))
                let predicted = triager.triage(TriageInput(text: row.text)).intent
                m.add(gold: TriageIntent.allCases.firstIndex(of: row.intent)!, predicted: TriageIntent.allCases.firstIndex(of: predicted)!)
            }
            return m
        }
        report.intentsDev = try intents("intent-dev.jsonl")
        report.intents = try intents("intent-test.jsonl")

        let text = report.render(command: "parley eval", date: Date(), commit: BenchReport.run("git", "rev-parse", "--short", "HEAD") ?? "unknown", trainingSettings: linear.manifest.training)
        try EvaluationFile.replace(section: "triage", with: text, in: output)
        print(report.summary())
    }

    static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ValidationError("cannot read \(url.path)") }
        return data
    }

    static func lines(_ url: URL) throws -> [String] {
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func labels(_ url: URL) throws -> [Int] {
        try lines(url).map { line in
            guard let label = Int(line.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("not a label in \(url.path)") }
            return label
        }
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f", x * 100) }
}

/// A TweetEval task, its metric as the benchmark defines it, and the published figures.
struct EvalTask {
    enum Metric: String {
        case macroRecall = "macro-averaged recall"
        case macroF1 = "macro-F1"
        case f1Irony = "F1 of the ironic class"
    }

    var name: String
    var classCount: Int
    var metric: Metric
    /// What `predictions_RoB-Rt` scores under the metric (the README's sanity figures).
    var robertaPredictionsFigure: Double
    /// Published test figures (Barbieri et al. 2020): RoBERTa-retrained, FastText, SVM, best known.
    var published: (roberta: Double, fastText: Double, svm: Double, best: Double)

    func score(_ m: TriageConfusionMatrix) -> Double {
        switch metric {
        case .macroRecall: m.macroRecall
        case .macroF1: m.macroF1
        case .f1Irony: m.f1(ofClass: 1)
        }
    }

    static let all: [EvalTask] = [
        EvalTask(name: "sentiment", classCount: 3, metric: .macroRecall, robertaPredictionsFigure: 72.9, published: (72.8, 62.9, 62.9, 73.7)),
        EvalTask(name: "emotion", classCount: 4, metric: .macroF1, robertaPredictionsFigure: 79.8, published: (78.5, 65.2, 64.7, 80.2)),
        EvalTask(name: "offensive", classCount: 2, metric: .macroF1, robertaPredictionsFigure: 81.6, published: (80.5, 73.4, 52.3, 82.2)),
        EvalTask(name: "irony", classCount: 2, metric: .f1Irony, robertaPredictionsFigure: 62.5, published: (61.7, 63.1, 61.7, 82.1)),
        EvalTask(name: "hate", classCount: 2, metric: .macroF1, robertaPredictionsFigure: 55.5, published: (52.3, 50.6, 36.7, 56.4)),
    ]
}

struct EvalPersonalDataRow: Decodable {
    struct Span: Decodable {
        var kind: PersonalDataKind
        var start: Int
        var end: Int
    }
    var text: String
    var pii: [Span]
}

struct EvalIntentRow: Decodable {
    var text: String
    var intent: TriageIntent
}

/// The measured figures and their Markdown rendering.
struct EvalReport {
    var metricCheck: [(EvalTask, Double)] = []
    var complaints = TriageConfusionMatrix(classCount: 2)
    var tweetEval: [(EvalTask, TriageModelHead, TriageConfusionMatrix)] = []
    var personalData = PersonalDataScore()
    var personalDataByKind: [PersonalDataKind: PersonalDataScore] = [:]
    var intents = TriageConfusionMatrix(classCount: TriageIntent.allCases.count)
    var intentsDev = TriageConfusionMatrix(classCount: TriageIntent.allCases.count)

    private static func pct(_ x: Double) -> String { EvalCommand.pct(x) }

    func summary() -> String {
        var s = "complaints 10-fold CV macro-F1 \(Self.pct(complaints.macroF1))\n"
        for (task, _, m) in tweetEval { s += "tweeteval \(task.name) \(task.metric.rawValue) \(Self.pct(task.score(m))) (FastText \(task.published.fastText))\n" }
        s += "personal data precision \(Self.pct(personalData.precision)) recall \(Self.pct(personalData.recall))\n"
        s += "intent macro-F1 \(Self.pct(intents.macroF1)) on \(intents.total) messages"
        return s
    }

    func render(command: String, date: Date, commit: String, trainingSettings: [String: String]) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        var s = """
        # Triage evaluation

        Written by `\(command)` on \(day) at commit `\(commit)`; every figure below is recomputed in
        Swift by that command from `../shared/data` and the frozen fixtures in
        `Tests/ParleyCoreTests/Fixtures/triage/`. The models were chosen on training and validation
        data only (`Models/triage/training-log.txt`); test splits are read here and nowhere else.

        How often the test splits have been read: four times for sentiment, three for the other
        TweetEval tasks, once per set of chosen models. The first models (commit `fde39d4`: C and
        thresholds chosen on the validation split) were read once; their figures were sentiment 60.1,
        emotion 69.5, offensive 76.4, irony 60.7, hate 46.7. The second models (5-fold CV on train+val
        for every TweetEval head; OffensEval's not-offensive tweets added to hate training, chosen by
        CV and by false alarms on held-out not-offensive tweets) were read once: sentiment 60.1,
        emotion 69.4, offensive 75.6, irony 61.2, hate 44.5 (their sentiment head was the first one,
        so that figure is one model read twice). The third models add one feature, a hashtag's `#` as
        a token of its own, adopted because 5-fold CV on train+val rose for irony (68.0 to 68.7) and
        emotion (66.0 to 66.6) while every other head's selection figure stayed within noise; all
        heads were chosen again by the second selection's rules and read once: sentiment 59.9,
        emotion 70.4, offensive 76.2, irony 60.8, hate 44.9. The fourth read is the sentiment head's
        alone: a licensed source found since, VADER's 4,200 human-rated tweets (Hutto & Gilbert 2014,
        MIT, in the pinned vaderSentiment source archive), raised its selection figure to 63.5 from
        62.4 without them (mean of three 5-fold CV shuffles on validation), and the head was chosen
        by that CV alone. The other five heads were rebuilt by the same script from the same data and are
        bit-identical to the third models (compared byte by byte), so their figures below are the
        third read's, not new reads. The earlier figures and each test split's class counts were
        known when the later selections were planned; no setting was tuned on them, no model was
        changed after a read, and ideas that did not raise CV (`Models/triage/README.md`) were never
        read on test.



        """
        s += "## Metric check\n\nThe metric code scores TweetEval's published RoBERTa-retrained predictions "
        s += "(`tweeteval/predictions_RoB-Rt`) and must reproduce the published figures:\n\n"
        s += "| task | metric | recomputed | published |\n|---|---|---|---|\n"
        for (task, value) in metricCheck {
            s += "| \(task.name) | \(task.metric.rawValue) | \(Self.pct(value)) | \(task.robertaPredictionsFigure) |\n"
        }

        s += "\n## Summary\n\n| task | metric | Parley | floor | target | other published |\n|---|---|---|---|---|---|\n"
        s += "| complaints (10-fold CV) | macro-F1 | **\(Self.pct(complaints.macroF1))** | 79 (paper) | 85 | transformers 87; always \"complaint\" 38.4 |\n"
        for (task, _, m) in tweetEval {
            let p = task.published
            s += "| TweetEval \(task.name) (test) | \(task.metric.rawValue) | **\(Self.pct(task.score(m)))** | \(p.fastText) (FastText) "
            s += "| \(p.roberta) (RoBERTa-retrained) | SVM \(p.svm); best known \(p.best) |\n"
        }
        s += "| personal data (frozen test set, spans) | precision / recall | **\(Self.pct(personalData.precision)) / \(Self.pct(personalData.recall))** "
        s += "| 95 / 93 | 97 / 95 | |\n"
        s += "| intent (hand-written set) | macro-F1 | **\(Self.pct(intents.macroF1))** | | | |\n"

        s += "\n## Complaints\n\nPreotiuc-Pietro et al. 2019, the \(complaints.total) tweets of the 9 annotated domains. "
        s += "Ten folds: rows sorted by (label, FNV-1a of tweet id) and dealt round-robin; each fold is scored by the "
        s += "model trained on the other nine (`Models/triage/complaints-cv-folds.bin`), at margin 0.\n\n"
        s += Self.matrix(complaints, labels: ["not_complaint", "complaint"])
        s += "\nAccuracy \(Self.pct(complaints.accuracy)).\n"

        for (task, head, m) in tweetEval {
            s += "\n## TweetEval \(task.name)\n\nTest split, \(m.total) tweets; metric: \(task.metric.rawValue), "
            s += "\(Self.pct(task.score(m))). Trained on: \(trainingSettings[task.name] ?? "see training-log.txt").\n\n"
            s += Self.matrix(m, labels: head.labels)
        }

        s += "\n## Personal data\n\n`Tests/ParleyCoreTests/Fixtures/triage/pii-test.jsonl`: frozen before the rules were tuned "
        s += "(tuning used `pii-dev.jsonl`). A hit counts only when kind, start and end all match. "
        s += "\(personalData.flaggedLookalikeMessages) of \(personalData.lookalikeMessages) look-alike messages got a hit.\n\n"
        s += "| kind | true positives | false positives | false negatives | precision | recall |\n|---|---|---|---|---|---|\n"
        for kind in PersonalDataKind.allCases {
            guard let k = personalDataByKind[kind] else { continue }
            s += "| \(kind.rawValue) | \(k.truePositives) | \(k.falsePositives) | \(k.falseNegatives) | \(Self.pct(k.precision)) | \(Self.pct(k.recall)) |\n"
        }
        let p = personalData
        s += "| **all** | \(p.truePositives) | \(p.falsePositives) | \(p.falseNegatives) | \(Self.pct(p.precision)) | \(Self.pct(p.recall)) |\n"

        s += "\n## Intent\n\n`Tests/ParleyCoreTests/Fixtures/triage/intent-test.jsonl`: \(intents.total) customer-care messages "
        s += "written for this project and frozen before any intent rule was tuned. Complaint comes from the complaint model "
        s += "and from problems named outright; question, request and praise from word cues with the sentiment model; "
        s += "spam/troll from spam and trolling cues and the offensive model (`Triager.intent` gives the order). "
        s += "The word cues were tuned on `intent-dev.jsonl` only: \(intentsDev.total) messages written later, by a session "
        s += "that never saw the test set, to be harder than it (imperative requests, questions without a question mark, "
        s += "sarcasm, spam and trolling without swear words); macro-F1 there \(Self.pct(intentsDev.macroF1)) with these "
        s += "rules, 38.3 with the third selection's rules and models. "
        s += "The test set was read once before that tuning (macro-F1 64.3) and twice after it: 75.7 with the first cues, "
        s += "then the figure below once spam and trolling cues stopped outranking a named problem or a complaint the model "
        s += "is sure of, a change made because they had labelled 20 of the 1,211 customer posts of the IBM demo stream "
        s += "spam/troll (2 after it), not because of a test figure.\n\n"
        s += Self.matrix(intents, labels: TriageIntent.allCases.map(\.rawValue))
        return s
    }

    /// Rows are gold labels, columns predictions; then each class's precision, recall and F1.
    static func matrix(_ m: TriageConfusionMatrix, labels: [String]) -> String {
        var s = "| gold \\ predicted | " + labels.joined(separator: " | ") + " | precision | recall | F1 |\n"
        s += "|---|" + String(repeating: "---|", count: labels.count + 3) + "\n"
        for (i, label) in labels.enumerated() {
            s += "| \(label) | " + m.counts[i].map(String.init).joined(separator: " | ")
            s += " | \(pct(m.precision(ofClass: i))) | \(pct(m.recall(ofClass: i))) | \(pct(m.f1(ofClass: i))) |\n"
        }
        return s
    }
}
