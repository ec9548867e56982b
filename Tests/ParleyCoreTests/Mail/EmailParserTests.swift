import Foundation
import ParleyCore
import Testing

@Suite struct EmailParserTests {
    /// The message with CRLF line ends, as mail travels (or `lineEnd` to try others).
    static func parse(_ text: String, lineEnd: String = "\r\n", limits: EmailLimits = .init()) throws -> InboundEmail {
        try EmailParser.parse(Data(text.replacingOccurrences(of: "\n", with: lineEnd).utf8), limits: limits)
    }

    static let december3 = Date(timeIntervalSince1970: 1_796_292_000)  // 2026-12-03 10:00:00 UTC

    @Test func readsAPlainUTF8Message() throws {
        let email = try Self.parse("""
            From: Jane Doe <Jane@Example.COM>
            To: help@acme.example
            Subject: Order 1234 didn't arrive
            Date: Thu, 3 Dec 2026 10:00:00 +0000
            Message-ID: <abc123@mail.example.com>
            Content-Type: text/plain; charset=utf-8

            Hi, my order hasn't arrived — can you check? Grüße ✓

            Jane
            """)
        #expect(email.from == EmailAddress(address: "Jane@example.com", name: "Jane Doe"))
        #expect(email.to == [EmailAddress(address: "help@acme.example")])
        #expect(email.subject == "Order 1234 didn't arrive")
        #expect(email.date == Self.december3)
        #expect(email.messageID == "abc123@mail.example.com")
        #expect(email.text == "Hi, my order hasn't arrived — can you check? Grüße ✓\n\nJane")
        #expect(!email.isHTMLOnly && !email.truncated && !email.autoSubmitted && !email.isBounce)
        #expect(email.attachments.isEmpty)
        #expect(email.header("SUBJECT") == "Order 1234 didn't arrive")
        #expect(email.headers.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "Content-Type"])
        #expect(email.replyAddress == email.from)
    }

