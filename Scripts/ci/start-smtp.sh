#!/usr/bin/env bash
# Installs (if missing) and starts a real SMTP server for the e-mail tests: aiosmtpd from Debian's
# packages, delivering every message into a Maildir. Prints the URL the tests read from
# PARLEY_TEST_SMTP_URL and the Maildir they read from PARLEY_TEST_MAILDIR, on one line each.
set -euo pipefail
port="${SMTP_PORT:-2525}"
maildir="${SMTP_MAILDIR:-/tmp/parley-ci-maildir}"

if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq python3-aiosmtpd >&2
fi
mkdir -p "$maildir"/{cur,new,tmp}
if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  nohup /usr/bin/python3 -m aiosmtpd -n -c aiosmtpd.handlers.Mailbox "$maildir" -l "127.0.0.1:$port" >/tmp/parley-ci-smtp.log 2>&1 &
  for _ in $(seq 1 30); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.5
  done
fi
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "the SMTP server did not start (see /tmp/parley-ci-smtp.log)" >&2; exit 1; }
echo "smtp://127.0.0.1:$port"
echo "$maildir"
