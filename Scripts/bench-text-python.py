"""Times twitter_text.parse_tweet (PyPI twitter-text-parser) over a corpus of post texts.

Run by bench-text-python.sh. Argument 1: a file of JSON strings, one per line; argument 2: the
number of timed passes (1 by default). Prints the corpus size and, last, "posts/s: N" for the fastest pass, so
that `parley bench text` compares like with like: one core, the same texts, best of N.
"""
import json
import sys
import time

from twitter_text import parse_tweet


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as corpus:
        texts = [json.loads(line) for line in corpus if line.strip()]
    passes = max(1, int(sys.argv[2])) if len(sys.argv) > 2 else 1
    # The port is slow (about a millisecond a post): a short warm-up keeps the run to minutes.
    checksum = sum(parse_tweet(text).weightedLength for text in texts[:1000])
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            checksum += parse_tweet(text).weightedLength
        best = min(best, time.perf_counter() - start)
    print(f"texts: {len(texts)} (checksum {checksum})")
    print(f"posts/s: {len(texts) / best:.0f}")


if __name__ == "__main__":
    main()
