/// The forecast for one hour: the expected count and its 80% interval.
public struct HourForecast: Sendable, Equatable {
    /// The start of the hour, in seconds since 1970.
    public var hour: Int64
    public var forecast: Double
    public var lo80: Double
    public var hi80: Double

    public init(hour: Int64, forecast: Double, lo80: Double, hi80: Double) {
        self.hour = hour
        self.forecast = forecast
        self.lo80 = lo80
        self.hi80 = hi80
    }
}
