"""Parquet transcript reader: columns and types, row numbers, malformed rows, remote streams, the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from phraselint.cli import main
from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import format_for, read_transcript, read_transcript_stream
from phraselint.model import Malformed, Message, Role

DEFAULT = TranscriptSettings()


def write(path: Path, columns: dict[str, list[object]], row_group_size: int = 2) -> Path:
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def export(tmp_path: Path) -> Path:
    """Write a small export whose rows span three row groups."""
    return write(tmp_path / "export.parquet", {
        "Conversation ID": [7, 7, 7, 8, 8],
        "sender": ["user", "agent", "agent", "Customer", "assistant"],
        "message": ["Where is my parcel?", "Please calm down.", "It ships today.", "Hi", "I don't know."],
        "created_at": [datetime(2026, 11, 2, 10, m, tzinfo=UTC) for m in range(5)],
        "agent_name": [None, "Sarah", "Sarah", None, "Penny"],
        "locale": ["en-GB", "en-GB", None, "en", "en"],
        "sentiment": [0.1, 0.2, 0.3, 0.4, 0.5],
    })


def test_rows_become_messages_with_roles_row_numbers_and_iso_timestamps(tmp_path: Path) -> None:
    path = export(tmp_path)
    found = list(read_transcript(path, DEFAULT))
    assert all(isinstance(m, Message) for m in found)
    assert [(m.role, m.conversation, m.index, m.where, m.speaker, m.text, m.agent_name, m.lang)
            for m in found if isinstance(m, Message)] == [
        (Role.CUSTOMER, "7", 0, "1", "user", "Where is my parcel?", None, "en"),
        (Role.AGENT, "7", 1, "2", "agent", "Please calm down.", "Sarah", "en"),
        (Role.AGENT, "7", 2, "3", "agent", "It ships today.", "Sarah", None),
        (Role.CUSTOMER, "8", 0, "4", "Customer", "Hi", None, "en"),
        (Role.BOT, "8", 1, "5", "assistant", "I don't know.", "Penny", "en"),
    ]
    assert [m.timestamp for m in found if isinstance(m, Message)][:2] == [
        "2026-11-02T10:00:00+00:00", "2026-11-02T10:01:00+00:00",
    ]
    assert {m.source for m in found if isinstance(m, Message)} == {str(path)}


def test_configured_columns_roles_and_epoch_timestamps(tmp_path: Path) -> None:
    path = write(tmp_path / "custom.pq", {
        "body": ["Calm down.", "Thanks"], "who": ["rep", "client"], "sent": [1_790_000_000, 1_790_000_000_000],
    })
    settings = TranscriptSettings(text_field="body", role_field="who", timestamp_field="sent",
                                  roles=(("rep", Role.AGENT), ("client", Role.CUSTOMER)))
    found = list(read_transcript(path, settings))
    assert [(m.role, m.conversation, m.timestamp) for m in found if isinstance(m, Message)] == [
        (Role.AGENT, "1", "2026-09-21T14:13:20+00:00"), (Role.CUSTOMER, "1", "2026-09-21T14:13:20+00:00"),
    ]


def test_rows_without_text_or_role_are_malformed_with_their_row_number(tmp_path: Path) -> None:
    path = write(tmp_path / "gaps.parquet", {
        "role": ["agent", "agent", None, "agent"], "text": ["Hello", "  ", "Hi", "Bye"],
    })
    found = list(read_transcript(path, DEFAULT))
    assert [str(m) if isinstance(m, Malformed) else m.where for m in found] == [
        "1", f"{path}:2: empty 'text' cell", f"{path}:3: empty 'role' cell", "4",
    ]


def test_a_file_without_a_text_column_is_one_malformed_record(tmp_path: Path) -> None:
    path = write(tmp_path / "norole.parquet", {"role": ["agent"], "comment": ["Calm down."]})
    assert [str(m) for m in read_transcript(path, DEFAULT)] == [
        f"{path}: no text column (looked for 'content', 'text', 'message', 'body', 'utterance', 'transcript'; "
        "the header has 'role', 'comment'); set [transcripts] text = \"<column>\" in phraselint.toml"
    ]


def test_a_file_that_is_not_parquet_or_is_missing_names_the_file(tmp_path: Path) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_text("conversation_id,role,text\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.parquet: not Parquet: "):
        list(read_transcript(fake, DEFAULT))
    with pytest.raises(InputError, match=r"gone\.parquet: no such file"):
        list(read_transcript(tmp_path / "gone.parquet", DEFAULT))


def test_a_remote_stream_reads_as_the_file_does(tmp_path: Path) -> None:
    path = export(tmp_path)
    fs = fsspec.filesystem("memory")
    fs.pipe("/bucket/export.parquet", path.read_bytes())
    with fsspec.open("memory://bucket/export.parquet", "rb") as f:
        remote = list(read_transcript_stream(f, "memory://bucket/export.parquet", DEFAULT))
    local = list(read_transcript(path, DEFAULT))
    assert [(m.text, m.where, m.index) for m in remote if isinstance(m, Message)] == [
        (m.text, m.where, m.index) for m in local if isinstance(m, Message)
    ]
    assert {m.source for m in remote if isinstance(m, Message)} == {"memory://bucket/export.parquet"}


def test_remote_files_must_be_jsonl_or_parquet() -> None:
    with fsspec.open("memory://bucket/chat.vtt", "wb") as f:
        f.write(b"WEBVTT\n")
    with pytest.raises(InputError) as caught, fsspec.open("memory://bucket/chat.vtt", "rb") as f:
        list(read_transcript_stream(f, "memory://bucket/chat.vtt", DEFAULT))
    assert str(caught.value) == (
        "memory://bucket/chat.vtt: vtt is read from local files only; a remote file must be jsonl or parquet "
        "(by extension or --input-format)"
    )


def test_extension_picks_the_reader() -> None:
    assert format_for(Path("x.parquet")).name == format_for(Path("x.PQ")).name == "parquet"


def test_transcripts_command_reads_parquet(tmp_path: Path) -> None:
    path = export(tmp_path)
    result = CliRunner().invoke(main, ["transcripts", "--isolated", "--no-progress", str(path), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["where"], r["conversation"], r["index"], r["rule_id"], r["text"]) for r in records] == [
        (str(path), "2", "7", 1, "en/calm-down.calm-down", "Please calm down"),
        (str(path), "5", "8", 1, "en/uncertainty.i-dont-know", "I don't know"),
    ]
