"""The repository's pre-commit hook, run by the real pre-commit tool on a repository of macros."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
GOOD = "Thank you for your patience. I have refunded the second charge; you will see it within three days.\n"
BAD = "Please calm down. That's our policy, so the second charge stays.\n"


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "QA", "GIT_AUTHOR_EMAIL": "qa@example.com",
           "GIT_COMMITTER_NAME": "QA", "GIT_COMMITTER_EMAIL": "qa@example.com"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a git repository holding this project as it is now (CI's checkout may have no .git)."""
    repo = tmp_path_factory.mktemp("phraselint-hook")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    for folder in ("phraselint", "rules"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__"))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "phraselint")
    return repo


@pytest.fixture(scope="module")
def macros(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a team's repository of canned replies: one good macro, one that hurts."""
    repo = tmp_path_factory.mktemp("macros")
    (repo / "macros").mkdir()
    (repo / "macros" / "refund-done.txt").write_text(GOOD, encoding="utf-8")
    (repo / "macros" / "refund-refused.txt").write_text(BAD, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    return repo


def _try_repo(hook_repo: Path, macros: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(macros.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(hook_repo), "phraselint", "--files", *files],
        cwd=macros, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                    reason="needs the pre-commit tool and git")
def test_pre_commit_passes_a_good_macro_and_blocks_a_bad_one(hook_repo: Path, macros: Path) -> None:
    good = _try_repo(hook_repo, macros, "macros/refund-done.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "phraselint" in good.stdout and "Passed" in good.stdout

    bad = _try_repo(hook_repo, macros, "macros/refund-done.txt", "macros/refund-refused.txt")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "macros/refund-refused.txt:1:1  error  en/calm-down.calm-down" in bad.stdout
    assert "    flagged: That's our policy" in bad.stdout
    assert "refund-done.txt:" not in bad.stdout
