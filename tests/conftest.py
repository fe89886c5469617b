"""Shared fixtures: a small rule pack, the shipped rules, a running `phraselint serve`, and Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

import phraselint

DATA = Path(__file__).parent / "data"
TEST_RULES = DATA / "rules"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_SECONDS = 120  # loading every language takes ~8 s alone; the CI machine is shared


@pytest.fixture(scope="session")
def test_linter() -> phraselint.Linter:
    """Return a Linter over the small test pack only."""
    return phraselint.Linter(rules_dirs=[TEST_RULES])


@pytest.fixture(scope="session")
def linter() -> phraselint.Linter:
    """Return a Linter over the shipped rules."""
    return phraselint.Linter()


@dataclass(frozen=True, slots=True)
class Server:
    """A `phraselint serve` subprocess: where it listens and where it logs."""

    host: str
    port: int
    log: Path

    @property
    def url(self) -> str:
        """Return the base URL, without a trailing slash."""
        return f"http://{self.host}:{self.port}"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Yield `phraselint serve --port 0` on loopback once /healthz answers; fail if it ever logged a traceback."""
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "phraselint", "serve", "--port", "0", "--isolated"],
                                   stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        found = _wait_for_server(process, log)
        with urllib.request.urlopen(found.url + "/healthz", timeout=10) as response:
            assert json.load(response)["status"] == "ready"
        yield found
    finally:
        process.terminate()
        process.wait(timeout=30)
    output = log.read_text(encoding="utf-8")
    if "Traceback" in output:
        pytest.fail(f"the server logged an error:\n{output}")


def _wait_for_server(process: subprocess.Popen[str], log: Path) -> Server:
    """Return the Server once *process* announces its address in *log*."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        first = log.read_text(encoding="utf-8").partition("\n")[0]
        if " on http://" in first:
            host, port = first.split(" on http://")[1].split()[0].rsplit(":", 1)
            return Server(host, int(port), log)
        if process.poll() is not None:
            pytest.fail(f"phraselint serve exited with {process.returncode}: {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    pytest.fail(f"phraselint serve did not start within {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Yield the system Chromium, headless; Playwright cannot download its own browser here."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: pages are checked in the system Chromium only"
        if os.environ.get("PHRASELINT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason} (PHRASELINT_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
