"""Zendesk ticket-comments reader.

Reads the Ticket Comments API response with the authors sideloaded
(``GET /api/v2/tickets/{ticket_id}/comments.json?include=users``):
``{"comments": [...], "users": [...], "next_page": ..., "count": ...}``. A file may also hold a list
of such responses, or ``{"tickets": [{"id": ..., "comments": [...]}], "users": [...]}``.

- Text: the comment's ``plain_body``, else its ``body`` (or the ``text`` field set in the settings).
- Role: the ``role`` of the comment's ``author_id`` among the sideloaded ``users``, through the
  settings' ``roles`` first: ``end-user`` is a customer, ``agent`` and ``admin`` are agents. An author
  missing from the sideload (or a file exported without ``include=users``) is ``unknown``; the
  comment is still yielded.
- ``"public": false`` marks an internal note: yielded with ``internal=True`` and its author's role.
- Conversation: the response's or ticket's ``ticket_id``/``id`` (or the ``conversation`` field set in
  the settings), else the file's stem; responses without an id are taken as pages of one ticket, so
  indexes run on across them.
- ``where`` is the comment's JSON pointer (``/comments/3``, ``/tickets/0/comments/3``, ``/1/comments/3``);
  a document that is not JSON yields one Malformed at the error's line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from phraselint.config import TranscriptSettings
from phraselint.inputs.transcript import as_text, pick, read_json, role_of
from phraselint.model import Malformed, Message, Role

_TEXT_FIELDS = ("plain_body", "body")
_TICKET_ID_FIELDS = ("ticket_id", "id")

_Users = Mapping[str, Mapping[str, object]]


def read(path: Path, settings: TranscriptSettings) -> Iterator[Message | Malformed]:
    """Yield the comments of the Zendesk export at *path*."""
    source = str(path)
    data = read_json(path)
    if isinstance(data, Malformed):
        yield data
        return
    fields = (settings.text_field,) if settings.text_field else _TEXT_FIELDS
    no_text = (f"comment has no text (looked for {', '.join(map(repr, fields))}); "
               'set [transcripts] text = "<field>" in phraselint.toml')
    indexes: dict[str, int] = {}
    for found in _tickets(data, source):
        if isinstance(found, Malformed):
            yield found
            continue
        pointer, ticket, users = found
        key = pick(ticket, settings.conversation_field, _TICKET_ID_FIELDS)
        conversation = (as_text(ticket[key]) if key else None) or path.stem
        comments = ticket.get("comments")
        if not isinstance(comments, list):
            yield Malformed(source, f"{pointer}/comments", "'comments' is not a list")
            continue
        for number, comment in enumerate(comments):
            where = f"{pointer}/comments/{number}"
            if not isinstance(comment, dict):
                yield Malformed(source, where, "comment is not a JSON object")
                continue
            text = next(filter(None, (as_text(comment.get(name)) for name in fields)), None)
            if text is None:
                yield Malformed(source, where, no_text)
                continue
            index = indexes.get(conversation, 0)
            indexes[conversation] = index + 1
            yield _message(comment, text, users, settings, source=source, conversation=conversation,
                           index=index, where=where)


def _tickets(data: object, source: str) -> Iterator[tuple[str, Mapping[str, object], _Users] | Malformed]:
    """Yield each comment-holding object of *data* with its JSON pointer and the users it may cite."""
    if isinstance(data, list):
        for number, item in enumerate(data):
            if isinstance(item, dict) and "comments" in item:
                yield f"/{number}", item, _users(item)
            else:
                yield Malformed(source, f"/{number}", "not a ticket-comments response (no 'comments' key)")
    elif isinstance(data, dict) and "comments" in data:
        yield "", data, _users(data)
    elif isinstance(data, dict) and isinstance(data.get("tickets"), list):
        shared = _users(data)
        for number, item in enumerate(data["tickets"]):
            if isinstance(item, dict) and "comments" in item:
                yield f"/tickets/{number}", item, {**shared, **_users(item)}
            else:
                yield Malformed(source, f"/tickets/{number}", "ticket has no 'comments' list")
    else:
        yield Malformed(source, "", "not a Zendesk ticket-comments export (no 'comments' or 'tickets' list)")


def _users(record: Mapping[str, object]) -> dict[str, Mapping[str, object]]:
    """Return the sideloaded users of *record* by id (as text, since exporters differ on int or string)."""
    users = record.get("users")
    if not isinstance(users, list):
        return {}
    return {uid: user for user in users if isinstance(user, dict) and (uid := as_text(user.get("id")))}


def _message(
    comment: Mapping[str, object], text: str, users: _Users, settings: TranscriptSettings, *,
    source: str, conversation: str, index: int, where: str,
) -> Message:
    author_id = as_text(comment.get("author_id"))
    user = users.get(author_id) if author_id else None
    role = role_of(as_text(user.get("role")), settings) if user else Role.UNKNOWN
    name = as_text(user.get("name")) if user else None
    is_agent = role in (Role.AGENT, Role.BOT)
    return Message(
        text=text, role=role, source=source, conversation=conversation, index=index, where=where,
        speaker=name, timestamp=as_text(comment.get("created_at")),
        agent_id=author_id if is_agent else None, agent_name=name if is_agent else None,
        internal=comment.get("public") is False,
    )
