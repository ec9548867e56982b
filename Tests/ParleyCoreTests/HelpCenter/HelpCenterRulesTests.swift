import Foundation
import ParleyCore
import Testing

@Suite struct HelpCenterRulesTests {
    @Test func slugsAreStableURLWords() {
        #expect(HelpSlug.make(from: "Can't sign in? Reset your password") == "can-t-sign-in-reset-your-password")
        #expect(HelpSlug.make(from: "Café à la carte — Ünïcode") == "cafe-a-la-carte-unicode")
        #expect(HelpSlug.make(from: "日本語") == "")
        #expect(HelpSlug.make(from: String(repeating: "word ", count: 40)).count <= HelpSlug.maxLength)
        #expect(HelpSlug.isValid("reset-password"))
        #expect(!HelpSlug.isValid("Reset-Password") && !HelpSlug.isValid("a--b") && !HelpSlug.isValid("../x") && !HelpSlug.isValid(""))
    }

    @Test func titlesAreOneLine() throws {
        #expect(try ArticleRules.title("  Reset\r\nBcc: x  ") == "Reset  Bcc: x")
        #expect(throws: ArticleError.emptyTitle) { try ArticleRules.title(" \n ") }
        #expect(throws: ArticleError.titleTooLong(201)) { try ArticleRules.title(String(repeating: "a", count: 201)) }
        #expect(throws: ArticleError.bodyTooLong(100_001)) { try ArticleRules.body(String(repeating: "a", count: 100_001)) }
    }

    @Test func localesAreLanguageTags() throws {
        #expect(try ArticleRules.locale("pt-br") == "pt-BR")
        #expect(try ArticleRules.locale("EN") == "en")
        #expect(try ArticleRules.locale("zh-Hant") == "zh-Hant")
        for bad in ["", "e", "english", "en_US", "en-", "../en"] {
            #expect(throws: ArticleError.badLocale(bad)) { try ArticleRules.locale(bad) }
        }
    }

    @Test func snippetsQuoteTheMatchEscaped() {
        let text = String(repeating: "filler words here ", count: 20) + "reset your <password> now " + String(repeating: "tail ", count: 60)
        let html = ArticleSnippet.html(text, terms: SearchTerms(parsing: "password"))
        #expect(html.hasPrefix("… "))
        #expect(html.contains("&lt;<mark>password</mark>&gt;"))
        #expect(html.hasSuffix(" …"))
        #expect(!html.contains("<password>"))
    }
}
