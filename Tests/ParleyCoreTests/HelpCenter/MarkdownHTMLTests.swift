import ParleyCore
import Testing

@Suite struct MarkdownHTMLTests {
    let render = MarkdownHTML().render

    @Test func rendersWhatAuthorsWrite() {
        let html = render("""
            # Reset your password

            If you **can't sign in**, try *these* steps:

            1. Open `Settings`.
            2. Choose [Password](https://help.example.com/password "Reset").
               Then follow the e-mail.
            3. Done

            - one
              - nested
            - two

            > Tip: it takes a minute.

            ```swift
            let x = 1 < 2
            ```

            ---
            Line one  
            line two
            """)
        #expect(html.contains("<h2 id=\"reset-your-password\">Reset your password</h2>"))
        #expect(html.contains("<p>If you <strong>can&#39;t sign in</strong>, try <em>these</em> steps:</p>"))
        #expect(html.contains("<ol>\n<li>Open <code>Settings</code>.</li>"))
        #expect(html.contains("<li>Choose <a href=\"https://help.example.com/password\" title=\"Reset\" rel=\"nofollow noopener\">Password</a>.\nThen follow the e-mail.</li>"))
        #expect(html.contains("<ul>\n<li>one<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>two</li>\n</ul>"))
        #expect(html.contains("<blockquote>\n<p>Tip: it takes a minute.</p>\n</blockquote>"))
        #expect(html.contains("<pre><code class=\"language-swift\">let x = 1 &lt; 2</code></pre>"))
        #expect(html.contains("<hr>"))
        #expect(html.contains("Line one<br>\nline two"))
    }

    /// Raw HTML is text: no tag the author wrote reaches the page.
    @Test func rawHTMLIsEscaped() {
        let html = render("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> and <b>bold</b>\n\n# <iframe src=\"//evil\">")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    /// Only http(s), mailto and site paths become links or images; every link is nofollow.
    @Test func dangerousDestinationsAreText() {
        for destination in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/x"] {
            let html = render("[click](\(destination)) ![pic](\(destination))")
            #expect(!html.contains("<a "), "\(destination)")
            #expect(!html.contains("<img"), "\(destination)")
            #expect(html.contains("click"))
        }
        #expect(!render("[x](/\\\\evil.example)").contains("href=\"/\\"))
        #expect(render("[a](/help/acme/articles/x)").contains("<a href=\"/help/acme/articles/x\" rel=\"nofollow noopener\">a</a>"))
        #expect(render("<mailto:care@acme.example>").contains("<a href=\"mailto:care@acme.example\" rel=\"nofollow noopener\">"))
        #expect(render("![logo](https://cdn.example/l.png)").contains("<img src=\"https://cdn.example/l.png\" alt=\"logo\" loading=\"lazy\">"))
        // A quote in a destination cannot end the attribute.
        let html = render("[x](https://a.example/\"onmouseover=\"alert(1))")
        #expect(!html.contains("\"onmouseover"))
        #expect(html.contains("&quot;onmouseover=&quot;"))
    }

    @Test func headingIdsAreUniqueAndLinksDoNotNest() {
        let html = render("## Steps\n## Steps\n\n[outer [inner](https://b.example)](https://a.example)")
        #expect(html.contains("<h3 id=\"steps\">") && html.contains("<h3 id=\"steps-2\">"))
        #expect(html.components(separatedBy: "<a ").count == 2)
    }

    /// Hostile shapes finish quickly and still escape everything.
    @Test func hostileInputIsBounded() {
        let brackets = String(repeating: "[", count: 50_000)
        #expect(render(brackets).count == 50_000 + "<p></p>\n".count)
        let stars = String(repeating: "*a", count: 30_000)
        #expect(!render(stars).isEmpty)
        let quotes = String(repeating: ">", count: 10_000) + " deep"
        #expect(render(quotes).contains("deep"))
        let lists = (0..<200).map { String(repeating: " ", count: $0 * 2) + "- item" }.joined(separator: "\n")
        #expect(render(lists).contains("item"))
        let ticks = "a " + String(repeating: "`", count: 20_000) + "<x>"
        #expect(render(ticks).hasSuffix("&lt;x&gt;</p>\n"))
        let underscores = String(repeating: "_a ", count: 30_000)
        #expect(render(underscores).contains("_a _a"))
    }

    @Test func plainTextKeepsTheWords() {
        let text = MarkdownPlainText.text(of: "# Title\n\nSee [the guide](https://x.example) and `code`.\n\n- a\n- **b**")
        #expect(text == "Title\nSee the guide and code.\na\nb")
    }
}
