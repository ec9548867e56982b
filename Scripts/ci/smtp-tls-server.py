#!/usr/bin/python3
"""An SMTP server for the e-mail tests of Parley's SMTP client, delivering into a Maildir:
`starttls` insists on STARTTLS then AUTH (PLAIN or LOGIN); `implicit` speaks TLS from the first
byte. Either way a recipient whose local part is `tempfail` gets 451 (try again later) and
`reject` gets 550 (never). Debian's python3-aiosmtpd, standard library otherwise.

Usage: smtp-tls-server.py starttls|implicit HOST PORT MAILDIR CERT KEY USER PASSWORD
"""
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


class Refusing(Mailbox):
    """The Maildir handler, refusing the recipients the tests use to provoke 4xx and 5xx."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local == "tempfail":
            return "451 4.3.0 Mailbox busy, try again later"
        if local == "reject":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def main():
    mode, host, port, maildir, cert, key, user, password = sys.argv[1:9]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    if mode == "implicit":
        controller = Controller(
            Refusing(maildir), hostname=host, port=int(port), ssl_context=context,
            authenticator=authenticator, auth_required=True, auth_require_tls=False)
    else:
        controller = Controller(
            Refusing(maildir), hostname=host, port=int(port), tls_context=context, require_starttls=True,
            authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
