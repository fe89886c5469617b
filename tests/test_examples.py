"""The runnable examples in examples/ do what their docstrings say."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import phraselint

EXAMPLES = Path(__file__).parent.parent / "examples"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reprompt_names_each_problem_and_its_better_phrasing() -> None:
    example = _module("llm_reprompt")
    draft = "Please calm down, I am checking the order."
    prompt = example.reprompt(draft, phraselint.lint(draft, lang="en"))
    assert prompt.splitlines()[1] == (
        '- "Please calm down" (calm-down): Don\'t tell the customer to calm down; acknowledge how they feel'
        ' instead. Better: "I understand how upsetting this is, and I\'m going to help you sort it out right now."'
    )
    assert prompt.endswith("Reply:\n" + draft)


def test_reply_reprompts_until_the_draft_is_clean_and_gives_up_after_its_attempts() -> None:
    example = _module("llm_reprompt")
    prompts: list[str] = []
    answers = iter(["Calm down, please.", "I understand. I have refunded the second charge."])

    def model(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    assert example.reply(model, "refund?", lang="en") == "I understand. I have refunded the second charge."
    assert len(prompts) == 2 and '"Calm down"' in prompts[1]
    with pytest.raises(phraselint.PhraseViolationError):
        example.reply(lambda _prompt: "Calm down.", "refund?", lang="en", attempts=2)


def test_llm_example_runs() -> None:
    done = subprocess.run([sys.executable, str(EXAMPLES / "llm_reprompt.py")], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines()[-1].startswith("sent: I understand how frustrating a double charge is.")


def _hook(draft: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PHRASELINT_LANG": "en"}
    return subprocess.run(["bash", str(EXAMPLES / "pre-send-hook.sh")], input=draft, capture_output=True, text=True,
                          env=env)


def test_pre_send_hook_sends_a_clean_draft_and_blocks_a_hurtful_one() -> None:
    sent = _hook("Thank you for waiting; the refund is on its way.\n")
    assert (sent.returncode, sent.stdout) == (0, "Thank you for waiting; the refund is on its way.\n")
    blocked = _hook("Please calm down, it's our policy.\n")
    assert (blocked.returncode, blocked.stdout) == (1, "")
    assert "<stdin>:1:1  error  en/calm-down.calm-down" in blocked.stderr
    assert "    better:  I understand how upsetting this is" in blocked.stderr
    assert blocked.stderr.endswith("pre-send: not sent; please rephrase the flagged parts.\n")
    failed = _hook("   \n")
    assert (failed.returncode, failed.stdout) == (2, "")
    assert "pre-send: the check failed (status 2); not sent." in failed.stderr
