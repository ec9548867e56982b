import Foundation
import ParleyCore

/// A troubleshooting flow's public page (`help-flow.leaf`): its introduction with Start, or the
/// node a walk is at, with the answers as buttons and the steps taken so far as links back.
/// Node bodies come only from `MarkdownHTML`, which escapes what it does not mark up.
struct FlowPage: Encodable {
    struct Node: Encodable {
        var kind: String
        var text: String
        var html: String
        var articles: [HelpLink]
        var answers: [Answer]
        var solved: Bool
        var contact: Bool
    }

    struct Answer: Encodable {
        var index: Int
        var label: String
    }

    struct Step: Encodable {
        var text: String
        var answer: String
        var url: String
    }

    var brand: HelpBrandHeader
    var title: String
    var summary: [String]
    var noindex: Bool
    var introURL: String
    var canonical: String
    var startURL: String?
    var node: Node?
    var steps: [Step] = []
    var postURL: String?
    var path = ""
    var contactURL: String?
    var restarted = false
    var query = ""

    /// The introduction.
    init(brand: Brand, flow: TroubleshootingFlow, startURL: String, publicURL: String) {
        self.brand = .init(brand)
        title = flow.title
        summary = flow.summary.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }.filter { !$0.isEmpty }
        noindex = flow.status != .published
        introURL = HelpLinks.flow(brand, flow)
        canonical = publicURL + introURL
        self.startURL = startURL
    }

    /// The node `position` is at, on walk `walk`.
    init(brand: Brand, flow: TroubleshootingFlow, walk: FlowWalk, choices: [Int], position: FlowPosition, articles: [HelpLink], restarted: Bool, publicURL: String) {
        self.init(brand: brand, flow: flow, startURL: "", publicURL: publicURL)
        startURL = nil
        summary = []
        let current = position.current
        node = Node(
            kind: current.kind.rawValue, text: current.text, html: current.body.isEmpty ? "" : MarkdownHTML().render(current.body),
            articles: articles, answers: current.answers.enumerated().map { Answer(index: $0.offset, label: $0.element.label) },
            solved: current.kind == .solved, contact: current.kind == .contact)
        steps = position.steps.enumerated().map { index, step in
            Step(text: step.node.text, answer: step.answer.label, url: HelpLinks.walk(brand, flow, walk.id, choices: Array(choices.prefix(index))))
        }
        postURL = HelpLinks.flow(brand, flow) + "/\(walk.id.uuidString.lowercased())"
        path = FlowWalk.path(choices)
        if current.kind == .contact { contactURL = HelpLinks.contact(brand, walk: walk.id) }
        self.restarted = restarted
    }
}
