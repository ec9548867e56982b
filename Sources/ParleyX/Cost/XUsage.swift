/// How many billable resources one response delivered or one request created.
public struct XUsage: Sendable, Equatable {
    public var counts: [XResource: Int]

    public init(_ counts: [XResource: Int] = [:]) {
        self.counts = counts.filter { $0.value > 0 }
    }

    public static let none = XUsage()

    public var isEmpty: Bool { counts.isEmpty }

    public subscript(resource: XResource) -> Int { counts[resource] ?? 0 }

    public static func + (lhs: XUsage, rhs: XUsage) -> XUsage {
        XUsage(lhs.counts.merging(rhs.counts, uniquingKeysWith: +))
    }
}
