"""CSV and TSV transcript reader: one message per row under a header row.

The delimiter is a tab for ``.tsv`` files; otherwise a comma, or a semicolon when the header line
has more semicolons than commas (as spreadsheets save CSV where the decimal mark is a comma).
Columns are the ones named in ``[transcripts]``, else the usual names (``conversation_id``,
``role``/``speaker``/``sender``, ``text``/``message``, ``timestamp``, ``agent_name``, ``agent_id``,
``lang``), compared ignoring case, with spaces and hyphens read as underscores (``Conversation ID``
is ``conversation_id``). A bare ``id`` column names the message, not its conversation; without a
conversation column the whole file is conversation ``"1"``.

Role rule: the role column's value through the settings' ``roles`` table, then the usual names
(agent, customer, bot, system, …); any other value is unknown. *where* is the line on which the
row starts (a quoted cell may span lines). A row with an empty text or role cell, or with more
cells than the header, is malformed; a header without a text or role column stops the file.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.transcript import (
    AGENT_FIELDS,
    CONVERSATION_FIELDS,
    LANG_FIELDS,
    ROLE_FIELDS,
    TEXT_FIELDS,
    TIMESTAMP_FIELDS,
    language_code,
    open_binary,
    role_of,
)
from phraselint.model import Malformed, Message, Role

# A bare "id" column is the message's own id, not its conversation's.
_CONVERSATION_COLUMNS = tuple(f for f in CONVERSATION_FIELDS if f != "id")
_NAME_COLUMNS = tuple(f for f in AGENT_FIELDS if not f.endswith("_id"))


@dataclass(frozen=True, slots=True)
class Columns:
    """The header's names, and where each field is in a row (None: the file has no such column)."""

    header: tuple[str, ...]
    text: int
    role: int
    conversation: int | None
    timestamp: int | None
    agent_name: int | None
    agent_id: int | None
    lang: int | None


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the CSV or TSV file at *path*, one row at a time."""
    source = str(path)
    with open_binary(path) as f:
        lines = _decoded(f, source)
        first = next(lines, None)
        if first is None:
            return
        yield from _messages(itertools.chain([first], lines), _delimiter(path, first), source, settings)


def _decoded(f: io.BufferedReader, source: str) -> Iterator[str]:
    """Yield the lines of *f* as text, line endings kept (as csv wants), naming the line that is not UTF-8."""
    for number, raw in enumerate(f, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A quoted cell may go on past this line, so the rows after it cannot be trusted.
            raise InputError(source, f"line {number}: cannot decode as utf-8 ({exc.reason})") from None
        yield line.removeprefix("\ufeff") if number == 1 else line


def _delimiter(path: Path, header: str) -> str:
    """Return the cell delimiter of *path*, whose first line is *header*."""
    if path.suffix.casefold() == ".tsv":
        return "\t"
    return ";" if header.count(";") > header.count(",") else ","


def _messages(
    lines: Iterator[str], delimiter: str, source: str, settings: TranscriptSettings
) -> Iterator[Message | Malformed]:
    """Yield a Message per data row of *lines*, whose first non-blank row is the header."""
    rows = csv.reader(lines, delimiter=delimiter)
    columns: Columns | None = None
    counts: dict[str, int] = {}
    while True:
        where = str(rows.line_num + 1)
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            # What csv says after a dash is advice to the programmer, not to the user.
            yield Malformed(source, where, f"not CSV: {str(exc).partition(' - ')[0]}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            found = find_columns(tuple(cell.strip() for cell in row), settings)
            if isinstance(found, str):
                yield Malformed(source, where, found)
                return
            columns = found
            continue
        if len(row) > len(columns.header):
            yield Malformed(source, where, f"{len(row)} cells, but the header has {len(columns.header)}")
            continue
        yield _message(row, columns, source, where, settings, counts)


def _message(
    row: Sequence[str], columns: Columns, source: str, where: str,
    settings: TranscriptSettings, counts: dict[str, int],
) -> Message | Malformed:
    """Return the Message of one data row, or why it is malformed."""

    def cell(column: int | None) -> str | None:
        return (row[column].strip() or None) if column is not None and column < len(row) else None

    return row_message(cell, cell(columns.timestamp), columns, source, where, settings, counts)


def row_message(
    cell: Callable[[int | None], str | None], timestamp: str | None, columns: Columns, source: str, where: str,
    settings: TranscriptSettings, counts: dict[str, int],
) -> Message | Malformed:
    """Return the Message of one row whose cells *cell* gives as text by column, or why it is malformed.

    *counts* numbers the messages of each conversation in the order they are read.
    """
    text, speaker = cell(columns.text), cell(columns.role)
    if text is None:
        return Malformed(source, where, f"empty {columns.header[columns.text]!r} cell")
    if speaker is None:
        return Malformed(source, where, f"empty {columns.header[columns.role]!r} cell")
    role = role_of(speaker, settings)
    conversation = cell(columns.conversation) or "1"
    index = counts.get(conversation, 0)
    counts[conversation] = index + 1
    is_staff = role in (Role.AGENT, Role.BOT)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=where,
        speaker=speaker, timestamp=timestamp,
        agent_id=cell(columns.agent_id) if is_staff else None,
        agent_name=cell(columns.agent_name) if is_staff else None,
        lang=language_code(cell(columns.lang)),
    )


def find_columns(header: tuple[str, ...], settings: TranscriptSettings) -> Columns | str:
    """Return the columns of *header*, or the problem when it has no text or role column."""
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        positions.setdefault(_normal(name), position)

    def find(configured: str | None, usual: Sequence[str]) -> int | None:
        wanted = (configured,) if configured is not None else usual
        return next((positions[_normal(w)] for w in wanted if _normal(w) in positions), None)

    text = find(settings.text_field, TEXT_FIELDS)
    role = find(settings.role_field, ROLE_FIELDS)
    if text is None:
        return _missing("text", settings.text_field, TEXT_FIELDS, header)
    if role is None:
        return _missing("role", settings.role_field, ROLE_FIELDS, header)
    return Columns(
        header=header, text=text, role=role,
        conversation=find(settings.conversation_field, _CONVERSATION_COLUMNS),
        timestamp=find(settings.timestamp_field, TIMESTAMP_FIELDS),
        agent_name=find(settings.agent_field, _NAME_COLUMNS),
        agent_id=find(None, ("agent_id",)),
        lang=find(settings.lang_field, LANG_FIELDS),
    )


def _normal(name: str) -> str:
    """Return a column name as compared: case-folded, with spaces and hyphens as underscores."""
    return name.strip().casefold().replace(" ", "_").replace("-", "_")


def _missing(what: str, configured: str | None, usual: Sequence[str], header: Sequence[str]) -> str:
    """Return the problem of a header lacking its *what* column, with the setting that maps one."""
    looked = ", ".join(repr(c) for c in ((configured,) if configured is not None else usual))
    present = ", ".join(repr(c) for c in header)
    return (
        f"no {what} column (looked for {looked}; the header has {present}); "
        f'set [transcripts] {what} = "<column>" in phraselint.toml'
    )
