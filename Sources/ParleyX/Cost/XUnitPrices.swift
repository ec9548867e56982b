/// What X charges per resource, in millionths of a US dollar (integers, so totals add exactly).
public struct XUnitPrices: Sendable, Equatable {
    public var microdollars: [XResource: Int]

    public init(microdollars: [XResource: Int]) {
        self.microdollars = microdollars
    }

    /// X's pay-per-use table: post read $0.005, user read $0.010, DM event read $0.010, post or DM
    /// create $0.015, owned reads $0.001, user interaction create (a mute) $0.015, content manage
    /// (hiding a reply) $0.005.
    public static let payPerUse = XUnitPrices(microdollars: [
        .postRead: 5_000, .userRead: 10_000, .dmEventRead: 10_000,
        .postCreate: 15_000, .dmCreate: 15_000, .ownedRead: 1_000,
        .userInteraction: 15_000, .contentManage: 5_000,
    ])

    public func price(of resource: XResource) -> Int { microdollars[resource] ?? 0 }

    /// The cost of `usage` in microdollars.
    public func cost(of usage: XUsage) -> Int {
        usage.counts.reduce(0) { $0 + price(of: $1.key) * $1.value }
    }

    /// Reads `post_read=0.005,user_read=0.01,…` (dollars); resources not named keep the default.
    public static func parse(_ text: String, over base: XUnitPrices = .payPerUse) throws(XUnitPricesError) -> XUnitPrices {
        var prices = base
        for pair in text.split(separator: ",") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let resource = XResource(rawValue: parts[0]) else {
                throw .invalid(String(pair), expected: "resource=dollars with resource one of " + XResource.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let dollars = Double(parts[1]), dollars >= 0, dollars < 1_000 else {
                throw .invalid(String(pair), expected: "a price in dollars such as 0.005")
            }
            prices.microdollars[resource] = Int((dollars * 1_000_000).rounded())
        }
        return prices
    }
}

public enum XUnitPricesError: Error, Equatable, CustomStringConvertible {
    case invalid(String, expected: String)
    public var description: String {
        switch self {
        case let .invalid(text, expected): "'\(text)' is not a valid price: expected \(expected)."
        }
    }
}
