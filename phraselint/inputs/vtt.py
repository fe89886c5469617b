"""WebVTT caption reader: one message per cue, the speaker from its ``<v Speaker>`` voice span.

The file is parsed by webvtt-py. Each cue with text becomes one message, in file order: consecutive
cues of the same speaker stay separate messages, as a caption track splits a turn into cues. The
speaker is the name in the voice span that opens the cue (``<v Sarah Lee>``, ``<v.loud Customer>``);
a cue without one continues the speaker of the cue before it, and cues before the first voice span
have role ``unknown``. Only the opening voice span counts: a cue holding two voices is given to the first.

The role comes from the voice name: the settings' ``roles`` first (``roles = {"Sarah Lee" = "agent"}``),
then the usual names (Agent, Customer, Bot, …); any other name is ``unknown``. An agent or bot voice that
is a name rather than a role word is also the message's ``agent_name``.

The text is the cue's text with its tags removed, character references decoded (``&amp;`` -> ``&``)
and its lines joined with a space, since a caption's line breaks are layout, not speech.
``conversation`` is the file's stem, ``offset_ms`` the cue's start, ``lang`` the header's
``Language:`` line when there is one, and ``where`` the line number of the cue's timing line
(``00:00:01.200 --> 00:00:05.800``). A ``-->`` line that webvtt-py does not read as a cue (a bad
timestamp) is reported as Malformed there, and reading goes on; a file webvtt-py rejects as a whole
(no ``WEBVTT`` first line) gives one Malformed at line 1.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Caption, Timestamp
from webvtt.vtt import WebVTTCueBlock

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import language_code, read_text, speaker_of
from phraselint.model import Malformed, Message, Role

# The line terminators webvtt-py splits on, so our line numbers count the lines it reads.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the WebVTT file at *path*."""
    source = str(path)
    text = read_text(path)
    try:
        captions = webvtt.from_string(text)
    except (MalformedFileError, MalformedCaptionError) as exc:
        yield Malformed(source, "1", f"webvtt-py cannot read it ({exc}); a WebVTT file starts with a 'WEBVTT' line")
        return
    lang = _language(captions.metadata)
    pending = iter(captions.captions)
    caption = next(pending, None)
    speaker: str | None = None
    index = 0
    for number, line in _timing_lines(text):
        if caption is None or not _times_match(line, caption):
            yield Malformed(source, str(number), f"not a valid cue timing line ({line.strip()!r}); cue skipped")
            continue
        voice = (caption.voice or "").strip()
        if voice:
            speaker = voice
        words = " ".join(part.strip() for part in html.unescape(caption.text).splitlines() if part.strip())
        if words:
            role, name = speaker_of(speaker, None, settings) if speaker else (Role.UNKNOWN, None)
            yield Message(
                text=words, role=role, source=source, conversation=path.stem, index=index, where=str(number),
                speaker=speaker, offset_ms=caption.start_time.in_milliseconds(),
                agent_name=name, lang=lang,
            )
            index += 1
        caption = next(pending, None)


def _timing_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield the number and text of each line that webvtt-py may read as a cue's timings."""
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        # The header line and comment blocks may mention "-->" without being cues.
        if number > 1 and "-->" in line and not line.startswith("NOTE"):
            yield number, line


def _times_match(line: str, caption: Caption) -> bool:
    """Return True when timing *line* is the one webvtt-py read *caption* from."""
    found = WebVTTCueBlock.CUE_TIMINGS_PATTERN.match(line)
    if found is None:
        return False
    try:
        start, end = Timestamp.from_string(found[1]), Timestamp.from_string(found[2])
    except MalformedCaptionError:
        return False
    return (start.in_milliseconds(), end.in_milliseconds()) == (
        caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds()
    )


def _language(metadata: list[str]) -> str | None:
    """Return the language of a ``Language: en-US`` header line, if the header has one."""
    for line in metadata:
        key, colon, value = line.partition(":")
        if colon and key.strip().casefold() == "language":
            return language_code(value.strip())
    return None
