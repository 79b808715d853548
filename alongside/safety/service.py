"""The checks as the rest of Alongside uses them: never raising, never too slow.

If a check raises or takes longer than its budget, the text is still saved and the
writer is still offered help; the failure is logged without the text.
"""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("alongside.safety")

SUPPORT_LEVELS = ("concern", "urgent")


@dataclass(frozen=True)
class Outcome:
    """What the checks found in one text: kinds, levels and spans, never the text."""

    crisis: str = "none"
    pii: tuple[tuple[str, int, int], ...] = ()
    health_claim: bool = False
    self_harm: bool = False
    failed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_support(self) -> bool:
        """Show the writer ways to talk to someone now (also when a check failed)."""
        return self.crisis in SUPPORT_LEVELS or self.failed

    @property
    def pii_kinds(self) -> list[str]:
        return sorted({kind for kind, _start, _end in self.pii})

    def to_findings(self) -> dict[str, Any]:
        return {
            "crisis": self.crisis,
            "pii": [{"kind": k, "start": s, "end": e} for k, s, e in self.pii],
            "health_claim": self.health_claim,
            "self_harm": self.self_harm,
            "failed": self.failed,
        }

    @classmethod
    def from_findings(cls, findings: dict[str, Any] | None) -> "Outcome":
        findings = findings or {}
        return cls(
            crisis=findings.get("crisis", "none"),
            pii=tuple(
                (p["kind"], p["start"], p["end"]) for p in findings.get("pii", ())
            ),
            health_claim=bool(findings.get("health_claim")),
            self_harm=bool(findings.get("self_harm")),
            failed=bool(findings.get("failed")),
        )


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="safety")


def _screener() -> Callable[[str], Any]:
    path = getattr(
        settings, "ALONGSIDE_SCREENER", "alongside.safety.screening.screen_text"
    )
    screener: Callable[[str], Any] = import_string(path)
    return screener


def screen(text: str) -> Outcome:
    """Run every check on `text`; on any failure return an outcome marked `failed`."""
    timeout = float(getattr(settings, "ALONGSIDE_SCREEN_TIMEOUT", 1.0))
    try:
        screening = _pool().submit(_screener(), text).result(timeout=timeout)
        return Outcome(
            crisis=screening.crisis,
            pii=tuple((s.kind, s.start, s.end) for s in screening.pii),
            health_claim=bool(screening.health_claim),
            self_harm=bool(getattr(screening, "mentions_self_harm", False)),
        )
    except FutureTimeout:
        logger.error(
            "Safety checks timed out after %.2fs (%d characters)", timeout, len(text)
        )
    except Exception as error:
        # The type only: the message could quote the member's text.
        logger.error("Safety checks failed: %s", type(error).__name__)
    return Outcome(failed=True)


def warm_up() -> None:
    """Load the checks' word lists in the background, so no member waits for it."""
    try:
        _pool().submit(_screener(), "warm up")
    except Exception as error:
        logger.warning("Safety checks could not warm up: %s", type(error).__name__)
