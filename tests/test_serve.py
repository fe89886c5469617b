"""`phraselint serve`: what a client of the running server sees, answers and errors alike."""

from __future__ import annotations

import http.client
import json
import re
import socket
import time
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import phraselint
from phraselint.cli import main
from phraselint.serve.payload import LintRequest, RequestError, parse_lint_request
from tests.conftest import Server

MAX_BODY = 1 << 20
LANGUAGES = ["de", "el", "en", "es", "fi", "fr", "ru", "sl"]
CALM_DOWN = {
    "rule_id": "en/calm-down.calm-down", "category": "calm-down", "severity": "error", "start": 0, "end": 16,
    "text": "Please calm down", "line": 1, "column": 1,
    "message": "Don't tell the customer to calm down; acknowledge how they feel instead.",
    "rewrites": ["I understand how upsetting this is, and I'm going to help you sort it out right now.",
                 "I can see why this is frustrating. Here is what I can do for you right away: …"],
}


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP response: status, headers with lower-case names, body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        """Return the body parsed as JSON."""
        return json.loads(self.body)


def call(server: Server, method: str, path: str, body: bytes | None = None) -> Answer:
    """Send one request to *server* and return its response."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def lint(server: Server, payload: object) -> Answer:
    """POST *payload* as JSON to /v1/lint."""
    return call(server, "POST", "/v1/lint", json.dumps(payload).encode())


def spans(answer: Answer) -> list[tuple[str, int, int, str]]:
    """Return (rule id, start, end, text) of each violation in a /v1/lint answer."""
    result = answer.json()
    assert isinstance(result, dict)
    return [(v["rule_id"], v["start"], v["end"], v["text"]) for v in result["violations"]]


def test_lint_answers_the_violations_of_a_draft(server: Server) -> None:
    answer = lint(server, {"text": "Please calm down.", "lang": "en"})

    assert (answer.status, answer.headers["content-type"]) == (200, "application/json")
    assert answer.json() == {"ok": False, "lang": "en", "fail_on": "error", "violations": [CALM_DOWN]}


def test_lint_violations_are_the_records_of_check_format_json(server: Server) -> None:
    draft = "Добрый день!\nБоюсь, ты не поймешь. Это описано в пункте 74.2 руководства.\n"
    cli = CliRunner().invoke(main, ["check", "--isolated", "--lang", "ru", "--format", "json", "-"], input=draft)
    answer = lint(server, {"text": draft, "lang": "ru"})

    assert answer.json() == {"ok": False, "lang": "ru", "fail_on": "error",
                             "violations": json.loads(cli.stdout)["files"][0]["violations"]}


def test_lint_detects_the_language_when_none_is_given(server: Server) -> None:
    for payload in ({"text": "Боюсь, ты не поймешь."}, {"text": "Боюсь, ты не поймешь.", "lang": None}):
        answer = lint(server, payload)
        result = answer.json()
        assert isinstance(result, dict)
        assert result["lang"] == "ru"
        assert spans(answer) == [("ru/condescension.wont-understand", 0, 20, "Боюсь, ты не поймешь"),
                                 ("ru/informal-address.ty-pronoun", 7, 9, "ты")]


def test_fail_on_decides_ok(server: Server) -> None:
    text = "Hallo, kannst du mir die Nummer schicken?"  # German du-forms are warnings
    verdicts = [lint(server, {"text": text, **extra}).json() for extra in
                ({}, {"fail_on": "warning"}, {"fail_on": "info"}, {"fail_on": "error"}, {"fail_on": None})]

    assert [(r["ok"], r["fail_on"], r["lang"]) for r in verdicts if isinstance(r, dict)] == [
        (True, "error", "de"), (False, "warning", "de"), (False, "info", "de"), (True, "error", "de"),
        (True, "error", "de"),
    ]
    assert spans(lint(server, {"text": text})) == [("de/informal-address.du-verbform", 7, 13, "kannst"),
                                                   ("de/informal-address.du-pronomen", 14, 16, "du")]


def test_clean_draft_is_ok(server: Server) -> None:
    answer = lint(server, {"text": "Thank you for your patience, your refund is on its way."})

    assert answer.json() == {"ok": True, "lang": "en", "fail_on": "error", "violations": []}


def test_lone_surrogates_are_linted_and_echoed_escaped(server: Server) -> None:
    body = b'{"text": "Dear {{first_name\\ud800}}, thanks. Please calm down \\udfff now."}'
    answer = call(server, "POST", "/v1/lint", body)

    assert answer.status == 200
    assert answer.body.isascii()
    assert spans(answer) == [("en/unfilled-placeholder.brace-placeholder", 5, 20, "{{first_name\ud800}}"),
                             ("en/calm-down.calm-down", 30, 46, "Please calm down")]


def test_long_text_is_linted_whole(server: Server) -> None:
    text = "Thanks for waiting. " * 10_000 + "Please calm down."

    assert spans(lint(server, {"text": text, "lang": "en"})) == [
        ("en/calm-down.calm-down", 200_000, 200_016, "Please calm down"),
    ]


@pytest.mark.parametrize(("body", "status", "error"), [
    (b'{"text": ', 400, "malformed JSON at line 1 column 10: Expecting value"),
    (b"", 400, "malformed JSON at line 1 column 1: Expecting value"),
    (b'{"text": "caf\xe9"}', 400, "malformed JSON: the body is not UTF-8"),
    (b"[" * 100_000, 400, "malformed JSON: nested too deeply"),
    (b'{"text": ' + b"1" * 5000 + b"}", 400, "malformed JSON: a number has too many digits"),
    (b'"Please calm down."', 422, "the body must be a JSON object with a 'text' field, not a string"),
    (b"[]", 422, "the body must be a JSON object with a 'text' field, not an array"),
    (b"{}", 422, "missing field 'text': the draft to check"),
    (b'{"lang": "en"}', 422, "missing field 'text': the draft to check"),
    (b'{"text": null}', 422, "'text' must be a string, not null"),
    (b'{"text": ["a"]}', 422, "'text' must be a string, not an array"),
    (b'{"text": "a", "lang": 7}', 422, "'lang' must be a language code or null, not a number"),
    (b'{"text": "a", "lang": "xx"}', 422, "'lang': unsupported language 'xx'; supported: " + ", ".join(LANGUAGES)),
    (b'{"text": "a", "lang": "' + b"x" * 100 + b'"}', 422,
     f"'lang': unsupported language '{'x' * 40}'…; supported: " + ", ".join(LANGUAGES)),
    (b'{"text": "a", "fail_on": "fatal"}', 422, "'fail_on' must be one of info, warning, error or null, not 'fatal'"),
    (b'{"text": "a", "fail_on": {"a": 1}}', 422,
     "'fail_on' must be one of info, warning, error or null, not an object"),
    (b'{"text": "a", "source": "chat"}', 422, "unknown field 'source'; fields: text, lang, fail_on"),
], ids=lambda value: value[:24] if isinstance(value, bytes) else None)
def test_bad_request_is_named(server: Server, body: bytes, status: int, error: str) -> None:
    answer = call(server, "POST", "/v1/lint", body)

    assert (answer.status, answer.json()) == (status, {"error": error})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(codec=None)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "lang", "fail_on", "x"]),
                                                                inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=64) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_body_is_read_or_refused_by_name(body: bytes) -> None:
    try:
        asked = parse_lint_request(body, LANGUAGES)
    except RequestError as exc:
        assert exc.status in (400, 422)
        assert exc.message
    else:
        assert isinstance(asked, LintRequest)


def test_body_over_the_limit_is_refused_by_its_content_length(server: Server) -> None:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        connection.putrequest("POST", "/v1/lint")
        connection.putheader("Content-Length", str(MAX_BODY + 1))
        connection.endheaders()  # the body is never sent: the answer comes first
        response = connection.getresponse()
        answer = (response.status, json.loads(response.read()))
    finally:
        connection.close()

    assert answer == (413, {"error": f"the body is larger than {MAX_BODY} bytes"})


def test_body_over_the_limit_is_refused_as_it_streams_in(server: Server) -> None:
    part = b"x" * 65_536
    chunks = [part] * (MAX_BODY // len(part)) + [b"x"]
    request = b"POST /v1/lint HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
    request += b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"

    status, body = raw_exchange(server, request)

    assert (status, json.loads(body)) == (413, {"error": f"the body is larger than {MAX_BODY} bytes"})


def test_client_leaving_mid_body_is_no_server_error(server: Server) -> None:
    with socket.create_connection((server.host, server.port), timeout=60) as sock:
        sock.sendall(b'POST /v1/lint HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{"text": ')
    time.sleep(0.5)  # for the server to read on and find the connection closed

    assert call(server, "GET", "/healthz").status == 200
    assert "Traceback" not in server.log.read_text(encoding="utf-8")


def raw_exchange(server: Server, request: bytes) -> tuple[int, bytes]:
    """Send *request* as bytes and return the status and body of the answer.

    The server closes a connection whose body it did not read, so reading stops at the end of the answer.
    """
    with socket.create_connection((server.host, server.port), timeout=60) as sock:
        sock.sendall(request)
        received = b""
        while b"\r\n\r\n" not in received:
            received += sock.recv(65_536)
        head, _, body = received.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
        while len(body) < length:
            body += sock.recv(65_536)
    return int(head.split()[1]), body


@pytest.mark.parametrize(("method", "path", "status", "error", "allow"), [
    ("GET", "/v1/lint", 405, "GET is not allowed on /v1/lint; allowed: POST", "POST"),
    ("PUT", "/v1/lint", 405, "PUT is not allowed on /v1/lint; allowed: POST", "POST"),
    ("POST", "/v1/rules", 405, "POST is not allowed on /v1/rules; allowed: GET, HEAD", "GET, HEAD"),
    ("DELETE", "/healthz", 405, "DELETE is not allowed on /healthz; allowed: GET, HEAD", "GET, HEAD"),
    ("POST", "/v2/lint", 404, "no such path '/v2/lint'; the API is described at /openapi.json", None),
    ("GET", "/v1/lint/", 404, "no such path '/v1/lint/'; the API is described at /openapi.json", None),
])
def test_unknown_path_and_wrong_method_answer_json(
    server: Server, method: str, path: str, status: int, error: str, allow: str | None,
) -> None:
    answer = call(server, method, path)

    assert (answer.status, answer.json()) == (status, {"error": error})
    assert (answer.headers["content-type"], answer.headers.get("allow")) == ("application/json", allow)


def test_rules_lists_one_language_or_all(server: Server, linter: phraselint.Linter) -> None:
    finnish = call(server, "GET", "/v1/rules?lang=fi").json()
    everything = call(server, "GET", "/v1/rules").json()
    unknown = call(server, "GET", "/v1/rules?lang=xx")

    assert isinstance(finnish, dict) and isinstance(everything, dict)
    rule = linter.rules("fi")[0]
    assert finnish["rules"][0] == {
        "id": rule.id, "lang": "fi", "category": rule.category, "severity": rule.severity.value,
        "message": rule.message, "why": rule.why, "rewrites": list(rule.rewrites),
    }
    assert [r["id"] for r in finnish["rules"]] == [r.id for r in linter.rules("fi")]
    assert [r["id"] for r in everything["rules"]] == [r.id for lang in LANGUAGES for r in linter.rules(lang)]
    assert (unknown.status, unknown.json()) == (
        422, {"error": "'lang': unsupported language 'xx'; supported: " + ", ".join(LANGUAGES)},
    )


def test_healthz_reports_every_language_loaded(server: Server, linter: phraselint.Linter) -> None:
    answer = call(server, "GET", "/healthz")

    assert (answer.status, answer.json()) == (200, {
        "status": "ready", "languages": LANGUAGES, "rules": sum(len(linter.rules(lang)) for lang in LANGUAGES),
    })


def test_openapi_document_describes_every_route(server: Server) -> None:
    document = call(server, "GET", "/openapi.json").json()

    assert isinstance(document, dict)
    assert document["openapi"] == "3.1.0"
    assert sorted(document["paths"]) == ["/", "/healthz", "/openapi.json", "/v1/lint", "/v1/rules"]
    assert document["components"]["schemas"]["LintRequest"]["properties"]["lang"]["anyOf"][0]["enum"] == LANGUAGES


def test_checker_page_is_self_contained(server: Server) -> None:
    answer = call(server, "GET", "/")
    page = answer.body.decode()

    assert (answer.status, answer.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "connect-src 'self'" in answer.headers["content-security-policy"]
    assert '<option value="fi">Finnish (fi)</option>' in page
    assert re.findall(r"""(?:src|href)\s*=|url\(|@import|https?://""", page) == []


def test_serve_refuses_a_port_in_use(server: Server) -> None:
    result = CliRunner().invoke(main, ["serve", "--isolated", "--port", str(server.port)])

    assert (result.exit_code, result.stderr) == (
        2, f"Error: port {server.port} on 127.0.0.1 is in use; choose another with --port\n",
    )


def test_serve_refuses_an_address_not_on_this_machine() -> None:
    result = CliRunner().invoke(main, ["serve", "--isolated", "--host", "192.0.2.1"])

    assert (result.exit_code, result.stderr) == (
        2, "Error: cannot listen on 192.0.2.1 port 8000: Cannot assign requested address\n",
    )
