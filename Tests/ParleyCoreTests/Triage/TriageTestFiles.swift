import Foundation

/// Where the triage tests find the repository's model files and the shared reference data.
///
/// Found from this file's path rather than the working directory, so the tests run the same from
/// `swift test`, an IDE, or CI's fresh clone (which has `shared/` beside the repository).
enum TriageTestFiles {
    static let repositoryRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Models/triage").path) {
                return dir
            }
            dir.deleteLastPathComponent()
        }
        fatalError("no Models/triage above \(#filePath)")
    }()

    static var models: URL { repositoryRoot.appendingPathComponent("Models/triage") }

    static var sharedData: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    static var fixtures: URL {
        repositoryRoot.appendingPathComponent("Tests/ParleyCoreTests/Fixtures/triage")
    }

    static func lines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
