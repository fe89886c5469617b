"""The Intercom conversation reader: source and parts, HTML bodies, author roles, notes, bad records."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs import intercom
from phraselint.inputs.formats import format_for, read_transcript
from phraselint.model import Malformed, Message, Role

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "intercom_conversation.json"
C = "215468742981923"
PARTS = "/conversation_parts/conversation_parts"
DEFAULT = TranscriptSettings()
ALEX: dict[str, object] = {"type": "user", "id": "u1", "name": "Alex Morgan", "email": "alex@example.com"}
SAM: dict[str, object] = {"type": "admin", "id": "7794420", "name": "Sam Carter", "email": "sam@example.com"}


def _read(path: Path, settings: TranscriptSettings = DEFAULT) -> list[Message | Malformed]:
    return list(intercom.read(path, settings))


def _write(tmp_path: Path, data: object, name: str = "conversation.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _messages(found: list[Message | Malformed]) -> list[Message]:
    return [m for m in found if isinstance(m, Message)]


def _conversation(cid: str, *parts: dict[str, object], body: str = "<p>Hello</p>") -> dict[str, object]:
    return {
        "type": "conversation", "id": cid, "created_at": 1700000000,
        "source": {"type": "conversation", "id": "s1", "delivered_as": "customer_initiated", "body": body,
                   "author": ALEX},
        "conversation_parts": {"type": "conversation_part.list", "conversation_parts": list(parts),
                               "total_count": len(parts)},
    }


def _part(
    body: str | None, author: Mapping[str, object], part_type: str = "comment", at: int = 1700000060,
) -> dict[str, object]:
    return {"type": "conversation_part", "id": "p", "part_type": part_type, "body": body, "created_at": at,
            "author": author}


def test_sample_yields_source_then_parts_with_text() -> None:
    found = _read(SAMPLE)
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in _messages(found)] == [
        (Role.CUSTOMER, C, 0, "/source", "Hi, I was charged twice for my March subscription.\n\nInvoice: INV-2291"),
        (Role.BOT, C, 1, f"{PARTS}/0",
         "I don't know why that happened. You should have read the billing FAQ before upgrading your plan."),
        (Role.CUSTOMER, C, 2, f"{PARTS}/2",
         "Your bot just told me I should have read the FAQ. That's on you & your billing system, not me."),
        (Role.AGENT, C, 3, f"{PARTS}/3",
         "Customer needs to calm down, policy is policy.\n\nRefund approved in Stripe anyway."),
        (Role.AGENT, C, 4, f"{PARTS}/4",
         "Hi Alex, I'm sorry about the double charge.\n\n"
         "I have refunded 29.00 USD to the card ending 4242; it should appear within 5 business days."),
        (Role.CUSTOMER, C, 5, f"{PARTS}/5", "Thanks, Sam!"),
    ]
    # The assignment (part 1) and close (part 6) have no body: events, not messages, so nothing else is yielded.
    assert len(found) == 6


def test_sample_keeps_times_authors_and_internal_notes() -> None:
    found = _messages(_read(SAMPLE))
    assert [(m.timestamp, m.speaker, m.agent_id, m.agent_name, m.internal) for m in found] == [
        ("2025-03-04T09:12:45+00:00", "Alex Morgan", None, None, False),
        ("2025-03-04T09:13:23+00:00", "Fin", "7810011", "Fin", False),
        ("2025-03-04T09:16:17+00:00", "Alex Morgan", None, None, False),
        ("2025-03-04T09:21:45+00:00", "Sam Carter", "7794420", "Sam Carter", True),
        ("2025-03-04T09:22:46+00:00", "Sam Carter", "7794420", "Sam Carter", False),
        ("2025-03-04T09:24:59+00:00", "Alex Morgan", None, None, False),
    ]
    assert {m.source for m in found} == {str(SAMPLE)}


def test_read_transcript_sniffs_the_format_from_conversation_parts() -> None:
    assert format_for(SAMPLE).name == "intercom"
    assert list(read_transcript(SAMPLE, DEFAULT)) == _read(SAMPLE)


def test_html_paragraphs_become_lines_and_entities_decode(tmp_path: Path) -> None:
    path = _write(tmp_path, _conversation(
        "1",
        _part("<p>a</p><p>b</p>", SAM),
        _part("Tom &amp; Jerry<br>say &quot;hi&quot;", SAM),
        _part('<div>See <a href="https://help.example/refunds">our guide</a>.</div><div>Thanks</div>', SAM),
        body="plain text, no tags",
    ))
    assert [m.text for m in _messages(_read(path))] == [
        "plain text, no tags", "a\n\nb", 'Tom & Jerry\nsay "hi"', "See our guide.\nThanks",
    ]


@pytest.mark.parametrize(
    ("author", "role"),
    [
        ({"type": "admin", "id": "1", "name": "Sam"}, Role.AGENT),
        ({"type": "team", "id": "5521803", "name": "Billing"}, Role.AGENT),
        ({"type": "bot", "id": "2", "name": "Operator"}, Role.BOT),
        ({"type": "admin", "id": "3", "name": "Fin", "from_ai_agent": True}, Role.BOT),
        ({"type": "user", "id": "4", "name": "Alex"}, Role.CUSTOMER),
        ({"type": "lead", "id": "5", "name": "Visitor 123"}, Role.CUSTOMER),
        ({"type": "contact", "id": "6", "name": "Jo"}, Role.CUSTOMER),
        ({"type": "campaign", "id": "7", "name": "Spring promo"}, Role.UNKNOWN),
        ({"id": "8"}, Role.UNKNOWN),
    ],
)
def test_author_type_gives_the_role(tmp_path: Path, author: Mapping[str, object], role: Role) -> None:
    path = _write(tmp_path, _conversation("1", _part("<p>Hi</p>", author)))
    message = _messages(_read(path))[1]
    is_agent = role in (Role.AGENT, Role.BOT)
    assert (message.role, message.agent_id, message.agent_name) == (
        role, author["id"] if is_agent else None, author.get("name") if is_agent else None,
    )


def test_a_part_without_an_author_is_unknown(tmp_path: Path) -> None:
    part = _part("<p>Hi</p>", SAM)
    del part["author"]
    path = _write(tmp_path, _conversation("1", part))
    assert [(m.role, m.speaker) for m in _messages(_read(path))] == [
        (Role.CUSTOMER, "Alex Morgan"), (Role.UNKNOWN, None),
    ]


def test_notes_are_internal_and_bodiless_parts_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, _conversation(
        "9",
        _part(None, SAM, "assignment"),
        _part("<p>Please calm down.</p>", SAM, "note_and_reopen"),
        _part("", SAM, "close"),
        _part("<p></p>", ALEX, "comment"),
        _part("<p>Done.</p>", SAM, "comment", at=1700000120),
    ))
    assert [(m.index, m.where, m.text, m.internal, m.timestamp) for m in _messages(_read(path))] == [
        (0, "/source", "Hello", False, "2023-11-14T22:13:20+00:00"),
        (1, f"{PARTS}/1", "Please calm down.", True, "2023-11-14T22:14:20+00:00"),
        (2, f"{PARTS}/4", "Done.", False, "2023-11-14T22:15:20+00:00"),
    ]


def test_malformed_parts_are_reported_and_reading_continues(tmp_path: Path) -> None:
    conversation = _conversation("1", _part("<p>One</p>", SAM), _part("<p>Two</p>", SAM))
    parts = conversation["conversation_parts"]
    assert isinstance(parts, dict)
    parts["conversation_parts"].insert(1, "not a part")
    parts["conversation_parts"].insert(2, {"part_type": "comment", "body": {"html": "<p>x</p>"}, "author": SAM})
    path = _write(tmp_path, conversation)
    found = _read(path)
    assert [(type(f).__name__, f.where) for f in found] == [
        ("Message", "/source"),
        ("Message", f"{PARTS}/0"),
        ("Malformed", f"{PARTS}/1"),
        ("Malformed", f"{PARTS}/2"),
        ("Message", f"{PARTS}/3"),
    ]
    assert [str(f) for f in found if isinstance(f, Malformed)] == [
        f"{path}:{PARTS}/1: conversation part is not a JSON object",
        f"{path}:{PARTS}/2: 'body' is neither HTML text nor null",
    ]
    assert [(m.index, m.text) for m in _messages(found)] == [(0, "Hello"), (1, "One"), (2, "Two")]


def test_invalid_json_yields_one_malformed_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "conversation.json"
    path.write_text('{"type": "conversation",\n "id": "1"\n "source": {}}\n', encoding="utf-8")
    assert _read(path) == [Malformed(str(path), "3", "line 3 column 2: Expecting ',' delimiter")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"type": "contact"}, [("", "not an Intercom conversation export (no 'conversation_parts' or "
                                    "'conversations' key)")]),
        ([42], [("/0", "conversation is not a JSON object")]),
        ({"type": "conversation", "id": "1"}, [("/source", "conversation has no 'source' object")]),
        ({"type": "conversation", "id": "1", "source": {"body": "<p>Hi</p>", "author": ALEX},
          "conversation_parts": [{"body": "<p>x</p>"}]},
         [("/conversation_parts", "not a conversation_part.list (no 'conversation_parts' list inside)")]),
    ],
)
def test_unknown_structures_name_their_pointer(tmp_path: Path, data: object, expected: list[tuple[str, str]]) -> None:
    path = _write(tmp_path, data)
    assert [(f.where, f.problem) for f in _read(path) if isinstance(f, Malformed)] == expected


def test_conversation_list_page_and_plain_list(tmp_path: Path) -> None:
    page = {"type": "conversation.list", "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1},
            "total_count": 2, "conversations": [
                _conversation("101", _part("<p>Sorry for the wait.</p>", SAM)),
                # The list endpoint leaves conversation_parts out: only the source is read.
                {"type": "conversation", "id": "102", "created_at": 1700000000,
                 "source": {"body": "<p>Is anyone there?</p>", "author": ALEX}},
            ]}
    listed = [_conversation("201"), _conversation("202", body="<p>Second</p>")]
    assert [(m.role, m.conversation, m.index, m.where) for m in _messages(_read(_write(tmp_path, page)))] == [
        (Role.CUSTOMER, "101", 0, "/conversations/0/source"),
        (Role.AGENT, "101", 1, f"/conversations/0{PARTS}/0"),
        (Role.CUSTOMER, "102", 0, "/conversations/1/source"),
    ]
    assert [(m.conversation, m.index, m.where, m.text) for m in _messages(_read(_write(tmp_path, listed)))] == [
        ("201", 0, "/0/source", "Hello"),
        ("202", 0, "/1/source", "Second"),
    ]


def test_settings_map_author_types_and_conversation_field(tmp_path: Path) -> None:
    data = {**_conversation("1", _part("<p>Automated reply</p>", SAM)), "external_ref": "T-55"}
    settings = TranscriptSettings(conversation_field="external_ref", roles=(("admin", Role.BOT),))
    assert [(m.role, m.conversation, m.agent_name) for m in _messages(_read(_write(tmp_path, data), settings))] == [
        (Role.CUSTOMER, "T-55", None),
        (Role.BOT, "T-55", "Sam Carter"),
    ]


def test_a_conversation_without_id_is_named_after_the_file(tmp_path: Path) -> None:
    data = _conversation("1")
    del data["id"]
    assert [m.conversation for m in _messages(_read(_write(tmp_path, data, "export-7.json")))] == ["export-7"]


def test_missing_and_binary_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        _read(tmp_path / "absent.json")
    binary = tmp_path / "conversation.json"
    binary.write_bytes(b"{\x00\x01}")
    with pytest.raises(InputError, match="binary file"):
        _read(binary)
