import Foundation
import ParleyCore

/// `/flows`: the brand's flows with their figures over the last 30 days.
struct FlowsPage: Encodable {
    struct Row: Encodable {
        var id: String
        var title: String
        var status: String
        var updated: String
        var starts: Int
        var completion: String
        var solved: String
        var url: String
        var shortLink: String
    }

    var user: UserBadge
    var csrf: String
    var notice: String?
    var brands: [ArticlesPage.BrandOption]
    var brand: String
    var rows: [Row]
}

/// `/flows/new` and `/flows/:id`: the outline editor, the problems a save found (each naming its
/// node), and the flow's figures.
struct FlowEditorPage: Encodable {
    struct Form: Encodable {
        var brand: String
        var title = ""
        var slug = ""
        var summary = ""
        var outline = ""
        var status = "draft"
        var version = 0
    }

    struct Problem: Encodable {
        var node: String?
        var message: String
    }

    struct Figures: Encodable {
        struct Node: Encodable {
            var key: String
            var kind: String
            var text: String
            var reached: Int
            var left: Int
            var dropOff: String
        }

        var days: Int
        var starts: Int
        var solved: Int
        var contacted: Int
        var inProgress: Int
        var left: Int
        var completion: String
        var solvedShare: String
        var chart: String
        var nodes: [Node]

        init(_ stats: FlowStats, days: Int, title: String) {
            self.days = days
            starts = stats.starts
            solved = stats.solved
            contacted = stats.contacted
            inProgress = stats.inProgress
            left = stats.left
            completion = Self.percent(stats.completionRate)
            solvedShare = Self.percent(stats.solvedRate)
            chart = FlowChart(stats: stats, title: "How far customers got in \(title), last \(days) days").svg
            nodes = stats.nodes.map { node in
                Node(key: node.key, kind: node.kind.rawValue, text: node.text, reached: node.reached, left: node.left,
                     dropOff: node.kind.isOutcome ? "" : Self.percent(node.reached == 0 ? nil : Double(node.left) / Double(node.reached)))
            }
        }

        static func percent(_ value: Double?) -> String {
            value.map { String(format: "%.0f%%", $0 * 100) } ?? "–"
        }
    }

    var user: UserBadge
    var csrf: String
    var notice: String?
    var id: String?
    var form: Form
    var problems: [Problem]
    var canPublish: Bool
    var brands: [ArticlesPage.BrandOption]
    var publicURL: String?
    var shortLink: String?
    var figures: Figures?
}