    /// Continuation lines join their header; names match in any case; lists take quoted names,
    /// comments and groups.
    @Test func unfoldsHeadersAndReadsAddressLists() throws {
        let email = try Self.parse("""
            from: "Doe, Jane"
             <jane@example.com>
            TO: a@x.example,
              "B (Team)" <b@x.example>, c@x.example (Carol)
            Cc: undisclosed-recipients:;
            Reply-To: Replies <Replies@Example.COM>
            SUBJECT: A subject that
             is folded
            \tover three lines

            Body
            """)
        #expect(email.from == EmailAddress(address: "jane@example.com", name: "Doe, Jane"))
        #expect(email.to == [
            EmailAddress(address: "a@x.example"), EmailAddress(address: "b@x.example", name: "B (Team)"),
            EmailAddress(address: "c@x.example", name: "Carol"),
        ])
        #expect(email.cc.isEmpty)
        #expect(email.replyAddress == EmailAddress(address: "Replies@example.com", name: "Replies"))
        #expect(email.subject == "A subject that is folded over three lines")
        #expect(email.header("subject") == "A subject that is folded\tover three lines")
    }

    @Test(arguments: [
        ("=?UTF-8?B?Q2Fmw6kg4piVIG9yZGVy?=", "Café ☕ order"),
        ("=?utf-8?Q?R=C3=A9sum=C3=A9_attached?=", "Résumé attached"),
        ("=?ISO-8859-1?Q?Caf=E9?= au lait", "Café au lait"),
        ("=?UTF-8?Q?Hello_?= =?UTF-8?Q?World?=", "Hello World"),
        ("=?UTF-8?B?4oI=?=\r\n =?UTF-8?B?rA==?= rates", "€ rates"),
        ("Re: =?utf-8?q?caf=C3=A9?= now", "Re: café now"),
        ("=?windows-1252?Q?=93quoted=94?=", "“quoted”"),
        ("=?x-unknown-charset?Q?plain?=", "plain"),
        ("=?UTF-8?Q?not closed", "=?UTF-8?Q?not closed"),
    ])
    func decodesEncodedWordSubjects(raw: String, expected: String) throws {
        let text = "From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>\r\nSubject: \(raw)\r\n\r\nx"
        let email = try EmailParser.parse(Data(text.utf8))
        #expect(email.subject == expected)
        #expect(email.from.name == "Renée")
    }

    /// A decoded line break cannot start a header: the subject and names stay one line.
    @Test func encodedLineBreaksStayOnOneLine() throws {
        let email = try Self.parse("""
            From: =?UTF-8?B?SGkNCkJjYzogeA==?= <jane@example.com>
            Subject: =?UTF-8?B?SGkNCkJjYzogeA==?=

            x
            """)
        #expect(email.subject == "Hi Bcc: x")
        #expect(email.from.name == "Hi Bcc: x")
        #expect(!email.subject.contains("\r") && !email.subject.contains("\n"))
        #expect(email.headers.allSatisfy { $0.name != "Bcc" })
    }

    @Test func prefersThePlainAlternative() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: multipart/alternative; boundary="b1"

            This is a multi-part message in MIME format.
            --b1
            Content-Type: text/plain; charset=utf-8

            Plain version
            --b1
            Content-Type: text/html; charset=utf-8

            <p>HTML version</p>
            --b1--
            The epilogue.
            """)
        #expect(email.text == "Plain version")
        #expect(!email.isHTMLOnly)
    }

    /// Some senders put an empty text/plain beside the real HTML.
    @Test func anEmptyPlainAlternativeFallsBackToHTML() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: multipart/alternative; boundary=b1

            --b1
            Content-Type: text/plain

            --b1
            Content-Type: text/html

            <p>Only here</p>
            --b1--
            """)
        #expect(email.text == "Only here")
        #expect(email.isHTMLOnly)
    }

    @Test func convertsAnHTMLOnlyMessage() throws {
        let html = #"<html><head><title>T</title><style>p{color:red}</style></head><body><p>Hello&nbsp;there &amp; welcome</p><script>alert("x")</script><ul><li>One</li><li>Two</li></ul><p>Caf&eacute; &#39;quoted&#39; &#x27;hex&#x27; <a href="https://acme.example/track?a=1&amp;b=2">our site</a></p></body></html>"#
        let email = try Self.parse("From: jane@example.com\nContent-Type: text/html; charset=utf-8\n\n" + html)
        #expect(email.text == "Hello there & welcome\n\n- One\n- Two\n\nCafé 'quoted' 'hex' our site (https://acme.example/track?a=1&b=2)")
        #expect(email.isHTMLOnly)
        #expect(!email.text.contains("<"))
        #expect(!email.text.contains("alert") && !email.text.contains("color"))
    }

    @Test func decodesQuotedPrintable() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            This line was wrapped by the sender's mail program at seventy=
            -six characters, with an =C3=A9 and a literal =3D sign.
            Padded line\u{20}\u{20}
            Keep this space:=20
            Soft break at the very end=
            """)
        #expect(email.text == """
            This line was wrapped by the sender's mail program at seventy-six characters, with an é and a literal = sign.
            Padded line
            Keep this space:\u{20}
            Soft break at the very end
            """)
    }

    /// Line breaks anywhere and no padding.
    @Test func decodesBase64() throws {
        let body = "Grüße aus Köln!\nZweite Zeile"
        let encoded = Data(body.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let lines = stride(from: 0, to: encoded.count, by: 16).map { String(encoded.dropFirst($0).prefix(16)) }
        let email = try Self.parse(
            "From: jane@example.com\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: BASE64\n\n"
                + lines.joined(separator: "\n") + "\n")
        #expect(email.text == body)
    }

    @Test func readsAttachmentsAndSanitizesTheirNames() throws {
        let longName = String(repeating: "a", count: 200) + ".pdf"
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: multipart/mixed; boundary="mix"

            --mix
            Content-Type: text/plain

            See attached.
            --mix
            Content-Type: application/pdf; name="ignored.pdf"
            Content-Disposition: attachment;
             filename*=UTF-8''%E2%82%AC%20rates%202026.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --mix
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename="../../etc/passwd"

            root:x:0:0
            --mix
            Content-Type: IMAGE/PNG
            Content-Disposition: attachment; filename*0*=utf-8''screen%20; filename*1="shot.png"

            PNG
            --mix
            Content-Type: application/pdf; name="..\\\\..\\\\\(longName)"

            PDF
            --mix--
            """)
        #expect(email.text == "See attached.")
        #expect(email.attachments.map(\.filename) == ["€ rates 2026.pdf", "passwd", "screen shot.png", String(longName.suffix(150))])
        #expect(email.attachments.map(\.contentType) == ["application/pdf", "application/octet-stream", "image/png", "application/pdf"])
        #expect(email.attachments[0].data == Data("%PDF-1.4\n".utf8))
        #expect(email.attachments[0].size == 9)
        #expect(email.attachments[1].data == Data("root:x:0:0".utf8))
        #expect(email.attachments.allSatisfy { !$0.filename.contains("/") && !$0.filename.contains("\\") && $0.filename.count <= 150 })
    }

    static let nested = """
        From: jane@example.com
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=utf-8

        Nested plain
        --inner
        Content-Type: text/html; charset=utf-8

        <p>Nested <b>html</b></p>
        --inner--

        --outer
        Content-Type: text/csv; name="orders.csv"

        id,total
        1,9.99
        --outer
        Content-Type: image/png
        Content-Disposition: inline
        Content-ID: <logo@x.example>
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --outer--
        """

    @Test func readsNestedMultiparts() throws {
        let email = try Self.parse(Self.nested)
        #expect(email.text == "Nested plain")
        #expect(email.attachments.map(\.filename) == ["orders.csv", "attachment"])
        #expect(email.attachments[0].contentType == "text/csv")
        #expect(email.attachments[0].data == Data("id,total\r\n1,9.99".utf8))
        #expect(email.attachments[1].data == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(email.attachments[1].isInline)
    }

    @Test func readsBareLFLineEnds() throws {
        let email = try Self.parse(Self.nested, lineEnd: "\n")
        #expect(email.text == "Nested plain")
        #expect(email.attachments.first?.data == Data("id,total\n1,9.99".utf8))
        let plain = try Self.parse("From: jane@example.com\nSubject: LF only\n\nOne\nTwo\n", lineEnd: "\n")
        #expect(plain.subject == "LF only")
        #expect(plain.text == "One\nTwo")
    }

    @Test func aMissingClosingBoundaryIsTolerated() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Cut off
            """)
        #expect(email.text == "Cut off")
    }

    /// Unknown charsets and bad bytes are read lossily; undeclared 8-bit text is Windows-1252.
    @Test func badCharsetsDoNotThrow() throws {
        func parse(_ headers: String, _ body: [UInt8]) throws -> InboundEmail {
            try EmailParser.parse(Data("From: jane@example.com\r\n\(headers)\r\n\r\n".utf8) + Data(body))
        }
        let unknown = try parse("Content-Type: text/plain; charset=\"x-unknown-klingon\"", Array("bytes: ".utf8) + [0xFF, 0xFE] + Array(" hello".utf8))
        #expect(unknown.text == "bytes: \u{FFFD}\u{FFFD} hello")
        let badUTF8 = try parse("Content-Type: text/plain; charset=utf-8", [0x61, 0xC3, 0x28, 0x62])
        #expect(badUTF8.text == "a\u{FFFD}(b")
        let windows = try parse("Content-Type: text/plain; charset=windows-1252", [0x93, 0x68, 0x69, 0x94, 0x20, 0x80])
        #expect(windows.text == "“hi” €")
        let undeclared = try parse("Subject: caf\u{E9}", [0x63, 0x61, 0x66, 0xE9])
        #expect(undeclared.text == "café")
    }

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", true), ("Auto-Submitted: auto-generated; owner-email=x@y.example", true),
        ("Auto-Submitted: no", false), ("Precedence: bulk", true), ("Precedence: first-class", false),
        ("X-Autoreply: yes", true), ("X-Autorespond: vacation", true), ("List-Id: <news.acme.example>", true),
        ("List-Unsubscribe: <mailto:unsubscribe@acme.example>", true), ("X-Mailer: Thunderbird", false),
    ])
    func detectsAutomatedMail(header: String, automated: Bool) throws {
        let email = try Self.parse("From: jane@example.com\n\(header)\n\nI am away.")
        #expect(email.autoSubmitted == automated)
        #expect(!email.isBounce)
    }

    @Test func recognizesADeliveryStatusNotification() throws {
        let email = try Self.parse("""
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: help@acme.example
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="dsn"

            --dsn
            Content-Type: text/plain

            This is the mail system at host mx.example.net.
            Your message could not be delivered.
            --dsn
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            Final-Recipient: rfc822; nobody@example.org
            Action: failed
            Status: 5.1.1
            --dsn
            Content-Type: message/rfc822

            From: help@acme.example
            To: nobody@example.org
            Subject: Re: your order

            Original text
            --dsn--
            """)
        #expect(email.isBounce)
        #expect(email.autoSubmitted)
        #expect(email.text == "This is the mail system at host mx.example.net.\nYour message could not be delivered.")
        #expect(email.attachments.map(\.contentType) == ["message/delivery-status", "message/rfc822"])
        #expect(email.attachments.map(\.filename) == ["delivery-status.txt", "message.eml"])
        #expect(email.attachments[1].data.starts(with: Data("From: help@acme.example".utf8)))
    }

    @Test(arguments: [
        "From: postmaster@mx.example.net\nSubject: Failure",
        "From: jane@example.com\nReturn-Path: <>",
        "From: jane@example.com\nContent-Type: multipart/report; report-type=\"Delivery-Status\"; boundary=x",
    ])
    func recognizesOtherBounceSignals(headers: String) throws {
        #expect(try Self.parse(headers + "\n\n--x\n\nfailed\n--x--").isBounce)
    }

    @Test func readsThreadIDs() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Message-ID:
             <m1@x.example>
            In-Reply-To: <a1@x.example>
            References: <r1@x.example> <r2@x.example>
             <a1@x.example> (a comment)
             <r1@x.example>

            x
            """)
        #expect(email.messageID == "m1@x.example")
        #expect(email.inReplyTo == ["a1@x.example"])
        #expect(email.references == ["r1@x.example", "r2@x.example", "a1@x.example"])
        let bare = try Self.parse("From: jane@example.com\nIn-Reply-To: a2@x.example\n\nx")
        #expect(bare.inReplyTo == ["a2@x.example"])
        #expect(bare.messageID == nil && bare.references.isEmpty)
    }

    @Test(arguments: [
        ("Thu, 3 Dec 2026 10:00:00 +0000", 1_796_292_000.0), ("3 Dec 2026 10:00 GMT", 1_796_292_000),
        ("Thu, 03 Dec 26 05:00:00 -0500", 1_796_292_000), ("Thu, 3 Dec 2026 11:00:00 +0100 (CET)", 1_796_292_000),
        ("Thu Dec  3 10:00:00 2026", 1_796_292_000), ("Thu, 3 Dec 2026 05:00:00 EST", 1_796_292_000),
        ("Thu, 3 December 2026 10:00:30 Z", 1_796_292_030),
    ])
    func readsDates(raw: String, seconds: Double) throws {
        #expect(try Self.parse("From: jane@example.com\nDate: \(raw)\n\nx").date == Date(timeIntervalSince1970: seconds))
    }

    @Test func anUnreadableDateIsNil() throws {
        #expect(try Self.parse("From: jane@example.com\nDate: sometime soon\n\nx").date == nil)
        #expect(try Self.parse("From: jane@example.com\nDate: 31 Feb 2026 10:00 +0000\n\nx").date == nil)
    }

    @Test func undoesFormatFlowed() throws {
        let email = try Self.parse("""
            From: jane@example.com
            Content-Type: text/plain; charset=utf-8; format=flowed

            This is a long\u{20}
            line.
            > quoted\u{20}
            > more
            """)
        #expect(email.text == "This is a long line.\n> quoted \n> more")
    }

    @Test func skipsAnMboxEnvelopeLine() throws {
        let email = try Self.parse("From jane@example.com Thu Dec  3 10:00:00 2026\nFrom: jane@example.com\n\nHi")
        #expect(email.from.address == "jane@example.com")
        #expect(email.text == "Hi")
    }

    @Test func enforcesLimits() throws {
        let big = "From: jane@example.com\n\n" + String(repeating: "x", count: 200)
        #expect(throws: EmailParseError.tooLarge(100)) { try Self.parse(big, limits: EmailLimits(maxBytes: 100)) }
        #expect(throws: EmailParseError.headersTooLarge(50)) {
            try Self.parse("From: jane@example.com\nSubject: " + String(repeating: "s", count: 60) + "\n\nx", limits: EmailLimits(maxHeaderBytes: 50))
        }
        let long = try Self.parse("From: jane@example.com\n\nabcdefghijklmnop", limits: EmailLimits(maxTextCharacters: 10))
        #expect(long.text == "abcdefghij")
        #expect(long.truncated)
        let parts = (1...3).map { "--b\nContent-Type: text/plain\n\npart \($0)" }.joined(separator: "\n")
        let capped = try Self.parse("From: jane@example.com\nContent-Type: multipart/mixed; boundary=b\n\n\(parts)\n--b--", limits: EmailLimits(maxParts: 2))
        #expect(capped.text == "part 1\n\npart 2")
    }

    @Test func rejectsWhatIsNoMessage() {
        #expect(throws: EmailParseError.missingFrom) { try Self.parse("To: help@acme.example\nSubject: Hi\n\nBody") }
        #expect(throws: EmailParseError.missingFrom) { try Self.parse("From: undisclosed\n\nBody") }
        #expect(throws: EmailParseError.noHeaderEnd) { try Self.parse("From: jane@example.com\nSubject: Hi\n") }
        #expect(throws: EmailParseError.noHeaders) { try EmailParser.parse(Data()) }
        #expect(throws: EmailParseError.noHeaders) { try Self.parse("\nBody") }
        #expect(throws: EmailParseError.malformedHeader("the first line is not a \"Name: value\" header")) {
            try Self.parse("Hello there\n\nBody")
        }
        #expect(EmailParseError.tooLarge(100).description == "The message is larger than the limit of 100 bytes.")
        #expect(EmailParseError.missingFrom.description == "The message has no From address.")
    }
}

