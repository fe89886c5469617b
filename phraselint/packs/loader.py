"""Load rule packs from folders of `<lang>/<category>.yaml` files into Rules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar, cast

import regex

from phraselint.errors import RulePackError
from phraselint.model import Severity
from phraselint.packs.schema import (
    BadExample,
    FixSafety,
    GoodExample,
    Pattern,
    PatternKind,
    Rule,
    Scope,
    TokenSpec,
)
from phraselint.packs.strictyaml import LineDict, read_yaml

_REQUIRED = ("severity", "message", "why", "source", "patterns", "rewrites", "examples")
_OPTIONAL = ("requires", "unless", "fix")
_E = TypeVar("_E", Severity, FixSafety)
_SLUG = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CATEGORY = regex.compile(r"[a-z]+(?:-[a-z]+)*")


def shipped_rules_dir() -> Path:
    """Return the rules folder shipped in the wheel, or the checkout's `rules/`."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_languages(root: Path) -> tuple[str, ...]:
    """Return the languages that have a folder of rules under *root*."""
    if not root.is_dir():
        raise RulePackError(root, None, None, "rule folder does not exist")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.yaml"))))


def load_rules(roots: Iterable[Path], lang: str) -> tuple[Rule, ...]:
    """Return every rule for *lang* found under *roots*, in file and key order."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for root in roots:
        for path in sorted((root / lang).glob("*.yaml")):
            for rule in load_file(path, lang):
                if rule.id in seen:
                    first = seen[rule.id]
                    raise RulePackError(path, rule.line, rule.id,
                                        f"duplicate rule id, already defined at {first.path}:{first.line}")
                seen[rule.id] = rule
                rules.append(rule)
    return tuple(rules)


def load_file(path: Path, lang: str) -> list[Rule]:
    """Return the rules of one pack file."""
    category = path.stem
    if not _CATEGORY.fullmatch(category):
        raise RulePackError(path, None, None, f"file name {category!r} is not a kebab-case category id")
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, LineDict):
        raise RulePackError(path, 1, None, "a pack file must map rule slugs to rules")
    rules = []
    for slug, body in data.items():
        line = data.key_lines[slug]
        rule_id = f"{lang}/{category}.{slug}"
        if not _SLUG.fullmatch(slug):
            raise RulePackError(path, line, rule_id, "slug must be lower-case kebab-case")
        if slug.startswith(("no-", "avoid-")):
            raise RulePackError(path, line, rule_id, "slug names the offending phrase: drop the 'no-'/'avoid-' prefix")
        if not isinstance(body, LineDict):
            raise RulePackError(path, line, rule_id, "a rule must be a mapping of fields")
        rules.append(_RuleReader(path, rule_id, body, line).read(lang, category))
    return rules


class _RuleReader:
    """Validate one rule mapping and build its Rule, naming file, line and id on error."""

    def __init__(self, path: Path, rule_id: str, body: LineDict, line: int) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.body = body

    def fail(self, line: int | None, problem: str) -> RulePackError:
        return RulePackError(self.path, line if line is not None else self.body.line, self.rule_id, problem)

    def line_of(self, key: str) -> int:
        return self.body.key_lines.get(key, self.body.line)

    def read(self, lang: str, category: str) -> Rule:
        body = self.body
        for key in body:
            if key not in _REQUIRED and key not in _OPTIONAL:
                known = ", ".join(_REQUIRED + _OPTIONAL)
                raise self.fail(self.line_of(key), f"unknown field {key!r} (known: {known})")
        for key in _REQUIRED:
            if key not in body:
                raise self.fail(None, f"missing field {key!r}")
        severity = self.choice("severity", Severity)
        fix = self.choice("fix", FixSafety) if "fix" in body else FixSafety.NONE
        patterns = self.patterns(body["patterns"], self.line_of("patterns"))
        rewrites = self.strings("rewrites")
        bad, good = self.examples()
        return Rule(
            id=self.rule_id, lang=lang, category=category, severity=severity,
            message=self.text("message"), why=self.text("why"), source=self.text("source"),
            patterns=patterns, requires=self.conditions("requires"), unless=self.conditions("unless"),
            rewrites=rewrites, fix=fix, bad=bad, good=good, path=self.path, line=self.line,
        )

    def text(self, key: str) -> str:
        value = self.body[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(self.line_of(key), f"{key!r} must be a non-empty string")
        return value.strip()

    def choice(self, key: str, enum: type[_E]) -> _E:
        value = self.body[key]
        try:
            return enum(str(value))
        except ValueError:
            allowed = "|".join(m.value for m in enum)
            raise self.fail(self.line_of(key), f"{key!r} must be one of {allowed}, not {value!r}") from None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.body[key]
        if not isinstance(value, list) or not value or not all(isinstance(s, str) and s.strip() for s in value):
            raise self.fail(self.line_of(key), f"{key!r} must be a non-empty list of strings")
        return tuple(s.strip() for s in value)

    def patterns(self, value: object, line: int) -> tuple[Pattern, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(line, "patterns must be a non-empty list")
        return tuple(self.pattern(item, line) for item in value)

    def pattern(self, item: object, line: int) -> Pattern:
        if not isinstance(item, LineDict) or len(item) != 1:
            raise self.fail(line, "each pattern is a mapping with exactly one of phrase, tokens, regex")
        (kind_name, value), = item.items()
        line = item.line
        try:
            kind = PatternKind(kind_name)
        except ValueError:
            raise self.fail(line, f"unknown pattern kind {kind_name!r} (phrase, tokens, regex)") from None
        if kind is PatternKind.TOKENS:
            if not isinstance(value, list) or not value or not all(isinstance(t, dict) for t in value):
                raise self.fail(line, "tokens must be a non-empty list of spaCy token patterns")
            tokens = tuple(cast(TokenSpec, _plain(t)) for t in value)
            return Pattern(kind, tokens=tokens, line=line)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(line, f"{kind.value} must be a non-empty string")
        if kind is PatternKind.REGEX:
            try:
                regex.compile(value)
            except regex.error as exc:
                raise self.fail(line, f"invalid regex: {exc}") from None
            return Pattern(kind, regex=value, line=line)
        return Pattern(kind, phrase=value.strip(), line=line)

    def conditions(self, key: str) -> tuple[tuple[Scope, tuple[Pattern, ...]], ...]:
        if key not in self.body:
            return ()
        value = self.body[key]
        if not isinstance(value, LineDict) or not value:
            raise self.fail(self.line_of(key), f"{key!r} maps sentence and/or message to patterns")
        result = []
        for scope_name, patterns in value.items():
            try:
                scope = Scope(scope_name)
            except ValueError:
                raise self.fail(value.key_lines[scope_name],
                                f"{key}: scope must be sentence or message, not {scope_name!r}") from None
            result.append((scope, self.patterns(patterns, value.key_lines[scope_name])))
        return tuple(result)

    def examples(self) -> tuple[tuple[BadExample, ...], tuple[GoodExample, ...]]:
        value = self.body["examples"]
        line = self.line_of("examples")
        if not isinstance(value, LineDict) or set(value) != {"bad", "good"}:
            raise self.fail(line, "examples must have exactly the lists 'bad' and 'good'")
        if list(value) != ["bad", "good"]:
            raise self.fail(line, "examples: write 'bad' before 'good'")
        bad_items, good_items = value["bad"], value["good"]
        if not isinstance(bad_items, list) or not bad_items:
            raise self.fail(value.key_lines["bad"], "examples.bad must be a non-empty list")
        if not isinstance(good_items, list) or not good_items:
            raise self.fail(value.key_lines["good"], "examples.good must be a non-empty list")
        bad = []
        for item in bad_items:
            if not isinstance(item, LineDict) or set(item) != {"text", "flag"}:
                raise self.fail(value.key_lines["bad"], "each bad example has exactly 'text' and 'flag'")
            text, flag = item["text"], item["flag"]
            if not isinstance(text, str) or not isinstance(flag, str) or not flag:
                raise self.fail(item.line, "bad example text and flag must be strings")
            if text.count(flag) != 1:
                found = "does not occur" if flag not in text else "occurs more than once"
                raise self.fail(item.line, f"flag {flag!r} {found} in text")
            bad.append(BadExample(text=text, flag=flag, line=item.line))
        good = []
        for offset, item in enumerate(good_items):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(value.key_lines["good"], f"good example {offset + 1} must be a non-empty string")
            good.append(GoodExample(text=item, line=value.key_lines["good"] + offset + 1))
        return tuple(bad), tuple(good)


def _plain(value: object) -> object:
    """Return *value* with LineDicts turned into plain dicts, as spaCy expects."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
