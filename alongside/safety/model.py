"""A small statistical safety net under the crisis and health-claim rules.

Three logistic-regression models over hashed text features, trained on the
project's own labelled texts by ``python -m alongside.safety.train``:

* ``risk``: any crisis risk (``concern`` or ``urgent``) against ``none``;
* ``urgent``: ``urgent`` against the rest;
* ``claim``: an uncited health claim or treatment advice.

Features are lower-cased word unigrams and bigrams after light normalisation,
plus character 3- to 5-grams inside each word, hashed with ``zlib.crc32`` into
``2 ** BITS`` buckets. A text's feature counts are divided by the square root
of the total count. The weights live in ``data/model.json`` (only non-zero
weights, rounded) together with the decision thresholds; the file is loaded
lazily on first use. Scoring never raises: on any failure it returns no signal.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BITS = 18
MASK = (1 << BITS) - 1
MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.json"
MODEL_NAMES = ("risk", "urgent", "claim")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Common misspellings and shorthand, mapped before stemming (apostrophes are
# dropped afterwards, so "i'm" and "im" already match).
TYPOS: dict[str, str] = {
    "wanna": "want",
    "gonna": "going",
    "gotta": "got",
    "myslef": "myself",
    "mysef": "myself",
    "meself": "myself",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "suisidal": "suicidal",
    "sucide": "suicide",
    "suiside": "suicide",
    "tommorow": "tomorrow",
    "tomorow": "tomorrow",
    "tmrw": "tomorrow",
    "tonite": "tonight",
    "2nite": "tonight",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "definately": "definitely",
    "alot": "a lot",
    "anymore": "any more",
    "kms": "kill myself",
    "unalive": "kill",
    "sewerslide": "suicide",
    "tablets": "pills",
    "meds": "medication",
}

# Cached per-word features and partial scores; bounded so memory stays small.
_WORD_CACHE_MAX = 50_000


def bucket(feature: str) -> int:
    """The hash bucket of one feature string (stable across runs and machines)."""
    return zlib.crc32(feature.encode("utf-8")) & MASK


def stem(word: str) -> str:
    """Light suffix stripping: ``-ing``, ``-ed``, ``-s``."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _normalise_token(raw: str) -> tuple[str, ...]:
    return tuple(stem(part.replace("'", "")) for part in TYPOS.get(raw, raw).split(" "))


_TOKEN_CACHE: dict[str, tuple[str, ...]] = {}


def words(text: str) -> list[str]:
    """Normalised, stemmed words of ``text``."""
    lower = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    cache = _TOKEN_CACHE
    if len(cache) >= _WORD_CACHE_MAX:
        cache.clear()
    out: list[str] = []
    for raw in _TOKEN.findall(lower):
        parts = cache.get(raw)
        if parts is None:
            parts = cache[raw] = _normalise_token(raw)
        out.extend(parts)
    return out


def word_features(word: str) -> list[int]:
    """Buckets of one word: its unigram and its character 3- to 5-grams."""
    feats = [bucket("w:" + word)]
    padded = f"<{word}>"
    n = len(padded)
    for size in (3, 4, 5):
        for i in range(n - size + 1):
            feats.append(bucket("c:" + padded[i : i + size]))
    return feats


def bigram_feature(first: str, second: str) -> int:
    return bucket(f"b:{first} {second}")


def features(text: str) -> dict[int, float]:
    """Hashed, normalised feature vector of ``text`` (bucket -> value)."""
    counts: dict[int, float] = {}
    toks = words(text)
    for w in toks:
        for b in word_features(w):
            counts[b] = counts.get(b, 0.0) + 1.0
    for a, b2 in itertools.pairwise(toks):
        b = bigram_feature(a, b2)
        counts[b] = counts.get(b, 0.0) + 1.0
    total = sum(counts.values())
    if not total:
        return {}
    norm = 1.0 / math.sqrt(total)
    return {b: c * norm for b, c in counts.items()}


