import Foundation

/// Where the triage tests find the repository's model files and the shared reference data.
enum TriageTestFiles {
    static var repositoryRoot: URL { TestFiles.repositoryRoot }

    static var models: URL { repositoryRoot.appendingPathComponent("Models/triage") }

    static var sharedData: URL { TestFiles.sharedData }

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
