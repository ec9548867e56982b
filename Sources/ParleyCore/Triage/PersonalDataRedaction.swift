/// Masks personal data in text for logs and for roles that may not see it.
public enum PersonalDataRedaction {
    /// Replaces each hit with `[kind]`, e.g. `[email]`. Overlapping or out-of-range hits are
    /// clamped rather than trusted, so a stale hit list can never leak the text around it.
    public static func redact(_ text: String, hits: [PersonalDataHit]) -> String {
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var cursor = 0
        for hit in hits.sorted(by: { $0.start < $1.start }) {
            let start = min(max(hit.start, cursor), units.count)
            let end = min(max(hit.end, start), units.count)
            guard end > start else { continue }
            out.append(contentsOf: units[cursor..<start])
            out.append(contentsOf: "[\(hit.kind.rawValue)]".utf16)
            cursor = end
        }
        out.append(contentsOf: units[cursor...])
        // A hit boundary inside a surrogate pair would leave half a character; decoding repairs it.
        return String(decoding: out, as: UTF16.self)
    }
}
