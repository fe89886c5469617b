"""Errors a user can cause, each saying where it happened."""

from __future__ import annotations

from pathlib import Path


class PhraselintError(Exception):
    """Base class of every error phraselint reports to a user."""


class RulePackError(PhraselintError):
    """A rule pack file is malformed: names the file, line and rule."""

    def __init__(self, path: Path | str, line: int | None, rule_id: str | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        where = self.path if line is None else f"{self.path}:{line}"
        prefix = f"{where}: {rule_id}: " if rule_id else f"{where}: "
        super().__init__(prefix + problem)


class ConfigError(PhraselintError):
    """A configuration value or file is invalid."""


class UnsupportedLanguageError(PhraselintError):
    """A language was asked for that has no rule pack."""

    def __init__(self, lang: str, supported: tuple[str, ...]) -> None:
        self.lang = lang
        self.supported = supported
        super().__init__(f"unsupported language {lang!r}; supported: {', '.join(supported)}")


class InputError(PhraselintError):
    """An input cannot be read: names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class PatternTimeoutError(PhraselintError):
    """A rule's regular expression ran past its time limit."""

    def __init__(self, rule_id: str, seconds: float) -> None:
        self.rule_id = rule_id
        super().__init__(f"{rule_id}: regex ran longer than {seconds:g} s and was stopped")


class CheckTimeoutError(PhraselintError):
    """A check ran past the time budget its caller gave it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"check ran past its budget of {seconds * 1000:g} ms")


class MissingExtraError(PhraselintError):
    """A feature needs an optional dependency that is not installed: says which extra installs it."""

    def __init__(self, feature: str, modules: tuple[str, ...], extra: str) -> None:
        self.feature = feature
        self.modules = modules
        self.extra = extra
        super().__init__(
            f"{feature} needs {', '.join(modules)} (not installed): pip install 'phraselint[{extra}]'"
        )
