"""Text safety checks: crisis language, personal information, health claims.

Pure Python with no Django imports, so it can run anywhere a text is written.
"""

from alongside.safety.screening import PiiSpan, Screening, screen_text

__all__ = ["PiiSpan", "Screening", "screen_text"]
