"""SubRip (SRT) subtitle reader: one message per cue, the speaker from a label opening its text.

The file is parsed by the srt library. Each cue with text becomes one message, in file order:
consecutive cues of the same speaker stay separate messages. A cue's text may open with a speaker
label, after an optional dialogue dash (``- ``) or broadcast speaker-change chevrons (``>> ``):

- ``AGENT: …``, ``Sarah Lee: …``, ``Speaker 2: …`` — up to four words, each capitalised or a number
  (or any role name, such as ``agent:``), so that speech such as ``the reason is: …`` is not a label;
- ``Agent (Sarah): …`` names the agent, ``Sarah (agent): …`` gives the role in the parentheses;
- ``[Customer] …``, ``[Agent (Sarah)] …`` — only when the label or its parentheses name a role (a usual
  role name, or one mapped in ``roles``), so that sound descriptions such as ``[laughs]`` stay text.

A cue without a label continues the speaker of the cue before it; cues before the first label, and a
cue opening with ``>>`` but no label (a new, unnamed speaker), have role ``unknown``. A label only counts
at the start of a cue: a cue holding two speakers' lines is given to the first.

The role comes from the label: the settings' ``roles`` first (``roles = {"Sarah Lee" = "agent"}``),
then the usual names (agent, customer, bot, …); any other label is ``unknown``. An agent or bot label
that is a name rather than a role word, or the name in its parentheses, is the ``agent_name``.

The text is the cue's text without the label and without formatting tags (``<i>``, ``<b>``, ``<u>``,
``<font …>``, ``{\\an8}``), its lines joined with a space, since a subtitle's line breaks are layout, not
speech. ``conversation`` is the file's stem, ``offset_ms`` the cue's start, and ``where`` the line number
of the cue's index line (of its timing line when the index is missing). Text the srt library cannot
parse gives one Malformed at its first line, and the rest of the file is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

# srt ships no type information; what we use of it is typed where we read it.
import srt  # type: ignore[import-untyped]

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import read_text, role_of, speaker_of
from phraselint.model import Malformed, Message, Role

_TAGS = re.compile(r"</?(?:b|i|u|font)\b[^>]*>|\{\\an?\d{1,2}\}", re.IGNORECASE)
_MARKER = re.compile(r"(?:(?P<chevrons>>>+)|-)\s*")
_NAME = r"(?P<label>[^\W\d_][\w.'’ -]{0,40}?)\s*(?:\((?P<inner>[^()]{1,40})\))?"
_COLON_LABEL = re.compile(rf"{_NAME}\s*:(?:\s+|$)")
_BRACKET_LABEL = re.compile(rf"\[\s*{_NAME}\s*\]\s*:?(?:\s+|$)")

_Speaker = tuple[Role, str | None, str | None]
_NOBODY: _Speaker = (Role.UNKNOWN, None, None)


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the SRT file at *path*."""
    source = str(path)
    text = read_text(path)
    speaker = _NOBODY
    index, line, counted = 0, 1, 0
    # srt.parse yields exactly the matches of srt.SRT_REGEX in order, so the regex gives each cue's position.
    matches = srt.SRT_REGEX.finditer(text)
    try:
        for cue, found in zip(srt.parse(text), matches, strict=False):
            start = found.start(1) if found.group(1) is not None else found.start(2)
            line, counted = line + text.count("\n", counted, start), start
            content: str = cue.content
            offset: timedelta = cue.start
            speaker, words = _split_label(" ".join(_TAGS.sub("", content).split()), speaker, settings)
            if not words:
                continue
            role, label, name = speaker
            yield Message(
                text=words, role=role, source=source, conversation=path.stem, index=index, where=str(line),
                speaker=label, offset_ms=offset // timedelta(milliseconds=1), agent_name=name,
            )
            index += 1
    except srt.SRTParseError as exc:
        unmatched: str = exc.unmatched_content
        at: int = exc.expected_start + len(unmatched) - len(unmatched.lstrip())
        first = unmatched.strip().splitlines()[0][:60] if unmatched.strip() else unmatched
        yield Malformed(
            source, str(text.count("\n", 0, at) + 1),
            f"not an SRT cue (an index line, then 'hh:mm:ss,mmm --> hh:mm:ss,mmm', then text): {first!r}; "
            "the rest of the file is not read",
        )


def _split_label(text: str, previous: _Speaker, settings: TranscriptSettings) -> tuple[_Speaker, str]:
    """Return the speaker of a cue's *text* and the text without its label; unlabelled cues keep *previous*."""
    marker = _MARKER.match(text)
    rest = text[marker.end():] if marker else text
    found = _COLON_LABEL.match(rest) or _BRACKET_LABEL.match(rest)
    if found is not None and _is_label(found, settings):
        label = found["label"].strip()
        role, name = speaker_of(label, found["inner"], settings)
        return (role, label, name), rest[found.end():].strip()
    if marker and marker["chevrons"]:
        return _NOBODY, rest
    return previous, text


def _is_label(found: re.Match[str], settings: TranscriptSettings) -> bool:
    """Return True when a possible label names a speaker rather than opening a sentence or a sound."""
    label, inner = found["label"], found["inner"]
    if role_of(label, settings) is not Role.UNKNOWN or role_of(inner, settings) is not Role.UNKNOWN:
        return True
    words = label.split()
    return (
        found.re is _COLON_LABEL and 0 < len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words)
    )
