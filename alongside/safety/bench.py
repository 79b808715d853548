"""Throughput and latency of ``screen_text`` on a realistic 2,000-character post.

Usage: ``python -m alongside.safety.bench [--runs N]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence

from alongside.safety.screening import screen_text

_PARAGRAPHS = (
    "Long time reader, first proper post. I've had fibro and IBS since my early "
    "twenties and the last year has been rough: the new job fell through in March, "
    "my landlord is selling up, and the pain clinic waiting list is nine months. "
    "My GP put me on amitriptyline in the spring and it has helped my sleep a bit. ",
    "Honestly some nights I lie awake and think everyone would be better off "
    "without me, but then the dog jumps on the bed and I get through to morning. "
    "I'm not going to do anything, I just needed to write it down somewhere. ",
    "Practical stuff for the meet-up: I'm Rosalind Achterberg, you can text me on "
    "07700 900482 or email ros.achterberg@example.com, and the spare walking frame "
    "is at my place, 14 Wrenfield Close, Norwich NR4 7PL, if anyone needs it. ",
    "Also, a word of warning: magnesium cures fibro fatigue, so stop wasting money "
    "on the pregabalin and ask for magnesium injections instead. ",
    "The Tuesday group at the library was lovely, thank you to everyone who came, "
    "and sorry I was quiet. The rain made my joints scream all week 🌧️ and the "
    "bus was forty minutes late both ways. Next month I might try the swimming "
    "session if my shoulder allows it, and I'll bring biscuits for the break. ",
)


def sample_text(length: int = 2000) -> str:
    """A mixed support-group post of exactly ``length`` characters."""
    body = "".join(_PARAGRAPHS)
    while len(body) < length:
        body += _PARAGRAPHS[-1]
    return body[:length]


def run(runs: int) -> dict[str, float]:
    """Latency percentiles (wall and CPU) of ``screen_text`` on the sample."""
    text = sample_text()
    for _ in range(20):  # warm caches and lazily loaded word lists
        screen_text(text)
    timings: list[float] = []
    cpu_timings: list[float] = []
    started = time.perf_counter()
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        screen_text(text)
        cpu_timings.append((time.process_time() - c0) * 1000)
        timings.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - started
    cuts = statistics.quantiles(timings, n=100)
    cpu_cuts = statistics.quantiles(cpu_timings, n=100)
    return {
        "texts_per_s": runs / total,
        "p50_ms": cuts[49],
        "p95_ms": cuts[94],
        "p99_ms": cuts[98],
        "max_ms": max(timings),
        "cpu_p50_ms": cpu_cuts[49],
        "cpu_p95_ms": cpu_cuts[94],
    }


WORST_SIZE = 10_000
TARGET_WORST_MS = 50.0


def worst_shapes(size: int = WORST_SIZE) -> dict[str, str]:
    """Texts that make the patterns work hardest: long runs of what they branch on."""
    return {
        "1111…": "1" * size,
        "1 1 1 …": ("1 " * size)[:size],
        "1.1.1.…": ("1." * size)[:size],
        "1-1-1-…": ("1-" * size)[:size],
        "a.a.a.…": ("a." * size)[:size],
        "a@a@a@…": ("a@" * size)[:size],
        "a a a …": ("a " * size)[:size],
        "A A A …": ("A " * size)[:size],
        "a at a at …": ("a at " * size)[:size],
        "a dot a dot …": ("a dot " * size)[:size],
        "Jane Jane …": ("Jane " * size)[:size],
        "12 Elm 12 Elm …": ("12 Elm " * size)[:size],
        "i want to i want to …": ("i want to " * size)[:size],
        "::::…": ":" * size,
        "a:a:a:…": ("a:" * size)[:size],
        "@a@a@a…": ("@a" * size)[:size],
    }


def worst_case_ms(text: str, runs: int = 5) -> float:
    """CPU milliseconds of the fastest of `runs` screenings of `text`."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        screen_text(text)
        best = min(best, time.process_time() - start)
    return best * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args(argv)
    text = sample_text()
    result = run(args.runs)
    print(f"text length: {len(text)} characters, runs: {args.runs}, single thread")
    print(f"throughput: {result['texts_per_s']:.0f} texts/s")
    print(
        f"latency ms: p50={result['p50_ms']:.2f} p95={result['p95_ms']:.2f} "
        f"p99={result['p99_ms']:.2f} max={result['max_ms']:.2f}"
    )
    # CPU time leaves out waits for a core, which dominate on a shared machine.
    print(f"cpu ms:     p50={result['cpu_p50_ms']:.2f} p95={result['cpu_p95_ms']:.2f}")
    times = {name: worst_case_ms(text) for name, text in worst_shapes().items()}
    name, slowest = max(times.items(), key=lambda item: item[1])
    print(
        f"worst case: {slowest:.1f} ms CPU for {WORST_SIZE:,} characters of "
        f"'{name}' (target <= {TARGET_WORST_MS:.0f} ms; {len(times)} shapes tried)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
