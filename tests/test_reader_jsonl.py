"""JSON Lines transcript reader: message-per-line and OpenAI-style conversation-per-line files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.inputs.jsonl import read
from phraselint.model import Malformed, Message, Role

DATA = Path(__file__).parent / "data" / "transcripts"
DEFAULT = TranscriptSettings()


def messages(path: Path, settings: TranscriptSettings = DEFAULT) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write_lines(tmp_path: Path, *lines: str, name: str = "export.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_message_per_line_sample() -> None:
    found = messages(DATA / "chat.jsonl")
    assert [(m.role, m.conversation, m.index, m.where, m.speaker, m.text) for m in found] == [
        (Role.CUSTOMER, "C-1042", 0, "1", "customer",
         "My router has been down since Friday and nobody called me back."),
        (Role.BOT, "C-1042", 1, "2", "bot", "I don't know the answer to that. Let me connect you to an agent."),
        (Role.AGENT, "C-1042", 2, "3", "agent",
         "Please calm down. That's our policy: we reset the line before we send a technician."),
        (Role.CUSTOMER, "C-1042", 3, "4", "customer",
         "Calm down? I am calm. I have been without internet for three days."),
        (Role.AGENT, "C-1042", 4, "5", "agent",
         "I'm sorry for the trouble. I have started the reset and booked a technician for tomorrow between 8 and 12."),
        (Role.SYSTEM, "C-1042", 5, "6", "system", "Conversation closed by Sarah."),
        (Role.CUSTOMER, "C-1043", 0, "8", "customer", "Where is my refund?"),
        (Role.AGENT, "C-1043", 1, "9", "agent",
         "I have checked: the refund of 40 € was sent today and should reach your card by Thursday."),
    ]
    assert [(m.timestamp, m.agent_id, m.agent_name, m.lang) for m in found] == [
        ("2026-11-02T10:14:03Z", None, None, None),
        ("2026-11-02T10:14:05Z", None, "Routy", None),
        ("2026-11-02T10:15:40Z", "A-17", "Sarah", None),
        ("2026-11-02T10:16:12Z", None, None, None),
        ("2026-11-02T10:17:30Z", "A-17", "Sarah", None),
        ("2026-11-02T10:18:02Z", None, None, None),
        ("2026-11-02T11:02:51Z", None, None, "en"),
        ("2026-11-02T11:04:09Z", "A-23", "Tom", "en"),
    ]
    assert {(m.source, m.internal, m.offset_ms) for m in found} == {(str(DATA / "chat.jsonl"), False, None)}


def test_openai_conversation_per_line_sample() -> None:
    found = messages(DATA / "openai.jsonl")
    assert [(m.role, m.conversation, m.index, m.where, m.speaker, m.text) for m in found] == [
        (Role.SYSTEM, "conv_7d1e", 0, "1", "system",
         "You are Ava, the support assistant of Northwind Telecom. Answer politely and formally."),
        (Role.CUSTOMER, "conv_7d1e", 1, "1", "user", "I followed the setup guide and my modem still blinks red."),
        (Role.BOT, "conv_7d1e", 2, "1", "assistant",
         "You should have read the manual before calling. Unplug the modem for thirty seconds."),
        (Role.CUSTOMER, "conv_7d1e", 3, "1", "user",
         "I did read it. The last agent told me to calm down, and I am tired of hearing that."),
        # Content parts are joined; the assistant's tool call without content is not a turn.
        (Role.BOT, "conv_7d1e", 4, "1", "assistant",
         "I'm sorry about that.\nI have scheduled a line check for today and will e-mail you the result by 6 pm."),
        (Role.CUSTOMER, "ZD-55871", 0, "2", "user", "Has order 55871 shipped yet?"),
        (Role.SYSTEM, "ZD-55871", 1, "2", "tool", '{"status": "shipped", "carrier": "DHL"}'),
        (Role.BOT, "ZD-55871", 2, "2", "assistant",
         "Your order 55871 has shipped with DHL and should arrive within two working days."),
        (Role.CUSTOMER, "3", 0, "3", "user", "Can I change the delivery address? Calm down? I am calm, I only ask."),
        (Role.BOT, "3", 1, "3", "assistant", "I don't know. Maybe try the website."),
    ]
    assert [m.lang for m in found] == [None] * 5 + ["en"] * 3 + [None] * 2
    assert {(m.timestamp, m.agent_name) for m in found} == {(None, None)}


def test_roles_setting_remaps_assistant_to_agent() -> None:
    settings = TranscriptSettings(roles=(("assistant", Role.AGENT),))
    found = messages(DATA / "openai.jsonl", settings)
    assert [m.role for m in found if m.speaker == "assistant"] == [Role.AGENT] * 4


def test_openai_message_name_is_the_agent_name(tmp_path: Path) -> None:
    path = write_lines(tmp_path, json.dumps({"conversation_id": 7, "messages": [
        {"role": "user", "name": "jane", "content": "Hi"},
        {"role": "assistant", "name": "Ava", "content": "Hello, how can I help?"},
    ]}))
    found = messages(path)
    assert [(m.role, m.conversation, m.agent_name) for m in found] == [
        (Role.CUSTOMER, "7", None), (Role.BOT, "7", "Ava"),
    ]


def test_custom_fields_and_roles(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        json.dumps({"ticket": 5512, "who": "end-user", "msg": "Stop telling me it's policy.", "at": 1762078440}),
        json.dumps({"ticket": 5512, "who": "helper", "msg": "That's our policy.", "at": 1762078500123,
                    "rep": "Ann", "locale": "en_GB"}),
    )
    settings = TranscriptSettings(
        text_field="msg", role_field="who", conversation_field="ticket", timestamp_field="at",
        agent_field="rep", roles=(("helper", Role.AGENT),),
    )
    found = messages(path, settings)
    assert [(m.role, m.conversation, m.index, m.where, m.text, m.timestamp, m.agent_name, m.lang)
            for m in found] == [
        (Role.CUSTOMER, "5512", 0, "1", "Stop telling me it's policy.", "2025-11-02T10:14:00+00:00", None, None),
        (Role.AGENT, "5512", 1, "2", "That's our policy.", "2025-11-02T10:15:00.123000+00:00", "Ann", "en"),
    ]


def test_without_conversation_field_the_file_is_one_conversation(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        json.dumps({"id": "m1", "speaker": "Customer", "text": "Hello?"}),
        json.dumps({"id": "m2", "speaker": "Agent", "text": "Good morning."}),
    )
    assert [(m.conversation, m.index, m.role) for m in messages(path)] == [
        ("1", 0, Role.CUSTOMER), ("1", 1, Role.AGENT),
    ]


def test_malformed_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b"\n".join([
        b'{"role": "customer", "content": "first"}',
        b'{"role": "agent", "content": "cut off',
        b"",
        b'["agent", "a list"]',
        b'{"role": "agent", "body_html": "<p>Hi</p>"}',
        b'{"user": "u-1", "content": "no role here"}',
        b'{"role": "agent", "content": "caf\xe9"}',
        b'{"role": "agent", "content": "   "}',
        b'{"messages": "hello"}',
        b'{"messages": ["hi", {"role": "user", "content": "fine"}, {"content": "who?"}]}',
        b'{"role": "customer", "content": "last"}',
    ]) + b"\n")
    found = list(read(path, DEFAULT))
    source = str(path)
    assert found == [
        Message("first", Role.CUSTOMER, source, "1", 0, "1", speaker="customer"),
        Malformed(source, "2", "not JSON: Unterminated string starting at: column 30"),
        Malformed(source, "4", "not a JSON object but list"),
        Malformed(source, "5", "no text field (looked for 'content', 'text', 'message', 'body', 'utterance', "
                               "'transcript'; found 'role', 'body_html'); "
                               'set [transcripts] text = "<field>" in phraselint.toml'),
        Malformed(source, "6", "no role field (looked for 'role', 'speaker', 'sender', 'author', 'participant', "
                               "'from', 'speaker_role'; found 'user', 'content'); "
                               'set [transcripts] role = "<field>" in phraselint.toml'),
        Malformed(source, "7", "cannot decode as utf-8 at byte 34 of the line (invalid continuation byte)"),
        Malformed(source, "8", "'content' holds no text"),
        Malformed(source, "9", "'messages' is not a list"),
        Malformed(source, "10", "messages[0]: not a JSON object"),
        Message("fine", Role.CUSTOMER, source, "10", 0, "10", speaker="user"),
        Malformed(source, "10", "messages[2]: no role field (looked for 'role', 'speaker', 'sender', 'author', "
                                "'participant', 'from', 'speaker_role'; found 'content'); "
                                'set [transcripts] role = "<field>" in phraselint.toml'),
        Message("last", Role.CUSTOMER, source, "1", 1, "11", speaker="customer"),
    ]
    assert str(found[4]).startswith(f"{source}:6: no role field")


def test_configured_role_field_is_named_when_missing(tmp_path: Path) -> None:
    path = write_lines(tmp_path, json.dumps({"role": "agent", "content": "Hello"}))
    assert list(read(path, TranscriptSettings(role_field="party"))) == [
        Malformed(str(path), "1", "no role field (looked for 'party'; found 'role', 'content'); "
                                  'set [transcripts] role = "<field>" in phraselint.toml'),
    ]


def test_byte_order_mark_and_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes('\ufeff{"role": "agent", "content": "Hi"}\r\n\r\n{"role": "user", "content": "Hey"}\r\n'
                     .encode())
    assert [(m.where, m.role, m.text) for m in messages(path)] == [
        ("1", Role.AGENT, "Hi"), ("3", Role.CUSTOMER, "Hey"),
    ]


def test_unreadable_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "missing.jsonl", DEFAULT))
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file"):
        list(read(binary, DEFAULT))


@pytest.mark.parametrize("name", ["chat.jsonl", "chat.ndjson", "chat.json"])
def test_dispatch_by_extension_and_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes((DATA / "chat.jsonl").read_bytes())
    found = list(read_transcript(path, DEFAULT))
    assert [(m.where, m.text) for m in found if isinstance(m, Message)][:2] == [
        ("1", "My router has been down since Friday and nobody called me back."),
        ("2", "I don't know the answer to that. Let me connect you to an agent."),
    ]
    assert len(found) == 8


def test_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "chat.log"
    path.write_bytes((DATA / "openai.jsonl").read_bytes())
    assert len(list(read_transcript(path, DEFAULT, "jsonl"))) == 10
