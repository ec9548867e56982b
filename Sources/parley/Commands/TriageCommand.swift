import ArgumentParser
import Foundation
import ParleyCore

/// `parley triage`: JSONL in, one JSON result per line out. A line that cannot be read gets
/// `{"error": ...}` and the run goes on, so one bad record never loses the rest of a batch.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Triage JSONL messages from stdin: intent, sentiment, upset, personal data, priority, handoff."
    )

    @Option(help: "Directory holding triage-linear.bin.")
    var models: String = "Models/triage"

    @Option(name: .customLong("brand-email"), help: "A brand support address that is not personal data (repeatable).")
    var brandEmails: [String] = []

    @Option(help: "The brand account's numeric X user id, for the DM link in handoff replies.")
    var brandUserID: String?

    func run() throws {
        let triager = try Self.loadTriager(modelsDirectory: models)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let out = FileHandle.standardOutput
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            let record: Data
            do {
                let input = try JSONDecoder().decode(TriageLineDTO.self, from: Data(line.utf8))
                let result = triager.triage(TriageInput(
                    text: input.text,
                    authorFollowers: input.author?.followersCount,
                    authorVerified: input.author?.verified ?? false,
                    waitingSeconds: input.waitingSeconds ?? 0,
                    brandSupportEmails: brandEmails,
                    brandUserID: brandUserID))
                record = try encoder.encode(TriageResultDTO(result))
            } catch {
                record = try encoder.encode(["error": "invalid input line: \(Self.describe(error))"])
            }
            out.write(record + Data("\n".utf8))
        }
    }

    static func loadTriager(modelsDirectory: String) throws -> Triager {
        let url = URL(fileURLWithPath: modelsDirectory).appendingPathComponent("triage-linear.bin")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ValidationError("no triage model at \(url.path); run from the repository root or pass --models")
        }
        return Triager(models: try TriageModels(linearModelData: data))
    }

    /// Names the problem without echoing the line, which may hold personal data.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.valueNotFound(_, let context): "null at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "not a JSON object"
        }
    }
}

struct TriageLineDTO: Decodable {
    struct Author: Decodable {
        var followersCount: Int?
        var verified: Bool?

        enum CodingKeys: String, CodingKey {
            case followersCount = "followers_count"
            case verified
        }
    }

    var text: String
    var author: Author?
    var waitingSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case text, author
        case waitingSeconds = "waiting_seconds"
    }
}

struct TriageResultDTO: Encodable {
    struct Span: Encodable {
        var kind: String
        var start: Int
        var end: Int
    }

    struct Handoff: Encodable {
        var advice: String
        var reasons: [String]
        var suggestedReply: String?

        enum CodingKeys: String, CodingKey {
            case advice, reasons
            case suggestedReply = "suggested_reply"
        }
    }

    struct Priority: Encodable {
        var score: Int
        var reasons: [String]
    }

    var intent: String
    var intentScores: [String: Double]
    var sentiment: String
    var upset: Int
    var offensive: Bool
    var pii: [Span]
    var handoff: Handoff
    var priority: Priority

    enum CodingKeys: String, CodingKey {
        case intent, sentiment, upset, offensive, pii, handoff, priority
        case intentScores = "intent_scores"
    }

    init(_ r: TriageResult) {
        intent = r.intent.rawValue
        // Three decimals: enough to rank, and stable to read in diffs.
        intentScores = Dictionary(uniqueKeysWithValues: r.intentScores.map { ($0.key.rawValue, ($0.value * 1000).rounded() / 1000) })
        sentiment = r.sentiment.rawValue
        upset = r.upset
        offensive = r.offensive
        pii = r.personalData.map { Span(kind: $0.kind.rawValue, start: $0.start, end: $0.end) }
        handoff = Handoff(advice: r.handoff.advice.rawValue, reasons: r.handoff.reasons, suggestedReply: r.handoff.suggestedReply)
        priority = Priority(score: r.priority.score, reasons: r.priority.reasons)
    }
}
