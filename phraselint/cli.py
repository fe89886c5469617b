"""The `phraselint` command line: check drafts and transcripts, inspect rule packs, serve the API."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

import click
from click.core import ParameterSource
from tqdm import tqdm

from phraselint.api import Linter
from phraselint.archive import dask_client, expand_sources, lint_archive
from phraselint.config import Config, find_config, load_config
from phraselint.errors import ConfigError, InputError, PhraselintError, UnsupportedLanguageError
from phraselint.inputs.drafts import expand_paths, read_draft
from phraselint.inputs.formats import format_names
from phraselint.model import Malformed, Report, Role, Severity
from phraselint.packs.schema import Rule
from phraselint.report.machine import write_json, write_jsonl
from phraselint.report.reference import render_reference
from phraselint.report.summary import Summary
from phraselint.report.text import describe_run, write_report, write_statistics, write_summary
from phraselint.report.turns import TurnWriter
from phraselint.report.webpage import write_html
from phraselint.selfcheck import check_rules
from phraselint.serve.app import MAX_BODY, create_app
from phraselint.serve.server import bind, run, url_of
from phraselint.transcripts import lint_transcripts

_SEVERITIES = click.Choice([s.value for s in Severity])


class UsageFailure(click.ClickException):
    """A usage or input error: one line on stderr, exit status 2 (1 means violations found)."""

    exit_code = 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _config(config_path: str | None, isolated: bool) -> Config:
    if isolated:
        return Config()
    path = Path(config_path) if config_path else find_config(Path.cwd())
    return load_config(path) if path else Config()


def _config_for(
    config_path: str | None, isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...],
    rules_dirs: tuple[str, ...], fail_on: str | None,
) -> Config:
    """Return the configuration file's settings with the command line's on top."""
    base = _config(config_path, isolated)
    return replace(
        base,
        select=_split(select) or base.select,
        ignore=base.ignore + _split(ignore),
        rules_dirs=base.rules_dirs + tuple(Path(d).resolve() for d in rules_dirs),
        fail_on=Severity(fail_on) if fail_on else base.fail_on,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="phraselint")
def main() -> None:
    """Flag customer-service phrases that hurt customers, and suggest better ones."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors=_UNENCODABLE)


# JSON lets an export hold a lone surrogate ("\ud800"), which no UTF-8 output can hold: it is written
# as that same escape, which JSON readers take back as it was.
_UNENCODABLE = "backslashreplace"


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--lang", help="Language of the inputs (en, ru, ...); detected per input when omitted.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True)
@click.option("--fail-on", type=_SEVERITIES,
              help="Exit 1 when a violation at or above this severity is found [error].")
@click.option("--select", multiple=True,
              help="Only these rule ids, id prefixes, categories or languages (comma-separated).")
@click.option("--ignore", multiple=True,
              help="Skip these rule ids, id prefixes, categories or languages (comma-separated).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule pack folder.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each violation.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the input files.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def check(
    paths: tuple[str, ...], lang: str | None, fmt: str, fail_on: str | None, select: tuple[str, ...],
    ignore: tuple[str, ...], rules_dirs: tuple[str, ...], statistics: bool, encoding: str,
    config_path: str | None, isolated: bool,
) -> None:
    """Check drafts (files, folders of .txt/.md, or - for standard input).

    Exit status: 0 clean, 1 violations at or above --fail-on, 2 usage or input error.
    """
    try:
        config = _config_for(config_path, isolated, select, ignore, rules_dirs, fail_on)
        linter = Linter(config=config)
        if lang is not None and lang not in linter.languages:
            raise UnsupportedLanguageError(lang, linter.languages)
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    out = sys.stdout
    results: list[tuple[str, Report]] = []
    input_errors = 0
    for name in expand_paths(paths):
        try:
            draft = read_draft(name, encoding=encoding)
            report = linter.lint(draft.text, lang=lang)
        except InputError as exc:
            click.echo(f"phraselint: {exc}", err=True)
            input_errors += 1
            continue
        except PhraselintError as exc:
            raise UsageFailure(str(exc)) from None
        results.append((draft.source, report))
        if fmt == "jsonl":
            write_jsonl(out, draft.source, report)
        elif fmt == "text" and not statistics:
            write_report(out, draft.source, report)
    reports = [r for _, r in results]
    if fmt == "json":
        write_json(out, results)
    elif fmt == "text":
        if statistics:
            write_statistics(out, [v for r in reports for v in r.violations])
        write_summary(sys.stderr if statistics else out, reports)
    if input_errors:
        sys.exit(2)
    sys.exit(0 if all(r.ok for r in reports) else 1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--input-format", type=click.Choice(format_names()),
              help="Read every file as this format instead of recognising it by extension and content.")
