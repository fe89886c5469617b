"""Lint a batch of messages held as an Arrow or pandas table: Spark's ``mapInArrow``, Dask's ``map_partitions``.

Each violation becomes one output row: the message's id columns, copied from the input, then the
language it was linted in and the violation (``violation_schema``). A batch without violations
gives an empty table of the same schema, as ``mapInArrow`` needs. Each process builds its Linter
once per configuration and reuses it for every batch. pyarrow comes with the ``dask`` and ``spark``
extras and is imported only when a batch is linted; pandas is needed only to pass a DataFrame.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

from phraselint.api import shared_linter
from phraselint.config import Config
from phraselint.errors import ConfigError
from phraselint.extras import require
from phraselint.inputs.transcript import as_text, language_code, role_of
from phraselint.model import Role, Violation
from phraselint.transcripts import Item, lint_items

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    Column = pa.Array[Any] | pa.ChunkedArray[Any]  # the stubs type to_pylist per value type

VIOLATION_COLUMNS = ("lang", "rule_id", "category", "severity", "start", "end", "text", "line", "column",
                     "message", "rewrites")
_INTEGERS = frozenset({"start", "end", "line", "column"})

Found = list[tuple[int, str, Violation]]


def violation_schema(ids: pa.Schema | Sequence[pa.Field[pa.DataType]] = ()) -> pa.Schema:
    """Return the Arrow schema of ``lint_batch``'s output: the *ids* fields, then the violation's.

    After the ids come ``lang``, ``rule_id``, ``category``, ``severity`` (strings); ``start`` and
    ``end`` (int64, character offsets into the text), ``text`` (the flagged span), ``line`` and
    ``column`` (int64, 1-based), ``message`` (string) and ``rewrites`` (list of strings, best first).
    """
    require("violation_schema", "pyarrow", extra="dask")
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        if name == "rewrites":  # named as Parquet (and Spark) name a list's items, so a read-back schema is equal
            return pa.list_(pa.field("element", pa.string()))
        return pa.int64() if name in _INTEGERS else pa.string()

    return pa.schema([*ids, *(pa.field(name, kind(name)) for name in VIOLATION_COLUMNS)])


@overload
def lint_batch(
    batch: pa.Table, *, text: str, lang: str | None = None, speaker: str | None = None,
    speakers: Collection[str] = ..., ids: Sequence[str] = (), config: Config | None = None,
) -> pa.Table: ...
@overload
def lint_batch(
    batch: pa.RecordBatch, *, text: str, lang: str | None = None, speaker: str | None = None,
    speakers: Collection[str] = ..., ids: Sequence[str] = (), config: Config | None = None,
) -> pa.RecordBatch: ...
@overload
def lint_batch(
    batch: pd.DataFrame, *, text: str, lang: str | None = None, speaker: str | None = None,
    speakers: Collection[str] = ..., ids: Sequence[str] = (), config: Config | None = None,
) -> pd.DataFrame: ...
def lint_batch(
    batch: pa.Table | pa.RecordBatch | pd.DataFrame, *, text: str, lang: str | None = None,
    speaker: str | None = None, speakers: Collection[str] = ("agent", "bot"), ids: Sequence[str] = (),
    config: Config | None = None,
) -> pa.Table | pa.RecordBatch | pd.DataFrame:
    """Return one row per violation in *batch*, in row order: its *ids* columns, then the violation.

    Args:
        batch: a pyarrow Table or RecordBatch (the same type comes back) or a pandas DataFrame (a
            DataFrame comes back).
        text: the column of message texts; null or blank ones are not linted. Offsets are into the text as given.
        lang: the column of language tags (``en``, ``ru-RU``); None, or a null value, detects the
            language. A row in a language without rules is not linted.
        speaker: the column of roles or speaker labels, read as transcript exports are (``agent``,
            ``assistant`` is a bot, ``user`` a customer, and ``[transcripts] roles`` in *config*); None
            lints every row.
        speakers: the roles to lint when *speaker* is given: agent and bot unless told.
        ids: the columns that tell which message a violation is in, copied to its row (for example
            ``("conversation_id", "index")``).
        config: what to check; each process builds one Linter per configuration and reuses it.

    Raises:
        ConfigError: a named column is missing, *text* is not a text column, an id column clashes
            with an output column, or a role in *speakers* is unknown.
        MissingExtraError: pyarrow is not installed.
    """
    require("lint_batch", "pyarrow", extra="dask")
    import pyarrow as pa

    wanted = _Wanted(text, lang, speaker, _roles(speakers), tuple(ids), config or Config())
    if isinstance(batch, (pa.Table, pa.RecordBatch)):
        found = _lint_columns(batch.schema.names, batch.column, wanted)
        chosen = batch.select(list(ids)).take(pa.array([row for row, _, _ in found], type=pa.int64()))
        arrays = [*chosen.columns, *_violation_arrays(found)]
        schema = violation_schema(chosen.schema)
        if isinstance(batch, pa.Table):
            return pa.Table.from_arrays(arrays, schema=schema)
        return pa.RecordBatch.from_arrays(arrays, schema=schema)
    if importlib.util.find_spec("pandas") is not None:  # without pandas, *batch* cannot be a DataFrame
        import pandas as pd

        if isinstance(batch, pd.DataFrame):
            frame = batch
            found = _lint_columns([str(c) for c in frame.columns], lambda c: pa.Array.from_pandas(frame[c]), wanted)
            chosen_frame = frame[list(ids)].iloc[[row for row, _, _ in found]].reset_index(drop=True)
            violations = pa.Table.from_arrays(_violation_arrays(found), schema=violation_schema()).to_pandas()
            violations["rewrites"] = violations["rewrites"].map(list)
            return pd.concat([chosen_frame, violations], axis=1)
    raise TypeError(f"lint_batch takes a pyarrow Table or RecordBatch or a pandas DataFrame, not {type(batch)}")


@dataclass(frozen=True, slots=True)
class _Wanted:
    """What lint_batch was asked: the columns to read, the roles to lint, and the configuration."""

    text: str
    lang: str | None
    speaker: str | None
    speakers: frozenset[Role]
    ids: tuple[str, ...]
    config: Config


def _roles(speakers: Collection[str]) -> frozenset[Role]:
    known = [r.value for r in Role]
    for name in speakers:
        if name not in known:
            raise ConfigError(f"lint_batch: unknown speaker role {name!r}; roles: {', '.join(known)}")
    return frozenset(Role(name) for name in speakers)


def _lint_columns(names: Sequence[str], column: Callable[[str], Column], wanted: _Wanted) -> Found:
    """Return (row, language, violation) for each violation in the batch of columns *names*."""
    import pyarrow as pa

    for name in (wanted.text, wanted.lang, wanted.speaker, *wanted.ids):
        if name is not None and name not in names:
            raise ConfigError(f"lint_batch: no column {name!r}; the batch has {', '.join(map(repr, names))}")
    for name in wanted.ids:
        if name in VIOLATION_COLUMNS:
            raise ConfigError(f"lint_batch: id column {name!r} has the name of an output column; rename it")
    texts = column(wanted.text)
    kind = texts.type.value_type if pa.types.is_dictionary(texts.type) else texts.type
    if not any(is_kind(kind) for is_kind in (pa.types.is_string, pa.types.is_large_string,
                                             pa.types.is_string_view, pa.types.is_null)):
        raise ConfigError(f"lint_batch: text column {wanted.text!r} holds {kind}, not text")
    linter = shared_linter(wanted.config)
    langs = column(wanted.lang).to_pylist() if wanted.lang is not None else None
    labels = column(wanted.speaker).to_pylist() if wanted.speaker is not None else None
    is_linted: dict[object, bool] = {}
    rows: list[int] = []
    items: list[Item] = []
    for row, message in enumerate(texts.to_pylist()):
        if not isinstance(message, str) or not message.strip():
            continue
        if labels is not None:
            label = labels[row]
            if label not in is_linted:
                is_linted[label] = role_of(as_text(label), wanted.config.transcripts) in wanted.speakers
            if not is_linted[label]:
                continue
        code = language_code(as_text(langs[row])) if langs is not None else None
        if code is not None and code not in linter.languages:
            continue
        rows.append(row)
        items.append((message, code))
    return [
        (row, code, v)
        for row, (violations, code) in zip(rows, lint_items(linter, items), strict=True)
        for v in violations
    ]


def _violation_arrays(found: Found) -> list[Column]:
    """Return the violation columns of *found*, in VIOLATION_COLUMNS order."""
    import pyarrow as pa

    columns: dict[str, list[object]] = {name: [] for name in VIOLATION_COLUMNS}
    for _, code, v in found:
        for name, value in (
            ("lang", code), ("rule_id", v.rule_id), ("category", v.category), ("severity", v.severity.value),
            ("start", v.start), ("end", v.end), ("text", v.text), ("line", v.line), ("column", v.column),
            ("message", v.message), ("rewrites", list(v.rewrites)),
        ):
            columns[name].append(value)
    schema = violation_schema()
    return [pa.array(columns[name], type=schema.field(name).type) for name in VIOLATION_COLUMNS]
