"""`phraselint transcripts`: speakers, locations, output formats, bad records, worker processes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from phraselint.cli import main
from phraselint.config import Config, TranscriptSettings
from phraselint.model import Malformed, Role, Turn
from phraselint.transcripts import lint_transcripts

SAMPLES = Path(__file__).parent / "data" / "transcripts"
CHAT = SAMPLES / "chat.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["transcripts", "--isolated", "--no-progress", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_output_names_the_turn_and_skips_the_customer() -> None:
    code, out, err = run(str(CHAT), "--lang", "en")
    assert code == 1
    assert out.splitlines()[0] == f"{CHAT}:2  conversation 1 #1  agent Sarah  2026-11-02 10:15"
    assert "    1:33  error  en/calm-down.calm-down" in out.splitlines()[1]
    assert "        flagged: Please calm down" in out
    assert "        flagged: it's our policy" in out
    assert "Calm down?" not in out  # the customer's own words
    assert err.splitlines()[0] == (
        "Read 6 message(s): linted 3 (agent/bot); skipped 3 speaker (by speaker: 3 customer); 0 malformed record(s)."
    )


def test_speaker_option_picks_who_is_linted() -> None:
    code, out, _ = run(str(CHAT), "--lang", "en", "--speaker", "customer", "--format", "jsonl")
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["role"], r["index"], r["rule_id"], r["text"]) for r in records] == [
        ("customer", 0, "en/calm-down.calm-down", "Calm down"),
    ]


def test_jsonl_and_csv_carry_the_location_of_each_violation() -> None:
    _, out, _ = run(str(CHAT), "--lang", "en", "--format", "jsonl")
    first = json.loads(out.splitlines()[0])
    assert {k: first[k] for k in ("file", "conversation", "index", "where", "timestamp", "role", "agent_name",
                                  "rule_id", "start", "end", "text")} == {
        "file": str(CHAT), "conversation": "1", "index": 1, "where": "2", "timestamp": "2026-11-02 10:15",
        "role": "agent", "agent_name": "Sarah", "rule_id": "en/calm-down.calm-down", "start": 32, "end": 48,
        "text": "Please calm down",
    }
    _, out, _ = run(str(CHAT), "--lang", "en", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["where"], r["rule_id"], r["text"]) for r in rows] == [
        ("2", "en/calm-down.calm-down", "Please calm down"),
        ("2", "en/policy-shield.thats-our-policy", "it's our policy"),
    ]


def test_json_document_ends_with_the_summary() -> None:
    _, out, _ = run(str(CHAT), "--lang", "en", "--format", "json")
    document = json.loads(out)
    assert [v["text"] for v in document["violations"]] == ["Please calm down", "it's our policy"]
    assert document["summary"]["messages_read"] == 6
    assert document["summary"]["by_agent"] == {"Sarah": {"linted": 2, "flagged": 1, "violations": 2},
                                               "bot": {"linted": 1, "flagged": 0, "violations": 0}}


def test_malformed_record_is_reported_and_the_run_continues(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("stray words before any speaker\nAgent: Please calm down.\n", encoding="utf-8")
    code, out, err = run(str(log), "--lang", "en")
    assert code == 2
    assert f"phraselint: {log}:1: text before the first 'Speaker: text' line" in err
    assert "flagged: Please calm down" in out
    code, out, err = run(str(log), "--lang", "en", "--strict")
    assert code == 2
    assert "stopped at the first malformed record (--strict)" in err
    assert "flagged" not in out


def test_unknown_format_names_the_known_ones(tmp_path: Path) -> None:
    odd = tmp_path / "export.xyz"
    odd.write_text("hello", encoding="utf-8")
    code, _, err = run(str(odd))
    assert code == 2
    assert f"phraselint: {odd}: cannot tell the transcript format; pass --input-format, one of: zendesk," in err


def test_missing_file_and_bad_speaker_are_usage_errors(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "none.txt"))
    assert (code, err.splitlines()[0]) == (2, f"phraselint: {tmp_path / 'none.txt'}: no such file")
    code, _, err = run(str(CHAT), "--speaker", "boss")
    assert code == 2
    assert "unknown speaker role 'boss'; roles: agent, bot, customer, system, unknown" in err


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(str(CHAT), "--lang", "en", "--format", "jsonl", "--output", str(target))
    assert (code, out) == (1, "")
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_output_to_a_pipe_keeps_the_pipe(tmp_path: Path) -> None:
    # A device or FIFO (/dev/null, /dev/stdout) is written in place, never replaced by a file.
    fifo = tmp_path / "flags"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    code, _, _ = run(str(CHAT), "--lang", "en", "--format", "jsonl", "--output", str(fifo))
    reader.join(timeout=30)
    assert code == 1 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert len(received[0].splitlines()) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["flags"]


def test_two_jobs_give_the_same_turns_as_one() -> None:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".jsonl", ".csv"))
    one = list(lint_transcripts(files, lang="en"))
    two = list(lint_transcripts(files, lang="en", jobs=2))
    assert one == two
    assert any(isinstance(t, Turn) and t.violations for t in one)


SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_only_agent_turns_are_flagged_in_every_sample(path: Path) -> None:
    everyone = frozenset(Role)
    turns = [t for t in lint_transcripts([path], speakers=everyone, config=_sample_config()) if isinstance(t, Turn)]
    assert not [t for t in lint_transcripts([path], speakers=everyone) if isinstance(t, Malformed)]
    # Where a sample has customer turns, one holds a hurtful phrase: linting everyone flags it...
    if any(t.message.role is Role.CUSTOMER for t in turns):
        assert Role.CUSTOMER in {t.message.role for t in turns if t.violations}
    # ...and the default run flags agents and bots only, never the customer nor an internal note.
    default = [t for t in lint_transcripts([path], config=_sample_config()) if isinstance(t, Turn)]
    assert {t.message.role for t in default if t.violations} <= {Role.AGENT, Role.BOT}
    assert any(t.violations for t in default)
    assert not [t for t in default if t.message.internal and t.violations]


def _sample_config() -> Config:
    """The settings a team would write for these samples: its mail domain and its agents' names."""
    return Config(transcripts=TranscriptSettings(agent_domains=("example.com",), roles=(("Sarah Lee", Role.AGENT),)))


def test_a_lone_surrogate_in_an_export_is_written_escaped(tmp_path: Path) -> None:
    # JSON can carry "\ud800", which UTF-8 cannot: the report keeps it as that escape, never a traceback.
    export = tmp_path / "chat.jsonl"
    export.write_text('{"role": "agent", "content": "Please calm down \\ud800 now.", "conversation_id": "7"}\n',
                      encoding="utf-8")
    report = tmp_path / "qa.html"
    code, out, err = run(str(export), "--lang", "en", "--format", "jsonl", "--report", str(report))
    assert code == 1 and err.endswith("Found 1 violation(s) (1 error).\n")
    assert json.loads(out)["text"] == "Please calm down"
    assert "</mark> \\ud800 now." in report.read_text(encoding="utf-8")
