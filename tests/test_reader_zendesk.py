"""The Zendesk ticket-comments reader: roles from the users sideload, internal notes, pointers, bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs import zendesk
from phraselint.inputs.formats import format_for, read_transcript
from phraselint.model import Malformed, Message, Role

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "zendesk_comments.json"
C = "zendesk_comments"
DEFAULT = TranscriptSettings()
USERS = [
    {"id": 1001, "name": "Dana Whitfield", "role": "end-user"},
    {"id": 2002, "name": "Marcus Lee", "role": "agent"},
    {"id": 3003, "name": "Auto Responder", "role": "admin"},
]


def _read(path: Path, settings: TranscriptSettings = DEFAULT) -> list[Message | Malformed]:
    return list(zendesk.read(path, settings))


def _write(tmp_path: Path, data: object, name: str = "ticket.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _messages(found: list[Message | Malformed]) -> list[Message]:
    return [m for m in found if isinstance(m, Message)]


def test_sample_yields_every_comment_in_order() -> None:
    found = _read(SAMPLE)
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in _messages(found)] == [
        (Role.CUSTOMER, C, 0, "/comments/0",
         "Hi, my order #55120 arrived today with a cracked screen. I'd like a replacement, please."),
        (Role.AGENT, C, 1, "/comments/1",
         "Hello Dana, please calm down. That's our policy: damage must be reported within 48 hours of delivery."),
        (Role.CUSTOMER, C, 2, "/comments/2",
         "Calm down? I reported it the same day, as your own delivery e-mail shows."),
        (Role.AGENT, C, 3, "/comments/3",
         "Customer needs to calm down, policy is policy. Asking Priya whether we can make an exception."),
        (Role.AGENT, C, 4, "/comments/4",
         "Dana, I'm sorry for the trouble. I've approved a replacement; it ships today and you will get the "
         "tracking number by e-mail."),
        (Role.CUSTOMER, C, 5, "/comments/5", "Thank you, Priya. That's all I needed."),
    ]
    assert len(found) == 6


def test_sample_keeps_times_authors_and_internal_notes() -> None:
    found = _messages(_read(SAMPLE))
    assert [(m.timestamp, m.speaker, m.agent_id, m.agent_name, m.internal) for m in found] == [
        ("2025-03-04T09:12:45Z", "Dana Whitfield", None, None, False),
        ("2025-03-04T09:31:02Z", "Marcus Lee", "38201775601", "Marcus Lee", False),
        ("2025-03-04T09:40:17Z", "Dana Whitfield", None, None, False),
        ("2025-03-04T09:44:50Z", "Marcus Lee", "38201775601", "Marcus Lee", True),
        ("2025-03-04T10:05:33Z", "Priya Raman", "38201775633", "Priya Raman", False),
        ("2025-03-04T10:12:09Z", "Dana Whitfield", None, None, False),
    ]
    assert {m.source for m in found} == {str(SAMPLE)}
    assert {m.lang for m in found} == {None}


def test_read_transcript_sniffs_the_format_from_the_comments_key() -> None:
    assert format_for(SAMPLE).name == "zendesk"
    assert list(read_transcript(SAMPLE, DEFAULT)) == _read(SAMPLE)


def test_forced_format_reads_any_extension(tmp_path: Path) -> None:
    path = _write(tmp_path, {"comments": [{"author_id": 1001, "plain_body": "Hi"}], "users": USERS}, "export.txt")
    assert [(m.role, m.text) for m in _messages(list(read_transcript(path, DEFAULT, "zendesk")))] == [
        (Role.CUSTOMER, "Hi"),
    ]


def test_body_is_used_without_plain_body_and_unknown_authors_are_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, {"comments": [
        {"author_id": 1001, "body": "Where is my parcel?", "public": True},
        {"author_id": 9999, "body": "I'm cc'd on this.", "public": True},
        {"author_id": 2002, "plain_body": "  ", "body": "It left the depot today."},
    ], "users": USERS})
    assert [(m.role, m.index, m.where, m.text, m.speaker, m.agent_id) for m in _messages(_read(path))] == [
        (Role.CUSTOMER, 0, "/comments/0", "Where is my parcel?", "Dana Whitfield", None),
        (Role.UNKNOWN, 1, "/comments/1", "I'm cc'd on this.", None, None),
        (Role.AGENT, 2, "/comments/2", "It left the depot today.", "Marcus Lee", "2002"),
    ]


def test_without_users_sideload_every_role_is_unknown(tmp_path: Path) -> None:
    path = _write(tmp_path, {"comments": [{"author_id": 2002, "body": "Please calm down."}]})
    assert [(m.role, m.agent_name) for m in _messages(_read(path))] == [(Role.UNKNOWN, None)]


def test_malformed_comments_are_reported_and_reading_continues(tmp_path: Path) -> None:
    path = _write(tmp_path, {"comments": [
        {"author_id": 1001, "body": "First"},
        {"author_id": 2002, "html_body": "<p>only html</p>", "public": True},
        "not a comment",
        {"author_id": 2002, "body": "Last"},
    ], "users": USERS})
    found = _read(path)
    assert [(type(f).__name__, f.where) for f in found] == [
        ("Message", "/comments/0"),
        ("Malformed", "/comments/1"),
        ("Malformed", "/comments/2"),
        ("Message", "/comments/3"),
    ]
    assert [str(f) for f in found if isinstance(f, Malformed)] == [
        f"{path}:/comments/1: comment has no text (looked for 'plain_body', 'body'); "
        'set [transcripts] text = "<field>" in phraselint.toml',
        f"{path}:/comments/2: comment is not a JSON object",
    ]
    # A skipped record takes no index: the next message follows on.
    assert [(m.index, m.text) for m in _messages(found)] == [(0, "First"), (1, "Last")]


def test_invalid_json_yields_one_malformed_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "ticket.json"
    path.write_text('{"comments": [\n  {"body": "Hi"}\n  {"body": "again"}\n]}\n', encoding="utf-8")
    assert _read(path) == [Malformed(str(path), "3", "line 3 column 3: Expecting ',' delimiter")]


@pytest.mark.parametrize(
    ("data", "where", "problem"),
    [
        ({"ticket": {"id": 1}}, "", "not a Zendesk ticket-comments export (no 'comments' or 'tickets' list)"),
        ([{"comments": []}, {"count": 0}], "/1", "not a ticket-comments response (no 'comments' key)"),
        ({"comments": {"id": 1}}, "/comments", "'comments' is not a list"),
        ({"tickets": [{"id": 7}]}, "/tickets/0", "ticket has no 'comments' list"),
    ],
)
def test_unknown_structures_name_their_pointer(tmp_path: Path, data: object, where: str, problem: str) -> None:
    path = _write(tmp_path, data)
    assert _read(path) == [Malformed(str(path), where, problem)]


def test_tickets_export_uses_ticket_ids_and_shared_users(tmp_path: Path) -> None:
    path = _write(tmp_path, {"tickets": [
        {"id": 4817, "comments": [{"author_id": 1001, "body": "Hello?"}, {"author_id": 2002, "body": "Hi Dana."}]},
        {"id": 4818, "comments": [{"author_id": 2002, "body": "Following up.", "public": False}],
         "users": [{"id": 2002, "name": "Marcus L.", "role": "agent"}]},
    ], "users": USERS})
    assert [(m.role, m.conversation, m.index, m.where, m.agent_name, m.internal) for m in _messages(_read(path))] == [
        (Role.CUSTOMER, "4817", 0, "/tickets/0/comments/0", None, False),
        (Role.AGENT, "4817", 1, "/tickets/0/comments/1", "Marcus Lee", False),
        (Role.AGENT, "4818", 0, "/tickets/1/comments/0", "Marcus L.", True),
    ]


def test_list_of_responses_are_pages_of_one_ticket_unless_they_name_it(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        {"comments": [{"author_id": 1001, "body": "Page one"}], "users": USERS, "next_page": "…?page=2"},
        {"comments": [{"author_id": 2002, "body": "Page two"}], "users": USERS, "next_page": None},
        {"ticket_id": 77, "comments": [{"author_id": 2002, "body": "Another ticket"}], "users": USERS},
    ], "ticket-4817.json")
    assert [(m.conversation, m.index, m.where, m.text) for m in _messages(_read(path))] == [
        ("ticket-4817", 0, "/0/comments/0", "Page one"),
        ("ticket-4817", 1, "/1/comments/0", "Page two"),
        ("77", 0, "/2/comments/0", "Another ticket"),
    ]


def test_settings_map_roles_and_choose_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, {"external_ticket": "ZD-9", "comments": [
        {"author_id": 3003, "plain_body": "stripped", "body": "We received your request.", "public": True},
        {"author_id": 1001, "plain_body": "stripped", "body": "Thanks"},
    ], "users": USERS})
    settings = TranscriptSettings(
        text_field="body", conversation_field="external_ticket", roles=(("admin", Role.BOT),),
    )
    assert [(m.role, m.conversation, m.text, m.agent_name) for m in _messages(_read(path, settings))] == [
        (Role.BOT, "ZD-9", "We received your request.", "Auto Responder"),
        (Role.CUSTOMER, "ZD-9", "Thanks", None),
    ]


def test_configured_text_field_missing_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, {"comments": [{"author_id": 1001, "body": "Hi"}], "users": USERS})
    assert _read(path, TranscriptSettings(text_field="html_body")) == [
        Malformed(str(path), "/comments/0", "comment has no text (looked for 'html_body'); "
                  'set [transcripts] text = "<field>" in phraselint.toml'),
    ]


def test_missing_and_binary_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        _read(tmp_path / "absent.json")
    binary = tmp_path / "ticket.json"
    binary.write_bytes(b"{\x00\x01}")
    with pytest.raises(InputError, match="binary file"):
        _read(binary)
