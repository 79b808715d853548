"""The shortcuts that keep the checks fast find exactly what the full patterns find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.safety import claims, crisis

WORDS = [
    "cures", "cure", "you", "should", "stop", "taking", "your", "meds", "today's",
    "the", "day", "is", "it's", "never", "detox", "magnesium", "everyone", "must",
    "pregabalin", "i", "want", "to", "die", "tuesday's", "boosts", "fix", "it",
    "heals", "reverses", "diabetes", ".", ",", "\n", "Honestly", "so", "don't",
]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)

UNGATED = (claims._CLAIM, claims._ADVICE_ANYWHERE, claims._ADVICE_IN_TEXT)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_look_ahead_on_claim_patterns_changes_no_match(text):
    for gated, full in zip(claims._GATES, UNGATED, strict=True):
        assert [m.span() for m in gated.finditer(text)] == [
            m.span() for m in full.finditer(text)
        ]


def test_a_look_ahead_is_added_where_the_first_letters_are_known():
    assert claims._GATES[0].pattern.startswith("(?=[")
    assert claims._gated(re.compile(r"\w+ cures")).pattern == r"\w+ cures"


@settings(max_examples=300, deadline=None)
@given(texts)
def test_rules_that_can_start_anywhere_are_only_skipped_when_they_cannot_match(text):
    lower = text.lower()
    _by_key, anywhere = crisis._dispatch()
    if not crisis._anywhere_needed(lower):
        assert not any(re.search(body, lower) for body in anywhere)
