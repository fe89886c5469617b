"""Parquet transcript reader: one message per row, streamed a batch of rows at a time.

Columns are found as in CSV: the ones named in ``[transcripts]``, else the usual names
(``conversation_id``, ``role``/``speaker``/``sender``, ``text``/``message``/``content``,
``timestamp``, ``agent_name``, ``agent_id``, ``lang``), compared ignoring case, with spaces and
hyphens read as underscores; a bare ``id`` column names the message, not its conversation, and
without a conversation column the whole file is conversation ``"1"``. Only those columns are read.
Values may be of any scalar type: numbers become text, and timestamps (Parquet timestamps, dates,
or epoch numbers) become ISO 8601.

Role rule: the role column's value through the settings' ``roles`` table, then the usual names
(agent, customer, bot, system, …); any other value is unknown. *where* is the row number in the
file, 1 for the first row. A row whose text or role is null or blank is malformed; a file without a
text or role column, or that is not Parquet, is one Malformed.

Reading Parquet needs pyarrow (the ``dask`` extra), imported only when a Parquet file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.extras import require
from phraselint.inputs.tabular import Columns, find_columns, row_message
from phraselint.inputs.transcript import as_text, timestamp_text
from phraselint.model import Malformed, Message

_BATCH_ROWS = 8192


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the Parquet file at *path*, a batch of rows at a time."""
    yield from _read(str(path), str(path), settings)


def read_stream(f: IO[bytes], source: str, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of a Parquet file open for binary reading (and seekable), named *source*."""
    yield from _read(f, source, settings)


def _read(target: str | IO[bytes], source: str, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    require("reading Parquet", "pyarrow", extra="dask")
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(target)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except (pa.ArrowException, OSError) as exc:
        raise InputError(source, f"not Parquet: {exc}") from None
    header = tuple(parquet.schema_arrow.names)
    columns = find_columns(header, settings)
    if isinstance(columns, str):
        yield Malformed(source, "", columns)
        return
    wanted = [c for c in (columns.text, columns.role, columns.conversation, columns.timestamp,
                          columns.agent_name, columns.agent_id, columns.lang) if c is not None]
    names = [header[c] for c in sorted(set(wanted))]
    counts: dict[str, int] = {}
    row = 0
    batches = parquet.iter_batches(batch_size=_BATCH_ROWS, columns=names)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as exc:
            # A damaged row group leaves no way to the rows after it.
            yield Malformed(source, str(row + 1), f"cannot read the rows from here on: {exc}")
            return
        if batch is None:
            return
        values = {c: batch.column(header[c]).to_pylist() for c in set(wanted)}
        for i in range(batch.num_rows):
            row += 1
            yield _message({c: v[i] for c, v in values.items()}, columns, source, str(row), settings, counts)


def _message(
    cells: dict[int, object], columns: Columns, source: str, where: str,
    settings: TranscriptSettings, counts: dict[str, int],
) -> Message | Malformed:
    """Return the Message of one row (*cells* by column position), or why it is malformed."""

    def cell(column: int | None) -> str | None:
        return as_text(cells[column]) if column is not None else None

    timestamp = timestamp_text(cells[columns.timestamp]) if columns.timestamp is not None else None
    return row_message(cell, timestamp, columns, source, where, settings, counts)
