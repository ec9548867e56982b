#!/usr/bin/env python3
"""Validate data/ibm-care-labels.jsonl against the IBM customer-care conversations and print label counts.

Usage: python3 check_labels.py [labels.jsonl] [data_dir]
Defaults: data/ibm-care-labels.jsonl next to this script, and $PARLEY_DATA/ibm-customer-care
(PARLEY_DATA defaults to ../../../shared/data, as in triage_data.py).

Checks: every customer post (a dialogContent entry with a "client" key) of dev.json then test.json
appears exactly once and in file order; file/session/index/tweet_id/company/text match the source
verbatim; exactly the expected keys; every value is from its allowed set; dm_reasons is non-empty
iff needs_dm, has no duplicates, and lists reasons in a fixed order. Exits 1 on any error.
"""

import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("PARLEY_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data"))

FILES = ["dev.json", "test.json"]
KEYS = ["file", "session", "index", "tweet_id", "company", "text",
        "intent", "upset", "needs_dm", "dm_reasons", "feedback", "topic"]
INTENTS = ["question", "request", "complaint", "praise", "other", "spam_troll"]
REASONS = ["account_specific", "personal_data", "complex", "upset"]
FEEDBACK = ["bug", "suggestion", "none"]
TOPICS = [
    "login_access", "account_moderation", "account_data", "security_fraud",
    "billing_payments", "refunds_returns", "orders_delivery", "bookings_travel",
    "subscriptions_plans", "bugs_errors", "outage", "connectivity_performance",
    "hardware_devices", "howto_info", "features_content", "support_contact",
    "praise_thanks", "other",
]


def customer_posts(data_dir):
    posts = []
    for name in FILES:
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            for conv in json.load(f):
                header = conv["dialogHeader"]
                for i, turn in enumerate(conv["dialogContent"]):
                    if "client" in turn:
                        posts.append({"file": name, "session": header["sessionID"], "index": i,
                                      "tweet_id": turn["tweet_ID"], "company": header["company"],
                                      "text": turn["message"]})
    return posts


def main():
    labels_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "data", "ibm-care-labels.jsonl")
    data_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(DATA, "ibm-customer-care")
    expected = customer_posts(data_dir)
    errors = []

    rows = []
    with open(labels_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: not JSON ({e})")

    if len(rows) != len(expected):
        errors.append(f"{len(rows)} rows, expected {len(expected)} customer posts")
    keys_seen = collections.Counter((r.get("file"), r.get("session"), r.get("index")) for r in rows)
    for k, c in keys_seen.items():
        if c > 1:
            errors.append(f"post {k} labelled {c} times")
    missing = {(p["file"], p["session"], p["index"]) for p in expected} - set(keys_seen)
    for k in sorted(missing):
        errors.append(f"post {k} not labelled")

    for n, (r, p) in enumerate(zip(rows, expected), 1):
        where = f"line {n} ({r.get('file')} {r.get('session')} #{r.get('index')})"
        if list(r.keys()) != KEYS:
            errors.append(f"{where}: keys {list(r.keys())}, expected {KEYS}")
        for k in ("file", "session", "index", "tweet_id", "company", "text"):
            if r.get(k) != p[k]:
                errors.append(f"{where}: {k} does not match the source post (out of order or edited)")
        if r.get("intent") not in INTENTS:
            errors.append(f"{where}: intent {r.get('intent')!r}")
        for k in ("upset", "needs_dm"):
            if not isinstance(r.get(k), bool):
                errors.append(f"{where}: {k} must be true/false")
        reasons = r.get("dm_reasons")
        if not isinstance(reasons, list) or any(x not in REASONS for x in reasons):
            errors.append(f"{where}: dm_reasons {reasons!r}")
        else:
            if len(set(reasons)) != len(reasons):
                errors.append(f"{where}: duplicate dm_reasons")
            if reasons != sorted(reasons, key=REASONS.index):
                errors.append(f"{where}: dm_reasons not in canonical order {REASONS}")
            if bool(reasons) != r.get("needs_dm"):
                errors.append(f"{where}: dm_reasons must be non-empty iff needs_dm")
            if "upset" in reasons and not r.get("upset"):
                errors.append(f"{where}: dm reason 'upset' on a post not labelled upset")
        if r.get("feedback") not in FEEDBACK:
            errors.append(f"{where}: feedback {r.get('feedback')!r}")
        if r.get("topic") not in TOPICS:
            errors.append(f"{where}: topic {r.get('topic')!r}")

    if errors:
        for e in errors[:50]:
            print("ERROR", e)
        print(f"{len(errors)} error(s)")
        sys.exit(1)

    per_file = ", ".join("%s %d" % (name, sum(r["file"] == name for r in rows)) for name in FILES)
    print(f"OK: {len(rows)} customer posts labelled, each once, in file order ({per_file})")

    def table(title, key, order):
        print(f"\n{title}")
        print(f"  {'label':26} {'dev':>5} {'test':>5} {'all':>5}")
        for v in order:
            d = sum(1 for r in rows if r["file"] == "dev.json" and key(r, v))
            t = sum(1 for r in rows if r["file"] == "test.json" and key(r, v))
            print(f"  {str(v):26} {d:5} {t:5} {d + t:5}")

    table("intent", lambda r, v: r["intent"] == v, INTENTS)
    table("upset", lambda r, v: r["upset"] == v, [True, False])
    table("needs_dm", lambda r, v: r["needs_dm"] == v, [True, False])
    table("dm_reasons (a post may have several)", lambda r, v: v in r["dm_reasons"], REASONS)
    table("feedback", lambda r, v: r["feedback"] == v, FEEDBACK)
    topic_order = sorted(TOPICS, key=lambda t: (-sum(r["topic"] == t for r in rows), TOPICS.index(t)))
    table("topic", lambda r, v: r["topic"] == v, topic_order)


if __name__ == "__main__":
    main()
