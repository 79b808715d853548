"""Score ``screen_text`` against a labelled JSON Lines file.

Usage: ``python -m alongside.safety.evaluate FILE.jsonl [--errors]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from alongside.safety.pii import KINDS
from alongside.safety.screening import Screening, screen_text

LEVELS = ("none", "concern", "urgent")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    n: int = 0
    crisis: Counter[tuple[str, str]] = field(default_factory=Counter)
    pii_pred: dict[str, Counts] = field(default_factory=dict)
    pii_gold: dict[str, Counts] = field(default_factory=dict)
    pii_exact: dict[str, Counts] = field(default_factory=dict)
    claim: Counts = field(default_factory=Counts)
    claim_negatives: int = 0
    errors: list[str] = field(default_factory=list)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_pii(
    report: Report, ident: str, text: str, gold: list[dict[str, Any]], got: Screening
) -> None:
    pred = [(s.kind, s.start, s.end) for s in got.pii]
    golds = [(g["kind"], int(g["start"]), int(g["end"])) for g in gold]
    for kind in KINDS:
        report.pii_pred.setdefault(kind, Counts())
        report.pii_gold.setdefault(kind, Counts())
        report.pii_exact.setdefault(kind, Counts())
    for kind, s, e in pred:
        hit = any(k == kind and _overlaps((s, e), (gs, ge)) for k, gs, ge in golds)
        counts = report.pii_pred[kind]
        if hit:
            counts.tp += 1
        else:
            counts.fp += 1
            report.errors.append(f"{ident}\tpii FP {kind} {text[s:e]!r}")
        exact = report.pii_exact[kind]
        if (kind, s, e) in golds:
            exact.tp += 1
        else:
            exact.fp += 1
    for kind, gs, ge in golds:
        hit = any(k == kind and _overlaps((s, e), (gs, ge)) for k, s, e in pred)
        counts = report.pii_gold[kind]
        if hit:
            counts.tp += 1
        else:
            counts.fn += 1
            report.errors.append(f"{ident}\tpii FN {kind} {text[gs:ge]!r}")
        if (kind, gs, ge) not in pred:
            report.pii_exact[kind].fn += 1
            if hit:
                near = [text[s:e] for k, s, e in pred if k == kind]
                report.errors.append(
                    f"{ident}\tpii boundary {kind} gold {text[gs:ge]!r} got {near}"
                )


def evaluate(rows: Iterable[dict[str, Any]]) -> Report:
    report = Report()
    for row in rows:
        report.n += 1
        ident, text = str(row["id"]), str(row["text"])
        got = screen_text(text)
        gold_level = str(row["crisis"])
        report.crisis[(gold_level, got.crisis)] += 1
        if gold_level != got.crisis:
            report.errors.append(
                f"{ident}\tcrisis gold={gold_level} got={got.crisis} "
                f"{list(got.crisis_reasons)}"
            )
        _score_pii(report, ident, text, list(row.get("pii", [])), got)
        gold_claim = bool(row["health_claim"])
        if not gold_claim:
            report.claim_negatives += 1
        if gold_claim and got.health_claim:
            report.claim.tp += 1
        elif got.health_claim:
            report.claim.fp += 1
        elif gold_claim:
            report.claim.fn += 1
        if gold_claim != got.health_claim:
            report.errors.append(
                f"{ident}\thealth_claim gold={gold_claim} got={got.health_claim}"
            )
    return report


def _fmt(counts: Counts) -> str:
    return (
        f"P={counts.precision:.3f} R={counts.recall:.3f} F1={counts.f1:.3f} "
        f"(tp={counts.tp} fp={counts.fp} fn={counts.fn})"
    )


def format_report(report: Report, *, show_errors: bool = False) -> str:
    lines = [f"texts: {report.n}", "", "== crisis =="]
    cm = report.crisis
    lines.append("gold \\ pred   " + "".join(f"{lvl:>9}" for lvl in LEVELS))
    for gold in LEVELS:
        row = "".join(f"{cm[(gold, pred)]:>9}" for pred in LEVELS)
        lines.append(f"{gold:<13} {row}")
    for lvl in LEVELS:
        c = Counts(
            tp=cm[(lvl, lvl)],
            fp=sum(cm[(g, lvl)] for g in LEVELS if g != lvl),
            fn=sum(cm[(lvl, p)] for p in LEVELS if p != lvl),
        )
        lines.append(f"{lvl:<8} {_fmt(c)}")
    risky = ("concern", "urgent")
    any_tp = sum(cm[(g, p)] for g in risky for p in risky)
    any_fn = sum(cm[(g, "none")] for g in risky)
    none_total = sum(cm[("none", p)] for p in LEVELS)
    none_alarm = sum(cm[("none", p)] for p in risky)
    lines.append(
        f"any risk recall={any_tp / max(1, any_tp + any_fn):.3f} "
        f"({any_tp}/{any_tp + any_fn}); false alarms on none="
        f"{none_alarm / max(1, none_total):.3f} ({none_alarm}/{none_total})"
    )
    urgent_total = sum(cm[("urgent", p)] for p in LEVELS)
    urgent_pred = sum(cm[(g, "urgent")] for g in LEVELS)
    lines.append(
        f"urgent recall={cm[('urgent', 'urgent')] / max(1, urgent_total):.3f} "
        f"precision={cm[('urgent', 'urgent')] / max(1, urgent_pred):.3f}"
    )
    lines += ["", "== pii (overlap, right kind) =="]
    tot_p = Counts(
        tp=sum(c.tp for c in report.pii_pred.values()),
        fp=sum(c.fp for c in report.pii_pred.values()),
    )
    tot_g = Counts(
        tp=sum(c.tp for c in report.pii_gold.values()),
        fn=sum(c.fn for c in report.pii_gold.values()),
    )
    lines.append(
        f"all spans   precision={tot_p.precision:.3f} recall={tot_g.recall:.3f} "
        f"(pred hits {tot_p.tp}/{tot_p.tp + tot_p.fp}, "
        f"gold found {tot_g.tp}/{tot_g.tp + tot_g.fn})"
    )
    for kind in KINDS:
        p = report.pii_pred.get(kind, Counts())
        g = report.pii_gold.get(kind, Counts())
        if p.tp + p.fp + g.tp + g.fn == 0:
            continue
        lines.append(
            f"{kind:<19} precision={p.precision:.3f} recall={g.recall:.3f} "
            f"(pred {p.tp}/{p.tp + p.fp}, gold {g.tp}/{g.tp + g.fn})"
        )
    exact = Counts(
        tp=sum(c.tp for c in report.pii_exact.values()),
        fp=sum(c.fp for c in report.pii_exact.values()),
        fn=sum(c.fn for c in report.pii_exact.values()),
    )
    lines.append(f"exact spans {_fmt(exact)}")
    lines += ["", "== health_claim =="]
    claim = report.claim
    alarm = claim.fp / max(1, report.claim_negatives)
    tn = report.claim_negatives - claim.fp
    lines.append("gold \\ pred        false     true")
    lines.append(f"false         {tn:>9}{claim.fp:>9}")
    lines.append(f"true          {claim.fn:>9}{claim.tp:>9}")
    lines.append(f"{_fmt(claim)} false-alarm rate={alarm:.3f}")
    if show_errors:
        lines += ["", "== errors ==", *report.errors]
    return "\n".join(lines)


def read_jsonl(path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", help="labelled JSON Lines file")
    parser.add_argument("--errors", action="store_true", help="list misclassified ids")
    args = parser.parse_args(argv)
    report = evaluate(read_jsonl(args.path))
    print(format_report(report, show_errors=args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
