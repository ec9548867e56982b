import Foundation
import ParleyCore
import Testing

@Suite struct FlowRulesTests {
    static let good = """
        # Offline playback
        question start: Does the song play when you are online?
          Check with any song first.
          [Yes] -> offline
          [No] -> contact

        guidance offline: Download it again
          Open the playlist and switch **Download** off and on.

          Settings -> Storage shows what is downloaded.
          article: listen-offline
          [Done] -> works

        question works: Does it play offline now?
          [Yes] -> solved
          [No] -> contact

        solved solved: Enjoy your music
        contact contact: We'll take it from here
          Your answers go with your message.
        """

    func nodes(_ outline: String) throws -> [FlowNode] {
        try FlowOutline.parse(outline)
    }

    @Test func theOutlineReadsEveryKindOfLine() throws {
        let nodes = try nodes(Self.good)
        #expect(nodes.map(\.key) == ["start", "offline", "works", "solved", "contact"])
        #expect(nodes[0].kind == .question && nodes[0].text == "Does the song play when you are online?")
        #expect(nodes[0].body == "Check with any song first.")
        #expect(nodes[0].answers == [FlowAnswer(label: "Yes", next: "offline"), FlowAnswer(label: "No", next: "contact")])
        // A menu path with an arrow is body text, not an answer; the blank line inside stays.
        #expect(nodes[1].body == "Open the playlist and switch **Download** off and on.\n\nSettings -> Storage shows what is downloaded.")
        #expect(nodes[1].articles == ["listen-offline"])
        #expect(nodes[3].kind == .solved && nodes[3].body.isEmpty)
        #expect(FlowRules.problems(nodes).isEmpty)
        // What render writes, parse reads back the same.
        #expect(try FlowOutline.parse(FlowOutline.render(nodes)) == nodes)
    }

