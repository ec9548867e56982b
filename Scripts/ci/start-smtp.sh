#!/usr/bin/env bash
# Installs (if missing) and starts real SMTP servers for the e-mail tests, from Debian's
# python3-aiosmtpd, each delivering into a Maildir:
#   - a plain one on 127.0.0.1:$SMTP_PORT (2525);
#   - one on localhost:$SMTP_TLS_PORT (2526) that requires STARTTLS and AUTH, and one on
#     localhost:$SMTP_TLS_PORT+1 (2527) that speaks TLS from the first byte (smtps), both with a
#     certificate made here for "localhost" by a CA made here (openssl), user parley / password
#     parley-secret, sharing a Maildir; both refuse recipients tempfail@ (451) and reject@ (550).
# Prints, one per line: the plain server's URL, its Maildir, the STARTTLS server's URL, the TLS
# servers' Maildir, the CA certificate the client must trust, and the smtps URL (the tests read
# them from PARLEY_TEST_SMTP_URL, PARLEY_TEST_MAILDIR, PARLEY_TEST_SMTP_TLS_URL,
# PARLEY_TEST_TLS_MAILDIR, PARLEY_TEST_SMTP_CA, PARLEY_TEST_SMTPS_URL).
set -euo pipefail
port="${SMTP_PORT:-2525}"
tls_port="${SMTP_TLS_PORT:-2526}"
maildir="${SMTP_MAILDIR:-/tmp/parley-ci-maildir}"
tls_maildir="${SMTP_TLS_MAILDIR:-/tmp/parley-ci-maildir-tls}"
certs="${SMTP_CERTS:-/tmp/parley-ci-smtp-certs}"
here="$(cd "$(dirname "$0")" && pwd)"

if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq python3-aiosmtpd openssl >&2
fi
mkdir -p "$maildir"/{cur,new,tmp} "$tls_maildir"/{cur,new,tmp} "$certs"

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_up() {
  for _ in $(seq 1 30); do up "$1" && return 0; sleep 0.5; done
  echo "the SMTP server on port $1 did not start (see $2)" >&2
  exit 1
}

if ! up "$port"; then
  nohup /usr/bin/python3 -m aiosmtpd -n -c aiosmtpd.handlers.Mailbox "$maildir" -l "127.0.0.1:$port" >/tmp/parley-ci-smtp.log 2>&1 &
  wait_up "$port" /tmp/parley-ci-smtp.log
fi

if [ ! -f "$certs/server.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Parley test CA" \
    -keyout "$certs/ca.key" -out "$certs/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$certs/server.key" -out "$certs/server.csr" >/dev/null 2>&1
  printf "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" >"$certs/ext.cnf"
  openssl x509 -req -in "$certs/server.csr" -CA "$certs/ca.pem" -CAkey "$certs/ca.key" -CAcreateserial -days 30 \
    -extfile "$certs/ext.cnf" -out "$certs/server.pem" >/dev/null 2>&1
fi
smtps_port=$((tls_port + 1))
for mode in starttls implicit; do
  p="$tls_port"; [ "$mode" = implicit ] && p="$smtps_port"
  if ! up "$p"; then
    nohup /usr/bin/python3 "$here/smtp-tls-server.py" "$mode" 127.0.0.1 "$p" "$tls_maildir" "$certs/server.pem" "$certs/server.key" \
      parley parley-secret >"/tmp/parley-ci-smtp-$mode.log" 2>&1 &
    wait_up "$p" "/tmp/parley-ci-smtp-$mode.log"
  fi
done

echo "smtp://127.0.0.1:$port"
echo "$maildir"
echo "smtp://parley:parley-secret@localhost:$tls_port"
echo "$tls_maildir"
echo "$certs/ca.pem"
echo "smtps://parley:parley-secret@localhost:$smtps_port"
