import Foundation
import ParleyCore

/// The week calendar of scheduled posts: seven days in the viewer's zone, each post with its
/// state, what holds it, and what the viewer may do; the composer; what each handle has left of
/// its posting limits; and crisis mode's switch.
struct CalendarPage: Encodable {
    var user: UserBadge
    var csrf: String
    var notice: String?
    var weekLabel: String
    var previousWeek: String
    var nextWeek: String
    var handle: String
    var days: [Day]
    var limits: [LimitRow]
    var canReview: Bool
    var form: PostForm
    var handleOptions: [Option]
    var crisisOn: Bool
    var crisisHandleOptions: [Option]

    struct Day: Encodable {
        var label: String
        var isToday: Bool
        var posts: [Entry]
    }

    struct Entry: Encodable {
        var id: String
        var time: String
        var handle: String
        var state: String
        var stateWords: String
        var text: String
        var parts: Int
        var hold: String?
        var error: String?
        var rejectionNote: String?
        var paused: Bool
        var canApprove: Bool
        var canSubmit: Bool
        var canEdit: Bool
        var canDelete: Bool
    }

    struct LimitRow: Encodable {
        var handle: String
        var role: String
        var words: String
    }

    struct Option: Encodable {
        var value: String
        var label: String
        var selected = false
    }

    /// The composer, empty or filled in with the post being edited.
    struct PostForm: Encodable {
        var id: String?
        var handle: String
        var text: String
        var localTime: String
        var timeZone: String
    }

    static func limitWords(_ left: PostingLimits.Remaining) -> String {
        var words = ["\(left.postsToday) posts left today", "\(left.postsThisHalfHour) this half hour"]
        if let originals = left.originalsToday { words.append("\(originals) original posts") }
        if let replies = left.repliesToday { words.append("\(replies) replies") }
        words.append("\(left.dmsToday) DMs")
        return words.joined(separator: ", ")
    }
}
