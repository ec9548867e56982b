import Foundation
import Testing
@testable import ParleyCore

/// Save-time parsing of template bodies: every `{{` is a known placeholder, or the save fails
/// with the offending text and where it is.
@Suite struct TemplateBodyTests {
    @Test func parsesTextAndPlaceholders() throws {
        let body = try TemplateBody(parsing: "Hi {{customer.name}}, {{ agent.first_name }} here. {{\thelp_url\t}}")
        #expect(body.segments == [
            .text("Hi "), .placeholder(.customerName), .text(", "), .placeholder(.agentFirstName), .text(" here. "),
            .placeholder(.helpURL),
        ])
        #expect(body.placeholders == [.customerName, .agentFirstName, .helpURL])
    }

    @Test func everyPlaceholderIsKnownByItsWrittenName() throws {
        for placeholder in TemplatePlaceholder.allCases {
            #expect(try TemplateBody(parsing: placeholder.written).segments == [.placeholder(placeholder)])
        }
    }

    @Test func singleBracesAreText() throws {
        let body = try TemplateBody(parsing: "Use {curly} or :-} and {x")
        #expect(body.segments == [.text("Use {curly} or :-} and {x")])
    }

    @Test func unknownPlaceholderNamesItAndItsPositionAndSuggests() {
        let error = #expect(throws: TemplateError.self) { try TemplateBody(parsing: "Hi 👋 {{customer.nmae}}!") }
        guard case let .unknownPlaceholder(name, at, suggestion) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(name == "customer.nmae")
        #expect(at == TemplatePosition(character: 6, utf16Offset: 6))
        #expect(suggestion == .customerName)
        #expect(error?.description == "Unknown placeholder \"{{customer.nmae}}\" at character 6. Did you mean {{customer.name}}?")

        let far = #expect(throws: TemplateError.self) { try TemplateBody(parsing: "{{order_number}}") }
        #expect(far?.description.contains("Known names: {{customer.name}}") == true)
        let cased = #expect(throws: TemplateError.self) { try TemplateBody(parsing: "{{Customer.Name}}") }
        #expect(cased == .unknownPlaceholder("Customer.Name", at: TemplatePosition(character: 1, utf16Offset: 0), suggestion: .customerName))
    }

    @Test(arguments: [
        ("Hi {{customer.name", TemplateError.unclosedPlaceholder("{{customer.name", at: TemplatePosition(character: 4, utf16Offset: 3))),
        ("Hi {{customer.name\n}}", .unclosedPlaceholder("{{customer.name", at: TemplatePosition(character: 4, utf16Offset: 3))),
        ("{{a {{customer.name}}", .unclosedPlaceholder("{{a {{customer.name}}", at: TemplatePosition(character: 1, utf16Offset: 0))),
        ("Thanks}} bye", .unbalancedBraces("Thanks}}", at: TemplatePosition(character: 7, utf16Offset: 6))),
        ("{{{customer.name}}}", .unbalancedBraces("{{{customer.name}}}", at: TemplatePosition(character: 1, utf16Offset: 0))),
        ("x {{customer.name}}}", .unbalancedBraces("{{customer.name}}}", at: TemplatePosition(character: 3, utf16Offset: 2))),
        ("{{ {customer.name} }}", .unbalancedBraces("{{ {customer.name} }}", at: TemplatePosition(character: 1, utf16Offset: 0))),
        ("Hi {{}} there", .emptyPlaceholder(at: TemplatePosition(character: 4, utf16Offset: 3))),
        ("Hi {{   }} there", .emptyPlaceholder(at: TemplatePosition(character: 4, utf16Offset: 3))),
    ])
    func malformedBodiesAreRefused(body: String, expected: TemplateError) {
        #expect(throws: expected) { try TemplateBody(parsing: body) }
    }

    @Test func errorsSayWhatAndWhere() {
        #expect(TemplateError.unclosedPlaceholder("{{help_url", at: TemplatePosition(character: 12, utf16Offset: 11)).description
            == "\"{{help_url\" at character 12 opens a placeholder with \"{{\" but never closes it with \"}}\".")
        #expect(TemplateError.emptyPlaceholder(at: TemplatePosition(character: 2, utf16Offset: 1)).description.hasPrefix(
            "The placeholder at character 2 has no name; known names: {{customer.name}}"))
    }
}
