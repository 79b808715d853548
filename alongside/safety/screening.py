"""One entry point that runs every text check and returns the findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from alongside.safety.claims import has_health_claim
from alongside.safety.crisis import CrisisAssessment, assess_crisis
from alongside.safety.model import score as model_score
from alongside.safety.pii import KINDS as PII_KINDS
from alongside.safety.pii import PiiSpan, find_pii

CrisisLevel = Literal["none", "concern", "urgent"]

__all__ = ["PII_KINDS", "CrisisLevel", "PiiSpan", "Screening", "screen_text"]


@dataclass(frozen=True, slots=True)
class Screening:
    """Findings for one text. Findings inform people; they never block."""

    crisis: CrisisLevel
    pii: tuple[PiiSpan, ...]
    health_claim: bool
    mentions_self_harm: bool = False
    crisis_reasons: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        """True when a moderator should look at the text soon."""
        return self.crisis == "urgent"

    @property
    def has_findings(self) -> bool:
        return self.crisis != "none" or bool(self.pii) or self.health_claim

    def pii_values(self, text: str) -> list[tuple[str, str]]:
        """``(kind, value)`` pairs, for previews that highlight spans."""
        return [(span.kind, text[span.start : span.end]) for span in self.pii]

    def to_dict(self) -> dict[str, Any]:
        """The wire format used by ``safety_scan`` and the evaluation set."""
        return {
            "crisis": self.crisis,
            "pii": [span.to_dict() for span in self.pii],
            "health_claim": self.health_claim,
        }


def rule_findings(text: str) -> tuple[CrisisAssessment, bool]:
    """The rule-based crisis assessment and health-claim flag of ``text``."""
    return assess_crisis(text), has_health_claim(text)


def combine_crisis(
    rules: CrisisAssessment, says_risk: bool, says_urgent: bool
) -> CrisisAssessment:
    """The higher of the rules' level and the statistical model's level.

    The model can only raise a level: risk means at least ``concern``; urgent
    means ``urgent`` when the risk model or the rules also see risk.
    """
    if says_urgent and (says_risk or rules.level == "concern"):
        if rules.level == "urgent":
            return rules
        reasons = (*rules.reasons, "statistical model: urgent risk")
        return CrisisAssessment("urgent", True, reasons)
    if says_risk and rules.level == "none":
        return CrisisAssessment("concern", True, ("statistical model: risk",))
    return rules


def screen_text(text: str) -> Screening:
    """Run the crisis, personal-information and health-claim checks on ``text``."""
    rules, claim = rule_findings(text)
    scores = model_score(text)
    crisis = combine_crisis(rules, scores.says_risk, scores.says_urgent)
    return Screening(
        crisis=crisis.level,
        pii=find_pii(text),
        health_claim=claim or scores.says_claim,
        mentions_self_harm=crisis.mentions_self_harm,
        crisis_reasons=crisis.reasons,
    )
