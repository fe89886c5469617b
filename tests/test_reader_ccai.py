"""Google CCAI Insights reader: participant roles, audio channels, offsets, lists and malformed segments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.ccai import read
from phraselint.inputs.formats import format_for, read_transcript
from phraselint.model import Malformed, Message, Role
from tests.conftest import DATA

SAMPLE = DATA / "transcripts" / "ccai_conversation.json"
CALL, CHAT = "4613718290351248512", "7781120349902233600"
SEGMENTS = "/transcript/transcriptSegments"
DEFAULTS = TranscriptSettings()


def messages(path: Path, settings: TranscriptSettings = DEFAULTS) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "conversation.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_sample_list_reads_a_call_and_a_chat() -> None:
    found = messages(SAMPLE)
    call, chat = "/conversations/0" + SEGMENTS, "/conversations/1" + SEGMENTS
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in found] == [
        (Role.AGENT, CALL, 0, f"{call}/0",
         "Thanks for calling Northwind Mobile, my name is Dana. How can I help you today?"),
        (Role.CUSTOMER, CALL, 1, f"{call}/1",
         "My internet has dropped every evening this week and I'm fed up with it."),
        (Role.AGENT, CALL, 2, f"{call}/2",
         "Please calm down, sir. You should have read the manual; the router needs a weekly restart."),
        # No segmentParticipant: channelTag 1 is callMetadata.customerChannel.
        (Role.CUSTOMER, CALL, 3, f"{call}/3",
         "Don't tell me to calm down. I don't know where the manual is, just send an engineer."),
        (Role.AGENT, CALL, 4, f"{call}/4",
         "I have booked an engineer visit for Thursday between eight and twelve, and credited one month to your "
         "account."),
        (Role.BOT, CHAT, 0, f"{chat}/0", "Hi, I'm the Northwind virtual assistant. What can I help you with?"),
        (Role.CUSTOMER, CHAT, 1, f"{chat}/1", "Where is my refund? It has been three weeks."),
        (Role.BOT, CHAT, 2, f"{chat}/2", "I don't know. That's our policy: refunds take up to 30 days."),
        (Role.AGENT, CHAT, 3, f"{chat}/3",
         "Hi, this is Lee from the billing team. I have checked your refund: it was sent today and should reach "
         "your card by Friday."),
        (Role.CUSTOMER, CHAT, 4, f"{chat}/4", "Thanks Lee, that is all I needed."),
    ]
    assert [(m.offset_ms, m.timestamp) for m in found] == [
        (840, None), (6910, None), (12340, None), (19420, None), (25910, None),
        (None, "2026-03-06T16:02:11.204Z"), (None, "2026-03-06T16:02:40.918Z"), (None, "2026-03-06T16:02:42.377Z"),
        (None, "2026-03-06T16:04:05.551Z"), (None, "2026-03-06T16:04:31.090Z"),
    ]
    assert [(m.agent_id, m.speaker) for m in found] == [
        ("agent-dana-0042", "HUMAN_AGENT"), (None, "END_USER"), ("agent-dana-0042", "HUMAN_AGENT"), (None, None),
        ("agent-dana-0042", "HUMAN_AGENT"),
        (None, "AUTOMATED_AGENT"), (None, "END_USER"), (None, "AUTOMATED_AGENT"), ("lee.park", "HUMAN_AGENT"),
        (None, "END_USER"),
    ]
    assert {(m.lang, m.agent_name, m.internal, m.source) for m in found} == {("en", None, False, str(SAMPLE))}


def test_sample_is_recognised_by_its_keys() -> None:
    assert format_for(SAMPLE).name == "ccai"
    assert list(read_transcript(SAMPLE, TranscriptSettings())) == list(read(SAMPLE, TranscriptSettings()))


def test_single_resource_roles_channels_and_languages(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "name": "projects/p/locations/us-central1/conversations/123",
        "languageCode": "en-US",
        "medium": "PHONE_CALL",
        "callMetadata": {"customerChannel": 1, "agentChannel": 2},
        "transcript": {"transcriptSegments": [
            {"text": "Bonjour, service client.", "channelTag": 2, "languageCode": "fr-CA",
             "words": [{"startOffset": "3s", "endOffset": "3.400s", "word": "Bonjour,"}]},
            {"text": "Hello?", "channelTag": 1, "segmentParticipant": {"role": "ROLE_UNSPECIFIED"},
             "words": [{"startOffset": "4.000000001s", "word": "Hello?"}]},
            {"text": "One moment.", "channelTag": 2, "segmentParticipant": {"role": "ANY_AGENT", "userId": "u-7"}},
            {"text": "Mono line.", "channelTag": 0},
            {"text": "Who is this?", "channelTag": 1, "segmentParticipant": {"role": "HUMAN_AGENT"}},
        ]},
    })
    found = messages(path)
    assert [(m.role, m.conversation, m.index, m.where, m.offset_ms, m.agent_id, m.lang) for m in found] == [
        (Role.AGENT, "123", 0, f"{SEGMENTS}/0", 3000, None, "fr"),
        (Role.CUSTOMER, "123", 1, f"{SEGMENTS}/1", 4000, None, "en"),
        (Role.AGENT, "123", 2, f"{SEGMENTS}/2", None, "u-7", "en"),
        (Role.UNKNOWN, "123", 3, f"{SEGMENTS}/3", None, None, "en"),
        # An explicit role wins over the channel.
        (Role.AGENT, "123", 4, f"{SEGMENTS}/4", None, None, "en"),
    ]


def test_unnamed_conversations_are_numbered_by_position(tmp_path: Path) -> None:
    path = write(tmp_path, {"conversations": [
        {"transcript": {"transcriptSegments": [{"text": "Hi.", "segmentParticipant": {"role": "END_USER"}}]}},
        {"transcript": {"transcriptSegments": [{"text": "Hello.", "segmentParticipant": {"role": "HUMAN_AGENT"}}]}},
    ]})
    assert [(m.conversation, m.index, m.lang) for m in messages(path)] == [("1", 0, None), ("2", 0, None)]
    single = write(tmp_path, {"transcript": {"transcriptSegments": [{"text": "Hi."}]}})
    assert [(m.role, m.conversation, m.where) for m in messages(single)] == [(Role.UNKNOWN, "1", f"{SEGMENTS}/0")]


def test_settings_roles_map_participant_roles(tmp_path: Path) -> None:
    path = write(tmp_path, {"name": "projects/p/locations/l/conversations/9", "transcript": {"transcriptSegments": [
        {"text": "Your balance is 12 euros.", "segmentParticipant": {"role": "ANY_AGENT", "userId": "ivr-1"}},
        {"text": "Thanks.", "segmentParticipant": {"role": "END_USER"}},
    ]}})
    assert [(m.role, m.agent_id) for m in messages(path)] == [(Role.AGENT, "ivr-1"), (Role.CUSTOMER, None)]
    settings = TranscriptSettings(roles=(("any_agent", Role.BOT),))
    assert [(m.role, m.agent_id) for m in messages(path, settings)] == [(Role.BOT, "ivr-1"), (Role.CUSTOMER, None)]


def test_malformed_segments_and_conversations_are_reported_and_reading_continues(tmp_path: Path) -> None:
    path = write(tmp_path, {"conversations": [
        {"name": "projects/p/locations/l/conversations/basic-view", "medium": "CHAT"},
        {"name": "projects/p/locations/l/conversations/77", "transcript": {"transcriptSegments": [
            {"text": "Hello.", "segmentParticipant": {"role": "HUMAN_AGENT"}},
            {"segmentParticipant": {"role": "END_USER"}, "words": []},
            ["not", "a", "segment"],
            {"text": "Late.", "words": [{"startOffset": "1.2", "word": "Late."}]},
            {"text": "Bye.", "segmentParticipant": {"role": "END_USER"}},
        ]}},
        "not a conversation",
    ]})
    source, pointer = str(path), "/conversations/1" + SEGMENTS
    assert list(read(path, TranscriptSettings())) == [
        Malformed(source, "/conversations/0/transcript",
                  "no 'transcript.transcriptSegments' list (list conversations with view=FULL to include transcripts)"),
        Message(text="Hello.", role=Role.AGENT, source=source, conversation="77", index=0, where=f"{pointer}/0",
                speaker="HUMAN_AGENT"),
        Malformed(source, f"{pointer}/1", "no 'text' in the transcript segment"),
        Malformed(source, f"{pointer}/2", "transcript segment is not a JSON object"),
        Malformed(source, f"{pointer}/3/words/0/startOffset", "'1.2' is not a Duration such as '1.200s'"),
        Message(text="Bye.", role=Role.CUSTOMER, source=source, conversation="77", index=1, where=f"{pointer}/4",
                speaker="END_USER"),
        Malformed(source, "/conversations/2", "conversation is not a JSON object"),
    ]


def test_unparseable_document_is_one_malformed_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "conversation.json"
    path.write_text('{"transcript": {"transcriptSegments": [\n  {"text": "Hi",}\n]}}\n', encoding="utf-8")
    assert list(read(path, TranscriptSettings())) == [
        Malformed(str(path), "2", "line 2 column 17: Expecting property name enclosed in double quotes"),
    ]


def test_a_document_that_is_not_an_object_is_one_malformed(tmp_path: Path) -> None:
    path = write(tmp_path, [{"transcriptSegments": []}])
    assert list(read(path, TranscriptSettings())) == [
        Malformed(str(path), "", "not a CCAI Insights conversation: the document is not a JSON object"),
    ]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "absent.json", TranscriptSettings()))
