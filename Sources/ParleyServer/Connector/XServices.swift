import FluentKit
import Foundation
import ParleyStore
import ParleyX

/// The X connector's parts, built once from configuration: the API client, credentials, the cost
/// meter, and what runs in the background (the sources and the sender's transport).
public struct XServices: Sendable {
    public let config: XConnectorConfig
    public let api: XAPI
    public let credentials: XCredentials
    public let meter: XCostMeter
    let database: any Database
    let clock: @Sendable () -> Date

    public init(database: any Database, config: XConnectorConfig, metrics: ParleyMetrics, clock: @escaping @Sendable () -> Date) throws {
        let client = XClient(baseURL: config.baseURL, clock: clock, observe: { outcome in
            metrics.xRequest(endpoint: outcome.endpoint, status: outcome.status.map(String.init) ?? "none").increment()
            if case .malformed = outcome.error { metrics.xMalformed.increment() }
        })
        self.config = config
        self.database = database
        self.clock = clock
        api = XAPI(client: client)
        credentials = try XCredentials(database: database, api: api, config: config, clock: clock)
        meter = XCostMeter(database: database, prices: config.prices, metrics: metrics, clock: clock)
    }

    public func connector(ingestor: Ingestor) -> XConnector {
        XConnector(database: database, config: config, api: api, credentials: credentials, meter: meter, ingestor: ingestor, clock: clock)
    }

    /// The filtered stream's sink (the connector runs it; `parley bench stream` drives it directly).
    public func streamSource(ingestor: Ingestor) -> XStreamSource {
        XStreamSource(database: database, api: api, credentials: credentials, meter: meter, ingestor: ingestor, clock: clock)
    }

    public var transport: XTransport {
        XTransport(api: api, credentials: credentials, meter: meter, database: database)
    }

    public var connections: XConnectionQueries {
        XConnectionQueries(database: database)
    }

    public var authorization: XAuthorization {
        XAuthorization(database: database, api: api, credentials: credentials, config: config, clock: clock)
    }
}