@Suite struct HTMLToTextTests {
    @Test func collapsesBlankLinesAndKeepsPreformattedText() {
        #expect(HTMLToText.text("<p>One</p><p></p><p>&nbsp;</p><br><br><br><br><p>Two</p>") == "One\n\n\nTwo")
        #expect(HTMLToText.text("x<pre>a  b\n  c</pre>") == "x\n\na  b\n  c")
        #expect(HTMLToText.text("  lots   of \n\t space  ") == "lots of space")
    }

    @Test func addsLinkAddressesOnlyWhenTheyTellSomething() {
        #expect(HTMLToText.text(#"<a href="https://acme.example/">acme.example</a>"#) == "acme.example")
        #expect(HTMLToText.text(#"<a href="mailto:help@acme.example">Email us</a>"#) == "Email us")
        #expect(HTMLToText.text(#"<a href='https://acme.example/help'>Help</a>, then"#) == "Help (https://acme.example/help), then")
        #expect(HTMLToText.text(#"<a href="javascript:alert(1)">Click</a>"#) == "Click")
    }

    @Test func quotesBlockquotesAndDropsComments() {
        #expect(HTMLToText.text("<div>Thanks!</div><blockquote><div>Old text</div><div>More</div></blockquote>") == "Thanks!\n\n> Old text\n> More")
        #expect(HTMLToText.text("a <!-- hidden <b>x</b> --> b <!--[if mso]>c<![endif]--> &#8211; &unknown; <3") == "a b – &unknown; <3")
    }
}
