/// What the desk adds to triage's priority: a person's override, and the raise of a breached SLA.
/// `effective(triage:)` is the one priority every part of the desk uses: the "most urgent" queue
/// order, auto-assignment order, the API and the pages.
public struct PriorityAdjustment: Sendable, Equatable, Codable {
    /// A supervisor's or a routing rule's priority (0–100), in place of triage's.
    public var override: Int?
    /// The case breached its SLA: it rises by `breachRaise`, over triage's or the override's.
    public var slaBreached: Bool

    public static let breachRaise = 20
    public static let none = PriorityAdjustment()

    public init(override: Int? = nil, slaBreached: Bool = false) {
        self.override = override
        self.slaBreached = slaBreached
    }

    public func effective(triage: Int) -> Int {
        min(100, max(0, (override ?? triage) + (slaBreached ? Self.breachRaise : 0)))
    }

    /// Why the case has its priority, for people.
    public func reasons(triage: [String]) -> [String] {
        (override != nil ? ["set by hand"] : triage) + (slaBreached ? ["SLA breached (+\(Self.breachRaise))"] : [])
    }
}
