"""The e-mail reader: new reply text only, roles from agent-domains, threads, and broken messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.formats import read_transcript
from phraselint.inputs.mail import read
from phraselint.model import Malformed, Message, Role

DATA = Path(__file__).parent / "data" / "transcripts"
AGENTS = TranscriptSettings(agent_domains=("example.com",))


def messages(path: Path, settings: TranscriptSettings = AGENTS) -> list[Message]:
    found = list(read(path, settings))
    assert all(isinstance(m, Message) for m in found), found
    return [m for m in found if isinstance(m, Message)]


def mail(headers: str, body: str, *, content_type: str = 'text/plain; charset="utf-8"') -> str:
    return f"{headers}\nMIME-Version: 1.0\nContent-Type: {content_type}\nContent-Transfer-Encoding: 8bit\n\n{body}"


def test_eml_keeps_the_agent_reply_without_quote_or_signature() -> None:
    found = messages(DATA / "reply.eml")
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in found] == [
        (Role.AGENT, "cust-4471-1@mailbox.org", 0, "1",
         "Hi Tom,\n\nPlease calm down, that's our policy for opened items.\n"
         "We can offer you a store credit of 40 € instead."),
    ]
    (reply,) = found
    assert (reply.speaker, reply.agent_name, reply.agent_id, reply.timestamp, reply.lang) == (
        "Sarah Jones", "Sarah Jones", "support@example.com", "2026-11-03T10:14:00+00:00", "en",
    )


def test_mbox_threads_roles_and_from_lines() -> None:
    found = messages(DATA / "support.mbox")
    assert [(m.role, m.conversation, m.index, m.where, m.text) for m in found] == [
        (Role.CUSTOMER, "cust-router-1@mailbox.org", 0, "1",
         "Hello,\n\nmy router drops the connection every evening. I restarted it five times.\n"
         "I don't know what else to try, and your hotline just hangs up on me.\n\nTom"),
        (Role.AGENT, "cust-router-1@mailbox.org", 1, "17",
         "Hi Tom,\n\nYou should have read the terms: the router must be registered before\nthe first restart.\n"
         "From now on, please use the registration link in your welcome mail."),
        (Role.CUSTOMER, "jw-88213-1@posteo.de", 0, "45",
         "Guten Tag,\n\nmeine Lieferung 88213 ist immer noch nicht angekommen. Und schreiben Sie mir\n"
         "nicht wieder: Beruhigen Sie sich!\n\nJana Weber"),
        (Role.AGENT, "jw-88213-1@posteo.de", 1, "62",
         "Guten Tag Frau Weber,\n\nvielen Dank für Ihre Nachricht. Ihr Paket wurde heute neu versendet und\n"
         "erreicht Sie voraussichtlich am Freitag.\n\nMit freundlichen Grüßen\nLukas Meyer\nExample Kundenservice"),
    ]
    assert [(m.timestamp, m.lang, m.agent_name, m.agent_id) for m in found] == [
        ("2026-11-02T18:40:12+01:00", None, None, None),
        ("2026-11-03T09:05:44+00:00", "en", "Sarah Jones", "support@example.com"),
        ("2026-11-04T09:12:03+01:00", "de", None, None),
        ("2026-11-04T11:30:27+01:00", "de", "Lukas Meyer", "kundenservice@example.com"),
    ]


def test_without_agent_domains_every_role_is_unknown() -> None:
    found = messages(DATA / "support.mbox", TranscriptSettings())
    assert [(m.role, m.speaker, m.agent_id) for m in found] == [
        (Role.UNKNOWN, "Tom Baker", None),
        (Role.UNKNOWN, "Sarah Jones", None),
        (Role.UNKNOWN, "Jana Weber", None),
        (Role.UNKNOWN, "Lukas Meyer", None),
    ]


def test_agent_domains_match_a_full_address_and_roles_map_an_address(tmp_path: Path) -> None:
    box = tmp_path / "mixed.mbox"
    box.write_text(
        "From a Tue Nov  3 09:00:00 2026\n" + mail("From: Ana <ana@partner.org>\nMessage-ID: <m1@x>", "I can help.\n")
        + "\nFrom b Tue Nov  3 09:01:00 2026\n"
        + mail("From: Example <noreply@example.com>\nMessage-ID: <m2@x>", "Your ticket was closed.\n")
        + "\nFrom c Tue Nov  3 09:02:00 2026\n" + mail("From: Bo <bo@partner.org>\nMessage-ID: <m3@x>", "Hi!\n"),
        encoding="utf-8",
    )
    settings = TranscriptSettings(
        agent_domains=("ana@partner.org", "example.com"), roles=(("NoReply@example.com", Role.BOT),),
    )
    assert [(m.role, m.agent_id, m.where) for m in messages(box, settings)] == [
        (Role.AGENT, "ana@partner.org", "1"),
        (Role.BOT, "noreply@example.com", "10"),
        (Role.CUSTOMER, None, "19"),
    ]


def test_quote_headers_in_other_languages_and_outlook_blocks_are_cut(tmp_path: Path) -> None:
    outlook = tmp_path / "outlook.eml"
    outlook.write_text(mail(
        "From: Lukas Meyer <kundenservice@example.com>\nContent-Language: de",
        "Das ist unsere Richtlinie.\n\nVon: Jana Weber <jana.weber@posteo.de>\n"
        "Gesendet: Mittwoch, 4. November 2026 09:12\nAn: Kundenservice\nBetreff: Lieferung\n\n"
        "Beruhigen Sie sich doch selbst!\n",
    ), encoding="utf-8")
    french = tmp_path / "french.eml"
    french.write_text(mail(
        "From: Claire <claire@example.com>",
        "C'est notre politique.\n\nLe lun. 2 nov. 2026 à 18:40, Tom <tom@mailbox.org> a écrit :\n"
        "> Calmez-vous vous-même !\n",
    ), encoding="utf-8")
    assert [m.text for m in messages(outlook)] == ["Das ist unsere Richtlinie."]
    assert [m.text for m in messages(french)] == ["C'est notre politique."]


def test_inline_quotes_are_dropped_and_thanks_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "inline.eml"
    path.write_text(mail(
        "From: Sarah <support@example.com>",
        "Hi Tom,\n\n> Can I return it?\nYes, within 30 days.   \n\n> And the shipping?\n"
        "Thanks, I checked: that's our policy.\n\n-- \nSarah\n",
    ), encoding="utf-8")
    assert [m.text for m in messages(path)] == [
        "Hi Tom,\n\nYes, within 30 days.\n\nThanks, I checked: that's our policy.",
    ]


def test_html_only_mail_is_converted_and_its_quote_cut(tmp_path: Path) -> None:
    path = tmp_path / "html.eml"
    path.write_text(mail(
        "From: Sarah <support@example.com>\nMessage-ID: <h1@example.com>",
        "<div><p>Please calm down.</p><p>We will call you <b>today</b>.</p></div>"
        '<div class="gmail_quote">On Mon, 2 Nov 2026 at 18:40, Tom &lt;tom@mailbox.org&gt; wrote:<br>'
        "<blockquote>Don't tell me to calm down</blockquote></div>",
        content_type='text/html; charset="utf-8"',
    ), encoding="utf-8")
    assert [(m.conversation, m.text) for m in messages(path)] == [
        ("h1@example.com", "Please calm down.\n\nWe will call you today."),
    ]


def test_thread_falls_back_to_in_reply_to_then_file_and_number(tmp_path: Path) -> None:
    box = tmp_path / "export.mbox"
    box.write_text(
        "From x Tue Nov  3 09:00:00 2026\n"
        + mail("From: Tom <tom@mailbox.org>\nIn-Reply-To: <root@x>\nDate: not a date", "Still broken.\n")
        + "\nFrom y Tue Nov  3 09:01:00 2026\n" + mail("From: Tom <tom@mailbox.org>", "Hello?\n"),
        encoding="utf-8",
    )
    assert [(m.conversation, m.index, m.timestamp) for m in messages(box)] == [
        ("root@x", 0, None),
        ("export-2", 0, None),
    ]


def test_broken_messages_are_reported_and_reading_continues(tmp_path: Path) -> None:
    box = tmp_path / "broken.mbox"
    box.write_text(
        "From a Tue Nov  3 09:00:00 2026\n"
        + mail("From: Tom <tom@mailbox.org>", "iVBORw0KGgo=\n", content_type="image/png")
        + "\nFrom b Tue Nov  3 09:01:00 2026\n"
        + mail("From: Tom <tom@mailbox.org>", "Hello\n", content_type='text/plain; charset="x-no-such"')
        + "\nFrom c Tue Nov  3 09:02:00 2026\n"
        + mail("From: Sarah <support@example.com>", "On Mon, 2 Nov 2026, Tom wrote:\n> Hello\n")
        + "\nFrom d Tue Nov  3 09:03:00 2026\n"
        + mail("From: Sarah <support@example.com>\nMessage-ID: <ok@x>", "That's our policy.\n"),
        encoding="utf-8",
    )
    found = list(read(box, AGENTS))
    assert [str(m) if isinstance(m, Malformed) else (m.where, m.text) for m in found] == [
        f"{box}:1: no text/plain or text/html body",
        f"{box}:9: cannot parse the message: unknown encoding: x-no-such",
        f"{box}:17: no reply text: the body is empty, quoted or a signature only",
        ("26", "That's our policy."),
    ]


def test_dispatch_by_extension_and_by_from_line(tmp_path: Path) -> None:
    assert [m.where for m in read_transcript(DATA / "reply.eml", AGENTS)] == ["1"]
    assert [m.where for m in read_transcript(DATA / "support.mbox", AGENTS)] == ["1", "17", "45", "62"]
    archive = tmp_path / "archive.txt"
    archive.write_bytes((DATA / "support.mbox").read_bytes())
    assert [m.where for m in read_transcript(archive, AGENTS, "eml")] == ["1", "17", "45", "62"]


def test_missing_and_binary_files_raise_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read(tmp_path / "gone.mbox", AGENTS))
    binary = tmp_path / "blob.eml"
    binary.write_bytes(b"\x89PNG\r\n\x00\x00")
    with pytest.raises(InputError, match="binary file"):
        list(read(binary, AGENTS))
