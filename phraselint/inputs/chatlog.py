"""Plain chat-log reader: ``Speaker: text`` lines, conversations separated by a line of dashes.

A speaker label may carry a name in parentheses (``Agent (Sarah): …``, ``Sarah (agent): …``) and a
bracketed timestamp before it (``[2026-11-02 10:14] Customer: …``). A line without a label continues
the message above it. The role comes from the label: the settings' ``roles`` first, then the usual
names (agent, customer, bot, system, …); any other label is ``unknown``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import regex

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import read_text, speaker_of
from phraselint.model import Malformed, Message

_TURN = regex.compile(
    r"^(?:\[(?P<time>[^\]]{4,40})\]\s*)?(?P<label>[\p{L}][\p{L}\p{N} ._'-]{0,30}?)"
    r"(?:\s*\((?P<inner>[^()]{1,30})\))?\s*:(?:\s+|$)(?P<text>.*)$"
)
_SEPARATOR = regex.compile(r"^\s*(?:-{3,}|={3,})\s*$")


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the chat log at *path*."""
    source = str(path)
    conversation, index = 1, 0
    turn: dict[str, str | int | None] | None = None
    lines: list[str] = []

    def finish() -> Message | None:
        if turn is None or not "\n".join(lines).strip():
            return None
        return _message(turn, "\n".join(lines).strip(), source, str(conversation), index - 1, settings)

    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if _SEPARATOR.match(line):
            if (done := finish()) is not None:
                yield done
            turn, lines = None, []
            conversation, index = conversation + 1, 0
            continue
        found = _TURN.match(line)
        if found and len(found["label"].split()) <= 4:
            if (done := finish()) is not None:
                yield done
            turn = {"time": found["time"], "label": found["label"].strip(), "inner": found["inner"], "line": number}
            lines = [found["text"]]
            index += 1
        elif turn is not None:
            lines.append(line)
        elif line.strip():
            yield Malformed(source, str(number), "text before the first 'Speaker: text' line")
    if (done := finish()) is not None:
        yield done


def _message(
    turn: dict[str, str | int | None], text: str, source: str, conversation: str, index: int,
    settings: TranscriptSettings,
) -> Message:
    label, inner = str(turn["label"]), turn["inner"]
    role, name = speaker_of(label, None if inner is None else str(inner), settings)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=str(turn["line"]),
        speaker=label, timestamp=str(turn["time"]) if turn["time"] else None,
        agent_name=name,
    )
