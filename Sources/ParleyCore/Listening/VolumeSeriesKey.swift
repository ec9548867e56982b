import Foundation

/// A series of post counts in 5-minute buckets: per handle, per brand term, per hashtag, and per
/// emerging issue. Stored as `kind:name` (`handle:<id>`, `term:premiere pro`, `hashtag:outage`,
/// `issue:<id>`).
public struct VolumeSeriesKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case handle, term, hashtag, issue
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public init?(rawValue: String) {
        guard let colon = rawValue.firstIndex(of: ":"), let kind = Kind(rawValue: String(rawValue[..<colon])) else { return nil }
        self.init(kind, String(rawValue[rawValue.index(after: colon)...]))
    }

    public var rawValue: String { "\(kind.rawValue):\(name)" }
    public var description: String { rawValue }

    /// The width of a bucket: X's and NAB's 5 minutes.
    public static let bucket: TimeInterval = 300

    /// The start of the 5-minute bucket that holds `date`.
    public static func bucketStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / bucket).rounded(.down) * bucket)
    }

    /// The series a customer's message counts in: the handle it reached, each brand term it says,
    /// and up to five of its hashtags (lower-cased).
    public static func keys(for message: Message, brand: BrandDirectory) -> [VolumeSeriesKey] {
        guard !message.kind.isOwn else { return [] }
        var keys: [VolumeSeriesKey] = []
        if let handle = message.handleID { keys.append(VolumeSeriesKey(.handle, handle.uuidString)) }
        for term in brand.terms(saidIn: message.text) { keys.append(VolumeSeriesKey(.term, term)) }
        if message.kind != .dm {
            var seen = Set<String>()
            for tag in TweetTextExtractor().hashtags(in: message.text) {
                let name = tag.value.lowercased()
                guard name.count <= 60, seen.insert(name).inserted, seen.count <= 5 else { continue }
                keys.append(VolumeSeriesKey(.hashtag, name))
            }
        }
        return keys
    }
}
