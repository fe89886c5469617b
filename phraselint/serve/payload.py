"""JSON bodies of the HTTP API: lint requests checked field by field, reports and rules as records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

from phraselint.errors import PhraselintError
from phraselint.model import Report, Severity
from phraselint.packs.schema import Rule
from phraselint.report.records import violation_record

_FIELDS = ("text", "lang", "fail_on")
_SEVERITIES = tuple(s.value for s in Severity)
_SHOWN = 40  # characters of a wrong value quoted back in an error message


class RequestError(PhraselintError):
    """A request the API refuses: its HTTP status and a message naming what is wrong."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class LintRequest:
    """A checked `POST /v1/lint` body; ``lang=None`` detects the language, ``fail_on=None`` keeps the server's."""

    text: str
    lang: str | None = None
    fail_on: Severity | None = None


def parse_lint_request(body: bytes, languages: Sequence[str]) -> LintRequest:
    """Return the LintRequest in *body*; raise RequestError 400 for bad JSON, 422 for a wrong field."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise RequestError(400, "malformed JSON: nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise RequestError(400, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except UnicodeDecodeError:
        raise RequestError(400, "malformed JSON: the body is not UTF-8") from None
    except ValueError:  # the one other failure: an integer longer than Python converts (4300 digits)
        raise RequestError(400, "malformed JSON: a number has too many digits") from None
    if not isinstance(data, dict):
        raise RequestError(422, f"the body must be a JSON object with a 'text' field, not {_json_type(data)}")
    for key in data:
        if key not in _FIELDS:
            raise RequestError(422, f"unknown field {key!r}; fields: {', '.join(_FIELDS)}")
    if "text" not in data:
        raise RequestError(422, "missing field 'text': the draft to check")
    text, lang, fail_on = data["text"], data.get("lang"), data.get("fail_on")
    if not isinstance(text, str):
        raise RequestError(422, f"'text' must be a string, not {_json_type(text)}")
    if lang is not None and not isinstance(lang, str):
        raise RequestError(422, f"'lang' must be a language code or null, not {_json_type(lang)}")
    if lang is not None and lang not in languages:
        raise unsupported_language(lang, languages)
    if fail_on is not None and fail_on not in _SEVERITIES:
        raise RequestError(422, f"'fail_on' must be one of {', '.join(_SEVERITIES)} or null, not {_shown(fail_on)}")
    return LintRequest(text=text, lang=lang, fail_on=Severity(fail_on) if fail_on is not None else None)


def unsupported_language(lang: str, languages: Sequence[str]) -> RequestError:
    """Return the 422 for a *lang* outside *languages*, listing them."""
    return RequestError(422, f"'lang': unsupported language {_shown(lang)}; supported: {', '.join(languages)}")


def report_record(report: Report, fail_on: Severity) -> dict[str, object]:
    """Return the `POST /v1/lint` response for *report*, its verdict taken at *fail_on*."""
    return {
        "ok": replace(report, fail_on=fail_on).ok, "lang": report.lang, "fail_on": fail_on.value,
        "violations": [violation_record(v) for v in report.violations],
    }


def rule_record(rule: Rule) -> dict[str, object]:
    """Return *rule* as one item of `GET /v1/rules`."""
    return {
        "id": rule.id, "lang": rule.lang, "category": rule.category, "severity": rule.severity.value,
        "message": rule.message, "why": rule.why, "rewrites": list(rule.rewrites),
    }


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= _SHOWN else repr(value[:_SHOWN]) + "…"
    return _json_type(value)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"
