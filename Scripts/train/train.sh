#!/usr/bin/env bash
# Rebuilds Models/triage/*.bin and Tests/ParleyCoreTests/Fixtures/triage/reference-margins.jsonl.
# Python is needed only here; the runtime is pure Swift. Reads ../shared/data (override: PARLEY_DATA).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${PARLEY_TRAIN_VENV:-/tmp/parley-train-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet -r "$repo/Scripts/train/requirements.txt"
# VADER's rated tweets (sentiment training) are in the package's source archive, not its wheel.
sdist="$venv/sdist/vaderSentiment-3.3.2.tar.gz"
if [ ! -f "$sdist" ]; then
  "$venv/bin/pip" download --quiet --no-deps --no-binary :all: -d "$venv/sdist" vaderSentiment==3.3.2
fi
export PARLEY_VADER_SDIST="$sdist"
cd "$repo"
# One thread: the models are small, and BLAS threading would make timings noisy and order-dependent.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
nice -n 10 "$venv/bin/python" Scripts/train/train_triage.py 2>&1 | tee Models/triage/training-log.txt
