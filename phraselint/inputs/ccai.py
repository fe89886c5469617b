"""Google CCAI Insights conversation reader.

Reads a Contact Center AI Insights ``Conversation`` resource as the v1 REST API returns it
(``conversations.get``), or a ``conversations.list`` response (``{"conversations": [...]}``, listed
with ``view=FULL`` so that transcripts are included). Each item of ``transcript.transcriptSegments``
is one message; ``where`` is its JSON pointer (``/transcript/transcriptSegments/4``, or
``/conversations/1/transcript/transcriptSegments/4`` in a list).

Role: ``segmentParticipant.role`` through the settings' ``roles`` table first, then HUMAN_AGENT and
ANY_AGENT → agent, AUTOMATED_AGENT → bot, END_USER → customer. When the role is missing or
ROLE_UNSPECIFIED (the two mean the same in proto3 JSON) and the segment's ``channelTag`` is the
conversation's ``callMetadata.agentChannel`` or ``customerChannel``, the channel decides (agent or
customer); otherwise the role is ``unknown``.

The conversation is the last part of ``name`` (``projects/p/locations/l/conversations/123`` → ``123``),
else the conversation's 1-based position in the file. ``timestamp`` is ``messageTime`` (chats);
``offset_ms`` is the first word's ``startOffset`` (calls; a Duration such as ``"1.200s"``). ``agent_id``
is the conversation's ``agentId``, else the segment's ``segmentParticipant.userId``, for agent turns,
and the ``userId`` alone for bot turns (``agentId`` names the human agent). ``lang`` comes from the
segment's ``languageCode``, else the conversation's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import as_text, language_code, read_json, role_of
from phraselint.model import Malformed, Message, Role

# CCAI participant roles that the usual names in transcript.py do not cover.
_CCAI_ROLES = {"any_agent": Role.AGENT}
_UNSET_ROLE = "ROLE_UNSPECIFIED"
# google.protobuf.Duration in JSON: seconds with up to nine fractional digits and an "s".
_DURATION = re.compile(r"\d+(?:\.\d{1,9})?s")


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the messages of the CCAI Insights conversation or conversation list at *path*."""
    source = str(path)
    document = read_json(path)
    if isinstance(document, Malformed):
        yield document
        return
    if isinstance(document, dict) and isinstance(document.get("conversations"), list):
        for number, conversation in enumerate(document["conversations"]):
            yield from _conversation(conversation, f"/conversations/{number}", str(number + 1), source, settings)
    elif isinstance(document, dict):
        yield from _conversation(document, "", "1", source, settings)
    else:
        yield Malformed(source, "", "not a CCAI Insights conversation: the document is not a JSON object")


def _conversation(
    conversation: object, pointer: str, position: str, source: str, settings: TranscriptSettings,
) -> Iterator[Message | Malformed]:
    if not isinstance(conversation, dict):
        yield Malformed(source, pointer, "conversation is not a JSON object")
        return
    transcript = conversation.get("transcript")
    segments = transcript.get("transcriptSegments") if isinstance(transcript, dict) else None
    if not isinstance(segments, list):
        yield Malformed(
            source, f"{pointer}/transcript",
            "no 'transcript.transcriptSegments' list (list conversations with view=FULL to include transcripts)",
        )
        return
    name = as_text(conversation.get("name"))
    conversation_id = name.rsplit("/", 1)[-1] if name else position
    by_channel = _channel_roles(conversation.get("callMetadata"))
    agent_id = as_text(conversation.get("agentId"))
    lang = as_text(conversation.get("languageCode"))
    index = 0
    for number, segment in enumerate(segments):
        where = f"{pointer}/transcript/transcriptSegments/{number}"
        if not isinstance(segment, dict):
            yield Malformed(source, where, "transcript segment is not a JSON object")
            continue
        text = as_text(segment.get("text"))
        if text is None:
            yield Malformed(source, where, "no 'text' in the transcript segment")
            continue
        start = _first_start(segment.get("words"))
        offset_ms = _milliseconds(start)
        if start is not None and offset_ms is None:
            yield Malformed(source, f"{where}/words/0/startOffset", f"{start!r} is not a Duration such as '1.200s'")
            continue
        participant = segment.get("segmentParticipant")
        if not isinstance(participant, Mapping):
            participant = {}
        raw_role = as_text(participant.get("role"))
        if raw_role is None or raw_role == _UNSET_ROLE:
            tag = segment.get("channelTag")
            role = by_channel.get(tag, Role.UNKNOWN) if isinstance(tag, int) else Role.UNKNOWN
        else:
            role = _role(raw_role, settings)
        user_id = as_text(participant.get("userId"))
        yield Message(
            text=text, role=role, source=source, conversation=conversation_id, index=index, where=where,
            speaker=raw_role, timestamp=as_text(segment.get("messageTime")), offset_ms=offset_ms,
            agent_id=(agent_id or user_id) if role is Role.AGENT else user_id if role is Role.BOT else None,
            lang=language_code(as_text(segment.get("languageCode")) or lang),
        )
        index += 1


def _channel_roles(metadata: object) -> dict[int, Role]:
    """Return the role each audio channel of ``callMetadata`` carries."""
    if not isinstance(metadata, Mapping):
        return {}
    pairs = ((metadata.get("agentChannel"), Role.AGENT), (metadata.get("customerChannel"), Role.CUSTOMER))
    return {channel: role for channel, role in pairs if isinstance(channel, int) and not isinstance(channel, bool)}


def _first_start(words: object) -> object:
    """Return the ``startOffset`` of the first word, where a call's segment starts."""
    if isinstance(words, list) and words and isinstance(words[0], Mapping):
        start: object = words[0].get("startOffset")
        return start
    return None


def _milliseconds(duration: object) -> int | None:
    """Return a JSON Duration (``"1.200s"``) in whole milliseconds, or None when it is not one."""
    if not isinstance(duration, str) or not _DURATION.fullmatch(duration):
        return None
    return int((Decimal(duration[:-1]) * 1000).to_integral_value())


def _role(value: str, settings: TranscriptSettings) -> Role:
    role = role_of(value, settings)
    if role is Role.UNKNOWN:
        return _CCAI_ROLES.get(value.strip().casefold(), Role.UNKNOWN)
    return role