@dataclass(frozen=True, slots=True)
class ModelScores:
    """Probabilities from the three models and the decisions at the thresholds."""

    risk: float
    urgent: float
    claim: float
    says_risk: bool
    says_urgent: bool
    says_claim: bool


_NO_SIGNAL = ModelScores(0.0, 0.0, 0.0, False, False, False)


class _Model:
    def __init__(self, data: dict[str, Any]) -> None:
        self.weights: list[dict[int, float]] = []
        self.bias: list[float] = []
        for name in MODEL_NAMES:
            part = data["models"][name]
            self.weights.append({int(k): float(v) for k, v in part["weights"].items()})
            self.bias.append(float(part["bias"]))
        self.thresholds: dict[str, float] = {
            k: float(v) for k, v in data["thresholds"].items()
        }
        self._cache: dict[str, tuple[float, float, float, int]] = {}
        self._pair_cache: dict[str, tuple[float, float, float]] = {}

    def _word(self, word: str) -> tuple[float, float, float, int]:
        got = self._cache.get(word)
        if got is None:
            feats = word_features(word)
            wr, wu, wc = self.weights
            got = (
                sum(wr.get(b, 0.0) for b in feats),
                sum(wu.get(b, 0.0) for b in feats),
                sum(wc.get(b, 0.0) for b in feats),
                len(feats),
            )
            if len(self._cache) >= _WORD_CACHE_MAX:
                self._cache.clear()
            self._cache[word] = got
        return got

    def _pair(self, first: str, second: str) -> tuple[float, float, float]:
        key = f"{first} {second}"
        got = self._pair_cache.get(key)
        if got is None:
            b = bigram_feature(first, second)
            wr, wu, wc = self.weights
            got = (wr.get(b, 0.0), wu.get(b, 0.0), wc.get(b, 0.0))
            if len(self._pair_cache) >= _WORD_CACHE_MAX:
                self._pair_cache.clear()
            self._pair_cache[key] = got
        return got

    def raw(self, text: str) -> tuple[float, float, float]:
        """Decision values (log-odds) of the three models."""
        toks = words(text)
        sr = su = sc = 0.0
        total = 0
        # Counting first keeps long, repetitive texts cheap.
        for w, k in Counter(toks).items():
            r, u, c, n = self._word(w)
            sr += r * k
            su += u * k
            sc += c * k
            total += n * k
        for (a, b), k in Counter(itertools.pairwise(toks)).items():
            r, u, c = self._pair(a, b)
            sr += r * k
            su += u * k
            sc += c * k
        total += max(len(toks) - 1, 0)
        norm = 1.0 / math.sqrt(total) if total else 0.0
        return (
            self.bias[0] + sr * norm,
            self.bias[1] + su * norm,
            self.bias[2] + sc * norm,
        )

    def score(self, text: str) -> ModelScores:
        zr, zu, zc = self.raw(text)
        risk, urgent, claim = _sigmoid(zr), _sigmoid(zu), _sigmoid(zc)
        t = self.thresholds
        return ModelScores(
            risk,
            urgent,
            claim,
            risk >= t["risk"],
            urgent >= t["urgent"],
            claim >= t["claim"],
        )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_loaded: list[_Model | None] = []


def _model() -> _Model | None:
    if not _loaded:
        try:
            with MODEL_PATH.open(encoding="utf-8") as fh:
                _loaded.append(_Model(json.load(fh)))
        except (OSError, ValueError, KeyError, TypeError):
            _loaded.append(None)
    return _loaded[0]


def score(text: str) -> ModelScores:
    """Model probabilities and decisions for ``text``; no signal on any failure."""
    try:
        model = _model()
        if model is None or not isinstance(text, str):
            return _NO_SIGNAL
        return model.score(text)
    except Exception:  # the safety net must never break a post
        return _NO_SIGNAL
