import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Live updates across `parley serve` processes on PostgreSQL: each process NOTIFYs its notices on
/// one channel and LISTENs to it on one pooled connection, handing the others' to its own pages.
enum LiveRelay {
    static let channel = "parley_live"
    /// NOTIFY payloads stay under PostgreSQL's 8,000 bytes: at most this many ids each.
    static let idsPerNotice = 150

    struct Wire: Codable {
        var origin: UUID
        var ids: [UUID]
        var reason: String
    }

    /// NOTIFYs a notice (in pieces when it names many conversations).
    static func send(_ notice: ChangeNotice, origin: UUID, on database: any Database) async {
        guard let sql = database as? any SQLDatabase else { return }
        for start in stride(from: 0, to: max(notice.conversationIDs.count, 1), by: idsPerNotice) {
            let ids = Array(notice.conversationIDs[start..<min(start + idsPerNotice, notice.conversationIDs.count)])
            guard let payload = try? JSONEncoder().encode(Wire(origin: origin, ids: ids, reason: notice.reason)) else { continue }
            do {
                try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: String(decoding: payload, as: UTF8.self)))").run()
            } catch {
                Logger(label: "parley.live").warning("live notice not relayed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// LISTENs until cancelled on a connection of its own (not the pool's: a listener holds its
    /// connection for good), reconnecting after a loss.
    static func listen(url: String, hub: LiveHub) async {
        let logger = Logger(label: "parley.live")
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        } catch {
            logger.error("live relay off: the database URL does not parse", metadata: ["error": "\(error)"])
            return
        }
        var attempt = 0
        while !Task.isCancelled {
            do {
                attempt += 1
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: attempt, logger: logger)
                do {
                    try await connection.listen(on: channel) { notifications in
                        for try await notification in notifications {
                            guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(notification.payload.utf8)),
                                  wire.origin != hub.origin
                            else { continue }
                            await hub.deliver(ChangeNotice(conversationIDs: wire.ids, reason: wire.reason))
                        }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                if Task.isCancelled { return }
                logger.warning("live relay lost its connection; listening again", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }
}
