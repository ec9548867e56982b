/// A Markdown document as blocks, parsed by `MarkdownParser`. Raw HTML is not a block: it stays
/// text, so `MarkdownHTML` escapes it like any other character.
public indirect enum MarkdownBlock: Sendable, Equatable {
    case heading(level: Int, [MarkdownInline])
    case paragraph([MarkdownInline])
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
    case quote([MarkdownBlock])
    case code(language: String?, String)
    case rule
}

/// Text inside a block.
public indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    /// `destination` is what the author wrote; `MarkdownLink` decides whether it may become a link.
    case link(destination: String, title: String?, [MarkdownInline])
    case image(source: String, alt: String)
    case lineBreak
}
