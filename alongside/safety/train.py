"""Train the statistical safety net and write ``data/model.json``.

Usage::

    python -m alongside.safety.train            # regenerate data/model.json
    python -m alongside.safety.train --report   # also print cross-validated figures

The trainer is plain Python: logistic regression fitted by stochastic gradient
descent with L2 regularisation and balanced class weights, in a fixed order
drawn from a seeded generator, so the same training file always gives the same
``model.json`` byte for byte. Thresholds are picked on 5-fold cross-validated
probabilities combined with the rules (the higher level wins), so the file must
be regenerated whenever the rules change.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from alongside.safety.model import BITS, MODEL_NAMES, features

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAINING_PATH = DATA_DIR / "training.jsonl"
MODEL_OUT = DATA_DIR / "model.json"

SEED = 20240611
EPOCHS = 12
LEARNING_RATE = 0.5
L2 = 1e-4
FOLDS = 5
DIGITS = 3  # weights are rounded to this many decimals; zeros are dropped

# Cross-validated recall targets for models and rules combined, a little above
# the goals (any-risk 0.95, urgent 0.9, claims 0.9) to leave a margin.
TARGETS = {"risk": 0.96, "urgent": 0.94, "claim": 0.95}

Vector = list[tuple[int, float]]


def load(path: Path = TRAINING_PATH) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labels(rows: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    return {
        "risk": [int(r["crisis"] != "none") for r in rows],
        "urgent": [int(r["crisis"] == "urgent") for r in rows],
        "claim": [int(bool(r["health_claim"])) for r in rows],
    }


def vectorise(rows: Sequence[dict[str, Any]]) -> list[Vector]:
    return [sorted(features(r["text"]).items()) for r in rows]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(
    xs: Sequence[Vector], ys: Sequence[int], seed: int = SEED
) -> tuple[dict[int, float], float]:
    """Logistic regression by SGD with L2 and balanced class weights."""
    n = len(ys)
    pos = sum(ys)
    neg = n - pos
    cw = (n / (2.0 * max(neg, 1)), n / (2.0 * max(pos, 1)))
    v = [0.0] * (1 << BITS)
    scale = 1.0
    bias = 0.0
    order = list(range(n))
    rng = random.Random(seed)  # noqa: S311 - reproducible order, not secrets
    t = 0
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            x = xs[i]
            lr = LEARNING_RATE / (1.0 + LEARNING_RATE * L2 * t)
            t += 1
            z = bias + scale * sum(v[j] * val for j, val in x)
            g = (_sigmoid(z) - ys[i]) * cw[ys[i]]
            scale *= 1.0 - lr * L2
            step = lr * g / scale
            for j, val in x:
                v[j] -= step * val
            bias -= lr * g
            if scale < 1e-6:
                v = [w * scale for w in v]
                scale = 1.0
    weights = {}
    for j, w in enumerate(v):
        r = round(w * scale, DIGITS)
        if r:
            weights[j] = r
    return weights, round(bias, DIGITS)


def predict(weights: dict[int, float], bias: float, x: Vector) -> float:
    return _sigmoid(bias + sum(weights.get(j, 0.0) * val for j, val in x))


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> list[int]:
    """Fold number of each row, in a seeded random order."""
    order = list(range(n))
    random.Random(seed).shuffle(order)  # noqa: S311 - reproducible folds
    fold = [0] * n
    for pos, i in enumerate(order):
        fold[i] = pos % k
    return fold


def cross_validate(xs: Sequence[Vector], ys: Sequence[int]) -> list[float]:
    """Out-of-fold probabilities."""
    fold = folds(len(ys))
    out = [0.0] * len(ys)
    for f in range(FOLDS):
        train = [i for i in range(len(ys)) if fold[i] != f]
        weights, bias = fit([xs[i] for i in train], [ys[i] for i in train])
        for i in range(len(ys)):
            if fold[i] == f:
                out[i] = predict(weights, bias, xs[i])
    return out


def pick_threshold(
    probs: Sequence[float], ys: Sequence[int], caught: Sequence[bool], recall: float
) -> float:
    """The highest threshold (in steps of 0.01) at which the model together with
    the rules (``caught``: the rules already flag the row) reaches ``recall``."""
    total = sum(ys)
    if not total:
        return 0.5
    for step in range(99, 0, -1):
        t = step / 100
        hit = sum(
            1 for p, y, c in zip(probs, ys, caught, strict=True) if y and (c or p >= t)
        )
        if hit >= recall * total:
            return t
    return 0.01


def rule_flags(rows: Sequence[dict[str, Any]]) -> dict[str, list[bool]]:
    """What the rules alone flag on each row, per model."""
    from alongside.safety.screening import rule_findings

    found = [rule_findings(r["text"]) for r in rows]
    return {
        "risk": [c.level != "none" for c, _ in found],
        "urgent": [c.level == "urgent" for c, _ in found],
        "claim": [claim for _, claim in found],
    }


def train(
    rows: Sequence[dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, list[float]]]:
    """The model file's content and the out-of-fold probabilities."""
    xs = vectorise(rows)
    ys = labels(rows)
    caught = rule_flags(rows)
    models: dict[str, Any] = {}
    thresholds: dict[str, float] = {}
    oof: dict[str, list[float]] = {}
    for name in MODEL_NAMES:
        oof[name] = cross_validate(xs, ys[name])
        probs = oof[name]
        if name == "urgent":
            # The urgent model only counts where the risk model or the rules
            # also see risk (see ``screening.combine_crisis``).
            probs = [
                p if (r >= thresholds["risk"] or c) else 0.0
                for p, r, c in zip(probs, oof["risk"], caught["risk"], strict=True)
            ]
        thresholds[name] = pick_threshold(probs, ys[name], caught[name], TARGETS[name])
        weights, bias = fit(xs, ys[name])
        models[name] = {
            "bias": bias,
            "weights": {str(j): w for j, w in sorted(weights.items())},
        }
    data = {
        "version": 1,
        "bits": BITS,
        "training_rows": len(rows),
        "thresholds": thresholds,
        "models": models,
    }
    return data, oof


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def _rate(hit: int, total: int) -> float:
    return hit / total if total else 0.0


