"""Lint a transcript archive on a Dask cluster: a task per file, the violations written as a Parquet dataset.

Each input file, a local path or an fsspec URL (``s3://…``, ``gs://…``), is one task. A worker reads
it with the reader ``phraselint transcripts`` uses (so roles, skips and ``file:line`` of malformed
records are the same), lints it with its process's one Linter, writes the file's violations in
order to ``part-NNNNN.parquet`` (N: the file's position among the inputs) under a temporary name
that it renames when the file is complete, and sends back only the file's Summary. A task that
runs again (its worker died, or storage failed) writes the same name again, so the dataset never
holds a file's violations twice. The client merges the summaries in file order, so the totals and
the HTML report are the single-machine run's. dask, distributed, pyarrow and fsspec come with the
``dask`` extra and are imported only here, when a run starts.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from phraselint.api import shared_linter
from phraselint.batch import violation_schema
from phraselint.config import Config
from phraselint.errors import ConfigError, InputError
from phraselint.extras import require
from phraselint.inputs.formats import read_transcript_stream
from phraselint.model import Malformed, Message, Role, Turn
from phraselint.report.summary import Summary
from phraselint.report.turns import turn_records
from phraselint.transcripts import DEFAULT_SPEAKERS, lint_records, read_records

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client
    from fsspec import AbstractFileSystem

_MODULES = ("dask", "distributed", "pyarrow", "fsspec")
_GLOB = re.compile(r"[*?\[]")
_PART = re.compile(r"^part-(\d{5,})\.parquet$")
_ROWS_PER_GROUP = 65536
# A task is retried this often after an exception (a storage hiccup); a worker's death is retried by
# the scheduler on its own (distributed.scheduler.allowed-failures).
_RETRIES = 2


def archive_schema() -> pa.Schema:
    """Return the schema of the dataset's files: where each violation was said, then the violation.

    The columns are those of ``--format csv``: ``file``, ``conversation``, ``index`` (int64, the
    message's position in its conversation), ``where`` (line, row or JSON pointer), ``timestamp``,
    ``offset_ms`` (int64), ``role``, ``speaker``, ``agent_id``, ``agent_name``, then
    ``violation_schema()``'s (``lang``, ``rule_id`` … ``rewrites``).
    """
    require("--engine dask", *_MODULES, extra="dask")
    import pyarrow as pa

    integers = {"index", "offset_ms"}
    location = [
        pa.field(name, pa.int64() if name in integers else pa.string())
        for name in ("file", "conversation", "index", "where", "timestamp", "offset_ms", "role", "speaker",
                     "agent_id", "agent_name")
    ]
    return violation_schema(location)


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """Connect to the Dask scheduler at *scheduler*, or start a LocalCluster of *workers* processes.

    Each local worker is a process with one thread: linting is CPU-bound Python, so processes,
    not threads, use the cores.
    """
    require("--engine dask", *_MODULES, extra="dask")
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client


def expand_sources(paths: Sequence[str]) -> list[str]:
    """Return the files *paths* name, in order; a URL with ``*``, ``?`` or ``[`` names every file it matches.

    Local paths are kept as given (the shell expands their patterns), so that they are named as
    the single-machine run names them.
    """
    sources: list[str] = []
    for path in paths:
        if "://" not in path:
            sources.append(path)
            continue
        fs, pattern = filesystem(path)
        if not _GLOB.search(path):
            sources.append(path)
            continue
        found = fs.glob(pattern)
        if not found:
            raise InputError(path, "no file matches")
        sources.extend(fs.unstrip_protocol(p) for p in sorted(found))
    return sources


def filesystem(url: str) -> tuple[AbstractFileSystem, str]:
    """Return the fsspec filesystem of *url* and the path on it, or say which package it needs."""
    require("--engine dask", *_MODULES, extra="dask")
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # "Install s3fs to access S3", "Protocol not known: …"
        raise ConfigError(f"{url}: {exc}") from None
    return fs, path


@dataclass(frozen=True, slots=True)
class _Run:
    """What every task of a run needs: where to write, and what and how to lint."""

    output: str
    config: Config
    speakers: frozenset[Role]
    lang: str | None
    input_format: str | None


def lint_archive(
    sources: Sequence[str],
    output: str,
    client: Client,
    *,
    config: Config | None = None,
    speakers: frozenset[Role] = DEFAULT_SPEAKERS,
    lang: str | None = None,
    input_format: str | None = None,
    on_file: Callable[[str, Summary], None] | None = None,
) -> Summary:
    """Lint each file of *sources* as one task on *client*'s cluster and return the run's Summary.

    *sources* are local paths and fsspec URLs; a URL pattern names the files it matches
    (``expand_sources``). The Nth file's violations go to ``{output}/part-NNNNN.parquet``
    (``archive_schema()``); an earlier run's extra parts and temporary files are removed once every
    task is done.

    Args:
        output: a folder, local or an fsspec URL, that every worker can write to.
        on_file: called with each file's source and Summary as it finishes (in the order files
            finish); an exception from it cancels the run.
    """
    require("--engine dask", *_MODULES, extra="dask")
    from distributed import KilledWorker, as_completed

    sources = expand_sources(sources)
    config = config or Config()
    linter = shared_linter(config)
    if lang is not None:
        linter.rules(lang)  # an unsupported --lang fails here, before a task starts
    fs, folder = filesystem(output)
    try:
        fs.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot make the output folder {output}: {exc}") from None
    run = _Run(output, config, speakers, lang, input_format)
    futures = [
        client.submit(_lint_file, number, source, run, pure=False, retries=_RETRIES)
        for number, source in enumerate(sources)
    ]
    numbers = {future.key: number for number, future in enumerate(futures)}
    parts: dict[int, Summary] = {}
    try:
        for future in as_completed(futures):
            number = numbers[future.key]
            try:
                part: Summary = future.result()
            except OSError as exc:
                raise InputError(sources[number], f"cannot read it or write its part to {output}: {exc}") from None
            except KilledWorker:
                raise InputError(sources[number], "every worker that linted it died (out of memory? see the "
                                                  "workers' logs)") from None
            parts[number] = part
            if on_file is not None:
                on_file(sources[number], part)
    finally:
        client.cancel(futures)
    _remove_leftovers(fs, folder, len(sources))
    summary = Summary()
    for number in range(len(sources)):
        summary.merge(parts[number])
    return summary


def _lint_file(number: int, source: str, run: _Run) -> Summary:
    """Lint one file on a worker, write its violations to its part file, and return its Summary."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    linter = shared_linter(run.config)
    schema = archive_schema()
    fs, folder = filesystem(run.output)
    final = f"{folder}/part-{number:05d}.parquet"
    # The dot keeps an unfinished file out of the dataset: Parquet readers skip names starting with it.
    temporary = f"{folder}/.part-{number:05d}.{uuid.uuid4().hex}.tmp"
    summary = Summary()
    try:
        with fs.open(temporary, "wb") as f, pq.ParquetWriter(f, schema) as writer:
            rows: list[dict[str, object]] = []
            for item in lint_records(_records(source, run), linter, run.speakers, run.lang):
                summary.add(item)
                if isinstance(item, Turn) and item.violations:
                    rows.extend(turn_records(item))
                    if len(rows) >= _ROWS_PER_GROUP:
                        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                        rows.clear()
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        fs.mv(temporary, final)
    finally:
        if fs.exists(temporary):
            fs.rm(temporary)
    summary.finish()
    return summary


def _records(source: str, run: _Run) -> Iterator[Message | Malformed]:
    """Yield the records of one file: a local one as ``phraselint transcripts`` reads it, a URL by fsspec."""
    import fsspec

    if "://" not in source:
        yield from read_records([Path(source)], run.config, run.input_format)
        return
    try:
        with fsspec.open(source, "rb") as f:
            yield from read_transcript_stream(f, source, run.config.transcripts, run.input_format)
    except FileNotFoundError:
        yield Malformed(source, "", "no such file")
    except InputError as exc:
        yield Malformed(exc.source, "", exc.problem)


def _remove_leftovers(fs: AbstractFileSystem, folder: str, parts: int) -> None:
    """Remove the temporary files of tasks that died, and the parts beyond this run's *parts* files."""
    for path in fs.ls(folder, detail=False):
        name = path.rstrip("/").rsplit("/", 1)[-1]
        part = _PART.match(name)
        if (name.startswith(".part-") and name.endswith(".tmp")) or (part and int(part[1]) >= parts):
            fs.rm(path)
