"""JSON and JSON Lines reporters."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from phraselint.model import Report
from phraselint.report.records import violation_record


def write_json(out: TextIO, results: Sequence[tuple[str, Report]]) -> None:
    """Write one JSON document: every input with its language, verdict and violations."""
    counts: Counter[str] = Counter()
    files = []
    for source, report in results:
        counts.update(report.counts)
        files.append({"path": source, "lang": report.lang, "ok": report.ok,
                      "violations": [violation_record(v) for v in report.violations]})
    document = {"ok": all(r.ok for _, r in results), "counts": dict(counts), "files": files}
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(out: TextIO, source: str, report: Report) -> None:
    """Write one JSON object per violation of *report*, each naming its input."""
    for v in report.violations:
        out.write(json.dumps({"path": source, "lang": report.lang, **violation_record(v)}, ensure_ascii=False))
        out.write("\n")
