import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `/api/v1/scheduled-posts`: list (filters `handle`, `state` (comma-separated), `from`, `to`),
/// create, update (`PUT` or `PATCH`), `submit`, `approve` and `reject` (supervisors), delete.
/// `/api/v1/posting-limits`: what each handle has left. `/api/v1/crisis`: the switch.
struct ScheduledPostsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let posts = routes.grouped("scheduled-posts")
        posts.get(use: list)
        posts.post(use: create)
        posts.get(":post", use: show)
        posts.put(":post", use: update)
        posts.patch(":post", use: update)
        posts.delete(":post", use: delete)
        posts.post(":post", "submit", use: submit)
        posts.post(":post", "approve", use: approve)
        posts.post(":post", "reject", use: reject)
        routes.get("posting-limits", use: limits)
        routes.get("crisis", use: crisis)
        routes.post("crisis", use: startCrisis)
        routes.delete("crisis", use: endCrisis)
    }

    struct ListQuery: Decodable {
        var handle: String?
        var state: String?
        var from: Date?
        var to: Date?
        var limit: Int?
    }

    @Sendable func list(req: Request) async throws -> ScheduledPostListDTO {
        let query = try req.query.decode(ListQuery.self)
        var filter = ScheduledPostQueries.Filter(limit: min(max(query.limit ?? 500, 1), 1_000))
        if let handle = try await req.handleQuery(query.handle) { filter.handleIDs = [handle.id] }
        if let states = query.state, !states.isEmpty {
            filter.states = try states.split(separator: ",").map { raw in
                guard let state = ScheduledPostState(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
                    throw HTTPError(.badRequest, "bad_request", "state '\(raw.prefix(40))' is not one of \(ScheduledPostState.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return state
            }
        }
        filter.from = query.from
        filter.to = query.to
        let posts = try await ScheduledPostQueries(database: req.db).list(filter)
        return ScheduledPostListDTO(data: try await Self.dtos(posts, on: req))
    }

    @Sendable func show(req: Request) async throws -> ScheduledPostDTO {
        let id = try DeskController.uuid(req, "post")
        guard let post = try await ScheduledPostQueries(database: req.db).find(id) else { throw ScheduledPostError.notFound(id) }
        return try await Self.dto(post, on: req)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.strictBody(ScheduledPostInputDTO.self, keys: ScheduledPostInputDTO.CodingKeys.allCases.map(\.rawValue))
        guard let handle = try await req.handleQuery(input.handle) else {
            throw HTTPError(.badRequest, "bad_request", "Missing field 'handle' (an id or a username).")
        }
        guard let text = input.text else { throw HTTPError(.badRequest, "bad_request", "Missing field 'text'.") }
        guard let when = try input.when else { throw HTTPError(.badRequest, "bad_request", "Missing field 'due_at' or 'local_time'.") }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let post = try await req.actions.scheduledPosts.create(
            .init(handleID: handle.id, text: text, when: when, timeZone: input.timeZone ?? "UTC", submit: input.submit ?? false), by: user)
        return try await Self.dto(post, on: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> ScheduledPostDTO {
        let id = try DeskController.uuid(req, "post")
        let input = try req.strictBody(ScheduledPostInputDTO.self, keys: ScheduledPostInputDTO.CodingKeys.allCases.map(\.rawValue))
        guard input.handle == nil, input.submit == nil else {
            throw HTTPError(.badRequest, "bad_request", "A post's handle cannot change, and submitting is POST …/submit.")
        }
        let user = try req.auth.require(AuthenticatedUser.self).user
        let post = try await req.actions.scheduledPosts.edit(id, .init(text: input.text, when: try input.when, timeZone: input.timeZone), by: user)
        return try await Self.dto(post, on: req)
    }

    @Sendable func submit(req: Request) async throws -> ScheduledPostDTO {
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await Self.dto(try await req.actions.scheduledPosts.submit(try DeskController.uuid(req, "post"), by: user), on: req)
    }

    @Sendable func approve(req: Request) async throws -> ScheduledPostDTO {
        let user = try req.auth.require(AuthenticatedUser.self).user
        return try await Self.dto(try await req.actions.scheduledPosts.approve(try DeskController.uuid(req, "post"), by: user), on: req)
    }

    @Sendable func reject(req: Request) async throws -> ScheduledPostDTO {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let input = try req.strictBody(RejectInputDTO.self, keys: RejectInputDTO.CodingKeys.allCases.map(\.rawValue))
        return try await Self.dto(
            try await req.actions.scheduledPosts.reject(try DeskController.uuid(req, "post"), note: input.note, by: user), on: req)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let user = try req.auth.require(AuthenticatedUser.self).user
        try await req.actions.scheduledPosts.delete(try DeskController.uuid(req, "post"), by: user)
        return .noContent
    }

    struct LimitsDTO: Content {
        var handle: ScheduledPostDTO.HandleRef
        var verified: Bool
        var postsToday: Int
        var postsThisHalfHour: Int
        var dmsToday: Int
        var originalsToday: Int?
        var repliesToday: Int?

        enum CodingKeys: String, CodingKey {
            case handle, verified
            case postsToday = "posts_left_today"
            case postsThisHalfHour = "posts_left_this_half_hour"
            case dmsToday = "dms_left_today"
            case originalsToday = "original_posts_left_today"
            case repliesToday = "replies_left_today"
        }
    }

    @Sendable func limits(req: Request) async throws -> [LimitsDTO] {
        try await PostingLimitsView.all(on: req.db, now: req.parley.effects.now()).map { handle, left in
            LimitsDTO(
                handle: .init(id: handle.id, username: handle.username), verified: handle.verified, postsToday: left.postsToday,
                postsThisHalfHour: left.postsThisHalfHour, dmsToday: left.dmsToday, originalsToday: left.originalsToday,
                repliesToday: left.repliesToday)
        }
    }

    @Sendable func crisis(req: Request) async throws -> CrisisStateDTO {
        let crises = CrisisQueries(database: req.db)
        let handles = try await HandleQueries(database: req.db).all()
        return CrisisStateDTO(
            active: try await crises.active().map { CrisisDTO($0, handles: handles) },
            history: try await crises.history().map { CrisisDTO($0, handles: handles) })
    }

    @Sendable func startCrisis(req: Request) async throws -> Response {
        let input = try req.strictBody(CrisisInputDTO.self, keys: CrisisInputDTO.CodingKeys.allCases.map(\.rawValue))
        let user = try req.auth.require(AuthenticatedUser.self).user
        let handles = try await HandleQueries(database: req.db).all()
        let chosen = try input.handles.map { names in
            try names.map { name in
                guard let handle = Handle.named(name, in: handles) else {
                    throw HTTPError(.badRequest, "bad_request", "handle '\(name.prefix(40))' is neither a handle's id nor its username.")
                }
                return handle.id
            }
        }
        let crisis = try await req.actions.crisis.start(reason: input.reason, handleIDs: chosen, by: user)
        return try await CrisisDTO(crisis, handles: handles).encodeResponse(status: .created, for: req)
    }

    @Sendable func endCrisis(req: Request) async throws -> CrisisDTO {
        let user = try req.auth.require(AuthenticatedUser.self).user
        let crisis = try await req.actions.crisis.end(by: user)
        return CrisisDTO(crisis, handles: try await HandleQueries(database: req.db).all())
    }

    static func dtos(_ posts: [ScheduledPost], on req: Request) async throws -> [ScheduledPostDTO] {
        let handles = try await HandleQueries(database: req.db).all()
        let crisis = try await CrisisQueries(database: req.db).active()
        return posts.map { post in ScheduledPostDTO(post, handle: handles.first { $0.id == post.handleID }, crisis: crisis) }
    }

    static func dto(_ post: ScheduledPost, on req: Request) async throws -> ScheduledPostDTO {
        try await dtos([post], on: req)[0]
    }
}
