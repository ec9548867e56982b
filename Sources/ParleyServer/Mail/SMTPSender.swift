import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ParleyCore

/// Sends e-mail to an SMTP server, one connection per message (`SMTP_URL`):
/// `smtp://[user:password@]host[:port]` (default 587) upgrades with STARTTLS whenever the server
/// offers it, `smtps://…` (default 465) speaks TLS from the first byte. Credentials go out only
/// over TLS, or to a server on this machine; AUTH PLAIN or LOGIN, whichever the server offers.
/// Then MAIL FROM, RCPT TO, DATA (dot-stuffed), and — just before the final dot, the moment the
/// server takes the message — `beforeCommit`, which lets the outbox record that it is handing it
/// over. A refusal throws `Refused` with the server's code: 4xx is worth another try, 5xx is not.
struct SMTPSender: Sendable {
    struct Configuration: Sendable, Equatable {
        var host: String
        var port: Int
        var implicitTLS: Bool
        var username: String?
        var password: String?
        var from: String
        /// A CA certificate (PEM) to trust besides the system's, for a relay with a private CA.
        var trustedCAFile: String?

        init?(url: String, from: String, trustedCAFile: String? = nil) {
            guard let components = URLComponents(string: url), let scheme = components.scheme, scheme == "smtp" || scheme == "smtps",
                let host = components.host, !host.isEmpty, MailMessage.isAddress(from)
            else { return nil }
            self.host = host
            implicitTLS = scheme == "smtps"
            port = components.port ?? (implicitTLS ? 465 : 587)
            username = components.user?.removingPercentEncoding
            password = components.password?.removingPercentEncoding
            self.from = from
            self.trustedCAFile = trustedCAFile
        }

        var isLocal: Bool { host == "localhost" || host == "127.0.0.1" || host == "::1" }
    }

    struct Refused: Error, CustomStringConvertible {
        var step: String
        var reply: SMTPReply
        /// 4xx: the server asks to try again later.
        var isTemporary: Bool { (400..<500).contains(reply.code) }
        var description: String { "the SMTP server refused \(step): \(reply.code) \(reply.text.prefix(200))" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let configuration: Configuration
    let logger = Logger(label: "parley.mail")
    static let timeout: Duration = .seconds(60)

    /// Sends `message`; returns the bytes sent after DATA (the message itself, CRLF line ends).
    @discardableResult
    func send(_ message: MailMessage, at date: Date, beforeCommit: @escaping @Sendable (Data) async throws -> Void = { _ in }) async throws -> Data {
        let id = message.messageID ?? "\(UUID().uuidString)@parley.local"
        let rendered = message.rendered(date: date, messageID: id)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await converse(message, rendered: rendered, beforeCommit: beforeCommit) }
            group.addTask {
                try await Task.sleep(for: Self.timeout)
                throw Failure(description: "the SMTP server did not answer within \(Self.timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
        logger.info("e-mail sent", metadata: ["recipients": "\(message.to.count)"])
        return Data(rendered.utf8)
    }

    private func converse(_ message: MailMessage, rendered: String, beforeCommit: @Sendable (Data) async throws -> Void) async throws {
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let tls = try tlsContext()
        // SNI and the certificate's name check take a host name; an address is checked by its chain only.
        let host: String? = configuration.host.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" } ? nil : configuration.host
        let implicitTLS = configuration.implicitTLS
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: host)) }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyReader(continuation))
                }
            }
            .connect(host: configuration.host, port: configuration.port).get()
        defer { channel.close(promise: nil) }
        var replies = stream.makeAsyncIterator()
        var pending = ""
        var ready: [SMTPReply] = []
        func reply() async throws -> SMTPReply {
            while ready.isEmpty {
                guard var buffer = try await replies.next() else { throw Failure(description: "the SMTP server closed the connection") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                ready += SMTPReply.take(from: &pending)
            }
            return ready.removeFirst()
        }
        @discardableResult
        func expect(_ step: String, _ accepted: ClosedRange<Int>) async throws -> SMTPReply {
            let answer = try await reply()
            guard accepted.contains(answer.code) else { throw Refused(step: step, reply: answer) }
            return answer
        }
        func say(_ text: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: text)).get()
        }

        try await expect("the connection", 220...220)
        try await say("EHLO parley.local\r\n")
        var features = try await expect("EHLO", 250...250)
        var secure = implicitTLS
        if !secure, features.offers("STARTTLS") {
            try await say("STARTTLS\r\n")
            try await expect("STARTTLS", 220...220)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
            }.get()
            secure = true
            try await say("EHLO parley.local\r\n")
            features = try await expect("EHLO", 250...250)
        }
        if let user = configuration.username {
            guard secure || configuration.isLocal else {
                throw Failure(description: "the SMTP server offers no TLS, and the password would travel in clear; use smtps:// or a relay that offers STARTTLS")
            }
            let password = configuration.password ?? ""
            if features.offers("AUTH", option: "PLAIN") || !features.offers("AUTH", option: "LOGIN") {
                try await say("AUTH PLAIN \(Data("\u{0}\(user)\u{0}\(password)".utf8).base64EncodedString())\r\n")
                try await expect("AUTH", 235...235)
            } else {
                try await say("AUTH LOGIN\r\n")
                try await expect("AUTH LOGIN", 334...334)
                try await say(Data(user.utf8).base64EncodedString() + "\r\n")
                try await expect("AUTH LOGIN user", 334...334)
                try await say(Data(password.utf8).base64EncodedString() + "\r\n")
                try await expect("AUTH LOGIN password", 235...235)
            }
        }
        try await say("MAIL FROM:<\(message.from)>\r\n")
        try await expect("MAIL FROM", 250...250)
        for recipient in message.to {
            try await say("RCPT TO:<\(recipient)>\r\n")
            try await expect("RCPT TO", 250...251)
        }
        try await say("DATA\r\n")
        try await expect("DATA", 354...354)
        try await say(SMTPReply.dotStuffed(rendered))
        try await beforeCommit(Data(rendered.utf8))
        try await say(".\r\n")
        try await expect("the message", 250...250)
        try await say("QUIT\r\n")
        _ = try? await reply()
    }

    private func tlsContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustedCAFile {
            tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
        }
        return try NIOSSLContext(configuration: tls)
    }
}

/// Hands what the server sends to the conversation, and ends it when the connection does.
final class SMTPReplyReader: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    init(_ continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}

extension SMTPReply {
    /// Whether an EHLO reply lists `keyword` (and, given, `option` after it: `AUTH PLAIN LOGIN`).
    func offers(_ keyword: String, option: String? = nil) -> Bool {
        text.split(separator: "\n").contains { line in
            let words = line.uppercased().split(separator: " ")
            guard words.first.map(String.init) == keyword else { return false }
            return option.map { words.dropFirst().map(String.init).contains($0) } ?? true
        }
    }
}
