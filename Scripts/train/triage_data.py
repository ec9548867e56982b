"""Readers for the reference data sets in ../shared/data (never copied into the repo)."""

import csv
import os

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
