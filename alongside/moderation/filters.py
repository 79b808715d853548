"""A group's word filters: which of its phrases a piece of text contains."""

import re
from dataclasses import dataclass

from alongside.groups.models import Group

from .models import WordFilter


@dataclass(frozen=True)
class FilterMatch:
    """The group's phrases found in a text (never the text itself)."""

    held: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()

    @property
    def phrases(self) -> list[str]:
        return [*self.held, *self.flagged]

    @property
    def holds(self) -> bool:
        return bool(self.held)

    def __bool__(self) -> bool:
        return bool(self.held or self.flagged)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole words only, any case, any run of spaces between the words."""
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def match_filters(group: Group, text: str) -> FilterMatch:
    """The group's filters that `text` contains, by what each asks for."""
    held: list[str] = []
    flagged: list[str] = []
    for phrase, action in WordFilter.objects.filter(group=group).values_list(
        "phrase", "action"
    ):
        if phrase.strip() and phrase_pattern(phrase).search(text):
            (held if action == WordFilter.Action.HOLD else flagged).append(phrase)
    return FilterMatch(tuple(sorted(held)), tuple(sorted(flagged)))
