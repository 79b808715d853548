"""Property tests: no input is slow, and spans are always well formed."""

import gc
import time
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.safety.bench import worst_shapes
from alongside.safety.pii import KINDS
from alongside.safety.screening import screen_text

# Characters the patterns branch on: digits and separators (phones, cards,
# IDs, IPs, dates), address and email punctuation, letters and spaces.
REGEX_ALPHABET = "0123456789 .-/@()+[]:,#'\n\tabcdefxyzADOTSR"
TOKENS = [
    "0",
    "1",
    "9",
    " ",
    ".",
    "-",
    "@",
    "a",
    "A",
    "at ",
    "dot ",
    " at ",
    "[dot]",
    "(at)",
    "Street ",
    "Rd, ",
    "12 ",
    "+44 ",
    "07700 ",
    "555-",
    "::",
    "192.",
    "u/",
    "@x",
    "I ",
    "i want to ",
    "die ",
    "not ",
    "kill myself ",
    "Jane Smith ",
    "born ",
    "1/2/1990 ",
    "x" * 40,
    "é",
    "😂",
]
# A runaway guard, not the budget: catastrophic backtracking takes seconds. The
# 50 ms budget for 10 KB is a benchmark figure (`make bench` prints the worst
# case), because CPU time on a shared machine varies too much to assert on.
LIMIT_S = 0.25
SIZE = 10_000

slow = settings(
    max_examples=60,
    # The limit is asserted inside the test on the best of three runs; this
    # deadline only stops a runaway example.
    deadline=timedelta(milliseconds=1000),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


# Load the word lists before anything is timed.
screen_text("Warm up with Jane Smith on 07700 900123.")


def _best_time(text, runs=5):
    """CPU time of the fastest of up to five runs.

    CPU time and a best-of-five ignore the waits a busy, shared machine adds;
    catastrophic backtracking would be slow on every run all the same.
    """
    best = float("inf")
    for _ in range(runs):
        # The collector's pauses depend on the whole test run's heap, not on
        # the checks: collect first, and keep it out of the timed call.
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            result = screen_text(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
        if runs == 5 and best < LIMIT_S:
            break
    return best, result


def _assert_fast_and_well_formed(text):
    elapsed, result = _best_time(text)
    assert elapsed < LIMIT_S, f"{elapsed * 1000:.1f} ms for {len(text)} chars"
    previous_end = 0
    for span in result.pii:
        assert span.kind in KINDS
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end, "spans overlap or are unsorted"
        previous_end = span.end
    assert result.crisis in ("none", "concern", "urgent")
    assert isinstance(result.health_claim, bool)


@slow
@given(st.text(max_size=SIZE))
def test_random_unicode_text_is_fast_and_well_formed(text):
    _assert_fast_and_well_formed(text)


@slow
@given(st.text(alphabet=REGEX_ALPHABET, min_size=500, max_size=SIZE))
def test_text_built_from_pattern_characters_is_fast(text):
    _assert_fast_and_well_formed(text)


@slow
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=600))
def test_adversarial_token_soup_is_fast(tokens):
    _assert_fast_and_well_formed("".join(tokens)[:SIZE])


@slow
@given(st.sampled_from(TOKENS + list(REGEX_ALPHABET)), st.integers(1, SIZE))
def test_long_repeats_of_one_token_are_fast(token, count):
    _assert_fast_and_well_formed((token * count)[:SIZE])


def test_worst_known_shapes_are_well_formed_and_grow_linearly():
    """Four times the text may cost about four times as much, never sixteen."""
    for name, text in worst_shapes(SIZE).items():
        _assert_fast_and_well_formed(text)
        small = _best_time(text[: SIZE // 4], runs=3)[0]
        large = _best_time(text, runs=3)[0]
        assert large < 8 * small + 0.02, (
            f"{name}: {small * 1000:.1f} ms for {SIZE // 4} characters but "
            f"{large * 1000:.1f} ms for {SIZE}"
        )
