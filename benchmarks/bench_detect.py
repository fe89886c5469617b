"""Measure language detection: accuracy on the dev corpus and on short drafts, time and memory.

    python benchmarks/bench_detect.py [--corpus ../shared/corpus/dev.jsonl]

Short drafts are the shipped rules' bad examples (their language is known). Each detector mode runs
in a fresh process so its memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"


def measure(mode: str, corpus: Path) -> dict[str, object]:
    """Run one detector configuration over both sets and return its figures."""
    import phraselint
    from phraselint.lang import detect

    linter = phraselint.Linter()
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    short = [(b.text, lang) for lang in linter.languages for r in linter.rules(lang) for b in r.bad]
    if mode == "phraselint":
        guess = lambda text: detect.detect_language(text, linter.languages, "xx")  # noqa: E731
    else:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_languages(
            *(Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in linter.languages))
        detector = (builder.with_low_accuracy_mode() if mode == "lingua-low" else builder).build()

        def guess(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else "xx"

    start = time.perf_counter()
    corpus_ok = sum(guess(r["text"]) == r["lang"] for r in rows)
    short_guesses = [guess(text) for text, _ in short]
    short_ok = sum(g == lang for g, (_, lang) in zip(short_guesses, short, strict=True))
    seconds = time.perf_counter() - start
    return {
        "mode": mode, "corpus": f"{corpus_ok}/{len(rows)} = {corpus_ok / len(rows):.1%}",
        "short": f"{short_ok}/{len(short)} = {short_ok / max(len(short), 1):.1%}",
        "unsure (default used)": short_guesses.count("xx"),
        "seconds": round(seconds, 2),
        "peak MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(measure(args.mode, args.corpus)))
        return
    for mode in ("phraselint", "lingua-high", "lingua-low"):
        out = subprocess.run([sys.executable, __file__, "--mode", mode, "--corpus", str(args.corpus)],
                             capture_output=True, text=True, check=True).stdout
        print(json.loads(out))


if __name__ == "__main__":
    main()