    @Test func outlineMistakesNameTheLine() {
        #expect(throws: FlowError.outline(line: 1, "Indented text before the first node; start with a line like \"question start: Is it plugged in?\".")) {
            try FlowOutline.parse("  [Yes] -> a")
        }
        do {
            _ = try FlowOutline.parse("question start: A?\n  [Yes] -> b\nquestoin b: typo")
            Issue.record("a misspelt kind was read")
        } catch let FlowError.outline(line, message) {
            #expect(line == 3 && message.contains("questoin"))
        } catch { Issue.record("\(error)") }
    }

    func problems(_ outline: String) throws -> [FlowProblem] {
        FlowRules.problems(FlowRules.cleaned(try nodes(outline)))
    }

    @Test func anAnswerToNowhereNamesItsNode() throws {
        let problems = try problems("question start: A?\n  [Yes] -> done\n  [No] -> nowhere\nsolved done: ok")
        #expect(problems == [.unknownTarget(node: "start", answer: "No", target: "nowhere")])
        #expect(problems[0].description == "Answer \"No\" of node \"start\" leads to \"nowhere\", which is not a node.")
    }

    @Test func aLoopIsRefusedWithItsPath() throws {
        let problems = try problems("""
            question start: A?
              [Yes] -> again
              [No] -> done
            guidance again: Try again
              [Done] -> start
            solved done: ok
            """)
        #expect(problems == [.cycle(["start", "again", "start"])])
        #expect(problems[0].node == "start")
        #expect(problems[0].description.contains("start → again → start"))
        #expect(try self.problems("guidance start: Loop\n  [Again] -> start") == [.cycle(["start", "start"])])
    }

    @Test func unreachableNodesAreNamed() throws {
        #expect(try problems("question start: A?\n  [Yes] -> done\n  [No] -> done2\nsolved done: ok\ncontact done2: team\nsolved orphan: never") == [
            .unreachable(node: "orphan"),
        ])
    }

    @Test func deadEndsAndShapesAreRefused() throws {
        #expect(try problems("guidance start: Steps\n  Do this.") == [.deadEnd(node: "start")])
        #expect(try problems("question start: A?\n  [Only] -> done\nsolved done: ok") == [.tooFewAnswers(node: "start")])
        #expect(try problems("solved start: ok") == [.startIsOutcome(node: "start")])
        #expect(try problems("question start: A?\n  [Yes] -> done\n  [No] -> done\nsolved done: ok\n  [More] -> start")
            == [.answersOnOutcome(node: "done")])
        #expect(try problems("question start: A?\n  [Yes] -> done\n  [yes] -> done\nsolved done: ok") == [.duplicateAnswer(node: "start", "yes")])
        #expect(try problems("question start: A?\n  [ ] -> done\n  [No] -> done\nsolved done: ok") == [.emptyAnswer(node: "start")])
        #expect(try problems("question start:\n  [Yes] -> done\n  [No] -> done\nsolved done: ok") == [.emptyText(node: "start")])
        #expect(try problems("question start: A?\n  [Yes] -> done\n  [No] -> done\nsolved done: ok\nsolved done: again") == [.duplicateKey("done")])
        #expect(try problems("question Start: A?\n  [Yes] -> done\n  [No] -> done\nsolved done: ok").first == .badKey("Start"))
        #expect(try problems("guidance start: Steps\n  article: ../etc\n  [Done] -> done\nsolved done: ok") == [.badArticle(node: "start", "../etc")])
        #expect(FlowRules.problems([]) == [.noNodes])
    }

    @Test func aLongChainIsCheckedWithoutRecursion() {
        var nodes = (0..<FlowRules.maxNodes - 1).map { FlowNode(key: "n\($0)", kind: .guidance, text: "Step \($0)", answers: [.init(label: "Next", next: "n\($0 + 1)")]) }
        nodes.append(FlowNode(key: "n\(FlowRules.maxNodes - 1)", kind: .solved, text: "Done"))
        #expect(FlowRules.problems(nodes).isEmpty)
        nodes.append(FlowNode(key: "extra", kind: .solved, text: "Too many"))
        #expect(FlowRules.problems(nodes) == [.tooManyNodes(FlowRules.maxNodes + 1)])
    }

    @Test func aPathReplaysFromTheStart() throws {
        let flow = TroubleshootingFlow(
            id: UUID(), brandID: UUID(), slug: "offline", title: "Offline", summary: "", nodes: try nodes(Self.good), status: .published,
            shortCode: "abc", authorID: nil, createdAt: .now, updatedAt: .now, publishedAt: nil)
        let position = try #require(flow.walk([0, 0, 1]))
        #expect(position.current.key == "contact")
        #expect(position.steps.map(\.answer.label) == ["Yes", "Done", "No"])
        #expect(position.transcript == """
            Does the song play when you are online? — Yes
            Download it again — Done (steps shown)
            Does it play offline now? — No
            Ended: We'll take it from here
            """)
        #expect(flow.walk([2]) == nil)
        #expect(flow.walk([])?.current.key == "start")
        #expect(FlowWalk.choices("0.1.2") == [0, 1, 2])
        #expect(FlowWalk.choices("") == [])
        for bad in ["a", "0..1", "-1", "01", "99", "0.", String(repeating: "0.", count: 500)] {
            #expect(FlowWalk.choices(bad) == nil)
        }
    }

    @Test func statsCountReachAndWhereWalksLeft() throws {
        let flow = TroubleshootingFlow(
            id: UUID(), brandID: UUID(), slug: "offline", title: "Offline", summary: "", nodes: try nodes(Self.good), status: .published,
            shortCode: "abc", authorID: nil, createdAt: .now, updatedAt: .now, publishedAt: nil)
        let stats = FlowStats(flow: flow, starts: 10, outcomes: [.solved: 4, .contact: 2], inProgress: 1,
                              reached: ["start": 10, "offline": 7, "works": 6, "solved": 4, "contact": 2], leftAt: ["start": 2, "offline": 1, "solved": 9])
        #expect(stats.completed == 6 && stats.completionRate == 0.6 && stats.solvedRate == 4.0 / 6.0)
        #expect(stats.nodes.map(\.left) == [2, 1, 0, 0, 0])
        #expect(stats.left == 3)
    }
}
