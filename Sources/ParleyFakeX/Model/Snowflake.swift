import Foundation

/// X ids are decimal snowflakes: milliseconds since X's epoch in bits 22 and up.
enum Snowflake {
    /// 2010-11-04T01:42:54.657Z, in milliseconds since 1970.
    static let epochMilliseconds: UInt64 = 1_288_834_974_657

    static func date(of id: String) -> Date? {
        guard let value = UInt64(id), value >> 22 > 0 else { return nil }
        return Date(timeIntervalSince1970: Double((value >> 22) + epochMilliseconds) / 1000)
    }

    static func id(at date: Date) -> UInt64 {
        let ms = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        return (ms > epochMilliseconds ? ms - epochMilliseconds : 0) << 22
    }

    /// Numeric order for decimal ids of any length, without overflow.
    static func isLess(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    static func isDecimalID(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 19 && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber)
    }
}
