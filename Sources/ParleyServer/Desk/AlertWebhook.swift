import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyCore

/// The outbound alert webhook (`PARLEY_ALERT_WEBHOOK_URL`): a job's JSON payload POSTed as it is.
/// A refusal or no answer throws, so the job runner tries again with back-off until a 2xx.
enum AlertWebhook {
    struct Refused: Error, CustomStringConvertible {
        var status: UInt
        var description: String { "the alert webhook answered \(status)" }
    }

    static func deliver(_ job: Job, to url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: job.payload))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        guard (200..<300).contains(response.status.code) else { throw Refused(status: response.status.code) }
    }
}
