import Foundation
import Logging
import NIOCore
import NIOPosix
import ParleyCore

/// Sends e-mail to an SMTP server (`SMTP_URL`, `smtp://[user:password@]host[:port]`), one
/// connection per message: EHLO, AUTH PLAIN when a user is given, MAIL FROM, RCPT TO for each
/// recipient, DATA (dot-stuffed), QUIT. Any refusal throws with the server's code and words, so
/// the job that sends it tries again. No TLS: point it at a relay on the host or the local network.
struct SMTPSender: Sendable {
    struct Configuration: Sendable, Equatable {
        var host: String
        var port: Int
        var username: String?
        var password: String?
        var from: String

        /// From `smtp://[user:password@]host[:port]` and the sender's address.
        init?(url: String, from: String) {
            guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, !host.isEmpty,
                  MailMessage.isAddress(from) else { return nil }
            self.host = host
            port = components.port ?? 25
            username = components.user?.removingPercentEncoding
            password = components.password?.removingPercentEncoding
            self.from = from
        }
    }

    struct Refused: Error, CustomStringConvertible {
        var step: String
        var reply: SMTPReply
        var description: String { "the SMTP server refused \(step): \(reply.code) \(reply.text.prefix(200))" }
    }

    struct Closed: Error, CustomStringConvertible {
        var description: String { "the SMTP server closed the connection" }
    }

    let configuration: Configuration
    let logger = Logger(label: "parley.mail")

    func send(_ message: MailMessage, at date: Date) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = inbound.makeAsyncIterator()
            var pending = ""
            var ready: [SMTPReply] = []
            func reply() async throws -> SMTPReply {
                while ready.isEmpty {
                    guard var buffer = try await replies.next() else { throw Closed() }
                    pending += buffer.readString(length: buffer.readableBytes) ?? ""
                    ready += SMTPReply.take(from: &pending)
                }
                return ready.removeFirst()
            }
            func expect(_ step: String, _ accepted: ClosedRange<Int>) async throws {
                let answer = try await reply()
                guard accepted.contains(answer.code) else { throw Refused(step: step, reply: answer) }
            }
            func say(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            try await expect("the connection", 220...220)
            try await say("EHLO parley.local")
            try await expect("EHLO", 250...250)
            if let user = configuration.username {
                let token = Data("\u{0}\(user)\u{0}\(configuration.password ?? "")".utf8).base64EncodedString()
                try await say("AUTH PLAIN \(token)")
                try await expect("AUTH", 235...235)
            }
            try await say("MAIL FROM:<\(message.from)>")
            try await expect("MAIL FROM", 250...250)
            for recipient in message.to {
                try await say("RCPT TO:<\(recipient)>")
                try await expect("RCPT TO", 250...251)
            }
            try await say("DATA")
            try await expect("DATA", 354...354)
            let id = "\(UUID().uuidString)@parley.local"
            try await outbound.write(ByteBuffer(string: SMTPReply.dotStuffed(message.rendered(date: date, messageID: id)) + ".\r\n"))
            try await expect("the message", 250...250)
            try await say("QUIT")
            _ = try? await reply()
        }
        logger.info("e-mail sent", metadata: ["recipients": "\(message.to.count)"])
    }
}
