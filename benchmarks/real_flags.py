"""Report how often real agent replies get flagged, per source, and the most frequent flagged phrases.

    python benchmarks/real_flags.py [--corpus ../shared/corpus/real] [--top 30] [--show RULE_ID]

Reads the agent rows of the real-text corpus (twcs, ibm_twitter_cdp, citibanamex_es, orange_be_fr)
in the languages phraselint has rules for. Real agents rarely write these phrases, so most flags
here are false alarms worth a look; `--show` prints the replies a rule flagged. The corpus is not
shipped with phraselint and is only read from where it lies.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import phraselint

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
# The converted file of each source (the folders also hold the originals as retrieved).
SOURCES = {
    "twcs": "twcs.jsonl", "ibm_twitter_cdp": "ibm_twitter_cdp.jsonl",
    "citibanamex_es": "citibanamex.jsonl", "orange_be_fr": "orange_be_fr.jsonl",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--show", help="print the replies this rule id (or category) flagged")
    parser.add_argument("--ignore", default="", help="comma-separated selectors to ignore")
    args = parser.parse_args()
    config = phraselint.Config(ignore=tuple(s for s in args.ignore.split(",") if s))
    linter = phraselint.Linter(config=config)
    phrases: Counter[tuple[str, str]] = Counter()
    print(f"{'source':<18}{'lang':<6}{'replies':>9}{'flagged (error)':>17}{'share':>8}")
    for source, name in SOURCES.items():
        for path in [args.corpus / source / name]:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            by_lang: dict[str, list[str]] = {}
            for row in rows:
                if row.get("speaker") == "agent" and row.get("lang") in linter.languages:
                    by_lang.setdefault(row["lang"], []).append(row["text"])
            for lang, texts in sorted(by_lang.items()):
                flagged = 0
                for text, report in zip(texts, linter.lint_many(texts, lang=lang), strict=True):
                    errors = [v for v in report.violations if v.severity is phraselint.Severity.ERROR]
                    flagged += bool(errors)
                    for v in report.violations:
                        phrases[(v.rule_id, v.text.lower())] += 1
                        if args.show and args.show in (v.rule_id, v.category):
                            print(f"  [{v.rule_id}] {v.text!r}: {' '.join(text.split())[:200]}")
                print(f"{source:<18}{lang:<6}{len(texts):>9}{flagged:>17}{flagged / len(texts):>8.2%}")
    print(f"\n{args.top} most frequent flagged phrases:")
    for (rule_id, text), n in phrases.most_common(args.top):
        print(f"{n:6d}  {rule_id:<50} {text!r}")


if __name__ == "__main__":
    main()
