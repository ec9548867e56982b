import Foundation

/// The kinds of file the support form takes, told by their first bytes (never by the name or
/// the type the browser claims): PNG, JPEG, GIF, WebP and PDF.
public enum AttachmentKind: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp, pdf

    public var contentType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// What the bytes are, or nil for anything else.
    public static func of(_ data: Data) -> AttachmentKind? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && Array(bytes[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        return nil
    }
}
