"""The pre-send guard: check a draft where a reply is about to leave, and block it when it hurts.

``guard()`` returns the draft or raises; ``check()`` never raises and lets the caller decide;
``guarded()`` puts ``guard()`` in front of a send function. A time budget and the checker's own
failures are handled the way the caller chooses: fail closed (block) or fail open (send).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import replace
from enum import StrEnum
from typing import ParamSpec, TypeVar, cast

from phraselint.api import shared_linter
from phraselint.config import Config
from phraselint.errors import PhraselintError
from phraselint.model import Report, Severity

P = ParamSpec("P")
R = TypeVar("R")


class OnFailure(StrEnum):
    """What a guard does when the check itself cannot finish (time budget spent, checker error)."""

    CLOSED = "closed"  # block the send
    OPEN = "open"  # let the draft go


class PhraseViolationError(PhraselintError):
    """A draft was blocked: it holds violations at or above the failing severity."""

    def __init__(self, report: Report) -> None:
        self.report = report
        blocking = [v for v in report.violations if v.severity.reaches(report.fail_on)]
        found = "; ".join(f"{v.rule_id} {v.text!r} at {v.start}-{v.end}" for v in blocking)
        super().__init__(f"draft blocked by {len(blocking)} violation(s) at or above {report.fail_on}: {found}")


class CheckFailedError(PhraselintError):
    """The check could not finish and the caller chose to fail closed; ``report.failure`` says why."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(f"draft blocked: the check did not finish ({report.failure})")


def check(
    text: str,
    *,
    lang: str | None = None,
    fail_on: Severity | str = Severity.ERROR,
    timeout: float | None = None,
    on_failure: OnFailure | str = OnFailure.CLOSED,
    config: Config | None = None,
) -> Report:
    """Return the Report of *text* and never raise for what the text holds or for the checker failing.

    Args:
        lang: the draft's language; None detects it.
        fail_on: the lowest severity that makes ``report.ok`` False.
        timeout: a budget in seconds for matching the draft (a language's one-time load is not
            counted); past it the check counts as failed.
        on_failure: when the check fails (``report.failure`` says why), ``report.ok`` is True for
            ``"open"`` and False for ``"closed"``.
        config: the rules to use; the shipped ones by default. The Linter is built once per config.
    """
    threshold, mode = Severity(fail_on), OnFailure(on_failure)
    try:
        report = shared_linter(config).lint(text, lang=lang, timeout=timeout)
    except Exception as exc:  # the guard's contract: a failing checker is reported, never raised
        problem = str(exc) if isinstance(exc, PhraselintError) else f"{type(exc).__name__}: {exc}"
        return Report(text=text, lang=lang or "", violations=(), fail_on=threshold, failure=problem,
                      fail_open=mode is OnFailure.OPEN)
    return replace(report, fail_on=threshold)


def guard(
    text: str,
    *,
    lang: str | None = None,
    fail_on: Severity | str = Severity.ERROR,
    timeout: float | None = None,
    on_failure: OnFailure | str = OnFailure.CLOSED,
    config: Config | None = None,
) -> str:
    """Return *text* when it may be sent; raise PhraseViolationError (carrying the report) when not.

    A check that fails raises CheckFailedError when *on_failure* is ``"closed"`` (the default) and
    returns *text* when it is ``"open"``. The other arguments are those of ``check()``.
    """
    report = check(text, lang=lang, fail_on=fail_on, timeout=timeout, on_failure=on_failure, config=config)
    if report.ok:
        return text
    if report.failure is not None:
        raise CheckFailedError(report)
    raise PhraseViolationError(report)


def guarded(
    *,
    param: str | None = None,
    lang: str | None = None,
    fail_on: Severity | str = Severity.ERROR,
    timeout: float | None = None,
    on_failure: OnFailure | str = OnFailure.CLOSED,
    config: Config | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a send function (plain or async) so its draft passes ``guard()`` before it runs.

    *param* names the argument that holds the draft; by default it is the first parameter. The
    other arguments are those of ``guard()``.
    """
    threshold, mode = Severity(fail_on), OnFailure(on_failure)  # a wrong value fails here, not at send time

    def decorate(send: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(send)
        name = param or next(iter(signature.parameters), None)
        if name is None or name not in signature.parameters:
            raise TypeError(f"{send.__qualname__} has no parameter {name!r} to guard")

        def draft_of(*args: P.args, **kwargs: P.kwargs) -> str:
            draft = signature.bind(*args, **kwargs).arguments[name]
            if not isinstance(draft, str):
                kind = type(draft).__name__
                raise TypeError(f"{send.__qualname__}: the guarded argument {name!r} is {kind}, not str")
            return guard(draft, lang=lang, fail_on=threshold, timeout=timeout, on_failure=mode, config=config)

        if inspect.iscoroutinefunction(send):
            send_async = cast(Callable[P, Awaitable[object]], send)

            @functools.wraps(send)
            async def guarded_async(*args: P.args, **kwargs: P.kwargs) -> object:
                draft_of(*args, **kwargs)
                return await send_async(*args, **kwargs)

            return cast(Callable[P, R], guarded_async)

        @functools.wraps(send)
        def guarded_send(*args: P.args, **kwargs: P.kwargs) -> R:
            draft_of(*args, **kwargs)
            return send(*args, **kwargs)

        return guarded_send

    return decorate
