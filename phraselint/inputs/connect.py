"""Amazon Connect Contact Lens output-file reader.

Reads the analysed JSON that Contact Lens writes for a contact (``Version``, ``Participants``,
``Transcript``, ``CustomerMetadata``, …; raw and redacted files alike). Each item of ``Transcript``
is one message; ``where`` is its JSON pointer (``/Transcript/5``).

Role: the item's own ``ParticipantRole`` when it has one (chat files), else the ``ParticipantRole``
that ``Participants`` lists for its ``ParticipantId``, else the ``ParticipantId`` itself (often
literally ``AGENT`` or ``CUSTOMER``). The value goes through the settings' ``roles`` table first, then
the usual names (AGENT → agent, CUSTOMER → customer, SYSTEM → system, BOT → bot), then Contact Lens's
own (AUTOMATED and CUSTOM_BOT → bot, SUPERVISOR → agent); any other value, such as an unlisted
participant id, is ``unknown``. The field-name settings do not apply: the schema is fixed.

The conversation is ``CustomerMetadata.ContactId``, else the file name without its extension.
``offset_ms`` is ``BeginOffsetMillis`` (calls), ``timestamp`` is ``AbsoluteTime`` (chats), ``speaker``
is the ``ParticipantId`` and ``lang`` comes from the file's ``LanguageCode``. A chat item of another
``Type`` than MESSAGE without ``Content`` (a participant joining, an attachment) is an event, not a
message, and is passed over.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import as_text, language_code, read_json, role_of
from phraselint.model import Malformed, Message, Role

# Contact Lens role values that the usual names in transcript.py do not cover.
_CONNECT_ROLES = {"automated": Role.BOT, "custom_bot": Role.BOT, "supervisor": Role.AGENT}


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the Contact Lens output file at *path*."""
    source = str(path)
    document = read_json(path)
    if isinstance(document, Malformed):
        yield document
        return
    if not isinstance(document, dict):
        yield Malformed(source, "", "not a Contact Lens output file: the document is not a JSON object")
        return
    items = document.get("Transcript")
    if not isinstance(items, list):
        yield Malformed(source, "/Transcript", "not a Contact Lens output file: no 'Transcript' list")
        return
    metadata = document.get("CustomerMetadata")
    contact = as_text(metadata.get("ContactId")) if isinstance(metadata, dict) else None
    conversation = contact or path.stem
    lang = language_code(as_text(document.get("LanguageCode")))
    roles = _participant_roles(document.get("Participants"))
    index = 0
    for number, item in enumerate(items):
        where = f"/Transcript/{number}"
        if not isinstance(item, dict):
            yield Malformed(source, where, "transcript item is not a JSON object")
            continue
        text = as_text(item.get("Content"))
        if text is None:
            kind = as_text(item.get("Type"))
            if kind is None or kind.upper() == "MESSAGE":
                yield Malformed(source, where, "no 'Content' (the text of the turn)")
            continue
        participant = as_text(item.get("ParticipantId"))
        raw_role = as_text(item.get("ParticipantRole")) or roles.get(participant or "") or participant
        if raw_role is None:
            yield Malformed(source, where, "no 'ParticipantId' or 'ParticipantRole' to tell who spoke")
            continue
        offset = item.get("BeginOffsetMillis")
        yield Message(
            text=text, role=_role(raw_role, settings), source=source, conversation=conversation, index=index,
            where=where, speaker=participant, timestamp=as_text(item.get("AbsoluteTime")),
            offset_ms=offset if isinstance(offset, int) and not isinstance(offset, bool) else None, lang=lang,
        )
        index += 1


def _participant_roles(participants: object) -> dict[str, str]:
    """Return each listed ParticipantId's ParticipantRole."""
    if not isinstance(participants, list):
        return {}
    return {
        pid: prole
        for entry in participants
        if isinstance(entry, Mapping)
        and (pid := as_text(entry.get("ParticipantId"))) is not None
        and (prole := as_text(entry.get("ParticipantRole"))) is not None
    }


def _role(value: str, settings: TranscriptSettings) -> Role:
    role = role_of(value, settings)
    if role is Role.UNKNOWN:
        return _CONNECT_ROLES.get(value.strip().casefold(), Role.UNKNOWN)
    return role
