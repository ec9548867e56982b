"""Scores personal-data spans against a labelled JSONL set (pii-*.jsonl, pii-hard-*.jsonl).

A hit counts only when kind, start and end all match (UTF-16 offsets, end exclusive), as
PersonalDataScore does: a redaction one character short leaks, so overlaps are errors.

Usage:
  python3 Scripts/train/score_pii.py GOLD.jsonl --parley .build/debug/parley [--show 40]
  python3 Scripts/train/score_pii.py GOLD.jsonl --pred PRED.jsonl          (one `parley triage` line per gold line)
  python3 Scripts/train/score_pii.py GOLD.jsonl --parley ... --summary      (overall precision/recall only:
                                                                             for a frozen test set, read once)

With --parley the rows run through `parley triage` in two batches: rows whose brand_domain is null
with no brand configuration (the detector has to infer the brand from the @handle), and rows that
name a brand_domain with that brand configured, as a desk would: `--brand-domain D` if the binary
has that option, else `--brand-email` for every role address the generator uses at those domains and
their subdomains (make_pii_hard_sets.ROLE_LOCALS, ROLE_SUBDOMAINS). Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # importing the generator leaves no __pycache__ behind
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pii_hard_sets import ROLE_LOCALS, ROLE_SUBDOMAINS  # noqa: E402

KINDS = ["email", "phone", "order_number", "account_number", "tracking_number", "booking_ref", "card_number", "iban", "address"]


def u16_slice(s, start, end):
    return s.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le", errors="replace")


def run_parley(binary, rows, extra_args, models):
    lines = "".join(json.dumps({"text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    args = [binary, "triage"] + (["--models", models] if models else []) + extra_args
    out = subprocess.run(args, input=lines.encode("utf-8"), capture_output=True, check=True).stdout.decode("utf-8")
    results = [json.loads(l) for l in out.splitlines() if l.strip()]
    assert len(results) == len(rows), f"parley returned {len(results)} lines for {len(rows)}"
    for r in results:
        assert "error" not in r, r
    return [r["pii"] for r in results]


def predict(binary, gold, models):
    help_text = subprocess.run([binary, "triage", "--help"], capture_output=True).stdout.decode("utf-8", "replace")
    has_brand_domain = "--brand-domain" in help_text
    predicted = [None] * len(gold)
    unconfigured = [i for i, r in enumerate(gold) if not r.get("brand_domain")]
    if unconfigured:
        for i, p in zip(unconfigured, run_parley(binary, [gold[i] for i in unconfigured], [], models)):
            predicted[i] = p
    domains = sorted({r["brand_domain"] for r in gold if r.get("brand_domain")})
    if has_brand_domain:
        batches = [([i for i, r in enumerate(gold) if r.get("brand_domain") == d], ["--brand-domain", d]) for d in domains]
    else:
        locals_ = sorted({l for ls in ROLE_LOCALS.values() for l in ls})
        args = []
        for d in domains:
            for host in [d] + [f"{s}.{d}" for s in ROLE_SUBDOMAINS]:
                for l in locals_:
                    args += ["--brand-email", f"{l}@{host}"]
        batches = [([i for i, r in enumerate(gold) if r.get("brand_domain")], args)]
    for indices, args in batches:
        if indices:
            for i, p in zip(indices, run_parley(binary, [gold[i] for i in indices], args, models)):
                predicted[i] = p
    return predicted


def ratio(a, b):
    return a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--pred", help="parley triage output, one line per gold line")
    ap.add_argument("--parley", help="path of the parley binary to run")
    ap.add_argument("--models", help="--models for parley triage")
    ap.add_argument("--save-pred", help="write the predicted spans (one JSON list a line) here")
    ap.add_argument("--summary", action="store_true", help="overall figures only, no per-item output")
    ap.add_argument("--show", type=int, default=1000, help="at most this many misses and false hits to print")
    a = ap.parse_args()

    gold = [json.loads(l) for l in open(a.gold, encoding="utf-8") if l.strip()]
    if a.parley:
        predicted = predict(a.parley, gold, a.models)
    elif a.pred:
        predicted = []
        for l in open(a.pred, encoding="utf-8"):
            if l.strip():
                v = json.loads(l)
                predicted.append(v["pii"] if isinstance(v, dict) else v)
        assert len(predicted) == len(gold), "prediction and gold line counts differ"
    else:
        ap.error("give --parley or --pred")
    if a.save_pred:
        with open(a.save_pred, "w", encoding="utf-8") as f:
            for p in predicted:
                f.write(json.dumps(p, sort_keys=True) + "\n")

    key = lambda s: (s["kind"], s["start"], s["end"])
    tp, fp, fn = {k: 0 for k in KINDS}, {k: 0 for k in KINDS}, {k: 0 for k in KINDS}
    look, look_flagged = 0, 0
    errors = []
    for row, pred in zip(gold, predicted):
        g, p = {key(s) for s in row["pii"]}, {key(s) for s in pred}
        for k in g & p:
            tp[k[0]] += 1
        for k in p - g:
            fp[k[0]] += 1
        for k in g - p:
            fn[k[0]] += 1
        if not g:
            look += 1
            look_flagged += bool(p)
        if g != p:
            errors.append((row, sorted(g - p, key=lambda k: k[1]), sorted(p - g, key=lambda k: k[1]), sorted(g, key=lambda k: k[1]), sorted(p, key=lambda k: k[1])))

    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{a.gold}: {len(gold)} messages, {T + N} gold spans")
    print(f"overall  precision {100 * ratio(T, T + F):.1f}  recall {100 * ratio(T, T + N):.1f}  (tp {T}, fp {F}, fn {N})")
    if a.summary:
        return
    print(f"look-alike messages with a hit: {look_flagged} of {look}")
    print(f"{'kind':16} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6}")
    for k in KINDS:
        if tp[k] + fp[k] + fn[k]:
            print(f"{k:16} {tp[k] + fn[k]:5} {tp[k]:4} {fp[k]:4} {fn[k]:4} {100 * ratio(tp[k], tp[k] + fp[k]):6.1f} {100 * ratio(tp[k], tp[k] + fn[k]):6.1f}")

    def show(t, spans):
        return "[" + ", ".join(f"{k}:{u16_slice(t, s, e)!r}" for k, s, e in spans) + "]"

    print(f"\n{len(errors)} messages with an error")
    for row, missed, extra, g, p in errors[: a.show]:
        t = row["text"]
        print(f"\n- {t!r}  (brand_domain {row.get('brand_domain')})")
        if missed:
            print(f"    missed: {show(t, missed)}")
        if extra:
            print(f"    false:  {show(t, extra)}")
        print(f"    expected {show(t, g)}\n    got      {show(t, p)}")


if __name__ == "__main__":
    main()
