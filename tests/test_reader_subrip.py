"""The SRT reader: speaker labels give roles, unlabelled cues continue, a parse error stops with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.inputs.subrip import read
from phraselint.model import Malformed, Message, Role

SAMPLE = Path(__file__).parent / "data" / "transcripts" / "call.srt"


def messages(path: Path, settings: TranscriptSettings | None = None) -> list[Message]:
    found = list(read(path, settings or TranscriptSettings()))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write(tmp_path: Path, *cues: str) -> Path:
    """Write an SRT file of *cues*, each one cue's text, one second apart."""
    path = tmp_path / "contact-77.srt"
    blocks = [f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{text}\n" for n, text in enumerate(cues, start=1)]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def test_sample_call_reads_each_cue_as_a_turn_of_its_label() -> None:
    got = [(m.role, m.conversation, m.index, m.where, m.speaker, m.text) for m in messages(SAMPLE)]
    assert got == [
        (Role.AGENT, "call", 0, "1", "AGENT",
         "Thank you for calling Northwind Broadband, my name is Sarah. How can I help you today?"),
        (Role.CUSTOMER, "call", 1, "6", "CUSTOMER",
         "My internet has been down since Friday and nobody has called me back."),
        (Role.AGENT, "call", 2, "11", "AGENT",
         "Please calm down, that's our policy: we reset the line before we send a technician."),
        (Role.CUSTOMER, "call", 3, "16", "CUSTOMER", "Calm down? I am calm!"),
        (Role.CUSTOMER, "call", 4, "20", "CUSTOMER", "I have called three times this week."),
        (Role.AGENT, "call", 5, "24", "AGENT",
         "I understand. I have booked a technician for tomorrow between 8 and 10 a.m."),
    ]


def test_sample_call_has_offsets_and_agent_names() -> None:
    got = [(m.offset_ms, m.agent_name, m.lang, m.timestamp, m.internal) for m in messages(SAMPLE)]
    assert got == [
        (1200, "Sarah Lee", None, None, False),
        (6300, None, None, None, False),
        (12400, "Sarah Lee", None, None, False),
        (16600, None, None, None, False),
        (19100, None, None, None, False),
        (24000, "Sarah Lee", None, None, False),
    ]
    assert {m.source for m in messages(SAMPLE)} == {str(SAMPLE)}


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("AGENT: That's our policy.", (Role.AGENT, "AGENT", None, "That's our policy.")),
        ("agent: That's our policy.", (Role.AGENT, "agent", None, "That's our policy.")),
        ("Agent (Sarah): That's our policy.", (Role.AGENT, "Agent", "Sarah", "That's our policy.")),
        ("Sarah (agent): That's our policy.", (Role.AGENT, "Sarah", "Sarah", "That's our policy.")),
        ("[Customer] Calm down? I am calm.", (Role.CUSTOMER, "Customer", None, "Calm down? I am calm.")),
        ("[Agent (Sarah)]: Please calm down.", (Role.AGENT, "Agent", "Sarah", "Please calm down.")),
        ("- Customer: Calm down? I am calm.", (Role.CUSTOMER, "Customer", None, "Calm down? I am calm.")),
        (">> AGENT: Please calm down.", (Role.AGENT, "AGENT", None, "Please calm down.")),
        ("<i>BOT:</i> Please rate this call.", (Role.BOT, "BOT", None, "Please rate this call.")),
        ("Speaker 2: I don't know.", (Role.UNKNOWN, "Speaker 2", None, "I don't know.")),
        ("Sarah Lee: I don't know.", (Role.UNKNOWN, "Sarah Lee", None, "I don't know.")),
    ],
)
def test_speaker_label_forms(tmp_path: Path, cue: str, expected: tuple[Role, str, str | None, str]) -> None:
    [message] = messages(write(tmp_path, cue))
    assert (message.role, message.speaker, message.agent_name, message.text) == expected


@pytest.mark.parametrize(
    "cue",
    ["[laughs] Please calm down.", "the reason is: policy.", "{\\an8}Please calm down.", "- Please calm down."],
)
def test_text_that_is_not_a_label_continues_the_previous_speaker(tmp_path: Path, cue: str) -> None:
    got = [(m.role, m.speaker, m.text) for m in messages(write(tmp_path, "CUSTOMER: Hello.", cue))]
    text = cue.replace("{\\an8}", "")
    assert got == [(Role.CUSTOMER, "CUSTOMER", "Hello."), (Role.CUSTOMER, "CUSTOMER", text)]


