"""Settings and their discovery in phraselint.toml or [tool.phraselint] of pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from phraselint.errors import ConfigError
from phraselint.model import Role, Severity


class Register(StrEnum):
    """How a brand addresses its customers in a language."""

    FORMAL = "formal"
    INFORMAL = "informal"


_E = TypeVar("_E", Severity, Register)


@dataclass(frozen=True, slots=True)
class TranscriptSettings:
    """How to read a custom export: field names, role values, and who counts as an agent in e-mail.

    A field left ``None`` is found among the usual names (``content``/``text``/``message``/``body``
    for the text, ``role``/``speaker``/``sender``/``author`` for the role, and so on).
    *roles* maps an export's own role or speaker values (compared case-insensitively) to a Role.
    """

    text_field: str | None = None
    role_field: str | None = None
    conversation_field: str | None = None
    timestamp_field: str | None = None
    agent_field: str | None = None
    lang_field: str | None = None
    roles: tuple[tuple[str, Role], ...] = ()
    agent_domains: tuple[str, ...] = ()

    def role_for(self, value: str) -> Role | None:
        """Return the Role the settings map *value* to, or None when they say nothing about it."""
        wanted = value.strip().casefold()
        return next((role for raw, role in self.roles if raw.casefold() == wanted), None)


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
    transcripts: TranscriptSettings = TranscriptSettings()
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


_KEYS = ("select", "ignore", "severity", "rules", "allow", "register", "fail-on", "default-lang", "transcripts")
_TRANSCRIPT_FIELDS = ("text", "role", "conversation", "timestamp", "agent", "lang")
_TRANSCRIPT_KEYS = (*_TRANSCRIPT_FIELDS, "roles", "agent-domains")


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
        transcripts=_parse_transcripts(data.get("transcripts", {}), path),
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


def _parse_transcripts(data: object, path: Path) -> TranscriptSettings:
    where = f"{path}: transcripts"
    if not isinstance(data, dict):
        raise ConfigError(f"{where} must be a table")
    for key, value in data.items():
        if key not in _TRANSCRIPT_KEYS:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(_TRANSCRIPT_KEYS)})")
        if key in _TRANSCRIPT_FIELDS and not isinstance(value, str):
            raise ConfigError(f"{where}: {key!r} must be a field name (a string)")
    roles = data.get("roles", {})
    if not isinstance(roles, dict):
        raise ConfigError(f"{where}: 'roles' must be a table of export value = role")
    mapped: list[tuple[str, Role]] = []
    for raw, role in roles.items():
        try:
            mapped.append((raw, Role(role)))
        except ValueError:
            allowed = "|".join(r.value for r in Role)
            raise ConfigError(f"{where}.roles: {raw!r} = {role!r} is not one of {allowed}") from None
    domains = data.get("agent-domains", [])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise ConfigError(f"{where}: 'agent-domains' must be a list of strings")
    return TranscriptSettings(
        **{f"{name}_field": data.get(name) for name in _TRANSCRIPT_FIELDS},
        roles=tuple(mapped),
        agent_domains=tuple(d.casefold().lstrip("@") for d in domains),
    )
