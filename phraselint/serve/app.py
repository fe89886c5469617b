"""The Starlette application: routes of the HTTP API and the checker page, with JSON errors."""

from __future__ import annotations

import json
from html import escape
from importlib.metadata import version
from importlib.resources import files

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from phraselint.api import Linter
from phraselint.errors import PhraselintError
from phraselint.report.reference import LANGUAGE_NAMES
from phraselint.serve.openapi import openapi_document
from phraselint.serve.payload import (
    LintRequest,
    RequestError,
    parse_lint_request,
    report_record,
    rule_record,
    unsupported_language,
)

MAX_BODY = 1 << 20
_INLINE_CHARS = 4096
# The page loads nothing from elsewhere and talks only to this server.
_PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
                "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class JsonResponse(JSONResponse):
    """Compact UTF-8 JSON; a lone surrogate in a text (JSON lets a client send "\\ud800") goes back escaped."""

    def render(self, content: object) -> bytes:
        """Return *content* as JSON bytes."""
        try:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
        except UnicodeEncodeError:
            return json.dumps(content, separators=(",", ":")).encode()


class _Service:
    """The endpoints, over one Linter whose rules and pipelines are all loaded."""

    def __init__(self, linter: Linter, max_body: int) -> None:
        self.linter = linter
        self.max_body = max_body
        self.languages = linter.languages
        self.rules = {lang: [rule_record(r) for r in linter.rules(lang)] for lang in self.languages}
        linter.lint("Thank you for your patience.")  # builds the language detector now: lingua loads its models (~3 s)
        self.health = {"status": "ready", "languages": list(self.languages),
                       "rules": sum(len(r) for r in self.rules.values())}
        self.openapi = openapi_document(self.languages, max_body, version("phraselint"))
        options = "".join(f'<option value="{escape(lang)}">{escape(LANGUAGE_NAMES.get(lang, lang))} ({escape(lang)})'
                          f"</option>" for lang in self.languages)
        template = files("phraselint.serve").joinpath("checker.html").read_text(encoding="utf-8")
        self.page = template.replace("<!-- languages -->", options)
        self.long_texts = anyio.CapacityLimiter(1)

    async def lint(self, request: Request) -> Response:
        asked = parse_lint_request(await self._body(request), self.languages)
        # A draft is linted here in the event loop: one of 60 words takes ~0.3 ms, and handing it to a worker
        # thread (run_in_threadpool) took benchmarks/bench_serve.py from p99 11-19 ms to 39-49 ms at
        # concurrency 16, with fewer requests/s: the hop and the GIL hand-offs cost more than the lint.
        # A long text (1 MB takes 1-2 s) goes to a thread, one at a time, so the loop keeps answering: drafts
        # sent meanwhile waited p99 128 ms, not the whole 1.6 s (the pipeline's lock still serialises a
        # language's texts chunk by chunk).
        if len(asked.text) <= _INLINE_CHARS:
            return self._answer(asked)
        return await anyio.to_thread.run_sync(self._answer, asked, limiter=self.long_texts)

    def _answer(self, asked: LintRequest) -> Response:
        report = self.linter.lint(asked.text, lang=asked.lang)
        return JsonResponse(report_record(report, asked.fail_on or self.linter.config.fail_on))

    async def list_rules(self, request: Request) -> Response:
        lang = request.query_params.get("lang")
        if lang is None:
            return JsonResponse({"rules": [r for records in self.rules.values() for r in records]})
        if lang not in self.rules:
            raise unsupported_language(lang, self.languages)
        return JsonResponse({"rules": self.rules[lang]})

    async def healthz(self, request: Request) -> Response:
        return JsonResponse(self.health)

    async def checker(self, request: Request) -> Response:
        return HTMLResponse(self.page, headers={"Content-Security-Policy": _PAGE_POLICY})

    async def openapi_json(self, request: Request) -> Response:
        return JsonResponse(self.openapi)

    async def _body(self, request: Request) -> bytes:
        """Return the request body, refusing one over the limit by its Content-Length or as it streams in."""
        declared = request.headers.get("content-length", "")
        if declared.isdecimal() and (len(declared) > 18 or int(declared) > self.max_body):
            raise RequestError(413, f"the body is larger than {self.max_body} bytes")
        parts: list[bytes] = []
        size = 0
        try:
            async for part in request.stream():
                size += len(part)
                if size > self.max_body:
                    raise RequestError(413, f"the body is larger than {self.max_body} bytes")
                parts.append(part)
        except ClientDisconnect:
            raise RequestError(400, "the client left before sending the whole body") from None
        return b"".join(parts)


def create_app(linter: Linter, *, max_body: int = MAX_BODY) -> Starlette:
    """Return the app serving *linter*, with every language's rules and pipeline, and the detector, loaded now."""
    service = _Service(linter, max_body)
    routes = [
        Route("/v1/lint", service.lint, methods=["POST"]),
        Route("/v1/rules", service.list_rules, methods=["GET"]),
        Route("/healthz", service.healthz, methods=["GET"]),
        Route("/openapi.json", service.openapi_json, methods=["GET"]),
        Route("/", service.checker, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={
        404: _not_found, 405: _not_allowed, PhraselintError: _refused, Exception: _server_error,
    })
    app.router.redirect_slashes = False  # /v1/lint/ is a 404 naming the path, not a redirect
    return app


async def _not_found(request: Request, exc: Exception) -> Response:
    """Answer an unknown path in JSON, pointing to the API's description."""
    return JsonResponse({"error": f"no such path {request.url.path!r}; the API is described at /openapi.json"},
                        status_code=404)


async def _not_allowed(request: Request, exc: Exception) -> Response:
    """Answer a method the path does not take in JSON, naming the ones it does."""
    assert isinstance(exc, HTTPException)
    # Starlette lists the methods from a set, in no fixed order.
    allowed = ", ".join(sorted(m.strip() for m in (exc.headers or {}).get("Allow", "").split(",") if m.strip()))
    return JsonResponse({"error": f"{request.method} is not allowed on {request.url.path}; allowed: {allowed}"},
                        status_code=405, headers={"Allow": allowed})


async def _refused(request: Request, exc: Exception) -> Response:
    """Answer a request the API refuses, or a text the linter could not check (a rule's regex timed out)."""
    status = exc.status if isinstance(exc, RequestError) else 422
    return JsonResponse({"error": str(exc)}, status_code=status)


async def _server_error(request: Request, exc: Exception) -> Response:
    """Answer a bug with a JSON 500 and no traceback (uvicorn logs it)."""
    return JsonResponse({"error": "internal server error"}, status_code=500)
