"""CSV/TSV transcript reader: delimiters, column names, malformed rows and dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.inputs.tabular import read
from phraselint.model import Malformed, Message, Role

DATA = Path(__file__).parent / "data" / "transcripts"
DEFAULT = TranscriptSettings()


def messages(path: Path, settings: TranscriptSettings = DEFAULT) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_sample() -> None:
    found = messages(DATA / "export.csv")
    assert [(m.role, m.conversation, m.index, m.where, m.speaker, m.text) for m in found] == [
        (Role.CUSTOMER, "C-2001", 0, "2", "customer",
         "My invoice shows a roaming charge, but I never left the country."),
        (Role.AGENT, "C-2001", 1, "3", "agent", "Roaming charges are not refundable. That's our policy."),
        (Role.CUSTOMER, "C-2001", 2, "4", "customer", "That's our policy is not an answer. Please check the dates."),
        (Role.AGENT, "C-2001", 3, "5", "agent",
         "Thank you for your patience. I checked the dates:\n"
         "the charge was booked by mistake, and I have credited 12.40 € to your account."),
        # The quoted cell above spans lines 5 and 6, so the next row starts on line 7.
        (Role.SYSTEM, "C-2001", 4, "7", "system", "Chat ended by the agent."),
        (Role.CUSTOMER, "C-2002", 0, "8", "customer", "Can I pay by bank transfer?"),
        (Role.BOT, "C-2002", 1, "9", "bot", "I don't know. Please calm down and try again later."),
    ]
    assert [(m.timestamp, m.agent_id, m.agent_name, m.lang) for m in found] == [
        ("2026-11-03T09:00:12Z", None, None, None),
        ("2026-11-03T09:01:40Z", "A-17", "Sarah", None),
        ("2026-11-03T09:02:05Z", None, None, None),
        ("2026-11-03T09:04:31Z", "A-17", "Sarah", None),
        ("2026-11-03T09:05:00Z", None, None, None),
        ("2026-11-03T10:15:22Z", None, None, None),
        ("2026-11-03T10:15:23Z", None, "Penny", None),
    ]
    assert {(m.source, m.internal, m.offset_ms) for m in found} == {(str(DATA / "export.csv"), False, None)}


def test_tsv_sample_with_spaced_column_names() -> None:
    found = messages(DATA / "export.tsv")
    assert [(m.role, m.conversation, m.index, m.where, m.speaker, m.text, m.timestamp, m.agent_name, m.lang)
            for m in found] == [
        (Role.CUSTOMER, "T-88", 0, "2", "Visitor",
         "My parcel was marked delivered but it is not here. Calm down? I am calm.",
         "2026-11-04 14:02:10", None, "en"),
        (Role.AGENT, "T-88", 1, "3", "Agent", "You should have read the delivery terms. We cannot help with that.",
         "2026-11-04 14:03:45", "Maria", "en"),
        (Role.CUSTOMER, "T-88", 2, "4", "Visitor", "I did. The driver left it with nobody.",
         "2026-11-04 14:05:02", None, "en"),
        (Role.AGENT, "T-88", 3, "5", "Agent",
         "I am sorry. I have opened a claim with the carrier and will send you a replacement today.",
         "2026-11-04 14:07:30", "Maria", "en"),
        (Role.BOT, "T-88", 4, "6", "Bot", "Please rate this conversation.", "2026-11-04 14:08:00", None, "en"),
    ]


def test_semicolon_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "Ticket ID;Author;Message\n"
                           "77;agent;Amount: 12,50 €, refunded, as promised\n"
                           "77;customer;Thanks\n")
    assert [(m.conversation, m.role, m.text) for m in messages(path)] == [
        ("77", Role.AGENT, "Amount: 12,50 €, refunded, as promised"),
        ("77", Role.CUSTOMER, "Thanks"),
    ]


def test_custom_columns_and_roles_are_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path, "CaseRef,Party,Note,When,Rep\n"
                           "X1,Kunde,Please calm down,2026-11-05T08:00:00Z,\n"
                           "X1,Mitarbeiter,I will check it,2026-11-05T08:01:00Z,Jonas\n")
    settings = TranscriptSettings(
        text_field="note", role_field="PARTY", conversation_field="caseref", timestamp_field="when",
        agent_field="rep", roles=(("kunde", Role.CUSTOMER), ("mitarbeiter", Role.AGENT)),
    )
    found = messages(path, settings)
    assert [(m.role, m.conversation, m.index, m.text, m.timestamp, m.agent_name) for m in found] == [
        (Role.CUSTOMER, "X1", 0, "Please calm down", "2026-11-05T08:00:00Z", None),
        (Role.AGENT, "X1", 1, "I will check it", "2026-11-05T08:01:00Z", "Jonas"),
    ]


def test_without_conversation_column_the_file_is_one_conversation(tmp_path: Path) -> None:
    path = write(tmp_path, "id,speaker,message\n1,customer,Hello?\n2,agent,Good morning.\n3,Supervisor,Hi\n")
    assert [(m.conversation, m.index, m.role, m.speaker) for m in messages(path)] == [
        ("1", 0, Role.CUSTOMER, "customer"), ("1", 1, Role.AGENT, "agent"), ("1", 2, Role.UNKNOWN, "Supervisor"),
    ]


def test_malformed_rows_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "conversation_id,role,text\n"
        'c1,customer,"first line\nsecond line"\n'
        "c1,agent,\n"
        "\n"
        ",,\n"
        'c1,,"no role"\n'
        "c1,agent,too,many\n"
        "c1,agent,bare\rreturn\n"
        "c1,agent,last\n"
    ))
    source = str(path)
    assert list(read(path, DEFAULT)) == [
        Message("first line\nsecond line", Role.CUSTOMER, source, "c1", 0, "2", speaker="customer"),
        Malformed(source, "4", "empty 'text' cell"),
        Malformed(source, "7", "empty 'role' cell"),
        Malformed(source, "8", "4 cells, but the header has 3"),
        Malformed(source, "9", "not CSV: new-line character seen in unquoted field"),
        Message("last", Role.AGENT, source, "c1", 1, "10", speaker="agent"),
    ]


def test_missing_role_column_stops_with_the_columns_present(tmp_path: Path) -> None:
    path = write(tmp_path, "\nchat,time,content\nc1,10:00,Hello\nc1,10:01,Hi\n")
    found = list(read(path, DEFAULT))
    assert found == [
        Malformed(str(path), "2", "no role column (looked for 'role', 'speaker', 'sender', 'author', 'participant', "
                                  "'from', 'speaker_role'; the header has 'chat', 'time', 'content'); "
                                  'set [transcripts] role = "<column>" in phraselint.toml'),
    ]
    assert str(found[0]).endswith(':2: no role column (looked for \'role\', \'speaker\', \'sender\', \'author\', '
                                  "'participant', 'from', 'speaker_role'; the header has 'chat', 'time', "
                                  "'content'); set [transcripts] role = \"<column>\" in phraselint.toml")


def test_missing_text_column_stops(tmp_path: Path) -> None:
    path = write(tmp_path, "role,comment\nagent,Hello\n")
    assert list(read(path, TranscriptSettings(text_field="Body"))) == [
        Malformed(str(path), "1", "no text column (looked for 'Body'; the header has 'role', 'comment'); "
                                  'set [transcripts] text = "<column>" in phraselint.toml'),
    ]


def test_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffRole,Text\r\nAgent,Hello\r\nCustomer,Hi\r\n".encode())
    assert [(m.where, m.role, m.text) for m in messages(path)] == [
        ("2", Role.AGENT, "Hello"), ("3", Role.CUSTOMER, "Hi"),
    ]


def test_empty_file_yields_nothing(tmp_path: Path) -> None:
    assert list(read(write(tmp_path, ""), DEFAULT)) == []


def test_unreadable_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "missing.csv", DEFAULT))
    binary = tmp_path / "sheet.csv"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        list(read(binary, DEFAULT))
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"role,text\nagent,Hello\ncustomer,Caf\xe9\n")
    found = read(latin1, DEFAULT)
    assert isinstance(next(found), Message)
    with pytest.raises(InputError, match=r"latin1\.csv: line 3: cannot decode as utf-8 \(invalid continuation"):
        next(found)


@pytest.mark.parametrize(("name", "forced"), [("export.csv", None), ("export.tsv", None), ("export.txt", "csv")])
def test_dispatch(tmp_path: Path, name: str, forced: str | None) -> None:
    source = "export.tsv" if name == "export.tsv" else "export.csv"
    path = tmp_path / name
    path.write_bytes((DATA / source).read_bytes())
    found = list(read_transcript(path, DEFAULT, forced))
    assert all(isinstance(m, Message) for m in found)
    assert len(found) == (5 if source == "export.tsv" else 7)
