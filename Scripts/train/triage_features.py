"""Text features for Parley's triage models.

This is the training-time twin of Sources/ParleyCore/Triage/TriageTextFeatures.swift. Both must
produce the same feature hashes in the same order for every input, so everything here is defined on
Unicode scalars with explicit ASCII rules: no locale-dependent lowercasing, no Unicode tables whose
version could differ between Python and Foundation. Tests/ParleyCoreTests/Triage compares the Swift
runtime with predictions this code wrote.
"""

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193

# Spaces outside ASCII that tweets use between words (no-break, en/em spaces, ideographic space...).
# Zero-width joiners are deliberately absent: they glue emoji sequences, not words.
EXTRA_SEPARATORS = frozenset(
    [0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000] + list(range(0x2000, 0x200C))
)
# Punctuation kept as a token of its own: "!" and "?" carry tone ("??", "!!!") and questions; "#"
# marks a hashtag (its word follows as a token of its own), which 5-fold CV on train+val found
# worth 0.9 points of irony F1 and 0.6 of emotion macro-F1, with the other heads unchanged.
SIGNAL_PUNCTUATION = frozenset([ord("!"), ord("?"), ord("#")])


def fnv1a(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFF
    return h


def is_emoji(c: int) -> bool:
    return 0x1F000 <= c <= 0x1FAFF or 0x2600 <= c <= 0x27BF


def is_word_scalar(c: int) -> bool:
    if c < 0x80:
        return (
            0x30 <= c <= 0x39
            or 0x41 <= c <= 0x5A
            or 0x61 <= c <= 0x7A
            or c == 0x5F  # _
            or c == 0x27  # '
        )
    if c in EXTRA_SEPARATORS or is_emoji(c):
        return False
    # Variation selectors and the zero-width joiner belong to the emoji before them, not to words.
    if 0xFE00 <= c <= 0xFE0F or c == 0x200D:
        return False
    return True


def tokens(text: str) -> list:
    """Word, '!', '?', '#' and emoji tokens, with URLs as '<url>' and mentions as '@user'."""
    scalars = [ord(ch) for ch in text]
    # ASCII-only lowercasing, and the typographic apostrophe folded to ASCII.
    scalars = [c + 32 if 0x41 <= c <= 0x5A else (0x27 if c == 0x2019 else c) for c in scalars]
    out = []
    i = 0
    n = len(scalars)
    while i < n:
        c = scalars[i]
        if c == 0x68 and _starts_url(scalars, i):
            j = i
            while j < n and not _is_space(scalars[j]):
                j += 1
            out.append("<url>")
            i = j
            continue
        if c == 0x40 and i + 1 < n and is_word_scalar(scalars[i + 1]):
            j = i + 1
            while j < n and is_word_scalar(scalars[j]):
                j += 1
            out.append("@user")
            i = j
            continue
        if is_word_scalar(c):
            j = i
            while j < n and is_word_scalar(scalars[j]):
                j += 1
            word = _clean_word(scalars[i:j])
            if word:
                out.append(word)
            i = j
            continue
        if c in SIGNAL_PUNCTUATION or is_emoji(c):
            out.append(chr(c))
        i += 1
    return out


def _is_space(c: int) -> bool:
    return c in (0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C) or c in EXTRA_SEPARATORS


def _starts_url(s, i) -> bool:
    for prefix in ("http://", "https://"):
        if len(s) - i >= len(prefix) and all(s[i + k] == ord(prefix[k]) for k in range(len(prefix))):
            return True
    return False


def _clean_word(word):
    # Apostrophes only count inside a word ("don't"), not as quotes around it.
    start, end = 0, len(word)
    while start < end and word[start] == 0x27:
        start += 1
    while end > start and word[end - 1] == 0x27:
        end -= 1
    # Every digit becomes 0: the amount or date matters less than that there is one.
    return "".join("0" if 0x30 <= c <= 0x39 else chr(c) for c in word[start:end])


def is_plain_word(tok: str) -> bool:
    return tok != "<url>" and tok != "@user" and len(tok) > 0 and is_word_scalar(ord(tok[0]))


CHAR_MIN = 2
CHAR_MAX = 5


NEGATIONS = frozenset(
    "not no never nothing nobody none nor neither without cannot can't don't doesn't didn't isn't "
    "aren't wasn't weren't won't wouldn't shouldn't couldn't haven't hasn't hadn't ain't dont doesnt "
    "didnt isnt wasnt wont cant".split()
)
NEGATION_REACH = 3


def lexicon_features(toks, lexicon) -> list:
    """One feature per lexicon word, named by its rounded valence, flipped after a negation.

    Counting words per valence level keeps the model linear in occurrence counts, which is all the
    runtime's arithmetic supports, while letting a few thousand training tweets borrow a lexicon
    built from many more judgements.
    """
    feats = []
    last_negation = -(NEGATION_REACH + 1)
    for i, t in enumerate(toks):
        if t in NEGATIONS:
            last_negation = i
            continue
        level = lexicon.get(t)
        if level is None:
            continue
        if i - last_negation <= NEGATION_REACH:
            feats.append("Ln")
            level = -level
        feats.append("L" + str(level))
    return feats


def feature_strings(text: str, lexicon=None) -> list:
    """Every feature occurrence, in the order the Swift runtime visits them."""
    toks = tokens(text)
    feats = []
    for t in toks:
        feats.append("w" + t)
    for a, b in zip(toks, toks[1:]):
        feats.append("b" + a + " " + b)
    for t in toks:
        if not is_plain_word(t):
            continue
        padded = " " + t + " "
        m = len(padded)
        # Start-major order lets the runtime extend one running hash from 2 to 5 scalars.
        for start in range(0, m - CHAR_MIN + 1):
            for size in range(CHAR_MIN, min(CHAR_MAX, m - start) + 1):
                feats.append("c" + padded[start : start + size])
    if lexicon:
        feats.extend(lexicon_features(toks, lexicon))
    return feats


class Hasher:
    """Maps feature strings to buckets, caching because hashing in Python is the slow part."""

    def __init__(self, bits: int, lexicon=None):
        self.mask = (1 << bits) - 1
        self.lexicon = lexicon
        self.cache = {}

    def blocks(self, text: str) -> list:
        """Buckets of the word, character and lexicon blocks, each in visiting order."""
        out = ([], [], [])
        cache = self.cache
        for f in feature_strings(text, self.lexicon):
            b = cache.get(f)
            if b is None:
                b = fnv1a(f.encode("utf-8")) & self.mask
                cache[f] = b
            out[BLOCK_OF_PREFIX[f[0]]].append(b)
        return out


# Each block is scaled by its own 1/sqrt(count), so a handful of word or lexicon features is not
# drowned by the hundreds of character n-grams of the same message.
BLOCK_OF_PREFIX = {"w": 0, "b": 0, "c": 1, "L": 2}
BLOCK_COUNT = 3


def load_vader(path: str) -> dict:
    """VADER's lexicon (MIT) as word -> valence rounded half away from zero, for single-token words."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            word, valence = parts[0], float(parts[1])
            if tokens(word) != [word] or not is_plain_word(word):
                continue
            level = int(abs(valence) + 0.5) * (1 if valence >= 0 else -1)
            if level != 0:
                out[word] = level
    return out