def test_unlabelled_cues_before_any_label_and_after_chevrons_are_unknown(tmp_path: Path) -> None:
    path = write(tmp_path, "Hello?", "AGENT (Sarah): Hi, this is Sarah.", "How can I help?", ">> I want a refund.",
                 "Now.")
    got = [(m.role, m.index, m.where, m.speaker, m.agent_name, m.offset_ms, m.text) for m in messages(path)]
    assert got == [
        (Role.UNKNOWN, 0, "1", None, None, 1000, "Hello?"),
        (Role.AGENT, 1, "5", "AGENT", "Sarah", 2000, "Hi, this is Sarah."),
        (Role.AGENT, 2, "9", "AGENT", "Sarah", 3000, "How can I help?"),
        (Role.UNKNOWN, 3, "13", None, None, 4000, "I want a refund."),
        (Role.UNKNOWN, 4, "17", None, None, 5000, "Now."),
    ]


def test_roles_table_maps_names_and_gives_agent_names(tmp_path: Path) -> None:
    path = write(tmp_path, "Sarah Lee: Please calm down.", "Speaker 2: Calm down? I am calm.",
                 "[Sarah Lee] Sorry.")
    settings = TranscriptSettings(roles=(("sarah lee", Role.AGENT), ("Speaker 2", Role.CUSTOMER)))
    got = [(m.role, m.speaker, m.agent_name, m.conversation, m.text) for m in messages(path, settings)]
    assert got == [
        (Role.AGENT, "Sarah Lee", "Sarah Lee", "contact-77", "Please calm down."),
        (Role.CUSTOMER, "Speaker 2", None, "contact-77", "Calm down? I am calm."),
        (Role.AGENT, "Sarah Lee", "Sarah Lee", "contact-77", "Sorry."),
    ]


def test_cue_without_index_is_placed_at_its_timing_line(tmp_path: Path) -> None:
    path = tmp_path / "noindex.srt"
    path.write_text("00:00:01,000 --> 00:00:02,000\nAGENT: Hello.\n\n00:00:03,000 --> 00:00:04,000\nBye.\n")
    got = [(m.where, m.role, m.text) for m in messages(path)]
    assert got == [("1", Role.AGENT, "Hello."), ("4", Role.AGENT, "Bye.")]


def test_parse_error_yields_the_cues_before_it_then_one_malformed_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nCUSTOMER: Where is my refund?\n\n"
        "2\n00:00:03,000 -> 00:00:04,000\nAGENT: Please calm down.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nAGENT: It was sent today.\n"
    )
    assert list(read(path, TranscriptSettings())) == [
        Message("Where is my refund?", Role.CUSTOMER, str(path), "broken", 0, "1", speaker="CUSTOMER",
                offset_ms=1000),
        Malformed(str(path), "5", "not an SRT cue (an index line, then 'hh:mm:ss,mmm --> hh:mm:ss,mmm', then text): "
                  "'2'; the rest of the file is not read"),
    ]


def test_file_that_is_not_srt_is_one_malformed_at_its_first_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.srt"
    path.write_text("\nCall notes: customer upset.\n")
    assert list(read(path, TranscriptSettings())) == [
        Malformed(str(path), "2", "not an SRT cue (an index line, then 'hh:mm:ss,mmm --> hh:mm:ss,mmm', then text): "
                  "'Call notes: customer upset.'; the rest of the file is not read"),
    ]


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "absent.srt", TranscriptSettings()))


def test_read_transcript_dispatches_by_extension_and_by_name(tmp_path: Path) -> None:
    assert list(read_transcript(SAMPLE, TranscriptSettings())) == list(read(SAMPLE, TranscriptSettings()))
    renamed = tmp_path / "call.txt"
    renamed.write_bytes(SAMPLE.read_bytes())
    forced = [m for m in read_transcript(renamed, TranscriptSettings(), "srt") if isinstance(m, Message)]
    assert [(m.role, m.where, m.text) for m in forced] == [(m.role, m.where, m.text) for m in messages(SAMPLE)]
