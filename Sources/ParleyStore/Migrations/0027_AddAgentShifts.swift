import FluentKit

/// Each person's weekly shifts (`Mon-Fri 09:00-17:30 Europe/London`, `WeeklyHours`), which the
/// staffing page counts as on shift; nil: no shifts given.
struct AddAgentShifts: AsyncMigration {
    var name: String { "0027_AddAgentShifts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("shifts", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("shifts").update()
    }
}