@click.option("--speaker", "speakers", multiple=True, default=("agent,bot",), show_default=True,
              help="Roles to lint (comma-separated): agent, bot, customer, system, unknown.")
@click.option("--lang", help="Language of every message; otherwise the export's own tag, else detected.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(writable=True),
              help="Write the violations here instead of standard output; with --engine dask, the folder of "
                   "the Parquet dataset (a local path or an fsspec URL).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write a self-contained HTML report for QA leads.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that lint in parallel (--engine dask without --scheduler: the local "
                   "cluster's workers, one per core unless given).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Lint here, or on Dask: a task per file, violations written as Parquet to --output.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to run on (tcp://host:8786); without it --engine dask starts a local cluster.")
@click.option("--strict", is_flag=True, help="Stop at the first malformed record.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar [default: when standard error is a terminal].")
@click.option("--fail-on", type=_SEVERITIES,
              help="Exit 1 when a violation at or above this severity is found [error].")
@click.option("--select", multiple=True, help="Only these rule ids, id prefixes, categories or languages.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, id prefixes, categories or languages.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule pack folder.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def transcripts(
    paths: tuple[str, ...], input_format: str | None, speakers: tuple[str, ...], lang: str | None, fmt: str,
    output: str | None, report_path: str | None, jobs: int, engine: str, scheduler: str | None, strict: bool,
    progress: bool | None, fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
    rules_dirs: tuple[str, ...], config_path: str | None, isolated: bool,
) -> None:
    """Lint exported conversations: only what agents and bots said, with where they said it.

    Reads chat logs, JSON Lines, CSV/TSV, Parquet, Zendesk, Intercom, Amazon Connect Contact Lens,
    Google CCAI Insights, WebVTT, SRT, .eml and mbox. Malformed records are reported and skipped; the
    exit status is then 2. Otherwise 0 clean, 1 violations at or above --fail-on.
    """
    context = click.get_current_context()
    given = {name for name in ("fmt", "jobs") if context.get_parameter_source(name) is not ParameterSource.DEFAULT}
    if engine == "local":
        if scheduler is not None:
            raise UsageFailure("--scheduler needs --engine dask")
        if output is not None and Path(output).is_dir():
            raise UsageFailure(f"--output {output} is a folder; it names a file (a folder with --engine dask)")
    elif output is None:
        raise UsageFailure("--engine dask writes the violations as a Parquet dataset: give --output FOLDER")
    elif "fmt" in given:
        raise UsageFailure("--format does not apply to --engine dask, which writes Parquet to --output")
    dask_output = output if engine == "dask" else None
    bar_off = not progress if progress is not None else None
    try:
        config = _config_for(config_path, isolated, select, ignore, rules_dirs, fail_on)
        roles = _roles(speakers)
        if dask_output is not None:
            workers = jobs if "jobs" in given else os.cpu_count() or 1
            run = _DaskRun(dask_output, scheduler, workers, input_format, lang, strict, bar_off)
            summary = _transcripts_on_dask(paths, run, config, roles)
        else:
            summary = _transcripts_here(paths, output, input_format, lang, fmt, jobs, strict, bar_off, config, roles)
        if report_path:
            with _output(report_path) as page:
                write_html(page, summary, title=_title(paths))
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    click.echo(describe_run(summary, roles), err=True)
    if summary.malformed_count:
        sys.exit(2)
    threshold = config.fail_on
    sys.exit(1 if any(Severity(s).reaches(threshold) for s in summary.by_severity) else 0)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 or :: opens the server to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--max-body", type=click.IntRange(min=1), default=MAX_BODY, show_default=True,
              help="Largest request body in bytes; a larger one is answered 413.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule pack folder.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def serve(
    host: str, port: int, max_body: int, rules_dirs: tuple[str, ...], config_path: str | None, isolated: bool,
) -> None:
    """Run the HTTP API and the one-page checker until interrupted.

    POST /v1/lint checks a draft, GET /v1/rules lists the rules, GET /healthz answers once every
    language is loaded, /openapi.json describes the API and / is a page to paste a draft into.
    """
    try:
        linter = Linter(config=_config_for(config_path, isolated, (), (), rules_dirs, None))
        sock = bind(host, port)
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    with sock:
        try:
            app = create_app(linter, max_body=max_body)
        except PhraselintError as exc:
            raise UsageFailure(str(exc)) from None
        sock.listen(2048)  # ready: connections queue from now until uvicorn takes them
        click.echo(f"phraselint: serving {len(linter.languages)} languages on {url_of(sock)} (Ctrl+C stops)",
                   err=True)
        run(app, sock)


