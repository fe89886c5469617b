"""Amazon Connect Contact Lens reader: roles from Participants, offsets, pointers and malformed items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.connect import read
from phraselint.inputs.formats import format_for, read_transcript
from phraselint.model import Malformed, Message, Role
from tests.conftest import DATA

SAMPLE = DATA / "transcripts" / "contact_lens.json"
CONTACT = "7c77422d-f9ba-4111-ad48-b2f5dadf854a"
AGENT_ID = "f36a545d-67b2-4fd4-89fb-896136b609a7"
CUSTOMER_ID = "e9b36a6d-12aa-4c21-9745-1881648ecfc8"
DEFAULTS = TranscriptSettings()


def messages(path: Path, settings: TranscriptSettings = DEFAULTS) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write(tmp_path: Path, document: object, name: str = "contact_analysis.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_sample_call_reads_every_turn_with_its_participant_role() -> None:
    found = messages(SAMPLE)
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in found] == [
        (Role.AGENT, CONTACT, 0, "/Transcript/0",
         "Thank you for calling Northwind Mobile, this is Dana. How can I help you today?"),
        (Role.CUSTOMER, CONTACT, 1, "/Transcript/1",
         "I have been charged twice for my plan this month and nobody has fixed it."),
        (Role.AGENT, CONTACT, 2, "/Transcript/2",
         "I can see the second charge. Please calm down, sir, that's our policy for disputed payments."),
        (Role.CUSTOMER, CONTACT, 3, "/Transcript/3",
         "Don't tell me to calm down. I don't know why I am paying twice, I just want my money back."),
        (Role.AGENT, CONTACT, 4, "/Transcript/4",
         "I understand. I have refunded the second charge of 45 dollars to the card ending in 4417, "
         "and you will see it within five business days."),
        (Role.CUSTOMER, CONTACT, 5, "/Transcript/5", "Okay. Thank you, Dana."),
        (Role.AGENT, CONTACT, 6, "/Transcript/6",
         "You're welcome. Is there anything else I can help you with today?"),
    ]
    assert [m.offset_ms for m in found] == [420, 5120, 11030, 18020, 22380, 32600, 35010]
    assert [m.speaker for m in found] == [AGENT_ID, CUSTOMER_ID] * 3 + [AGENT_ID]
    assert {(m.lang, m.timestamp, m.agent_id, m.agent_name, m.internal, m.source) for m in found} == {
        ("en", None, None, None, False, str(SAMPLE)),
    }


def test_sample_is_recognised_by_its_keys() -> None:
    assert format_for(SAMPLE).name == "connect"
    assert list(read_transcript(SAMPLE, TranscriptSettings())) == list(read(SAMPLE, TranscriptSettings()))


def test_forced_format_reads_a_file_of_any_name(tmp_path: Path) -> None:
    path = tmp_path / "contact.analysis"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    found = [m for m in read_transcript(path, TranscriptSettings(), "connect") if isinstance(m, Message)]
    assert [(m.role, m.index) for m in found][:2] == [(Role.AGENT, 0), (Role.CUSTOMER, 1)]


def test_literal_ids_item_roles_chat_times_and_the_file_stem_as_conversation(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "Version": "CHAT-2022-11-30",
        "Channel": "CHAT",
        "LanguageCode": "de-DE",
        "Participants": [{"ParticipantId": "CUSTOMER", "ParticipantRole": "CUSTOMER"}],
        "Transcript": [
            {"Id": "1", "ParticipantId": "AGENT", "Content": "Guten Tag!", "BeginOffsetMillis": 0},
            {"Id": "2", "ParticipantId": "CUSTOMER", "Content": "Hallo."},
            {"Id": "3", "ParticipantId": "0b8d-lex", "ParticipantRole": "CUSTOM_BOT", "Content": "Ihre Nummer?",
             "AbsoluteTime": "2026-03-05T10:14:02.120Z", "Type": "MESSAGE"},
            {"Id": "4", "ParticipantId": "6c1f-supervisor", "ParticipantRole": "SUPERVISOR",
             "Content": "Ich übernehme."},
            {"Id": "5", "ParticipantId": "77aa-unlisted", "Content": "Wer spricht?"},
        ],
    })
    found = messages(path)
    assert [(m.role, m.conversation, m.index, m.speaker, m.lang) for m in found] == [
        (Role.AGENT, "contact_analysis", 0, "AGENT", "de"),
        (Role.CUSTOMER, "contact_analysis", 1, "CUSTOMER", "de"),
        (Role.BOT, "contact_analysis", 2, "0b8d-lex", "de"),
        (Role.AGENT, "contact_analysis", 3, "6c1f-supervisor", "de"),
        (Role.UNKNOWN, "contact_analysis", 4, "77aa-unlisted", "de"),
    ]
    assert [(m.offset_ms, m.timestamp) for m in found] == [
        (0, None), (None, None), (None, "2026-03-05T10:14:02.120Z"), (None, None), (None, None),
    ]


def test_settings_roles_map_participant_roles(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "Participants": [
            {"ParticipantId": "a1", "ParticipantRole": "SYSTEM"},
            {"ParticipantId": "c1", "ParticipantRole": "CUSTOMER"},
        ],
        "Transcript": [
            {"ParticipantId": "a1", "Content": "Please hold, your call is important to us."},
            {"ParticipantId": "c1", "Content": "Hello?"},
            {"ParticipantId": "77aa-unlisted", "Content": "Billing desk, Sam speaking."},
        ],
    })
    default = messages(path)
    assert [m.role for m in default] == [Role.SYSTEM, Role.CUSTOMER, Role.UNKNOWN]
    settings = TranscriptSettings(roles=(("system", Role.BOT), ("77aa-unlisted", Role.AGENT)))
    assert [m.role for m in messages(path, settings)] == [Role.BOT, Role.CUSTOMER, Role.AGENT]


def test_malformed_items_are_reported_by_pointer_and_reading_continues(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "CustomerMetadata": {"ContactId": "c-42"},
        "Transcript": [
            {"ParticipantId": "AGENT", "Content": "Hello."},
            {"ParticipantId": "AGENT", "BeginOffsetMillis": 900},
            "not an item",
            {"Content": "Who said this?"},
            {"Type": "EVENT", "ContentType": "application/vnd.amazonaws.connect.event.participant.joined",
             "ParticipantRole": "AGENT"},
            {"ParticipantId": "CUSTOMER", "Content": "  "},
            {"ParticipantId": "CUSTOMER", "Content": "Thanks."},
        ],
    })
    found = list(read(path, TranscriptSettings()))
    source = str(path)
    assert found == [
        Message(text="Hello.", role=Role.AGENT, source=source, conversation="c-42", index=0, where="/Transcript/0",
                speaker="AGENT"),
        Malformed(source, "/Transcript/1", "no 'Content' (the text of the turn)"),
        Malformed(source, "/Transcript/2", "transcript item is not a JSON object"),
        Malformed(source, "/Transcript/3", "no 'ParticipantId' or 'ParticipantRole' to tell who spoke"),
        Malformed(source, "/Transcript/5", "no 'Content' (the text of the turn)"),
        Message(text="Thanks.", role=Role.CUSTOMER, source=source, conversation="c-42", index=1,
                where="/Transcript/6", speaker="CUSTOMER"),
    ]
    assert str(found[1]) == f"{source}:/Transcript/1: no 'Content' (the text of the turn)"


def test_unparseable_document_is_one_malformed_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "Transcript": [\n    {"Content": "Hi" "ParticipantId": "AGENT"}\n  ]\n}\n', encoding="utf-8")
    assert list(read(path, TranscriptSettings())) == [
        Malformed(str(path), "3", "line 3 column 22: Expecting ',' delimiter"),
    ]


@pytest.mark.parametrize(
    ("document", "where", "problem"),
    [
        ([{"Content": "Hi"}], "", "not a Contact Lens output file: the document is not a JSON object"),
        ({"Version": "1.1.0", "Transcript": {}}, "/Transcript", "not a Contact Lens output file: no 'Transcript' list"),
    ],
)
def test_other_documents_are_one_malformed(tmp_path: Path, document: object, where: str, problem: str) -> None:
    path = write(tmp_path, document)
    assert list(read(path, TranscriptSettings())) == [Malformed(str(path), where, problem)]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "absent.json", TranscriptSettings()))
