import Foundation
import Testing
@testable import ParleyCore

@Suite struct RoutingEngineTests {
    let handle = UUID()
    var subject: RoutingSubject {
        RoutingSubject(handleID: handle, channel: .public, intent: .complaint, upset: true, priority: 70, language: "es",
                       text: "Mi pedido #4411 no llegó", followers: 12_000, verified: false, username: "Casey")
    }

    @Test(arguments: [
        (RoutingConditions(), true),
        (RoutingConditions(channel: .dm), false),
        (RoutingConditions(intents: [.question, .complaint]), true),
        (RoutingConditions(intents: [.praise]), false),
        (RoutingConditions(upset: false), false),
        (RoutingConditions(minPriority: 70), true),
        (RoutingConditions(minPriority: 71), false),
        (RoutingConditions(languages: ["ES"]), true),
        (RoutingConditions(languages: ["en"]), false),
        (RoutingConditions(keywords: ["LLEGO"]), true),
        (RoutingConditions(keywords: ["refund"]), false),
        (RoutingConditions(regex: #"#\d{4}"#), true),
        (RoutingConditions(regex: #"^refund"#), false),
        (RoutingConditions(minFollowers: 10_000), true),
        (RoutingConditions(minFollowers: 50_000), false),
        (RoutingConditions(verified: true), false),
        (RoutingConditions(vip: ["@casey"]), true),
        (RoutingConditions(vip: ["someoneelse"]), false),
    ])
    func eachConditionNarrows(_ conditions: RoutingConditions, _ expected: Bool) {
        #expect(RoutingEngine.matches(conditions, subject) == expected)
    }

    @Test func theFirstEnabledMatchingRuleWins() {
        let team = UUID()
        let rules = [
            RoutingRule(name: "off", enabled: false, conditions: RoutingConditions(), actions: RoutingActions(tags: ["x"])),
            RoutingRule(name: "english", conditions: RoutingConditions(languages: ["en"]), actions: RoutingActions(tags: ["en"])),
            RoutingRule(name: "spanish", conditions: RoutingConditions(languages: ["es"]), actions: RoutingActions(team: team)),
            RoutingRule(name: "catch-all", conditions: RoutingConditions(), actions: RoutingActions(tags: ["other"])),
        ]
        #expect(RoutingEngine.firstMatch(rules, for: subject)?.name == "spanish")
    }

    @Test func badRulesAreRefusedWhenSaved() throws {
        #expect(throws: RoutingRuleError.invalidRegex("(unclosed")) {
            try RoutingEngine.validate(RoutingRule(name: "r", conditions: RoutingConditions(regex: "(unclosed"), actions: RoutingActions(tags: ["a"])))
        }
        #expect(throws: RoutingRuleError.noActions) {
            try RoutingEngine.validate(RoutingRule(name: "r", conditions: RoutingConditions(), actions: RoutingActions()))
        }
        #expect(throws: RoutingRuleError.self) {
            try RoutingEngine.validate(RoutingRule(name: "r", conditions: RoutingConditions(minPriority: 101), actions: RoutingActions(tags: ["a"])))
        }
        // A misspelt key is an error, not a condition silently left out.
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(RoutingConditions.self, from: Data(#"{"languag": ["en"]}"#.utf8))
        }
        let decoded = try JSONDecoder().decode(RoutingConditions.self, from: Data(#"{"min_followers": 5, "channel": "dm"}"#.utf8))
        #expect(decoded == RoutingConditions(channel: .dm, minFollowers: 5))
    }
}
