"""Intercom conversation reader.

Reads a Conversation object of the REST API 2.x (``GET /conversations/{id}``), a
``{"type": "conversation.list", "conversations": [...]}`` page, or a JSON list of conversations.

- Messages: the conversation's ``source`` (index 0, timed by the conversation's ``created_at``),
  then each part of ``conversation_parts.conversation_parts`` in order. Parts without text
  (``assignment``, ``close``, ``open``, ``snoozed``, attribute updates: their ``body`` is null or
  empty) are events, not messages, and are skipped; a ``source`` without text likewise.
- Text: the HTML ``body`` rendered as plain text by inscriptis (paragraphs and ``<br>`` become line
  breaks, entities are decoded).
- Role: the author's ``type``, through the settings' ``roles`` first: ``admin`` and ``team`` are agents;
  ``bot`` and ``operator`` are bots, as is any author with ``"from_ai_agent": true`` (Fin);
  ``user``, ``lead`` and ``contact`` are customers; other types go through the usual role names, else
  ``unknown``. A part without an author is ``unknown``.
- ``part_type`` ``note`` (or ``note_and_reopen``) marks an internal note: yielded with ``internal=True``.
- Conversation: its ``id`` (or the ``conversation`` field set in the settings), else the file's stem.
  A conversation from the list endpoint has no ``conversation_parts``: only its source is read.
- ``where`` is the JSON pointer of the source or part (``/source``,
  ``/conversation_parts/conversation_parts/4``, ``/conversations/1/source``); a document that is not
  JSON yields one Malformed at the error's line. Timestamps (unix seconds) become ISO 8601 in UTC.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

from inscriptis import get_text  # type: ignore[import-untyped]
from inscriptis.css_profiles import CSS_PROFILES  # type: ignore[import-untyped]
from inscriptis.model.config import ParserConfig  # type: ignore[import-untyped]

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import as_text, pick, read_json, role_of
from phraselint.model import Malformed, Message, Role

_AUTHOR_ROLES = {
    "admin": Role.AGENT,
    "team": Role.AGENT,
    "bot": Role.BOT,
    "operator": Role.BOT,
    "user": Role.CUSTOMER,
    "lead": Role.CUSTOMER,
    "contact": Role.CUSTOMER,
}
_NOTE_PARTS = frozenset({"note", "note_and_reopen"})
# The strict profile keeps <div> and <span> from adding indentation and spaces inside words.
_HTML = ParserConfig(css=CSS_PROFILES["strict"].copy())


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the Intercom export at *path*."""
    source = str(path)
    data = read_json(path)
    if isinstance(data, Malformed):
        yield data
        return
    indexes: dict[str, int] = {}
    for found in _conversations(data, source):
        if isinstance(found, Malformed):
            yield found
            continue
        pointer, conversation = found
        key = pick(conversation, settings.conversation_field, ("id",))
        name = (as_text(conversation[key]) if key else None) or path.stem
        for item in _parts(conversation, pointer, source):
            if isinstance(item, Malformed):
                yield item
                continue
            where, part, created_at = item
            index = indexes.get(name, 0)
            message = _message(part, settings, source=source, conversation=name, index=index, where=where,
                               created_at=created_at)
            if isinstance(message, Message):
                indexes[name] = index + 1
            if message is not None:
                yield message


def _conversations(data: object, source: str) -> Iterator[tuple[str, Mapping[str, object]] | Malformed]:
    """Yield each conversation of *data* with its JSON pointer."""
    if isinstance(data, dict) and ("conversation_parts" in data or data.get("type") == "conversation"):
        yield "", data
        return
    if isinstance(data, list):
        listed, prefix = data, ""
    elif isinstance(data, dict) and isinstance(data.get("conversations"), list):
        listed, prefix = data["conversations"], "/conversations"
    else:
        yield Malformed(source, "", "not an Intercom conversation export (no 'conversation_parts' or "
                                    "'conversations' key)")
        return
    for number, item in enumerate(listed):
        if isinstance(item, dict):
            yield f"{prefix}/{number}", item
        else:
            yield Malformed(source, f"{prefix}/{number}", "conversation is not a JSON object")


def _parts(
    conversation: Mapping[str, object], pointer: str, source: str,
) -> Iterator[tuple[str, object, object] | Malformed]:
    """Yield the source and each conversation part, with its JSON pointer and creation time."""
    first = conversation.get("source")
    if isinstance(first, dict):
        # The source carries no time of its own: it was sent when the conversation was created.
        yield f"{pointer}/source", first, conversation.get("created_at")
    else:
        yield Malformed(source, f"{pointer}/source", "conversation has no 'source' object")
    container = conversation.get("conversation_parts")
    if container is None:
        return
    parts = container.get("conversation_parts") if isinstance(container, dict) else None
    if not isinstance(parts, list):
        yield Malformed(source, f"{pointer}/conversation_parts",
                        "not a conversation_part.list (no 'conversation_parts' list inside)")
        return
    for number, part in enumerate(parts):
        where = f"{pointer}/conversation_parts/conversation_parts/{number}"
        yield where, part, part.get("created_at") if isinstance(part, dict) else None


def _message(
    part: object, settings: TranscriptSettings, *,
    source: str, conversation: str, index: int, where: str, created_at: object,
) -> Message | Malformed | None:
    """Return the Message of a source or part, a Malformed, or None for a part without text."""
    if not isinstance(part, dict):
        return Malformed(source, where, "conversation part is not a JSON object")
    body = part.get("body")
    if body is not None and not isinstance(body, str):
        return Malformed(source, where, "'body' is neither HTML text nor null")
    text = _plain(body) if body else ""
    if not text:
        return None
    author = part.get("author")
    author = author if isinstance(author, dict) else {}
    role = _role(author, settings)
    name = as_text(author.get("name"))
    is_agent = role in (Role.AGENT, Role.BOT)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=where,
        speaker=name, timestamp=_timestamp(created_at),
        agent_id=as_text(author.get("id")) if is_agent else None, agent_name=name if is_agent else None,
        internal=part.get("part_type") in _NOTE_PARTS,
    )


def _role(author: Mapping[str, object], settings: TranscriptSettings) -> Role:
    kind = as_text(author.get("type"))
    if kind is None:
        return Role.UNKNOWN
    mapped = settings.role_for(kind)
    if mapped is not None:
        return mapped
    if author.get("from_ai_agent") is True:
        return Role.BOT
    return _AUTHOR_ROLES.get(kind.casefold()) or role_of(kind, settings)


def _plain(html: str) -> str:
    text: str = get_text(html, _HTML)
    return text.strip()


def _timestamp(value: object) -> str | None:
    """Return unix seconds as ISO 8601 in UTC (None for a missing or impossible time)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None
