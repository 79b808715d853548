"""Plain text for the index, and results with the words found marked.

Everything shown is escaped first; only the `<mark>` around a match is markup,
so no member's HTML ever reaches a results page.
"""

import html
import re
import unicodedata
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 240
SNIPPET_LEAD = 60

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


def plain_text(rendered_html: str) -> str:
    """The words of stored, sanitised HTML: tags out, entities read, one space
    between words, no control characters."""
    text = html.unescape(_TAG.sub(" ", rendered_html))
    return _one_line(text)


def _one_line(text: str) -> str:
    kept = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in text
    )
    return " ".join(kept.split())


def _root(word: str) -> str:
    """A rough stem, enough to mark "sleeping" for "sleep" (the databases stem
    properly when they match; this only decides what to highlight)."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _matches(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    exact = {word.lower() for word in words}
    roots = {_root(word) for word in exact if len(word) >= 3}
    return [
        match.span()
        for match in _WORD.finditer(text)
        if match.group().lower() in exact or _root(match.group()) in roots
    ]


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    out: list[str] = []
    at = 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if start < at or end > len(text):
            continue
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def highlight(text: str, words: Iterable[str]) -> SafeString:
    """The whole text, escaped, with the words found marked."""
    return mark_safe(_marked(text, _matches(text, words)))  # noqa: S308 - escaped


def snippet(
    text: str, words: Iterable[str], *, length: int = SNIPPET_LENGTH
) -> SafeString:
    """A passage of the text around its first match, escaped and marked."""
    text = _one_line(text)
    spans = _matches(text, words)
    start = 0
    if spans and spans[0][0] > SNIPPET_LEAD:
        start = min(text.find(" ", spans[0][0] - SNIPPET_LEAD) + 1, spans[0][0])
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    else:
        end = len(text)
    passage = text[start:end]
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    body = _marked(passage, inside, offset=start)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - escaped
