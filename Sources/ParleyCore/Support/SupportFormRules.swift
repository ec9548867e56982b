import Foundation

/// What the support form must hold to be sent, with the field each problem is about.
public enum SupportFormRules {
    public static let maxName = 100
    public static let minDescription = 10
    public static let maxDescription = 10_000
    public static let maxAttachments = 3
    public static let maxAttachmentBytes = 5 * 1_024 * 1_024

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { message }
    }

    public struct Upload: Sendable, Equatable {
        public var filename: String
        public var data: Data

        public init(filename: String, data: Data) {
            self.filename = filename
            self.data = data
        }
    }

    /// Every problem with what was typed and sent; empty when it can go.
    public static func problems(name: String, email: String, category: String, categories: [String], description: String, uploads: [Upload]) -> [Problem] {
        var problems: [Problem] = []
        let name = oneLine(name)
        if name.isEmpty { problems.append(.init(field: "name", message: "Tell us your name.")) }
        if name.count > maxName { problems.append(.init(field: "name", message: "The name is \(name.count) characters; at most \(maxName).")) }
        let email = email.trimmingCharacters(in: .whitespaces)
        if email.isEmpty {
            problems.append(.init(field: "email", message: "An e-mail address is needed: it is where we answer."))
        } else if !MailMessage.isAddress(email) {
            problems.append(.init(field: "email", message: "\"\(email.prefix(80))\" is not an e-mail address."))
        }
        if !categories.contains(category) { problems.append(.init(field: "category", message: "Choose what your message is about.")) }
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count < minDescription { problems.append(.init(field: "description", message: "Describe the problem in a few words (at least \(minDescription) characters).")) }
        if text.count > maxDescription { problems.append(.init(field: "description", message: "The description is \(text.count) characters; at most \(maxDescription).")) }
        if uploads.count > maxAttachments { problems.append(.init(field: "attachments", message: "At most \(maxAttachments) files.")) }
        for upload in uploads {
            if upload.data.count > maxAttachmentBytes {
                problems.append(.init(field: "attachments", message: "\(filename(upload.filename, kind: nil)) is larger than \(maxAttachmentBytes / 1_048_576) MB."))
            } else if AttachmentKind.of(upload.data) == nil {
                problems.append(.init(field: "attachments", message: "\(filename(upload.filename, kind: nil)) is not an image (PNG, JPEG, GIF, WebP) or a PDF."))
            }
        }
        return problems
    }

    /// The name a file is kept under: its base name, letters, digits and `._- ` only, with the
    /// extension its content has (so `invoice.pdf.exe` that is a PNG becomes `invoice.pdf.png`).
    public static func filename(_ raw: String, kind: AttachmentKind?) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String(base.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._- ".unicodeScalars.contains($0) }.map(Character.init))
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        if kept.count > 100 { kept = String(kept.prefix(100)) }
        if kept.isEmpty { kept = "attachment" }
        guard let kind else { return kept }
        let lower = kept.lowercased()
        return lower.hasSuffix("." + kind.fileExtension) || (kind == .jpeg && lower.hasSuffix(".jpeg")) ? kept : kept + "." + kind.fileExtension
    }

    public static func oneLine(_ raw: String) -> String {
        String(raw.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) }).trimmingCharacters(in: .whitespaces)
    }
}
