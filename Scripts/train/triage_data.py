"""Readers for the reference data sets in ../shared/data (never copied into the repo)."""

import csv
import hashlib
import io
import os
import tarfile

import numpy as np
import scipy.sparse as sp

from triage_features import Hasher

DATA = os.environ.get(
    "PARLEY_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
)


def _lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def tweeteval(task: str, split: str):
    base = os.path.join(DATA, "tweeteval", "datasets", task)
    texts = _lines(os.path.join(base, f"{split}_text.txt"))
    labels = [int(x) for x in _lines(os.path.join(base, f"{split}_labels.txt"))]
    assert len(texts) == len(labels), (task, split)
    return texts, np.array(labels)


def complaints():
    """(texts, labels, is_core): core = the 1,974 rows of the 9 annotated domains."""
    texts, labels, core = [], [], []
    with open(os.path.join(DATA, "complaints", "complaints-data.csv"), encoding="utf-8") as f:
        for row in csv.reader(f):
            texts.append(row[1])
            labels.append(int(row[2]))
            core.append(not row[3].startswith("random_"))
    return texts, np.array(labels), np.array(core)


# VADER's human-rated tweets (Hutto & Gilbert 2014) ship in the pinned vaderSentiment 3.3.2 source
# archive (MIT licence, C.J. Hutto) as additional_resources/hutto_ICWSM_2014.tar.gz; train.sh
# downloads that archive next to the venv. Checked by digest so a rebuild reads the same bytes.
VADER_SDIST_SHA256 = "5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9"


def vader_rated_tweets():
    """(texts, mean ratings from -4 to +4): 4,200 tweet-like texts, each rated by at least 20 people."""
    path = os.environ.get("PARLEY_VADER_SDIST")
    if not path or not os.path.exists(path):
        raise SystemExit("PARLEY_VADER_SDIST must name vaderSentiment-3.3.2.tar.gz (train.sh downloads it)")
    raw = open(path, "rb").read()
    if hashlib.sha256(raw).hexdigest() != VADER_SDIST_SHA256:
        raise SystemExit(f"{path}: not the pinned vaderSentiment 3.3.2 source archive")
    with tarfile.open(fileobj=io.BytesIO(raw)) as outer:
        inner_bytes = outer.extractfile("vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz").read()
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        data = inner.extractfile("hutto_ICWSM_2014/tweets_GroundTruth.txt").read().decode("utf-8", errors="replace")
    texts, ratings = [], []
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] == "id":
            continue
        texts.append(parts[2])
        ratings.append(float(parts[1]))
    assert len(texts) == 4200, len(texts)
    return texts, np.array(ratings)


def matrix(texts, hasher: Hasher):
    """Counts per bucket, each block of a row scaled by 1/sqrt(its number of feature occurrences).

    The runtime sums one weight per occurrence and divides each block's sum by the same square
    root, which is the same number without needing a per-message bucket table.
    """
    indptr = [0]
    indices = []
    data = []
    for t in texts:
        for block in hasher.blocks(t):
            if block:
                indices.extend(block)
                data.extend([1.0 / np.sqrt(len(block))] * len(block))
        indptr.append(len(indices))
    m = sp.csr_matrix(
        (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(texts), hasher.mask + 1),
    )
    m.sum_duplicates()
    return m