def _transcripts_here(
    paths: tuple[str, ...], output: str | None, input_format: str | None, lang: str | None, fmt: str, jobs: int,
    strict: bool, bar_off: bool | None, config: Config, roles: frozenset[Role],
) -> Summary:
    """Lint *paths* in this process (and --jobs workers), writing each violation as it comes."""
    turns = lint_transcripts([Path(p) for p in paths], config=config, speakers=roles, lang=lang, jobs=jobs,
                             input_format=input_format)
    summary = Summary()
    with _output(output) as out:
        writer = TurnWriter(out, fmt)
        bar = tqdm(turns, unit=" msg", disable=bar_off, file=sys.stderr, dynamic_ncols=True)
        for item in bar:
            summary.add(item)
            if isinstance(item, Malformed):
                bar.clear()
                click.echo(f"phraselint: {item}", err=True)
                if strict:
                    raise UsageFailure("stopped at the first malformed record (--strict)")
            else:
                writer.write(item)
        bar.close()
        summary.finish()
        writer.close(summary.as_dict())
    return summary


@dataclass(frozen=True, slots=True)
class _DaskRun:
    """The options of a `transcripts --engine dask` run."""

    output: str
    scheduler: str | None
    workers: int
    input_format: str | None
    lang: str | None
    strict: bool
    bar_off: bool | None


def _transcripts_on_dask(paths: tuple[str, ...], run: _DaskRun, config: Config, roles: frozenset[Role]) -> Summary:
    """Lint *paths* on Dask, a task per file, and return the merged Summary."""
    sources = expand_sources(paths)
    bar = tqdm(total=len(sources), unit=" file", disable=run.bar_off, file=sys.stderr, dynamic_ncols=True)

    def on_file(source: str, part: Summary) -> None:
        bar.update()
        if part.malformed_count:
            bar.clear()
        for record in part.malformed:
            click.echo(f"phraselint: {record}", err=True)
        unlisted = part.malformed_count - len(part.malformed)
        if unlisted:
            click.echo(f"phraselint: {source}: {unlisted:,} more malformed record(s) not listed", err=True)
        if run.strict and part.malformed_count:
            raise UsageFailure("stopped at the first file with a malformed record (--strict)")

    with dask_client(run.scheduler, run.workers) as client:
        summary = lint_archive(sources, run.output, client, config=config, speakers=roles, lang=run.lang,
                               input_format=run.input_format, on_file=on_file)
    bar.close()
    return summary


def _roles(values: tuple[str, ...]) -> frozenset[Role]:
    names = _split(values)
    known = [r.value for r in Role]
    for name in names:
        if name not in known:
            raise ConfigError(f"unknown speaker role {name!r}; roles: {', '.join(known)}")
    return frozenset(Role(n) for n in names)


