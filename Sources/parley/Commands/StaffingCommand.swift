import ArgumentParser
import Foundation
import ParleyCore

/// `parley staffing`: JSONL staffing requests on stdin, one plan per line on stdout (Erlang C,
/// or Erlang A when `patience_seconds` is given). A line that cannot be staffed gets
/// `{"error": ...}` and the run goes on. Shares and seconds are rounded to 4 decimals.
struct StaffingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Staff intervals from JSONL on stdin: the fewest agents meeting a service target (Erlang C, or Erlang A with patience)."
    )

    func run() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        let out = FileHandle.standardOutput
        // Written in blocks, not a system call per line.
        var pending = Data()
        defer { out.write(pending) }
        while let line = readLine(strippingNewline: true) {
            if line.allSatisfy(\.isWhitespace) { continue }
            let record: Data
            do {
                let request = try decoder.decode(StaffingRequest.self, from: Data(line.utf8))
                record = try encoder.encode(Self.rounded(try Staffing.plan(request)))
            } catch let error as StaffingError {
                record = try encoder.encode(["error": error.description])
            } catch {
                record = try encoder.encode(["error": "invalid input line: \(TriageCommand.describe(error))"])
            }
            pending.append(record)
            pending.append(0x0A)
            if pending.count >= 1 << 16 {
                out.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    static func rounded(_ plan: StaffingPlan) -> StaffingPlan {
        func r(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        var plan = plan
        plan.serviceLevel = r(plan.serviceLevel)
        plan.occupancy = r(plan.occupancy)
        plan.pWait = r(plan.pWait)
        plan.asaSeconds = r(plan.asaSeconds)
        plan.pAbandon = plan.pAbandon.map(r)
        return plan
    }
}
