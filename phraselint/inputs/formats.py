"""The transcript formats: which reader handles a file, by --input-format, extension or content."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.model import Malformed, Message

Reader = Callable[[Path, TranscriptSettings], Iterator[Message | Malformed]]
StreamReader = Callable[[IO[bytes], str, TranscriptSettings], Iterator[Message | Malformed]]


@dataclass(frozen=True, slots=True)
class Format:
    """A transcript format: its name, the module that reads it, and how to recognise its files."""

    name: str
    module: str
    suffixes: tuple[str, ...]
    markers: tuple[str, ...] = ()
    summary: str = ""

    def reader(self) -> Reader:
        """Return the format's read function (modules load on first use)."""
        read: Reader = importlib.import_module(f"phraselint.inputs.{self.module}").read
        return read

    def stream_reader(self) -> StreamReader | None:
        """Return the format's reader of an open binary stream, or None when it reads local files only."""
        read: StreamReader | None = getattr(importlib.import_module(f"phraselint.inputs.{self.module}"),
                                            "read_stream", None)
        return read


# JSON documents are told apart by key names near their start; order matters (first match wins).
FORMATS: tuple[Format, ...] = (
    Format("zendesk", "zendesk", (), ('"comments"',), "Zendesk ticket comments (JSON, with users sideloaded)"),
    Format("intercom", "intercom", (), ('"conversation_parts"',), "Intercom conversations (JSON)"),
    Format("connect", "connect", (), ('"Participants"', '"Transcript"'), "Amazon Connect Contact Lens output"),
    Format("ccai", "ccai", (), ('"transcriptSegments"',), "Google CCAI Insights conversations (JSON)"),
    Format("jsonl", "jsonl", (".jsonl", ".ndjson"), (), "JSON Lines chat, one message or conversation per line"),
    Format("csv", "tabular", (".csv", ".tsv"), (), "CSV/TSV exports, one message per row"),
    Format("parquet", "parquet", (".parquet", ".pq"), (), "Apache Parquet, one message per row (needs pyarrow)"),
    Format("vtt", "vtt", (".vtt",), (), "WebVTT captions with <v Speaker> voice spans"),
    Format("srt", "subrip", (".srt",), (), "SRT subtitles with speaker prefixes"),
    Format("eml", "mail", (".eml",), (), "one e-mail message (.eml)"),
    Format("mbox", "mail", (".mbox",), (), "an mbox mailbox of e-mails"),
    Format("chat", "chatlog", (".txt", ".log", ".chat"), (), "plain 'Speaker: text' chat logs"),
)
_BY_NAME = {f.name: f for f in FORMATS}
_SNIFF_CHARS = 65536


def format_names() -> tuple[str, ...]:
    """Return the names --input-format accepts."""
    return tuple(_BY_NAME)


def format_for(path: Path, forced: str | None = None) -> Format:
    """Return the Format of *path*: the forced one, else by extension, else by content."""
    fmt = _named_or_suffixed(str(path), path.suffix, forced)
    if fmt is not None:
        return fmt
    suffix = path.suffix.casefold()
    if suffix == ".json":
        try:
            with path.open(encoding="utf-8", errors="replace") as f:
                head = f.read(_SNIFF_CHARS)
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror}") from None
        for fmt in FORMATS:
            if fmt.markers and all(m in head for m in fmt.markers):
                return fmt
        if head.lstrip().startswith("{") and "\n{" in head.strip():
            return _BY_NAME["jsonl"]
    raise InputError(
        str(path),
        f"cannot tell the transcript format; pass --input-format, one of: {', '.join(_BY_NAME)}",
    )


def _named_or_suffixed(source: str, suffix: str, forced: str | None) -> Format | None:
    """Return the forced Format, else the one whose extension *suffix* is, else None."""
    if forced is not None:
        if forced not in _BY_NAME:
            raise InputError(source, f"unknown input format {forced!r}; known: {', '.join(_BY_NAME)}")
        return _BY_NAME[forced]
    return next((fmt for fmt in FORMATS if suffix.casefold() in fmt.suffixes), None)


def read_transcript(
    path: Path, settings: TranscriptSettings, forced: str | None = None,
) -> Iterator[Message | Malformed]:
    """Yield the Messages of *path* in order, and a Malformed for each record that cannot be read."""
    yield from format_for(path, forced).reader()(path, settings)


def read_transcript_stream(
    f: IO[bytes], source: str, settings: TranscriptSettings, forced: str | None = None,
) -> Iterator[Message | Malformed]:
    """Yield the Messages of the open binary stream *f* of the remote file *source* (a URL), in order.

    The format is the forced one, else told by the name's extension; only formats with a stream
    reader (JSON Lines and Parquet) can be read this way.
    """
    fmt = _named_or_suffixed(source, PurePosixPath(source.partition("?")[0]).suffix, forced)
    read = fmt.stream_reader() if fmt is not None else None
    if read is None:
        streamed = " or ".join(known.name for known in FORMATS if known.stream_reader() is not None)
        what = f"{fmt.name} is read from local files only" if fmt else "cannot tell the format by the name"
        raise InputError(source, f"{what}; a remote file must be {streamed} (by extension or --input-format)")
    yield from read(f, source, settings)
