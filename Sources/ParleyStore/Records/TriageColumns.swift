import Foundation
import ParleyCore

/// How triage is spelled in the tables: a message's as JSON, a case's reasons one per line.
enum TriageColumns {
    static func encode(_ triage: MessageTriage?) -> String? {
        guard let triage, let data = try? encoder.encode(triage) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A value written by an older version that no longer decodes is dropped, not fatal: triage is
    /// advice, and `journal rebuild` recomputes it.
    static func decodeMessage(_ text: String?) -> MessageTriage? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(MessageTriage.self, from: Data(text.utf8))
    }

    static func lines(_ values: [String]) -> String { values.joined(separator: "\n") }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    static func conversation(
        priority: Int, priorityReasons: String, handoff: String, handoffReasons: String, suggestedReply: String?
    ) -> ConversationTriage {
        ConversationTriage(
            priority: priority, priorityReasons: lines(priorityReasons), handoff: TriageHandoff.Advice(rawValue: handoff) ?? .public,
            handoffReasons: lines(handoffReasons), suggestedReply: suggestedReply)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
