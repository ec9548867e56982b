import Foundation
import ParleyCore

/// The demo's replay of real care conversations: most of the history is loaded at once with its
/// times moved up to the present, the rest plays live with time compressed, and a share of the
/// conversations never gets the brand's answer, so the visitor has work to do.
public struct DemoStream: Sendable {
    public struct Line: Sendable {
        public var payload: Data
        /// When to deliver it, as an offset from the start of the live part (≤ 0: at once).
        public var delay: Duration
    }

    public let lines: [Line]

    /// - Parameters:
    ///   - historyShare: the part of the stream's time span loaded at start-up.
    ///   - compression: how many stream seconds pass per real second in the live part (20: a day in 72 minutes).
    ///   - unansweredShare: the share of conversations whose brand replies are left out.
    public init(
        lines raw: [Data], brandUserIDs: Set<String>, now: Date, historyShare: Double = 0.8, compression: Double = 20,
        unansweredShare: Double = 0.25
    ) {
        var parsed: [(object: [String: Any], data: [String: Any], at: Date)] = []
        for line in raw {
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                let data = object["data"] as? [String: Any],
                let at = ReplayFile.timestamp(of: line)
            else { continue }
            parsed.append((object, data, at))
        }
        guard let first = parsed.map(\.at).min(), let last = parsed.map(\.at).max() else {
            lines = []
            return
        }
        let split = first.addingTimeInterval(last.timeIntervalSince(first) * historyShare)
        let shift = now.timeIntervalSince(split)
        var result: [Line] = []
        for (var object, var data, at) in parsed {
            let conversation = data["conversation_id"] as? String ?? ""
            let isBrand = brandUserIDs.contains(data["author_id"] as? String ?? "")
            if isBrand, Self.leftUnanswered(conversation, share: unansweredShare) { continue }
            let delivered: Date
            let delay: Duration
            if at <= split {
                delivered = at.addingTimeInterval(shift)
                delay = .zero
            } else {
                let live = at.timeIntervalSince(split) / compression
                delivered = now.addingTimeInterval(live)
                delay = .seconds(live)
            }
            data["created_at"] = delivered.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            object["data"] = data
            guard let payload = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { continue }
            result.append(Line(payload: payload, delay: delay))
        }
        lines = result
    }

    /// A stable choice per conversation (FNV-1a of its id), the same on every run.
    static func leftUnanswered(_ conversationID: String, share: Double) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in conversationID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Double(hash % 1000) < share * 1000
    }
}
