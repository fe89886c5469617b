"""The running server answers as its own OpenAPI document says, whatever schemathesis sends it."""

from __future__ import annotations

import json
import urllib.request
from importlib.metadata import version

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case

import phraselint
from phraselint.serve.app import MAX_BODY
from phraselint.serve.openapi import openapi_document
from tests.conftest import Server

# The document is built here as the server builds it, because the schema must exist when the tests are
# collected, before the server starts; test_served_document_is_the_one_fuzzed checks they are the same.
# (schemathesis.pytest.from_fixture would load it from the server, but it fails on pytest 9.2: it sets
# the removed Node._nodeid.)
DOCUMENT = openapi_document(phraselint.Linter().languages, MAX_BODY, version("phraselint"))
schema = schemathesis.openapi.from_dict(DOCUMENT)


def test_served_document_is_the_one_fuzzed(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/openapi.json", timeout=30) as response:
        assert json.load(response) == DOCUMENT


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_answers_as_documented(case: Case, server: Server) -> None:
    case.call_and_validate(base_url=server.url)
