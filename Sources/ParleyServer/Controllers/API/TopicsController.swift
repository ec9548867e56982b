import Foundation
import ParleyCore
import Vapor

/// `GET /api/v1/topics?handle&days&format`: the last days' customer messages grouped into
/// topics per handle (with trend, bug reports and suggestions, samples) and the hashtags used;
/// `format=csv` is the product team's export, one topic a row. Supervisors and admins.
struct TopicsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.supervisor).get("topics", use: topics)
    }

    struct DigestDTO: Content {
        struct Topic: Content {
            var handle: String
            var label: String
            var messages: Int
            var cases: Int
            var lastDay: Int
            var trending: Bool
            var bugs: Int
            var suggestions: Int
            var firstSeen: Date
            var lastSeen: Date
            var samples: [String]

            enum CodingKeys: String, CodingKey {
                case handle, label, messages, cases, trending, bugs, suggestions, samples
                case lastDay = "last_24h"
                case firstSeen = "first_seen"
                case lastSeen = "last_seen"
            }
        }

        struct Hashtag: Content {
            var tag: String
            var uses: Int
            var lastDay: Int

            enum CodingKeys: String, CodingKey {
                case tag, uses
                case lastDay = "last_24h"
            }
        }

        var from: Date
        var to: Date
        var messages: Int
        var topics: [Topic]
        var hashtags: [Hashtag]
    }

    static func dto(_ digest: TopicDigest, _ request: DeskTopics, names: [UUID: String]) -> DigestDTO {
        DigestDTO(
            from: request.from, to: request.to, messages: digest.messages,
            topics: digest.topics.map {
                .init(handle: names[$0.handleID] ?? "", label: $0.label, messages: $0.messages, cases: $0.cases, lastDay: $0.lastDay,
                      trending: $0.trending, bugs: $0.bugs, suggestions: $0.suggestions, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen,
                      samples: $0.samples)
            },
            hashtags: digest.hashtags.map { .init(tag: $0.tag, uses: $0.uses, lastDay: $0.lastDay) })
    }

    @Sendable func topics(req: Request) async throws -> Response {
        let handles = try await req.parley.handles.all()
        let request = try DeskTopics.parse(try req.query.decode(DeskTopics.Query.self), handles: handles, now: req.parley.effects.now())
        let digest = try await request.digest(on: req.db, handles: handles)
        let names = Dictionary(handles.map { ($0.id, $0.username) }, uniquingKeysWith: { a, _ in a })
        guard request.csv else { return try await Self.dto(digest, request, names: names).encodeResponse(for: req) }
        let iso = ISO8601DateFormatter()
        var text = "handle,topic,messages,cases,last_24h,trending,bugs,suggestions,first_seen,last_seen,sample\r\n"
        for t in digest.topics {
            text += [names[t.handleID] ?? "", t.label, String(t.messages), String(t.cases), String(t.lastDay), t.trending ? "yes" : "no",
                     String(t.bugs), String(t.suggestions), iso.string(from: t.firstSeen), iso.string(from: t.lastSeen), t.samples.first ?? ""]
                .map(ReportCSV.field).joined(separator: ",") + "\r\n"
        }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"parley-topics-\(request.handle?.username ?? "all")-\(request.days)d.csv\"")
        return response
    }
}
