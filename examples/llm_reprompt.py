"""Lint a reply an LLM drafted and, when it would hurt the customer, re-prompt with the problems and rewrites.

Run it as it is (a scripted stand-in plays the model) or pass your own ``ask_model`` — any function
from prompt to draft, e.g. a call to your LLM provider's chat API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import phraselint


def reprompt(draft: str, report: phraselint.Report) -> str:
    """Return the prompt that asks the model to revise *draft*, naming each problem and a better phrasing."""
    lines = ["Revise your reply to the customer before it is sent. These phrases would hurt the customer:"]
    for v in report.violations:
        lines.append(f'- "{v.text}" ({v.category}): {v.message} Better: "{v.rewrites[0]}"')
    lines += [
        "Keep every fact and step of the reply, write in the same language and a polite, formal register,",
        "and answer with the revised reply only.",
        "",
        "Reply:",
        draft,
    ]
    return "\n".join(lines)


def reply(ask_model: Callable[[str], str], prompt: str, *, lang: str | None = None, attempts: int = 3) -> str:
    """Return a draft that passes the check, re-prompting up to *attempts* times.

    Raises PhraseViolationError when the model keeps hurtful phrasing, and CheckFailedError when
    the check could not finish within its budget (fail closed: a person looks at it instead).
    """
    draft = ask_model(prompt)
    for _ in range(attempts):
        report = phraselint.check(draft, lang=lang, timeout=0.05)
        if report.ok:
            return draft
        if report.failure is not None:
            raise phraselint.CheckFailedError(report)
        revision = reprompt(draft, report)
        print(revision, end="\n\n")
        draft = ask_model(revision)
    raise phraselint.PhraseViolationError(report)


def scripted(replies: list[str]) -> Callable[[str], str]:
    """Return a stand-in model that answers each prompt with the next of *replies*."""
    answers: Iterator[str] = iter(replies)
    return lambda _prompt: next(answers)


if __name__ == "__main__":
    model = scripted([
        "Please calm down. That's our policy, so I can't refund the second charge.",
        "I understand how frustrating a double charge is. I have asked for the second charge to be "
        "refunded today, and you will see it on your statement within three working days.",
    ])
    sent = reply(model, "Customer: I was charged twice for order 4471! Fix it now!", lang="en")
    print("sent:", sent)
