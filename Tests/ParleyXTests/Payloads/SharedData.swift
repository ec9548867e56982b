import Foundation

/// The project's reference data, `../shared/data` beside the repository.
enum SharedData {
    /// This file is `<repo>/Tests/ParleyXTests/Payloads/SharedData.swift`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data", isDirectory: true)

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func bytes(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// The names of the regular files in a folder, sorted.
    static func files(in folder: String, suffix: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
            .filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }
            .sorted()
            .map { folder + "/" + $0 }
    }

    /// The non-blank lines of a JSON Lines file.
    static func lines(_ data: Data) -> [Data] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .filter { line in line.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) } }
            .map { Data($0) }
    }
}
