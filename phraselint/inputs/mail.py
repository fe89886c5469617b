"""E-mail reader: one message (``.eml``) or an mbox mailbox, new reply text only.

A file named ``*.mbox``, or whose first line starts with ``From ``, is an mbox; anything else is a
single message. Messages are parsed by the stdlib ``email`` package (``mailbox.mbox`` indexes an mbox
and each message is read on its own). The text is the ``text/plain`` body, else the ``text/html``
body converted by inscriptis. The quoted history is someone else's words, so it is cut off before
linting: mail-parser-reply finds the reply header that starts it (``On … wrote:``, ``Am … schrieb …:``,
Outlook ``From:/Sent:`` blocks, in a dozen languages: the message's Content-Language and English, or
all it knows when the message states none); then ``>`` lines are dropped and the text is cut at the
``-- `` signature delimiter. Lines keep their words and breaks, without leading or trailing blanks.

Role, from the From address: the settings' ``roles`` table keyed by address first (e.g. map
``noreply@example.com`` to ``bot``); then an address, or its domain, listed in ``agent-domains`` is an
agent and any other address a customer; with no ``agent-domains`` set every message is ``unknown``.
Agent and bot messages carry the From display name as agent_name and the address as agent_id.

conversation is the thread: the first Message-ID in References, else In-Reply-To, else the message's
own Message-ID (without angle brackets), else ``<file stem>-<message number>``. where is ``1`` for a
single message and, in an mbox, the line number of the message's ``From `` line. timestamp is the
Date header in ISO 8601 (None when unparseable); lang comes from Content-Language.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
import re
from collections.abc import Iterator
from email.errors import MessageError
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

# Neither library ships type information (no py.typed).
from inscriptis import get_text  # type: ignore[import-untyped]
from mailparser_reply import EmailMessage as ReplySplitter  # type: ignore[import-untyped]
from mailparser_reply.constants import MAIL_LANGUAGES  # type: ignore[import-untyped]

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.inputs.transcript import language_code, open_binary
from phraselint.model import Malformed, Message, Role

_MSG_ID = re.compile(r"<([^<>\s]+)>")
# mbox writers escape a body line "From …" as ">From …"; mailbox.mbox leaves the escape in place.
_ESCAPED_FROM = re.compile(r"^>(>*From )", re.MULTILINE)
# The email package raises these on broken headers, bodies or an unknown charset.
_PARSE_ERRORS = (MessageError, LookupError, ValueError, IndexError)


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the .eml or mbox file at *path*."""
    with open_binary(path) as f:
        head = f.read(8192)
    if path.suffix.casefold() == ".mbox" or head.startswith(b"From "):
        yield from _read_mbox(path, settings)
        return
    source = str(path)
    try:
        with path.open("rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        yield _message(msg, source, f"{path.stem}-1", "1", {}, settings, is_mbox=False)
    except _PARSE_ERRORS as exc:
        yield Malformed(source, "1", f"cannot parse the message: {exc}")


def _read_mbox(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    source = str(path)
    counts: dict[str, int] = {}
    try:
        box = mailbox.mbox(path, create=False)
    except (OSError, mailbox.Error) as exc:
        raise InputError(source, f"cannot open mailbox: {exc}") from None
    try:
        starts = _from_lines(path)
        for number, key in enumerate(box.iterkeys(), start=1):
            where = str(next(starts))
            try:
                msg = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
                yield _message(msg, source, f"{path.stem}-{number}", where, counts, settings, is_mbox=True)
            except _PARSE_ERRORS as exc:
                yield Malformed(source, where, f"cannot parse the message: {exc}")
    finally:
        box.close()



def _from_lines(path: Path) -> Iterator[int]:
    """Yield the line numbers of the ``From `` lines that start messages, as mailbox.mbox splits them."""
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if line.startswith(b"From "):
                yield number


def _message(
    msg: EmailMessage, source: str, fallback: str, where: str, counts: dict[str, int],
    settings: TranscriptSettings, *, is_mbox: bool,
) -> Message | Malformed:
    body = msg.get_body(preferencelist=("plain", "html"))
    if not isinstance(body, EmailMessage):
        return Malformed(source, where, "no text/plain or text/html body")
    content = str(body.get_content())
    if body.get_content_subtype() == "html":
        content = str(get_text(content))
    elif is_mbox:
        content = _ESCAPED_FROM.sub(r"\1", content)
    tag = msg.get("Content-Language") or body.get("Content-Language")
    lang = language_code(str(tag).split(",")[0].strip()) if tag else None
    text = _reply_text(content, lang)
    if not text:
        return Malformed(source, where, "no reply text: the body is empty, quoted or a signature only")
    name, address = parseaddr(str(msg.get("From", "")))
    role = _role(address, settings)
    conversation = _thread(msg) or fallback
    index = counts.get(conversation, 0)
    counts[conversation] = index + 1
    is_staff = role in (Role.AGENT, Role.BOT)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=where,
        speaker=name or address or None, timestamp=_timestamp(msg.get("Date")),
        agent_id=(address or None) if is_staff else None, agent_name=(name or None) if is_staff else None,
        lang=lang,
    )


def _reply_text(content: str, lang: str | None) -> str:
    """Return the new text of a mail body: before the quoted history, without quotes or signature."""
    languages = [lang] if lang in MAIL_LANGUAGES else list(MAIL_LANGUAGES)
    replies = ReplySplitter(text=content, languages=languages).read().replies
    # A body that opens with a reply header has no new text; its first part is the quoted one.
    if not replies or replies[0].headers:
        return ""
    kept: list[str] = []
    # The library's own signature cut also fires on "Thanks," or "Best," lines, losing the agent's
    # words, so only the standard "-- " delimiter (which it strips to "--") ends the text here.
    for line in str(replies[0].full_body).splitlines():
        if line == "--":
            break
        if not line.startswith(">"):
            kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _role(address: str, settings: TranscriptSettings) -> Role:
    mapped = settings.role_for(address) if address else None
    if mapped is not None:
        return mapped
    if not settings.agent_domains or not address:
        return Role.UNKNOWN
    domains = {d.casefold().lstrip("@") for d in settings.agent_domains}
    address = address.casefold()
    return Role.AGENT if address in domains or address.rpartition("@")[2] in domains else Role.CUSTOMER


def _thread(msg: EmailMessage) -> str | None:
    for header in ("References", "In-Reply-To", "Message-ID"):
        found = _MSG_ID.search(str(msg.get(header, "")))
        if found:
            return found[1]
    return None


def _timestamp(value: object) -> str | None:
    if value is None:
        return None
    try:
        return parsedate_to_datetime(str(value)).isoformat()
    except (TypeError, ValueError):
        return None
