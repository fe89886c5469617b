"""`transcripts --engine dask`: the same results as the single-machine run, a killed worker, leftovers, the CLI.

The runs use a LocalCluster of two single-threaded worker processes, as on a two-core machine.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from phraselint.archive import archive_schema, lint_archive
from phraselint.cli import main
from phraselint.config import Config
from phraselint.model import Turn
from phraselint.report.summary import Summary
from phraselint.report.turns import FIELDS, turn_records
from phraselint.report.webpage import write_html
from phraselint.transcripts import lint_transcripts

AGENT = [
    ("Please calm down, I am checking your order.", "en"), ("That's our policy, I'm afraid.", None),
    ("I don't know when it ships.", "en"), ("Your refund of 20 euros is on its way.", None),
    ("Thank you for waiting, I have updated the address.", "en"), ("Боюсь, ты не поймешь.", "ru"),
    ("Спасибо за обращение, заказ уже в пути.", None), ("Rauhoitu, tarkistan asian.", "fi"),
    ("Kiitos, tilauksesi on matkalla.", None), ("Calm down.", "ja"),
]
CUSTOMER = ["Where is my parcel?", "Calm down? I am calm!", "Почему так долго?"]
ROLES = ["agent", "agent", "assistant", "system"]
Writer = Callable[[Path, int, int], list[Path]]


def conversations(rng: random.Random, messages: int, first: int) -> list[dict[str, object]]:
    """Return *messages* rows: conversations of alternating customer and agent, bot or system turns."""
    rows: list[dict[str, object]] = []
    conversation = first
    while len(rows) < messages:
        conversation += 1
        for turn in range(rng.randint(2, 8)):
            if turn % 2 == 0:
                text, lang, role = rng.choice(CUSTOMER), None, "customer"
            else:
                (text, lang), role = rng.choice(AGENT), rng.choice(ROLES)
            rows.append({"conversation_id": str(conversation), "role": role, "content": text,
                         "timestamp": f"2026-10-{1 + conversation % 28:02d}T10:{turn:02d}:00Z",
                         "agent_name": rng.choice(["Sarah", "Tom", None]) if role == "agent" else None, "lang": lang})
    return rows[:messages]


def write_jsonl(folder: Path, files: int, messages: int) -> list[Path]:
    """Write *files* JSON Lines exports; the second has a line that is not JSON and a message without a role."""
    rng = random.Random(5)
    paths = []
    for number in range(files):
        lines = [json.dumps(row, ensure_ascii=False) for row in conversations(rng, messages, 1000 * number)]
        if number == 1:
            lines[3:3] = ['{"role": "agent", "content": "Calm down', '{"content": "That\'s our policy."}']
        path = folder / f"export-{number}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_parquet(folder: Path, files: int, messages: int) -> list[Path]:
    """Write *files* Parquet exports of several row groups; the first has a row without a role."""
    rng = random.Random(6)
    paths = []
    for number in range(files):
        rows = conversations(rng, messages, 1000 * number)
        if number == 0:
            rows[4] = rows[4] | {"role": None}
        path = folder / f"export-{number}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=64)
        paths.append(path)
    return paths


def single_machine(paths: list[Path]) -> tuple[list[dict[str, object]], Summary]:
    """Return the violation records and the Summary of the single-process run."""
    summary = Summary()
    records: list[dict[str, object]] = []
    for item in lint_transcripts(paths, config=Config()):
        summary.add(item)
        if isinstance(item, Turn):
            records.extend(turn_records(item))
    summary.finish()
    return records, summary


def dataset(folder: Path, parts: int) -> list[dict[str, object]]:
    """Return the rows of the dataset in *folder*, part by part, checking it holds exactly *parts* part files."""
    assert sorted(p.name for p in folder.iterdir()) == [f"part-{n:05d}.parquet" for n in range(parts)]
    tables = [pq.read_table(folder / f"part-{n:05d}.parquet") for n in range(parts)]
    assert {t.schema for t in tables} == {archive_schema()}
    return [row for table in tables for row in table.to_pylist()]


def html(summary: Summary) -> str:
    page = io.StringIO()
    write_html(page, summary, title="run")
    return page.getvalue()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.mark.parametrize("write", [write_jsonl, write_parquet])
def test_the_same_violations_summary_and_report_as_the_single_machine_run(
    write: Writer, client: Client, tmp_path: Path,
) -> None:
    paths = write(tmp_path, 5, 400)
    records, expected = single_machine(paths)
    summary = lint_archive([str(p) for p in paths], str(tmp_path / "out"), client)
    assert dataset(tmp_path / "out", 5) == records
    assert len(records) > 100
    assert summary.as_dict() == expected.as_dict()
    assert [str(m) for m in summary.malformed] == [str(m) for m in expected.malformed] != []
    assert html(summary) == html(expected)


def test_malformed_records_are_named_by_file_and_line(client: Client, tmp_path: Path) -> None:
    paths = write_jsonl(tmp_path, 2, 20)
    summary = lint_archive([str(p) for p in paths], str(tmp_path / "out"), client)
    assert [str(m) for m in summary.malformed] == [
        f"{paths[1]}:4: not JSON: Unterminated string starting at: column 30",
        f"{paths[1]}:5: no role field (looked for 'role', 'speaker', 'sender', 'author', 'participant', 'from', "
        "'speaker_role'; found 'content'); set [transcripts] role = \"<field>\" in phraselint.toml",
    ]


@pytest.mark.parametrize(("write", "pattern"), [(write_jsonl, "export-*.jsonl"), (write_parquet, "export-?.parquet")])
def test_fsspec_urls_and_patterns_read_as_local_files_do(
    write: Writer, pattern: str, client: Client, tmp_path: Path,
) -> None:
    paths = write(tmp_path, 3, 200)
    records, expected = single_machine(paths)
    summary = lint_archive([f"file://{tmp_path}/{pattern}"], f"file://{tmp_path}/out", client)
    assert [r | {"file": ""} for r in dataset(tmp_path / "out", 3)] == [r | {"file": ""} for r in records]
    assert {r["file"] for r in dataset(tmp_path / "out", 3)} == {f"file://{p}" for p in paths}
    assert (summary.read, summary.violations, summary.malformed_count) == (
        expected.read, expected.violations, expected.malformed_count,
    )


def test_a_rerun_replaces_parts_and_removes_leftovers(client: Client, tmp_path: Path) -> None:
    paths = write_jsonl(tmp_path, 3, 100)
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00007.parquet").write_bytes(b"an earlier run's part")
    (out / ".part-00001.0f0f.tmp").write_bytes(b"a dead task's half-written part")
    lint_archive([str(p) for p in paths], str(out), client)
    first = dataset(out, 3)
    lint_archive([str(p) for p in paths], str(out), client)
    assert dataset(out, 3) == first == single_machine(paths)[0]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    paths = write_jsonl(tmp_path, 8, 1500)
    records, expected = single_machine(paths)
    killed: list[str] = []
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as fresh,
    ):
        pids = fresh.run(os.getpid)

        def kill_a_busy_worker(source: str, part: Summary) -> None:
            busy = [worker for worker, tasks in fresh.processing().items() if tasks and worker in pids]
            if not killed and busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])

        summary = lint_archive([str(p) for p in paths], str(tmp_path / "out"), fresh, on_file=kill_a_busy_worker)
    assert killed, "no worker was busy when the first file finished"
    assert dataset(tmp_path / "out", 8) == records
    assert summary.as_dict() == expected.as_dict()


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["transcripts", "--isolated", "--no-progress", *args])
    return result.exit_code, result.stderr


def test_the_command_runs_on_a_scheduler_and_writes_the_report(client: Client, tmp_path: Path) -> None:
    paths = write_jsonl(tmp_path, 2, 100)
    _, expected = single_machine(paths)
    code, err = cli(*map(str, paths), "--engine", "dask", "--scheduler", client.scheduler.address,
                    "--output", str(tmp_path / "out"), "--report", str(tmp_path / "qa.html"))
    assert code == 2  # the malformed records
    assert err.splitlines()[:2] == [f"phraselint: {m}" for m in expected.malformed]
    assert (tmp_path / "qa.html").read_text(encoding="utf-8") == html(expected).replace(
        "<title>run</title>", f"<title>phraselint QA report: {paths[0].name}, {paths[1].name}</title>"
    ).replace("<h1>run</h1>", f"<h1>phraselint QA report: {paths[0].name}, {paths[1].name}</h1>")
    assert [f for f in FIELDS if f not in archive_schema().names] == []


@pytest.mark.parametrize(("args", "problem"), [
    (("--engine", "dask"), "Error: --engine dask writes the violations as a Parquet dataset: give --output FOLDER"),
    (("--engine", "dask", "-o", "out", "--format", "csv"),
     "Error: --format does not apply to --engine dask, which writes Parquet to --output"),
    (("--scheduler", "tcp://127.0.0.1:1"), "Error: --scheduler needs --engine dask"),
    (("-o", "."), "Error: --output . is a folder; it names a file (a folder with --engine dask)"),
])
def test_usage_errors(args: tuple[str, ...], problem: str) -> None:
    assert cli("export.jsonl", *args) == (2, problem + "\n")


def test_without_the_extra_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("phraselint.extras.importlib.util.find_spec", lambda name: None)
    code, err = cli(str(tmp_path / "export.jsonl"), "--engine", "dask", "-o", str(tmp_path / "out"))
    assert (code, err) == (2, "Error: --engine dask needs dask, distributed, pyarrow, fsspec (not installed): "
                              "pip install 'phraselint[dask]'\n")


def test_an_output_that_is_a_file_is_a_usage_error(client: Client, tmp_path: Path) -> None:
    paths = write_jsonl(tmp_path, 1, 10)
    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, err = cli(str(paths[0]), "--engine", "dask", "--scheduler", client.scheduler.address,
                    "-o", str(tmp_path / "taken"))
    assert code == 2
    assert err.startswith(f"Error: cannot make the output folder {tmp_path / 'taken'}: ")
