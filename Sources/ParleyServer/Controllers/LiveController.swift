import Foundation
import NIOCore
import Vapor

/// `GET /live`: Server-Sent Events telling open pages which conversations changed.
struct LiveController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("live", use: stream)
    }

    @Sendable func stream(req: Request) async throws -> Response {
        // The hub only: a stream needs no database, and a page reconnecting while the server shuts
        // down must not reach for one that is already gone.
        let hub = req.application.parleyServices.hub
        let (id, notices) = await hub.subscribe()
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        response.body = .init(asyncStream: { writer in
            let encoder = JSONEncoder()
            do {
                try await writer.write(.buffer(ByteBuffer(string: ": connected\n\n")))
                for await notice in notices {
                    let data = try encoder.encode(notice)
                    try await writer.write(.buffer(ByteBuffer(string: "event: change\ndata: \(String(decoding: data, as: UTF8.self))\n\n")))
                }
                try await writer.write(.end)
            } catch {
                await hub.unsubscribe(id)
                try? await writer.write(.end)
            }
        })
        return response
    }
}
