"""The OpenAPI 3.1 document of the HTTP API, served at /openapi.json."""

from __future__ import annotations

from collections.abc import Sequence

from phraselint.model import CATEGORIES, Severity

_SEVERITIES = [s.value for s in Severity]


def _json(description: str, schema: str) -> dict[str, object]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _error(description: str) -> dict[str, object]:
    return _json(description, "Error")


_NOT_ALLOWED = {
    **_error("The path exists but not with this method."),
    "headers": {"Allow": {"description": "The methods the path takes.", "schema": {"type": "string"}}},
}


def openapi_document(languages: Sequence[str], max_body: int, version: str) -> dict[str, object]:
    """Return the OpenAPI document of a server checking *languages* and taking bodies up to *max_body* bytes."""
    lang = {"type": "string", "enum": list(languages)}
    violation_properties: dict[str, object] = {
        "rule_id": {"type": "string", "description": "`<lang>/<category>.<slug>`, e.g. `en/calm-down.calm-down`."},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "severity": {"type": "string", "enum": _SEVERITIES},
        "start": {"type": "integer", "minimum": 0,
                  "description": "Offset of the span in `text`, in Unicode code points (not UTF-16 units)."},
        "end": {"type": "integer", "minimum": 0, "description": "Offset just past the span, in code points."},
        "text": {"type": "string", "description": "The flagged span: `text[start:end]` of the request."},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1, "description": "1-based, in code points."},
        "message": {"type": "string", "description": "Why the phrase hurts, in one line."},
        "rewrites": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                     "description": "Better phrasings, same language, formal register."},
    }
    rule_properties: dict[str, object] = {
        "id": {"type": "string"},
        "lang": lang,
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "severity": {"type": "string", "enum": _SEVERITIES},
        "message": {"type": "string"},
        "why": {"type": "string"},
        "rewrites": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    }
    schemas: dict[str, object] = {
        "LintRequest": {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {
                "text": {"type": "string", "description": "The draft to check."},
                "lang": {"anyOf": [lang, {"type": "null"}],
                         "description": "The draft's language; omitted or null: detected."},
                "fail_on": {"anyOf": [{"type": "string", "enum": _SEVERITIES}, {"type": "null"}],
                            "description": "The severity at which `ok` turns false; omitted or null: the server's"
                                           " configured `fail-on` (by default `error`)."},
            },
        },
        "LintResult": {
            "type": "object",
            "required": ["ok", "lang", "fail_on", "violations"],
            "additionalProperties": False,
            "properties": {
                "ok": {"type": "boolean", "description": "False when a violation at or above `fail_on` was found."},
                "lang": {**lang, "description": "The language given, or the one detected."},
                "fail_on": {"type": "string", "enum": _SEVERITIES},
                "violations": {"type": "array", "items": {"$ref": "#/components/schemas/Violation"}},
            },
        },
        "Violation": {"type": "object", "required": list(violation_properties), "additionalProperties": False,
                      "properties": violation_properties},
        "Rules": {
            "type": "object", "required": ["rules"], "additionalProperties": False,
            "properties": {"rules": {"type": "array", "items": {"$ref": "#/components/schemas/Rule"}}},
        },
        "Rule": {"type": "object", "required": list(rule_properties), "additionalProperties": False,
                 "properties": rule_properties},
        "Health": {
            "type": "object", "required": ["status", "languages", "rules"], "additionalProperties": False,
            "properties": {
                "status": {"type": "string", "enum": ["ready"]},
                "languages": {"type": "array", "items": lang},
                "rules": {"type": "integer", "minimum": 0, "description": "Rules loaded, all languages."},
            },
        },
        "Error": {
            "type": "object", "required": ["error"], "additionalProperties": False,
            "properties": {"error": {"type": "string", "description": "What is wrong, naming the field."}},
        },
    }
    paths: dict[str, object] = {
        "/v1/lint": {
            "post": {
                "operationId": "lint",
                "summary": "Check a draft: the violations, whether it may be sent, and its language.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LintRequest"}}},
                },
                "responses": {
                    "200": _json("The draft's violations, in text order.", "LintResult"),
                    "400": _error("The body is not JSON (or not UTF-8)."),
                    "405": _NOT_ALLOWED,
                    "413": _error(f"The body is larger than {max_body} bytes."),
                    "422": _error("A field is missing, of the wrong type or unknown; an unsupported language;"
                                  " or a rule's pattern ran out of time on this text."),
                },
            },
        },
        "/v1/rules": {
            "get": {
                "operationId": "rules",
                "summary": "List the rules in use, optionally for one language.",
                "parameters": [{"name": "lang", "in": "query", "required": False, "schema": lang}],
                "responses": {
                    "200": _json("The rules, by language then pack order.", "Rules"),
                    "405": _NOT_ALLOWED,
                    "422": _error("An unsupported language."),
                },
            },
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "Report that the rules and pipelines are loaded and the server takes requests.",
                "responses": {"200": _json("Ready.", "Health"), "405": _NOT_ALLOWED},
            },
        },
        "/": {
            "get": {
                "operationId": "checker",
                "summary": "The one-page checker: paste a draft, see the flagged spans and better phrasings.",
                "responses": {"200": {"description": "A self-contained HTML page.",
                                      "content": {"text/html": {"schema": {"type": "string"}}}},
                              "405": _NOT_ALLOWED},
            },
        },
        "/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {"200": {"description": "The OpenAPI document.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "405": _NOT_ALLOWED},
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "phraselint",
            "version": version,
            "description": "Flags customer-service phrases that hurt customers and offers formal rewrites. "
                           "Every error body is `{\"error\": \"...\"}`; an unknown path answers 404.",
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }
