"""Benchmark the in-process pre-send guard on a 60-word draft: p50 and p99 per call.

For each language, a 60-word agent reply ending in a forbidden phrase (so ``guard()`` raises) and
the same reply without it (so it passes) are checked warm, with the language given and detected.
Baselines in the same run: spaCy's tokenizer alone on the draft, and ``Linter.lint``. Each figure
is the median over rounds of that round's percentile. The issue's bar: guard p99 <= 2 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_lint import CLEAN, fill, phrases_of

import phraselint
from phraselint.lang.registry import get_pipeline


def percentiles(call: Callable[[], object], calls: int, rounds: int) -> tuple[float, float]:
    """Return the median over *rounds* of (p50, p99) in ms of *calls* calls."""
    p50s, p99s = [], []
    for _ in range(rounds):
        samples = []
        for _ in range(calls):
            start = time.perf_counter()
            call()
            samples.append(time.perf_counter() - start)
        samples.sort()
        p50s.append(samples[len(samples) // 2] * 1e3)
        p99s.append(samples[int(len(samples) * 0.99)] * 1e3)
    return statistics.median(p50s), statistics.median(p99s)


def blocked(draft: str, lang: str | None) -> None:
    """Run guard() on a draft that must be blocked."""
    try:
        phraselint.guard(draft, lang=lang)
    except phraselint.PhraseViolationError:
        return
    raise AssertionError(f"not blocked: {draft!r}")


def calls_for(lang: str, linter: phraselint.Linter, rng: random.Random) -> dict[str, Callable[[], object]]:
    """Return the calls to time for *lang*: baselines first, then guard() on a blocked and a clean draft."""
    words: list[str] = []
    while len(words) < 60:
        words.extend(fill(rng.choice(CLEAN[lang]), rng).split())
    clean = " ".join(words[:60])
    drafts = (" ".join(words[:55]) + " " + phrase for phrase in phrases_of(linter, lang))
    bad = next(d for d in drafts if not linter.lint(d, lang=lang).ok)  # a phrase that blocks, at error
    tokenizer = get_pipeline(lang).nlp.tokenizer
    for lang_or_detected in (lang, None):  # load the rules and the detector first, as a running service has
        phraselint.check(bad, lang=lang_or_detected)
    return {
        "baseline: spaCy tokenizer alone": lambda: tokenizer(bad),
        "baseline: Linter.lint, language given": lambda: linter.lint(bad, lang=lang),
        "guard, blocked draft, language given": lambda: blocked(bad, lang),
        "guard, clean draft, language given": lambda: phraselint.guard(clean, lang=lang),
        "guard, blocked draft, language detected": lambda: blocked(bad, None),
        "guard, clean draft, language detected": lambda: phraselint.guard(clean),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--langs", default="en,ru,fi,sl,el")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(11)
    linter = phraselint.Linter()
    print(f"{'lang':<5}{'call':<44}{'p50 ms':>9}{'p99 ms':>9}")
    worst = 0.0
    for lang in args.langs.split(","):
        for name, call in calls_for(lang, linter, rng).items():
            p50, p99 = percentiles(call, args.calls, args.rounds)
            if name.startswith("guard"):
                worst = max(worst, p99)
            print(f"{lang:<5}{name:<44}{p50:>9.3f}{p99:>9.3f}")
    print(f"worst guard p99 over all languages: {worst:.3f} ms (bar: 2 ms)")


if __name__ == "__main__":
    main()
