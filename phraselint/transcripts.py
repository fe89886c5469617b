"""Lint exported conversations: read each file, pick the speakers to lint, lint in worker processes.

Messages stream through in order and in bounded batches, so memory stays flat however long the
export is; with ``jobs > 1`` each worker process builds its own Linter once and lints whole
batches, while this process reads the files and keeps the order.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from phraselint.api import Linter
from phraselint.config import Config
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.model import Malformed, Message, Role, Skip, Turn, Violation

DEFAULT_SPEAKERS = frozenset({Role.AGENT, Role.BOT})
_BATCH = 256
# An export is read once and most of its ids and names are new: a small memory of word forms and
# chunks per language keeps a long run's memory flat, and costs little speed (a bulk service keeps more).
STREAM_CACHE = 40_000

Item = tuple[str, str | None]
Outcome = tuple[tuple[Violation, ...], str]


def lint_transcripts(
    paths: Iterable[Path],
    *,
    config: Config | None = None,
    speakers: frozenset[Role] = DEFAULT_SPEAKERS,
    lang: str | None = None,
    jobs: int = 1,
    input_format: str | None = None,
) -> Iterator[Turn | Malformed]:
    """Yield a Turn for every message in *paths*, in order, and a Malformed for every unreadable record.

    Args:
        speakers: the roles to lint; other messages come back with ``skipped`` set.
        lang: the language of every message; otherwise the export's own language tag, else detected.
        jobs: worker processes; 1 lints in this process.
        input_format: a format name that overrides recognition by extension and content.
    """
    config = config or Config()
    linter = Linter(config=config, cache_limit=STREAM_CACHE)
    if lang is not None:
        linter.rules(lang)  # an unsupported --lang or a broken rule pack fails here, before any file is read
    records = read_records(paths, config, input_format)
    if jobs <= 1:
        yield from lint_records(records, linter, speakers, lang)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["phraselint.transcripts"])
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(config,)) as pool:
        yield from _lint_in_pool(records, pool, jobs, linter.languages, speakers, lang)


def read_records(paths: Iterable[Path], config: Config, input_format: str | None) -> Iterator[Message | Malformed]:
    """Yield the records of *paths* in order; a file that cannot be read at all is one Malformed."""
    for path in paths:
        try:
            yield from read_transcript(path, config.transcripts, input_format)
        except InputError as exc:
            yield Malformed(exc.source, "", exc.problem)


Planned = list[tuple[Message | Malformed, Item | Skip | None]]


def _plan(
    records: Iterator[Message | Malformed], languages: tuple[str, ...], speakers: frozenset[Role], lang: str | None,
) -> Iterator[Planned]:
    """Yield batches of records, each paired with what to lint (text, language or None) or why not."""
    while batch := list(itertools.islice(records, _BATCH)):
        planned: Planned = []
        for record in batch:
            if isinstance(record, Malformed):
                planned.append((record, None))
            elif record.internal:
                planned.append((record, Skip.INTERNAL))
            elif record.role not in speakers:
                planned.append((record, Skip.SPEAKER))
            elif lang is None and record.lang is not None and record.lang not in languages:
                planned.append((record, Skip.LANGUAGE))
            else:
                planned.append((record, (record.text, lang or record.lang)))
        yield planned


def _items(planned: Planned) -> list[Item]:
    return [item for _, item in planned if isinstance(item, tuple)]


def _turns(planned: Planned, outcomes: list[Outcome]) -> Iterator[Turn | Malformed]:
    found = iter(outcomes)
    for record, item in planned:
        if isinstance(record, Malformed):
            yield record
        elif isinstance(item, tuple):
            violations, code = next(found)
            yield Turn(record, violations, code)
        else:
            yield Turn(record, skipped=item)


def lint_records(
    records: Iterator[Message | Malformed], linter: Linter, speakers: frozenset[Role], lang: str | None,
) -> Iterator[Turn | Malformed]:
    """Yield a Turn per Message of *records*, linted in this process, and each Malformed, in order."""
    for planned in _plan(records, linter.languages, speakers, lang):
        yield from _turns(planned, lint_items(linter, _items(planned)))


def _lint_in_pool(
    records: Iterator[Message | Malformed], pool: ProcessPoolExecutor, jobs: int, languages: tuple[str, ...],
    speakers: frozenset[Role], lang: str | None,
) -> Iterator[Turn | Malformed]:
    # A few batches per worker in flight keeps every worker busy and memory bounded.
    pending: deque[tuple[Planned, Future[list[Outcome]]]] = deque()
    for planned in _plan(records, languages, speakers, lang):
        pending.append((planned, pool.submit(_lint_batch, _items(planned))))
        if len(pending) > 2 * jobs:
            done, future = pending.popleft()
            yield from _turns(done, future.result())
    while pending:
        done, future = pending.popleft()
        yield from _turns(done, future.result())


def lint_items(linter: Linter, items: list[Item]) -> list[Outcome]:
    """Return (violations, language) per (text, language or None) item, in order, grouping by language."""
    outcomes: list[Outcome | None] = [None] * len(items)
    for code in dict.fromkeys(lang for _, lang in items):
        indices = [i for i, (_, lang) in enumerate(items) if lang == code]
        for i, report in zip(indices, linter.lint_many([items[i][0] for i in indices], lang=code), strict=True):
            outcomes[i] = (report.violations, report.lang)
    return [o for o in outcomes if o is not None]


_worker: Linter | None = None


def _start_worker(config: Config) -> None:
    global _worker  # one Linter per worker process, built once
    _worker = Linter(config=config, cache_limit=STREAM_CACHE)


def _lint_batch(items: list[Item]) -> list[Outcome]:
    assert _worker is not None, "worker started without its Linter"
    return lint_items(_worker, items)
