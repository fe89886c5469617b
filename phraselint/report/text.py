"""Human-readable reporters: violations with the better phrasing below, and run summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from phraselint.model import Report, Role, Skip, Violation
from phraselint.report.summary import Summary


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


def describe_run(summary: Summary, speakers: frozenset[Role]) -> str:
    """Return the closing lines of a transcript run: what was read, linted, skipped and found."""
    skipped = ", ".join(
        f"{n:,} {reason.value}" + ("s" if reason is Skip.INTERNAL and n != 1 else "")
        for reason, n in summary.skipped.most_common()
    )
    roles = ", ".join(f"{n:,} {role.value}" for role, n in summary.skipped_roles.most_common())
    lines = [
        f"Read {summary.read:,} message(s): linted {summary.linted:,} ({'/'.join(sorted(speakers))})"
        + (f"; skipped {skipped}" + (f" (by speaker: {roles})" if roles else "") if skipped else "")
        + f"; {summary.malformed_count:,} malformed record(s)."
    ]
    severities = ", ".join(f"{n:,} {s}" for s, n in sorted(summary.by_severity.items()))
    lines.append(f"Found {summary.violations:,} violation(s)" + (f" ({severities})." if severities else "."))
    unknown = summary.skipped_roles.get(Role.UNKNOWN, 0)
    if unknown and Role.UNKNOWN not in speakers:
        lines.append(
            f"{unknown:,} message(s) had no known role: map the export's speaker values in phraselint.toml,"
            ' e.g. [transcripts] roles = {"Sarah" = "agent"}, or agent-domains for e-mail.'
        )
    return "\n".join(lines)
