import Foundation

/// Where the tests find the repository and the shared reference data.
///
/// Found from this file's path rather than the working directory, so the tests run the same from
/// `swift test`, an IDE, or CI's fresh clone (which has `shared/` beside the repository).
enum TestFiles {
    static let repositoryRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                return dir
            }
            dir.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static var sharedData: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }
}
