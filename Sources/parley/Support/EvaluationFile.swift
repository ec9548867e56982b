import Foundation

/// EVALUATION.md holds one section per eval command (`parley eval`: triage; `parley spikes eval`:
/// spikes), each between `<!-- section:begin -->` and `<!-- section:end -->`, so one command's run
/// never erases another's figures.
enum EvaluationFile {
    static func replace(section: String, with text: String, in path: String) throws {
        let begin = "<!-- \(section):begin -->"
        let end = "<!-- \(section):end -->"
        let block = "\(begin)\n\(text.trimmingCharacters(in: .newlines))\n\(end)\n"
        let current = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let updated: String
        if let start = current.range(of: begin), let stop = current.range(of: end, range: start.upperBound..<current.endIndex) {
            var tail = current[stop.upperBound...]
            if tail.hasPrefix("\n") { tail = tail.dropFirst() }
            updated = String(current[..<start.lowerBound]) + block + tail
        } else {
            updated = current.isEmpty ? block : current.trimmingCharacters(in: .newlines) + "\n\n" + block
        }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
