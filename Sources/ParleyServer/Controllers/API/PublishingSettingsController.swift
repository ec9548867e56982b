import Foundation
import ParleyCore
import ParleyStore
import Vapor

/// `GET|PUT /api/v1/handles/{id or username}/publishing` (admins): whether X verified the account,
/// the care handle a marketing handle's mentions are answered from, and its posting limits
/// (`limits: null` restores X's for the account).
struct PublishingSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.admin)
        admin.get("handles", ":handle", "publishing", use: show)
        admin.put("handles", ":handle", "publishing", use: update)
    }

    struct LimitsDTO: Content, Equatable {
        var postsPerDay: Int
        var postsPerHalfHour: Int
        var dmsPerDay: Int
        var originalsPerDay: Int?
        var repliesPerDay: Int?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case postsPerDay = "posts_per_day"
            case postsPerHalfHour = "posts_per_half_hour"
            case dmsPerDay = "dms_per_day"
            case originalsPerDay = "original_posts_per_day"
            case repliesPerDay = "replies_per_day"
        }

        init(_ l: PostingLimits) {
            postsPerDay = l.postsPerDay
            postsPerHalfHour = l.postsPerHalfHour
            dmsPerDay = l.dmsPerDay
            originalsPerDay = l.originalsPerDay
            repliesPerDay = l.repliesPerDay
        }

        var limits: PostingLimits {
            PostingLimits(postsPerDay: postsPerDay, postsPerHalfHour: postsPerHalfHour, dmsPerDay: dmsPerDay, originalsPerDay: originalsPerDay, repliesPerDay: repliesPerDay)
        }
    }

    struct SettingsDTO: Content, Equatable {
        var role: String?
        var verified: Bool
        var answerFrom: String?
        /// The limits an admin set; nil: X's.
        var limits: LimitsDTO?
        /// What applies: the admin's limits, or X's for the account.
        var effectiveLimits: LimitsDTO?

        enum CodingKeys: String, CodingKey {
            case role, verified, limits
            case answerFrom = "answer_from"
            case effectiveLimits = "effective_limits"
        }
    }

    struct InputDTO: Decodable {
        var verified: Bool
        var answerFrom: String?
        var limits: LimitsDTO?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case verified, limits
            case answerFrom = "answer_from"
        }
    }

    @Sendable func show(req: Request) async throws -> SettingsDTO {
        try await Self.dto(try await req.handleParameter(), on: req)
    }

    /// Every field is replaced; `answer_from` names a care handle (id or username) or is null.
    @Sendable func update(req: Request) async throws -> SettingsDTO {
        let handle = try await req.handleParameter()
        let input = try req.strictBody(InputDTO.self, keys: InputDTO.CodingKeys.allCases.map(\.rawValue))
        var answerFrom: UUID?
        if let name = input.answerFrom {
            guard let care = Handle.named(name, in: try await HandleQueries(database: req.db).all()) else {
                throw HTTPError(.badRequest, "bad_request", "answer_from '\(name.prefix(40))' is neither a handle's id nor its username.")
            }
            answerFrom = care.id
        }
        let saved = try await req.actions.handleSettings.setPublishing(handle.id, verified: input.verified, answerFrom: answerFrom, limits: input.limits?.limits)
        return try await Self.dto(saved, on: req)
    }

    static func dto(_ handle: Handle, on req: Request) async throws -> SettingsDTO {
        let handles = try await HandleQueries(database: req.db).all()
        return SettingsDTO(
            role: handle.role.rawValue, verified: handle.verified,
            answerFrom: handle.answerFromHandleID.flatMap { id in handles.first { $0.id == id } }.map { "@" + $0.username },
            limits: handle.postingLimitsOverride.map(LimitsDTO.init), effectiveLimits: LimitsDTO(handle.postingLimits))
    }
}
