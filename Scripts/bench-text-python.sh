#!/usr/bin/env bash
# Times the Python port of twitter-text (PyPI twitter-text-parser, parse_tweet) on a corpus of
# post texts, for `parley bench text` to compare with. Installs it into a throwaway virtual
# environment under /tmp, removed on exit, so nothing is left on the machine.
#
# Usage: Scripts/bench-text-python.sh CORPUS.jsonl [PASSES]
#   CORPUS.jsonl holds one JSON string per line. Prints "posts/s: N" last (the fastest pass).
set -euo pipefail

corpus="$1"
passes="${2:-1}"
venv="$(mktemp -d /tmp/parley-bench-text-venv.XXXXXX)"
trap 'rm -rf "$venv"' EXIT

python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check twitter-text-parser
"$venv/bin/python" "$(dirname "$0")/bench-text-python.py" "$corpus" "$passes"
