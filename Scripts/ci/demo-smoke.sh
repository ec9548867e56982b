#!/usr/bin/env bash
# Starts `swift run parley demo` as the README says, signs in with the printed login, and checks
# that the inbox lists conversations. Exits non-zero if any step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${DEMO_PORT:-18080}"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

swift run parley demo --port "$port" --db "$work/demo.sqlite" >"$work/demo.out" 2>"$work/demo.err" &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null

email="$(sed -n 's/^Sign in as \([^ ]*\) with password .*/\1/p' "$work/demo.out")"
password="$(sed -n 's/^Sign in as [^ ]* with password \(.*\)$/\1/p' "$work/demo.out")"
test -n "$email" && test -n "$password"

jar="$work/cookies"
csrf="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "email=$email" \
  --data-urlencode "password=$password" "http://127.0.0.1:$port/login"
rows="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/inbox" | grep -c '<tr data-id' || true)"
echo "demo inbox lists $rows conversations"
test "$rows" -gt 0
posts="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/calendar" | grep -c 'class="calendar-post' || true)"
echo "demo calendar shows $posts scheduled posts this week"
test "$posts" -gt 0
# The public help center, no login: a brand's home, a search and an article.
groups="$(curl -fsS "http://127.0.0.1:$port/help/spotify" | grep -c 'class="help-group"' || true)"
echo "demo help center for Spotify shows $groups groups"
test "$groups" -gt 0
curl -fsS "http://127.0.0.1:$port/help/spotify/search?q=crashes" | grep -q 'app-crashes-or-will-not-open'
curl -fsS "http://127.0.0.1:$port/help/spotify/articles/app-crashes-or-will-not-open?lang=es" | grep -q 'La aplicación se cierra'
# A troubleshooting flow: its short link, its first page, and its figures on the desk.
curl -fsS "http://127.0.0.1:$port/help/spotify/flows/music-won-t-play" | grep -q 'id="flow-start"'
starts="$(curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/flows?brand=spotify" | sed -n 's/.*<td>published<\/td><td>[^<]*<\/td><td>\([0-9]*\)<\/td>.*/\1/p' | head -1)"
echo "demo flow 'Music won't play' has ${starts:-0} walks in the last 30 days"
test "${starts:-0}" -gt 0
# The support form, and the e-mail cases it opened.
curl -fsS "http://127.0.0.1:$port/help/delta/contact" | grep -q 'id="contact-form"'
curl -fsS -c "$jar" -b "$jar" "http://127.0.0.1:$port/search?q=airplane" | grep -q 'Maya Lindqvist'
echo "demo support form opens, and its request is a case"
