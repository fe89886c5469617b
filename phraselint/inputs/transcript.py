"""What every transcript reader shares: reading the file, finding fields, naming roles."""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.errors import InputError
from phraselint.model import Malformed, Role

# Role values seen in real exports, compared case-insensitively; a setting's `roles` table wins.
_KNOWN_ROLES = {
    Role.AGENT: ("agent", "human_agent", "operator", "support", "representative", "rep", "advisor", "adviser",
                 "staff", "admin", "csr", "specialist", "employee"),
    Role.BOT: ("bot", "assistant", "virtual_agent", "automated_agent", "chatbot", "ai", "model",
               "operator_bot"),
    Role.CUSTOMER: ("customer", "user", "client", "caller", "visitor", "end_user", "enduser",
                    "contact", "lead", "guest", "consumer", "member"),
    Role.SYSTEM: ("system", "tool", "function", "developer", "note", "event"),
}
_ROLE_OF = {name: role for role, names in _KNOWN_ROLES.items() for name in names}
_NO_SETTINGS = TranscriptSettings()

_SNIFF_BYTES = 8192
_EPOCH_MS = 10**11  # epoch seconds stay below this until the year 5138
TEXT_FIELDS = ("content", "text", "message", "body", "utterance", "transcript")
ROLE_FIELDS = ("role", "speaker", "sender", "author", "participant", "from", "speaker_role")
CONVERSATION_FIELDS = ("conversation_id", "conversation", "ticket_id", "session_id", "chat_id", "thread_id",
                       "contact_id", "call_id", "dialog_id", "id")
TIMESTAMP_FIELDS = ("timestamp", "created_at", "time", "ts", "date", "datetime", "sent_at")
AGENT_FIELDS = ("agent_name", "agent", "agent_id", "author_name", "user_name")
LANG_FIELDS = ("lang", "language", "language_code", "locale")


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """Return the whole text of *path*, raising InputError for a missing, binary or undecodable file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(str(path), "binary file, not a transcript")
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"byte {exc.start}: cannot decode as {encoding} ({exc.reason})") from None


def open_binary(path: Path) -> io.BufferedReader:
    """Open *path* to stream it, raising InputError for a missing, unreadable or binary file."""
    try:
        f = path.open("rb")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if b"\x00" in f.read(_SNIFF_BYTES):
        f.close()
        raise InputError(str(path), "binary file, not a transcript")
    f.seek(0)
    return f


def read_json(path: Path) -> object | Malformed:
    """Return the JSON document in *path*, or a Malformed naming the line and column where it breaks."""
    try:
        document: object = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        return Malformed(str(path), str(exc.lineno), f"line {exc.lineno} column {exc.colno}: {exc.msg}")
    return document


def speaker_of(label: str, inner: str | None, settings: TranscriptSettings) -> tuple[Role, str | None]:
    """Return the role and agent name a speaker label gives: ``Agent (Sarah)``, ``Sarah (agent)``, ``Sarah``.

    The name is set for agent and bot turns only, and only when the label is a name, not a role word.
    """
    role, name = role_of(label, settings), None
    if inner is not None:
        # "Agent (Sarah)" names the agent; "Sarah (agent)" gives the role in the parentheses.
        inner_role = role_of(inner, settings)
        if role is Role.UNKNOWN and inner_role is not Role.UNKNOWN:
            role, name = inner_role, label
        else:
            name = inner.strip()
    elif role_of(label, _NO_SETTINGS) is Role.UNKNOWN:
        name = label
    return role, name if role in (Role.AGENT, Role.BOT) else None


@functools.lru_cache(maxsize=1024)  # an export repeats a handful of role values
def role_of(value: str | None, settings: TranscriptSettings) -> Role:
    """Return the Role for an export's role or speaker *value*: the settings' mapping, then the usual names."""
    if value is None or not value.strip():
        return Role.UNKNOWN
    mapped = settings.role_for(value)
    if mapped is not None:
        return mapped
    key = value.strip().casefold()
    return _ROLE_OF.get(key) or _ROLE_OF.get(key.replace("-", "_").replace(" ", "_"), Role.UNKNOWN)


def pick(record: Mapping[str, object], configured: str | None, usual: Sequence[str]) -> str | None:
    """Return the name of the field of *record* to use: the configured one, else the first usual one present."""
    if configured is not None:
        return configured if configured in record else None
    return _first_present(tuple(record), tuple(usual))


@functools.lru_cache(maxsize=4096)
def _first_present(keys: tuple[str, ...], usual: tuple[str, ...]) -> str | None:
    """Return the first of *usual* among *keys*, compared case-insensitively (an export's records share keys)."""
    lowered = {k.casefold(): k for k in keys}
    return next((lowered[name] for name in usual if name in lowered), None)


def as_text(value: object) -> str | None:
    """Return a scalar field value as text (None for a missing or empty value)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def timestamp_text(value: object) -> str | None:
    """Return a timestamp field value as ISO 8601: text as written, dates as ISO, epoch numbers in UTC.

    Numbers are Unix epoch seconds, or milliseconds above 10¹¹.
    """
    if isinstance(value, date):  # datetime too: Parquet and Arrow timestamps arrive as these
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH_MS else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return str(value)
    return as_text(value)


def language_code(value: str | None) -> str | None:
    """Return the two-letter language of an export's language tag (``en-US`` -> ``en``)."""
    if not value:
        return None
    return value.replace("_", "-").split("-")[0].casefold() or None
