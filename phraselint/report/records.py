"""The JSON-ready record of a Violation, shared by the machine-readable reporters."""

from __future__ import annotations

from phraselint.model import Violation


def violation_record(v: Violation) -> dict[str, object]:
    """Return *v* as a JSON-ready mapping (the shape of `--format json` and `jsonl`)."""
    return {
        "rule_id": v.rule_id, "category": v.category, "severity": v.severity.value,
        "start": v.start, "end": v.end, "text": v.text, "line": v.line, "column": v.column,
        "message": v.message, "rewrites": list(v.rewrites),
    }
