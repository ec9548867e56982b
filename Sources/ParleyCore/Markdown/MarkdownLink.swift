/// Which link and image destinations an article may use. Everything else renders as its text:
/// `javascript:`, `data:`, `vbscript:` and any other scheme never become a link.
public enum MarkdownLink {
    /// The destination as it may appear in `href`, or nil when it is not allowed. Links may be
    /// http(s), mailto, or a path on this site (`/help/…`, `#section`); a protocol-relative `//host`
    /// is refused, as a path it would leave the site.
    public static func href(_ destination: String) -> String? {
        let trimmed = String(destination.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !trimmed.isEmpty, trimmed.count <= 2_048 else { return nil }
        if trimmed.hasPrefix("#") || (trimmed.hasPrefix("/") && !trimmed.hasPrefix("//") && !trimmed.hasPrefix("/\\")) {
            return trimmed
        }
        let lower = trimmed.lowercased()
        for scheme in ["https://", "http://", "mailto:"] where lower.hasPrefix(scheme) && lower.count > scheme.count {
            return trimmed
        }
        return nil
    }

    /// An image source: http(s) only.
    public static func imageSource(_ destination: String) -> String? {
        guard let href = href(destination) else { return nil }
        let lower = href.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? href : nil
    }
}
