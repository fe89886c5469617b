"""JSON Lines transcript reader: one chat message, or one OpenAI-style conversation, per line.

Each non-blank line is a JSON object of one of two shapes:

* a conversation, ``{"messages": [{"role": …, "content": …}, …], "id": …}``, as in OpenAI chat
  fine-tuning and eval files. ``content`` is a string or a list of parts whose ``text`` is joined
  with newlines. The conversation id is the line's conversation field (``conversation_id``, ``id``,
  …) or its ``metadata``'s, else the line number. An assistant message that only calls tools (no
  content) is not a turn and is passed over.
* a message, ``{"conversation_id": …, "role": …, "content": …, "timestamp": …, "agent_name": …}``,
  with the field names set in ``[transcripts]`` or the usual ones. A bare ``id`` names the message
  here, not its conversation; without a conversation field the whole file is conversation ``"1"``.

Role rule: the message's role field (``role``, ``speaker``, ``sender``, …) through the settings'
``roles`` table, then the usual names, so ``user`` is the customer, ``assistant`` a bot drafting
replies (``roles = {assistant = "agent"}`` makes it an agent), ``system`` and ``tool`` are system,
and any other value is unknown. *where* is the line number, for every message of a conversation
line too. The agent's name (agent field, or OpenAI's ``name``) is kept for agent and bot turns only.
Numeric timestamps are Unix epoch seconds (milliseconds above 10¹¹) and become ISO 8601 in UTC.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import (
    AGENT_FIELDS,
    CONVERSATION_FIELDS,
    LANG_FIELDS,
    ROLE_FIELDS,
    TEXT_FIELDS,
    TIMESTAMP_FIELDS,
    as_text,
    language_code,
    open_binary,
    pick,
    role_of,
    timestamp_text,
)
from phraselint.model import Malformed, Message, Role

Record = Mapping[str, object]

# In a message-per-line export a bare "id" is the message's own id, not its conversation's.
_MESSAGE_CONVERSATION_FIELDS = tuple(f for f in CONVERSATION_FIELDS if f != "id")
_NAME_FIELDS = (*(f for f in AGENT_FIELDS if not f.endswith("_id")), "name")
_SHOWN_KEYS = 8


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the JSON Lines file at *path*, one line at a time."""
    with open_binary(path) as f:
        yield from read_stream(f, str(path), settings)


def read_stream(lines: Iterable[bytes], source: str, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of JSON Lines read as bytes from *lines* (a binary file), named *source*."""
    counts: dict[str, int] = {}
    # Lines are decoded one by one so that a line that is not UTF-8 is reported alone.
    for number, raw in enumerate(lines, start=1):
        where = str(number)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = f"cannot decode as utf-8 at byte {exc.start + 1} of the line ({exc.reason})"
            yield Malformed(source, where, problem)
            continue
        # Trailing whitespace goes so that an unterminated string is not reported as a stray newline.
        line = (line.removeprefix("\ufeff") if number == 1 else line).rstrip()
        if not line:
            continue
        try:
            record: object = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Malformed(source, where, f"not JSON: {exc.msg}: column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield Malformed(source, where, f"not a JSON object but {type(record).__name__}")
        elif "messages" in record:
            yield from _conversation(record, where, source, settings, counts)
        else:
            conversation = _value((record,), settings.conversation_field, _MESSAGE_CONVERSATION_FIELDS) or "1"
            yield _message(record, (record,), conversation, where, source, settings, counts)


def _conversation(
    record: Record, where: str, source: str, settings: TranscriptSettings, counts: dict[str, int]
) -> Iterator[Message | Malformed]:
    """Yield the messages of an OpenAI-style ``{"messages": [...]}`` line."""
    messages = record["messages"]
    if not isinstance(messages, list):
        yield Malformed(source, where, "'messages' is not a list")
        return
    metadata = record.get("metadata")
    scopes = (record, metadata) if isinstance(metadata, dict) else (record,)
    conversation = _value(scopes, settings.conversation_field, CONVERSATION_FIELDS) or where
    for position, item in enumerate(messages):
        if not isinstance(item, dict):
            yield Malformed(source, where, f"messages[{position}]: not a JSON object")
        elif _text(item, settings) is None and ("tool_calls" in item or "function_call" in item):
            continue
        else:
            found = _message(item, (item, *scopes), conversation, where, source, settings, counts)
            if isinstance(found, Malformed):
                found = Malformed(source, where, f"messages[{position}]: {found.problem}")
            yield found


def _message(
    item: Record, scopes: Sequence[Record], conversation: str, where: str, source: str,
    settings: TranscriptSettings, counts: dict[str, int],
) -> Message | Malformed:
    """Return the Message of one message object; *scopes* (the object first) are searched for its language."""
    text_field = pick(item, settings.text_field, TEXT_FIELDS)
    if text_field is None:
        return Malformed(source, where, _missing("text", settings.text_field, TEXT_FIELDS, item))
    text = _text(item, settings, text_field)
    if text is None:
        return Malformed(source, where, f"{text_field!r} holds no text")
    role_field = pick(item, settings.role_field, ROLE_FIELDS)
    if role_field is None:
        return Malformed(source, where, _missing("role", settings.role_field, ROLE_FIELDS, item))
    speaker = as_text(item[role_field])
    if speaker is None:
        return Malformed(source, where, f"{role_field!r} holds no role value")
    role = role_of(speaker, settings)
    index = counts.get(conversation, 0)
    counts[conversation] = index + 1
    is_staff = role in (Role.AGENT, Role.BOT)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=where,
        speaker=speaker, timestamp=_timestamp(item, settings),
        agent_id=_value((item,), None, ("agent_id",)) if is_staff else None,
        agent_name=_value((item,), settings.agent_field, _NAME_FIELDS) if is_staff else None,
        lang=language_code(_value(scopes, settings.lang_field, LANG_FIELDS)),
    )


def _value(scopes: Sequence[Record], configured: str | None, usual: Sequence[str]) -> str | None:
    """Return the first text value of the field among *scopes*, searched in order."""
    for scope in scopes:
        field = pick(scope, configured, usual)
        if field is not None and (value := as_text(scope[field])) is not None:
            return value
    return None


def _text(item: Record, settings: TranscriptSettings, field: str | None = None) -> str | None:
    """Return the text of a message: a string, or the ``text`` of a list of content parts joined.

    *field* is the text field when the caller has already found it.
    """
    field = field or pick(item, settings.text_field, TEXT_FIELDS)
    value = item[field] if field is not None else None
    if isinstance(value, list):
        parts = [p["text"] for p in value if isinstance(p, dict) and isinstance(p.get("text"), str)]
        return "\n".join(parts).strip() or None
    return as_text(value)


def _timestamp(item: Record, settings: TranscriptSettings) -> str | None:
    """Return the message's time as ISO 8601: text as written, epoch numbers converted to UTC."""
    field = pick(item, settings.timestamp_field, TIMESTAMP_FIELDS)
    return timestamp_text(item[field] if field is not None else None)


def _missing(what: str, configured: str | None, usual: Sequence[str], item: Record) -> str:
    """Return the problem of a message lacking its *what* field, with the setting that maps one."""
    looked = ", ".join(repr(f) for f in ((configured,) if configured is not None else usual))
    keys = [repr(k) for k in item]
    present = ", ".join(keys[:_SHOWN_KEYS]) + (", …" if len(keys) > _SHOWN_KEYS else "") or "no fields"
    return (
        f"no {what} field (looked for {looked}; found {present}); "
        f'set [transcripts] {what} = "<field>" in phraselint.toml'
    )