def _title(paths: tuple[str, ...]) -> str:
    names = ", ".join(Path(p).name for p in paths[:3])
    return f"phraselint QA report: {names}" + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    target = Path(path)
    if target.exists() and not target.is_file():
        # A device or pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: replacing it would destroy it.
        with target.open("w", encoding="utf-8", errors=_UNENCODABLE, newline="") as out:
            yield out
        return
    with _atomic(target) as out:
        yield out


@contextmanager
def _atomic(path: Path) -> Iterator[TextIO]:
    """Write *path* through a temporary file in the same folder, replaced into place when complete."""
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors=_UNENCODABLE, newline="") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@main.group()
def rules() -> None:
    """List, explain and test rules."""


@rules.command("list")
@click.option("--lang", help="Only this language.")
@click.option("--category", help="Only this category.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule pack folder.")
def list_rules(lang: str | None, category: str | None, rules_dirs: tuple[str, ...]) -> None:
    """List rules: id, severity and message."""
    try:
        linter = Linter(config=Config(rules_dirs=tuple(Path(d).resolve() for d in rules_dirs)))
        langs = (lang,) if lang else linter.languages
        for code in langs:
            for rule in linter.rules(code):
                if category is None or rule.category == category:
                    click.echo(f"{rule.id:<52} {rule.severity.value:<8} {rule.message}")
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None


@rules.command("explain")
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), help="Extra rule pack folder.")
def explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain a rule: why it hurts, bad examples and better phrasing."""
    try:
        linter = Linter(config=Config(rules_dirs=tuple(Path(d).resolve() for d in rules_dirs)))
        lang = rule_id.split("/", 1)[0]
        rule = next((r for r in linter.rules(lang) if r.id == rule_id), None) if lang in linter.languages else None
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    if rule is None:
        raise UsageFailure(f"unknown rule id {rule_id!r}; `phraselint rules list` shows them")
    click.echo(_explanation(rule))


def _explanation(rule: Rule) -> str:
    lines = [
        f"{rule.id}  ({rule.category}, {rule.severity.value})",
        "",
        rule.message,
        "",
        "Why:",
        *textwrap.wrap(rule.why, 88, initial_indent="  ", subsequent_indent="  "),
        "",
        "Bad:",
        *(f"  {b.text}    <- {b.flag}" for b in rule.bad),
        "",
        "Good:",
        *(f"  {g.text}" for g in rule.good),
        "",
        "Better phrasing:",
        *(f"  {r}" for r in rule.rewrites),
        "",
        f"Fix: {rule.fix.value}    Source: {rule.source}    Defined in: {rule.path}:{rule.line}",
    ]
    return "\n".join(lines)


@rules.command("docs")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the Markdown here instead of standard output.")
def docs(output: str | None) -> None:
    """Print the rule reference in Markdown (docs/rules.md is this output)."""
    try:
        linter = Linter()
        text = render_reference({lang: linter.rules(lang) for lang in linter.languages})
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@rules.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option("--verbose", "-v", is_flag=True, help="Also list LEMMA values that match only their own spelling.")
def check_packs(directory: str | None, verbose: bool) -> None:
    """Run every rule's examples and rewrites.

    DIRECTORY is a rules folder (`<lang>/<category>.yaml` inside) or one language's folder;
    without it the shipped rules are checked.
    """
    try:
        if directory is None:
            linter = Linter()
        elif any(Path(directory).glob("*.yaml")):
            folder = Path(directory).resolve()
            linter = Linter(languages=[folder.name], rules_dirs=[folder.parent])
        else:
            linter = Linter(rules_dirs=[Path(directory)])
        result = check_rules(linter)
    except PhraselintError as exc:
        raise UsageFailure(str(exc)) from None
    for failure in result.failures:
        click.echo(str(failure))
    if verbose:
        for note in result.notes:
            click.echo(str(note))
    passed = result.examples - len(result.failures)
    notes = f" ({len(result.notes)} notes: --verbose lists them)" if result.notes and not verbose else ""
    click.echo(f"{len(linter.languages)} language(s), {result.rules} rules: "
               f"{passed} passed, {len(result.failures)} failed{notes}")
    sys.exit(1 if result.failures else 0)
