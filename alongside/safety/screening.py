"""One entry point that runs every text check and returns the findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from alongside.safety.claims import has_health_claim
from alongside.safety.crisis import assess_crisis
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


def screen_text(text: str) -> Screening:
    """Run the crisis, personal-information and health-claim checks on ``text``."""
    crisis = assess_crisis(text)
    return Screening(
        crisis=crisis.level,
        pii=find_pii(text),
        health_claim=has_health_claim(text),
        mentions_self_harm=crisis.mentions_self_harm,
        crisis_reasons=crisis.reasons,
    )
