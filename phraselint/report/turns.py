"""Transcript reporters: each violation with where it was said, as text, JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from phraselint.model import Turn
from phraselint.report.records import violation_record

FIELDS = ("file", "conversation", "index", "where", "timestamp", "offset_ms", "role", "speaker", "agent_id",
          "agent_name", "lang", "rule_id", "category", "severity", "start", "end", "text", "line", "column",
          "message", "rewrites")


def turn_records(turn: Turn) -> list[dict[str, object]]:
    """Return one JSON-ready record per violation of *turn*: the location, then the violation."""
    m = turn.message
    where = {
        "file": m.source, "conversation": m.conversation, "index": m.index, "where": m.where,
        "timestamp": m.timestamp, "offset_ms": m.offset_ms, "role": m.role.value, "speaker": m.speaker,
        "agent_id": m.agent_id, "agent_name": m.agent_name, "lang": turn.lang,
    }
    return [where | violation_record(v) for v in turn.violations]


class TurnWriter:
    """Write the violations of each Turn as they arrive, in one of the output formats."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self._count = 0
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "json":
            out.write('{"violations": [')
        elif fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
            self._csv.writeheader()

    def write(self, turn: Turn) -> None:
        """Write *turn*'s violations (nothing for a clean or skipped turn)."""
        if not turn.violations:
            return
        if self.fmt == "text":
            self._write_text(turn)
            return
        for v, record in zip(turn.violations, turn_records(turn), strict=True):
            if self._csv is not None:
                self._csv.writerow(record | {"rewrites": " | ".join(v.rewrites)})
            elif self.fmt == "jsonl":
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                self.out.write(("," if self._count else "") + "\n  " + json.dumps(record, ensure_ascii=False))
            self._count += 1

    def close(self, summary: dict[str, object]) -> None:
        """End the output; the JSON document carries *summary* after its violations."""
        if self.fmt == "json":
            self.out.write("\n],\n" + f'"summary": {json.dumps(summary, ensure_ascii=False, indent=2)}' + "}\n")

    def _write_text(self, turn: Turn) -> None:
        m = turn.message
        who = " ".join(x for x in (m.role.value, m.agent_name or m.agent_id or "") if x)
        when = m.timestamp or (f"{m.offset_ms / 1000:.1f}s" if m.offset_ms is not None else "")
        self.out.write(f"{m.source}:{m.where}  conversation {m.conversation} #{m.index}  {who}  {when}".rstrip() + "\n")
        for v in turn.violations:
            self.out.write(f"    {v.line}:{v.column}  {v.severity.value}  {v.rule_id}  {v.message}\n")
            self.out.write(f"        flagged: {v.text}\n")
            if v.rewrites:
                self.out.write(f"        better:  {v.rewrites[0]}\n")

