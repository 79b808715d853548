"""Screen a JSON Lines stream of texts and write one JSON result per line."""

from __future__ import annotations

import json
from typing import IO, Any

from alongside.safety.screening import screen_text


class ScanInputError(ValueError):
    """A line that cannot be screened and has no id to report it under."""


def _result_for(line: str, lineno: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ScanInputError(f"line {lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(record, dict) or "id" not in record:
        raise ScanInputError(f"line {lineno}: expected an object with an 'id'")
    text = record.get("text")
    result: dict[str, Any] = {"id": record["id"]}
    if not isinstance(text, str):
        result["error"] = "missing or non-string 'text'"
        text = ""
    result.update(screen_text(text).to_dict())
    return result


def scan_stream(instream: IO[str], outstream: IO[str]) -> int:
    """Screen every ``{"id", "text"}`` line of ``instream``; return the count.

    Each non-blank input line yields exactly one output line, in input order:
    ``{"id", "crisis", "pii": [{"kind", "start", "end"}], "health_claim"}``,
    with Python ``str`` offsets and ``end`` exclusive. Blank lines are skipped.

    A line whose JSON parses and has an ``id`` but whose ``text`` is missing or
    not a string still gets a line: it is screened as the empty string and
    carries an extra ``"error"`` key, so the output stays aligned with the
    input. A line that is not valid JSON, or is not an object with an ``id``,
    raises :class:`ScanInputError` naming the line number; lines before it have
    already been written and flushed.
    """
    count = 0
    try:
        for lineno, line in enumerate(instream, start=1):
            if not line.strip():
                continue
            result = _result_for(line, lineno)
            outstream.write(json.dumps(result, ensure_ascii=False) + "\n")
            count += 1
    finally:
        outstream.flush()
    return count
