"""Settings and their discovery in phraselint.toml or [tool.phraselint] of pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from phraselint.errors import ConfigError
from phraselint.model import Severity


class Register(StrEnum):
    """How a brand addresses its customers in a language."""

    FORMAL = "formal"
    INFORMAL = "informal"


_E = TypeVar("_E", Severity, Register)


@dataclass(frozen=True, slots=True)
class Config:
    """What to check and how strictly; every field has a sensible default.

    Selectors in *select*, *ignore* and *severity* are rule ids (``ru/condescension.wont-understand``),
    id prefixes (``ru/condescension``), categories (``uncertainty``) or languages (``ru``).
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    rules_dirs: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    register: tuple[tuple[str, Register], ...] = ()
    fail_on: Severity = Severity.ERROR
    default_lang: str = "en"
    source: Path | None = field(default=None, compare=False)

    def register_of(self, lang: str) -> Register:
        """Return the address register configured for *lang* (formal unless set)."""
        return dict(self.register).get(lang, Register.FORMAL)


def find_config(start: Path) -> Path | None:
    """Return the nearest phraselint.toml, or pyproject.toml with [tool.phraselint], at or above *start*."""
    for folder in (start, *start.parents):
        candidate = folder / "phraselint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            tool = _read_toml(candidate).get("tool")
            if isinstance(tool, dict) and "phraselint" in tool:
                return candidate
    return None


def load_config(path: Path) -> Config:
    """Return the Config written in *path* (phraselint.toml, or pyproject.toml's [tool.phraselint])."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("phraselint", {}) if isinstance(tool, dict) else {}
    return _parse(data, path)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


_KEYS = ("select", "ignore", "severity", "rules", "allow", "register", "fail-on", "default-lang")


def _parse(data: dict[str, object], path: Path) -> Config:
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(_KEYS)})")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key!r} must be a list of strings")
        return tuple(value)

    def table(key: str) -> dict[str, str]:
        value = data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f"{path}: {key!r} must be a table of strings")
        return value

    def choice(key: str, value: str, enum: type[_E]) -> _E:
        try:
            return enum(value)
        except ValueError:
            allowed = "|".join(m.value for m in enum)
            raise ConfigError(f"{path}: {key}: {value!r} is not one of {allowed}") from None

    severity = tuple((sel, choice(f"severity.{sel}", v, Severity)) for sel, v in table("severity").items())
    register = tuple((lang, choice(f"register.{lang}", v, Register)) for lang, v in table("register").items())
    fail_on = data.get("fail-on", "error")
    default_lang = data.get("default-lang", "en")
    if not isinstance(fail_on, str) or not isinstance(default_lang, str):
        raise ConfigError(f"{path}: 'fail-on' and 'default-lang' must be strings")
    return Config(
        select=strings("select"),
        ignore=strings("ignore"),
        severity=severity,
        rules_dirs=tuple((path.parent / d).resolve() for d in strings("rules")),
        allow=strings("allow"),
        register=register,
        fail_on=choice("fail-on", fail_on, Severity),
        default_lang=default_lang,
        source=path,
    )
