#!/usr/bin/python3
"""An SMTP server that insists on STARTTLS and on AUTH (PLAIN or LOGIN), delivering into a
Maildir: for the e-mail tests of Parley's SMTP client. Debian's python3-aiosmtpd, standard
library otherwise.

Usage: smtp-tls-server.py HOST PORT MAILDIR CERT KEY USER PASSWORD
"""
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    host, port, maildir, cert, key, user, password = sys.argv[1:8]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        Mailbox(maildir), hostname=host, port=int(port), tls_context=context, require_starttls=True,
        authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
