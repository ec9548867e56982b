import Foundation

extension String {
    /// The items of a comma-separated list a person typed ("billing, lang:es,,"): each trimmed,
    /// empty ones dropped.
    public var commaSeparatedItems: [String] {
        split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
