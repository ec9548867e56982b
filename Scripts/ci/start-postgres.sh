#!/usr/bin/env bash
# Installs (if missing) and starts a local PostgreSQL from Debian's packages, with a `parley`
# superuser, and prints the URL the PostgreSQL-backed tests read from PARLEY_TEST_POSTGRES_URL.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
  pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 || true
for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley') THEN CREATE ROLE parley LOGIN SUPERUSER PASSWORD 'parley'; END IF; END \\\$\\\$;\"" >&2
echo "postgres://parley:parley@127.0.0.1:5432/postgres"
