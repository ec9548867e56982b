#!/usr/bin/env python3
"""Derives Tests/ParleyCoreTests/Fixtures/nab/published-detections.json from NAB's own results.

For each detector and profile below, NAB's scoreboard (results/<detector>/<detector>_<profile>_scores.csv)
names the threshold it chose; this script reads that detector's published anomaly scores for the ten
realTweets files (results/<detector>/realTweets/*.csv) and keeps only the row numbers (0-based, header
excluded) whose score is at or above that threshold: NAB's own rule for a detection. The scorer test
then scores those detections with Parley's Swift code and compares with the published per-file scores
in ../shared/data/nab-realtweets/results/per_file_scores.

Usage: python3 Scripts/nab/published-detections.py /work/.mirror/numenta+NAB/repo > Tests/ParleyCoreTests/Fixtures/nab/published-detections.json
NAB is MIT licensed (Copyright 2014-2024 Numenta Inc.); its licence is beside the fixture.
"""
import csv, io, json, subprocess, sys

DETECTORS = ["ARTime", "numenta", "twitterADVec", "windowedGaussian", "contextOSE", "null"]
PROFILES = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"]
FILES = ["AAPL", "AMZN", "CRM", "CVS", "FB", "GOOG", "IBM", "KO", "PFE", "UPS"]

def show(repo, path):
    return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], check=True,
                          capture_output=True, text=True).stdout

def main(repo):
    out = {}
    for detector in DETECTORS:
        out[detector] = {}
        for profile in PROFILES:
            board = csv.DictReader(io.StringIO(show(repo, f"results/{detector}/{detector}_{profile}_scores.csv")))
            threshold = next(float(r["Threshold"]) for r in board if r["File"].startswith("realTweets/"))
            files = {}
            for name in FILES:
                rows = csv.DictReader(io.StringIO(show(repo, f"results/{detector}/realTweets/{detector}_Twitter_volume_{name}.csv")))
                files[f"Twitter_volume_{name}.csv"] = [i for i, r in enumerate(rows) if float(r["anomaly_score"]) >= threshold]
            out[detector][profile] = {"threshold": threshold, "detections": files}
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"), sort_keys=True)
    sys.stdout.write("\n")

if __name__ == "__main__":
    main(sys.argv[1])
