import ArgumentParser
import Foundation
import ParleyCore

/// `parley sla`: business-hours SLA clocks over JSON lines (issue 8, "SLA calendar contract").
/// Each line is `{"op":"due","calendar":C,"start":T,"minutes":N}` or
/// `{"op":"elapsed","calendar":C,"from":A,"to":B}`; each gets one line out, in order,
/// `{"due":T}`, `{"business_seconds":S}` or `{"error":"…"}`, and a bad line never stops the run.
struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Business-hours SLA clocks on JSONL: when N business minutes run out, and business time between two instants."
    )

    func run() throws {
        var output = Data()
        while let line = readLine(strippingNewline: true) {
            output.append(contentsOf: Self.answer(to: line).utf8)
            output.append(0x0A)
            if output.count >= 1 << 16 {
                FileHandle.standardOutput.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(output)
    }

    /// The reply line for one request line.
    static func answer(to line: String) -> String {
        do {
            switch try JSONDecoder().decode(Request.self, from: Data(line.utf8)) {
            case .due(let calendar, let start, let minutes):
                return reply("due", SLAInstant.format(try calendar.due(start: start, minutes: minutes)))
            case .elapsed(let calendar, let from, let to):
                let seconds = calendar.elapsed(from: from, to: to)
                // Whole seconds print as an integer; instants in the contract are whole seconds, so
                // the fraction branch only guards against a future finer input.
                if seconds == seconds.rounded(), abs(seconds) < 1e15 {
                    return reply("business_seconds", Int(seconds))
                }
                return reply("business_seconds", seconds)
            }
        } catch let error as BusinessCalendarError {
            return reply("error", error.description)
        } catch let error as DecodingError {
            return reply("error", problem(with: error))
        } catch {
            return reply("error", "invalid request")
        }
    }

    private enum Request: Decodable {
        case due(BusinessCalendar, start: Date, minutes: Int)
        case elapsed(BusinessCalendar, from: Date, to: Date)

        enum Key: String, CodingKey { case op, calendar, start, minutes, from, to }

        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: Key.self)
            let op = try fields.decode(String.self, forKey: .op)
            switch op {
            case "due":
                let calendar = try fields.decode(BusinessCalendar.self, forKey: .calendar)
                let start = try SLAInstant.parse(fields.decode(String.self, forKey: .start))
                guard fields.contains(.minutes) else { throw BusinessCalendarError.malformed("missing \"minutes\"") }
                // JSONDecoder reports 1.5 as corrupt data with no path; name the field instead.
                guard let minutes = try? fields.decode(Int.self, forKey: .minutes) else {
                    throw BusinessCalendarError.malformed("\"minutes\" must be a whole number")
                }
                guard minutes >= 1 else { throw BusinessCalendarError.minutesBelowOne(minutes) }
                self = .due(calendar, start: start, minutes: minutes)
            case "elapsed":
                let calendar = try fields.decode(BusinessCalendar.self, forKey: .calendar)
                self = .elapsed(
                    calendar,
                    from: try SLAInstant.parse(fields.decode(String.self, forKey: .from)),
                    to: try SLAInstant.parse(fields.decode(String.self, forKey: .to)))
            default:
                throw BusinessCalendarError.malformed("unknown op \"\(op.prefix(40))\": expected \"due\" or \"elapsed\"")
            }
        }
    }

    /// Names the field at fault without echoing the line.
    private static func problem(with error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            "missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            if let key = context.codingPath.last {
                "\"\(key.stringValue)\" has the wrong type"
            } else {
                "the request must be a JSON object"
            }
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "invalid JSON" : "\"\(context.codingPath.last!.stringValue)\" is invalid"
        @unknown default:
            "invalid request"
        }
    }

    /// A one-field object. The key is fixed and the value a string or number, so encoding cannot fail.
    private static func reply(_ key: String, _ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode([key: value]) else { return "{\"error\":\"could not encode the reply\"}" }
        return String(decoding: data, as: UTF8.self)
    }
}
