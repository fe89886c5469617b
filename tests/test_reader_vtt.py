"""The WebVTT reader: voice spans give speakers, timing lines give positions, bad cues are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.inputs.vtt import read
from phraselint.model import Malformed, Message, Role

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "call.vtt"
SARAH_IS_AGENT = TranscriptSettings(roles=(("Sarah Lee", Role.AGENT),))


def messages(path: Path, settings: TranscriptSettings = SARAH_IS_AGENT) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contact-77.vtt"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_call_reads_each_cue_as_a_turn_of_its_voice() -> None:
    got = [(m.role, m.conversation, m.index, m.where, m.speaker, m.text) for m in messages(SAMPLE)]
    assert got == [
        (Role.AGENT, "call", 0, "9", "Sarah Lee",
         "Thank you for calling Northwind Broadband & TV, my name is Sarah. How can I help you today?"),
        (Role.CUSTOMER, "call", 1, "14", "Customer",
         "My internet has been down since Friday and nobody has called me back."),
        (Role.AGENT, "call", 2, "18", "Sarah Lee",
         "Please calm down, that's our policy: we reset the line before we send a technician."),
        (Role.CUSTOMER, "call", 3, "23", "Customer", "Calm down? I am calm!"),
        (Role.CUSTOMER, "call", 4, "27", "Customer", "I have called three times this week."),
        (Role.AGENT, "call", 5, "31", "Sarah Lee",
         "I understand. I have booked a technician for tomorrow between 8 and 10 a.m."),
    ]


def test_sample_call_has_offsets_agent_names_and_the_header_language() -> None:
    got = [(m.offset_ms, m.agent_name, m.lang, m.timestamp, m.internal) for m in messages(SAMPLE)]
    assert got == [
        (1200, "Sarah Lee", "en", None, False),
        (6300, None, "en", None, False),
        (12400, "Sarah Lee", "en", None, False),
        (16600, None, "en", None, False),
        (19100, None, "en", None, False),
        (24000, "Sarah Lee", "en", None, False),
    ]
    assert {m.source for m in messages(SAMPLE)} == {str(SAMPLE)}


def test_unmapped_voice_name_has_unknown_role_and_no_agent_name() -> None:
    got = [(m.role, m.speaker, m.agent_name) for m in messages(SAMPLE, TranscriptSettings())][:2]
    assert got == [(Role.UNKNOWN, "Sarah Lee", None), (Role.CUSTOMER, "Customer", None)]


def test_role_word_voices_with_classes_need_no_settings_and_give_no_agent_name(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "WEBVTT\n\n"
        "00:00.500 --> 00:02.000\n(hold music)\n\n"
        "00:02.000 --> 00:04.000\n<v.loud Agent>That's our policy.</v>\n\n"
        "00:04.000 --> 00:06.000\n<v Bot>Please rate this call.</v>\n\n"
        "00:06.000 --> 00:08.000\n<v Caller>Fine.</v>\n"
    ))
    got = [(m.role, m.index, m.where, m.speaker, m.agent_name, m.offset_ms, m.lang, m.text)
           for m in messages(path, TranscriptSettings())]
    assert got == [
        (Role.UNKNOWN, 0, "3", None, None, 500, None, "(hold music)"),
        (Role.AGENT, 1, "6", "Agent", None, 2000, None, "That's our policy."),
        (Role.BOT, 2, "9", "Bot", None, 4000, None, "Please rate this call."),
        (Role.CUSTOMER, 3, "12", "Caller", None, 6000, None, "Fine."),
    ]


def test_roles_table_maps_any_voice_name(tmp_path: Path) -> None:
    path = write(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Speaker 2>I don't know.</v>\n")
    settings = TranscriptSettings(roles=(("speaker 2", Role.BOT),))
    got = [(m.role, m.speaker, m.agent_name, m.conversation) for m in messages(path, settings)]
    assert got == [(Role.BOT, "Speaker 2", "Speaker 2", "contact-77")]


def test_bad_cue_timing_is_reported_at_its_line_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "WEBVTT\n\n"
        "1\n00:00:01.000 --> 00:00:02.000\n<v Customer>Where is my refund?</v>\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\n<v Agent>Please calm down.</v>\n\n"
        "3\n00:00:04.000 --> 00:00:06.000\nIt was sent today.\n"
    ))
    got = list(read(path, TranscriptSettings()))
    assert got == [
        Message("Where is my refund?", Role.CUSTOMER, str(path), "contact-77", 0, "4", speaker="Customer",
                offset_ms=1000),
        Malformed(str(path), "8", "not a valid cue timing line ('00:00:02,500 --> 00:00:04,000'); cue skipped"),
        Message("It was sent today.", Role.CUSTOMER, str(path), "contact-77", 1, "12", speaker="Customer",
                offset_ms=4000),
    ]


def test_file_without_webvtt_header_is_one_malformed(tmp_path: Path) -> None:
    path = write(tmp_path, "1\n00:00:01.000 --> 00:00:02.000\n<v Agent>Hello.</v>\n")
    assert list(read(path, TranscriptSettings())) == [
        Malformed(
            str(path), "1", "webvtt-py cannot read it (Invalid format); a WebVTT file starts with a 'WEBVTT' line"
        )
    ]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "absent.vtt", TranscriptSettings()))


def test_read_transcript_dispatches_by_extension_and_by_name(tmp_path: Path) -> None:
    by_extension = list(read_transcript(SAMPLE, SARAH_IS_AGENT))
    assert by_extension == list(read(SAMPLE, SARAH_IS_AGENT))
    renamed = tmp_path / "call.txt"
    renamed.write_bytes(SAMPLE.read_bytes())
    forced = [m for m in read_transcript(renamed, SARAH_IS_AGENT, "vtt") if isinstance(m, Message)]
    assert [(m.role, m.where, m.text) for m in forced] == [(m.role, m.where, m.text) for m in messages(SAMPLE)]
