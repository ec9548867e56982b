import Foundation
import Testing
@testable import ParleyCore

/// What a template must be to be saved, and the macro actions' JSON.
@Suite struct ReplyTemplateTests {
    let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!

    @Test func validTemplateIsNormalized() throws {
        let t = try ReplyTemplate(id: id, handleID: nil, name: "  Refund  ", body: "Hi {{customer.name}}", actions: [.tag(" billing ")])
        #expect(t.name == "Refund")
        #expect(t.actions == [.tag("billing")])
        #expect(try t.parsedBody().placeholders == [.customerName])
    }

    @Test func namesAndBodiesAreChecked() {
        #expect(throws: TemplateError.emptyName) { try ReplyTemplate(id: id, handleID: nil, name: " \n", body: "x", actions: []) }
        #expect(throws: TemplateError.nameTooLong(length: 101, limit: 100)) {
            try ReplyTemplate(id: id, handleID: nil, name: String(repeating: "n", count: 101), body: "x", actions: [])
        }
        #expect(throws: TemplateError.self) { try ReplyTemplate(id: id, handleID: nil, name: "a\nb", body: "x", actions: []) }
        #expect(throws: TemplateError.emptyBody) { try ReplyTemplate(id: id, handleID: nil, name: "n", body: "  \n\t", actions: []) }
        #expect(throws: TemplateError.bodyTooLong(length: 10_001, limit: 10_000)) {
            try ReplyTemplate(id: id, handleID: nil, name: "n", body: String(repeating: "a", count: 10_001), actions: [])
        }
        #expect(throws: TemplateError.self) { try ReplyTemplate(id: id, handleID: nil, name: "n", body: "{{nope}}", actions: []) }
    }

    @Test func macroActionsAreChecked() throws {
        let user = UUID()
        #expect(throws: TemplateError.self) { try MacroAction.validated([.tag("  ")]) }
        #expect(throws: TemplateError.self) { try MacroAction.validated([.tag(String(repeating: "t", count: 41))]) }
        #expect(throws: TemplateError.self, "a macro's tag is a tag as TagRule says") { try MacroAction.validated([.tag("late order")]) }
        #expect(try MacroAction.validated([.tag(" Refund ")]) == [.tag("refund")])
        #expect(throws: TemplateError.self) { try MacroAction.validated([.tag("a\u{7}b")]) }
        #expect(throws: TemplateError.self) { try MacroAction.validated([.tag("VIP"), .tag("vip")]) }
        #expect(throws: TemplateError.self) { try MacroAction.validated([.assign(.me), .assign(.user(user))]) }
        #expect(throws: TemplateError.self) { try MacroAction.validated([.setState(.pending), .setState(.resolved)]) }
        #expect(throws: TemplateError.self) { try MacroAction.validated(Array(repeating: .moveToDM, count: 1) + (0..<20).map { .tag("t\($0)") }) }
        #expect((try? MacroAction.validated([.tag("billing"), .assign(.user(user)), .setState(.pending), .moveToDM]))?.count == 4)
    }

    @Test func macroActionsRoundTripThroughTheirJSON() throws {
        let user = UUID(uuidString: "9F0B8C1E-3C1A-4E55-9D43-2B8C8C7B1A00")!
        let actions: [MacroAction] = [.tag("billing"), .assign(.me), .assign(.user(user)), .setState(.snoozed), .moveToDM]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(actions), as: UTF8.self)
        #expect(json == #"[{"tag":"billing","type":"tag"},{"type":"assign","user":"me"},{"type":"assign","user":"9F0B8C1E-3C1A-4E55-9D43-2B8C8C7B1A00"},{"state":"snoozed","type":"set_state"},{"type":"move_to_dm"}]"#)
        #expect(try JSONDecoder().decode([MacroAction].self, from: Data(json.utf8)) == actions)
    }

    @Test(arguments: [
        #"[{"type":"send"}]"#, #"[{"type":"set_state","state":"closed"}]"#, #"[{"type":"assign","user":"bob"}]"#,
        #"[{"type":"tag"}]"#,
    ])
    func unknownActionsDoNotDecode(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MacroAction].self, from: Data(json.utf8)) }
    }
}
