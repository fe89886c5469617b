"""The house style holds: ruff, mypy --strict and the import layering (STYLE.md) pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "phraselint", "tests", "benchmarks", "examples"],
        [sys.executable, "-m", "mypy"],
        ["lint-imports"],
    ],
    ids=["ruff", "mypy", "import-layers"],
)
def test_static_check_passes(command: list[str]) -> None:
    if command[0] == "lint-imports":
        command[0] = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
