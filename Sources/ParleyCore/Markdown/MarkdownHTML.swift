/// Markdown as HTML that is safe to put in a page: every character of the author's text is
/// escaped, raw HTML included; links keep only destinations `MarkdownLink` allows and carry
/// `rel="nofollow noopener"`; headings start at `<h2>` (the page's title is the `<h1>`) and get
/// ids for anchors. The one producer of an article's HTML.
public struct MarkdownHTML: Sendable {
    public init() {}

    public func render(_ markdown: String) -> String {
        var ids: [String: Int] = [:]
        return render(MarkdownParser().parse(markdown), ids: &ids)
    }

    private func render(_ blocks: [MarkdownBlock], ids: inout [String: Int], tight: Bool = false) -> String {
        var html = ""
        for block in blocks {
            switch block {
            case let .heading(level, inlines):
                let tag = "h\(min(level + 1, 6))"
                let id = Self.anchor(MarkdownPlainText.text(of: inlines), ids: &ids)
                html += "<\(tag) id=\"\(id)\">\(render(inlines))</\(tag)>\n"
            case .paragraph(let inlines):
                html += tight ? render(inlines) : "<p>\(render(inlines))</p>\n"
            case let .list(ordered, start, items):
                let open = ordered ? (start == 1 ? "<ol>" : "<ol start=\"\(start)\">") : "<ul>"
                html += open + "\n"
                for item in items {
                    let isTight = item.count <= 1 || (item.count == 2 && { if case .list = item[1] { return true }; return false }())
                    html += "<li>" + render(item, ids: &ids, tight: isTight) + "</li>\n"
                }
                html += ordered ? "</ol>\n" : "</ul>\n"
            case .quote(let inner):
                html += "<blockquote>\n\(render(inner, ids: &ids))</blockquote>\n"
            case let .code(language, text):
                let attribute = language.map { " class=\"language-\(Self.escape($0))\"" } ?? ""
                html += "<pre><code\(attribute)>\(Self.escape(text))</code></pre>\n"
            case .rule:
                html += "<hr>\n"
            }
        }
        return html
    }

    private func render(_ inlines: [MarkdownInline]) -> String {
        var html = ""
        for inline in inlines {
            switch inline {
            case .text(let text): html += Self.escape(text)
            case .code(let code): html += "<code>\(Self.escape(code))</code>"
            case .emphasis(let inner): html += "<em>\(render(inner))</em>"
            case .strong(let inner): html += "<strong>\(render(inner))</strong>"
            case .lineBreak: html += "<br>\n"
            case let .link(destination, title, label):
                guard let href = MarkdownLink.href(destination) else {
                    html += render(label)
                    continue
                }
                let titleAttribute = title.map { " title=\"\(Self.escape($0))\"" } ?? ""
                html += "<a href=\"\(Self.escape(href))\"\(titleAttribute) rel=\"nofollow noopener\">\(render(label))</a>"
            case let .image(source, alt):
                guard let src = MarkdownLink.imageSource(source) else {
                    html += Self.escape(alt)
                    continue
                }
                html += "<img src=\"\(Self.escape(src))\" alt=\"\(Self.escape(alt))\" loading=\"lazy\">"
            }
        }
        return html
    }

    /// An id from a heading's words (`a-z0-9-`), made unique within the document.
    private static func anchor(_ text: String, ids: inout [String: Int]) -> String {
        let slug = HelpSlug.make(from: text)
        let base = slug.isEmpty ? "section" : slug
        let count = ids[base, default: 0] + 1
        ids[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }

    static func escape(_ text: String) -> String {
        HTMLEscape.text(text)
    }
}
