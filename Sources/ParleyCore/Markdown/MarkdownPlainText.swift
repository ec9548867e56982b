/// Markdown as the words a reader sees, without markup: what search indexes, snippets quote and
/// a page's description holds. Blocks are separated by newlines.
public enum MarkdownPlainText {
    public static func text(of markdown: String) -> String {
        text(of: MarkdownParser().parse(markdown))
    }

    public static func text(of blocks: [MarkdownBlock]) -> String {
        blocks.map { block -> String in
            switch block {
            case let .heading(_, inlines), let .paragraph(inlines): text(of: inlines)
            case let .list(_, _, items): items.map { text(of: $0) }.joined(separator: "\n")
            case .quote(let inner): text(of: inner)
            case let .code(_, code): code
            case .rule: ""
            }
        }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    public static func text(of inlines: [MarkdownInline]) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text), .code(let text): text
            case let .emphasis(inner), let .strong(inner), let .link(_, _, inner): self.text(of: inner)
            case let .image(_, alt): alt
            case .lineBreak: "\n"
            }
        }.joined()
    }
}