def report(
    rows: Sequence[dict[str, Any]],
    oof: dict[str, list[float]],
    thresholds: dict[str, float],
) -> None:
    """Cross-validated figures, for the models alone and combined with the rules."""
    from alongside.safety.screening import combine_crisis, rule_findings

    ys = labels(rows)
    n = len(rows)
    for combined in (False, True):
        tp = fp = neg = pos = utp = upred = upos = ctp = cfp = cpos = cneg = 0
        for i, row in enumerate(rows):
            says_risk = oof["risk"][i] >= thresholds["risk"]
            says_urgent = oof["urgent"][i] >= thresholds["urgent"]
            says_claim = oof["claim"][i] >= thresholds["claim"]
            if combined:
                crisis, claim = rule_findings(row["text"])
                level = combine_crisis(crisis, says_risk, says_urgent).level
                claim = claim or says_claim
            else:
                level = "urgent" if says_urgent else "concern" if says_risk else "none"
                claim = says_claim
            if ys["risk"][i]:
                pos += 1
                tp += level != "none"
            else:
                neg += 1
                fp += level != "none"
            upos += ys["urgent"][i]
            upred += level == "urgent"
            utp += ys["urgent"][i] and level == "urgent"
            if ys["claim"][i]:
                cpos += 1
                ctp += claim
            else:
                cneg += 1
                cfp += claim
        label = "models + rules" if combined else "models alone"
        out = sys.stdout.write
        out(f"{FOLDS}-fold cross-validated, {label} ({n} texts):\n")
        out(f"  any-risk recall {_rate(tp, pos):.3f}")
        out(f"  false alarms on none {_rate(fp, neg):.3f}\n")
        out(f"  urgent recall {_rate(utp, upos):.3f}")
        out(f"  precision {_rate(utp, upred):.3f}\n")
        out(f"  claim recall {_rate(ctp, cpos):.3f}")
        out(f"  false alarms {_rate(cfp, cneg):.3f}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=TRAINING_PATH)
    parser.add_argument("--out", type=Path, default=MODEL_OUT)
    parser.add_argument(
        "--report", action="store_true", help="print cross-validated figures"
    )
    args = parser.parse_args(argv)
    rows = load(args.data)
    data, oof = train(rows)
    args.out.write_text(dump(data), encoding="utf-8")
    size = args.out.stat().st_size
    sys.stdout.write(f"wrote {args.out} ({size} bytes)\n")
    sys.stdout.write(f"thresholds {data['thresholds']}\n")
    if args.report:
        report(rows, oof, data["thresholds"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
