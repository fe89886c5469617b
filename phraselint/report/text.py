"""Human-readable reporter: `path:line:col  severity  rule-id  message`, the better phrasing below."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from phraselint.model import Report, Violation


def write_report(out: TextIO, source: str, report: Report) -> None:
    """Write each violation of *report* with its first rewrite."""
    for v in report.violations:
        out.write(f"{source}:{v.line}:{v.column}  {v.severity.value}  {v.rule_id}  {v.message}\n")
        out.write(f"    flagged: {v.text}\n")
        if v.rewrites:
            out.write(f"    better:  {v.rewrites[0]}\n")


def write_summary(out: TextIO, reports: Sequence[Report]) -> None:
    """Write one line counting violations by severity and inputs checked."""
    severities = Counter(v.severity.value for r in reports for v in r.violations)
    total = sum(severities.values())
    if not total:
        out.write(f"All clear: {len(reports)} input(s) checked, no violations.\n")
        return
    parts = ", ".join(f"{n} {s}" for s, n in sorted(severities.items()))
    flagged = sum(1 for r in reports if r.violations)
    out.write(f"Found {total} violation(s) ({parts}) in {flagged} of {len(reports)} input(s).\n")


def write_statistics(out: TextIO, violations: Sequence[Violation]) -> None:
    """Write a count per rule, most frequent first."""
    counts = Counter((v.rule_id, v.severity.value) for v in violations)
    for (rule_id, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"{n:5d}  {severity:<7}  {rule_id}\n")
