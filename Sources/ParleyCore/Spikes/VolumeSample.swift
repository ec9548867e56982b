/// One point of a volume series: how many posts arrived in the bucket that starts at `time`.
///
/// `time` is in seconds since 1970 (UTC). Whole seconds are enough for five-minute buckets and keep
/// comparisons exact, which NAB's window edges rely on.
public struct VolumeSample: Sendable, Hashable {
    public var time: Int64
    public var value: Double

    public init(time: Int64, value: Double) {
        self.time = time
        self.value = value
    }
}
