"""Run every rule's examples and rewrites as tests: `phraselint rules check`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from phraselint.api import Linter
from phraselint.lang.normalize import normalize
from phraselint.lang.registry import get_pipeline
from phraselint.model import Violation
from phraselint.packs.schema import Rule


@dataclass(frozen=True, slots=True)
class Failure:
    """One rule example that did not behave as written."""

    rule: Rule
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.rule.path}:{self.line}: {self.rule.id}: {self.problem}"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """How many rules and examples were checked, and what failed."""

    rules: int
    examples: int
    failures: tuple[Failure, ...]
    notes: tuple[Failure, ...]


def check_rules(linter: Linter, *, rules: Iterable[Rule] | None = None) -> CheckResult:
    """Check *rules* (default: every rule the *linter* has, in every language it supports)."""
    if rules is None:
        rules = [rule for lang in linter.languages for rule in linter.rules(lang)]
    failures: list[Failure] = []
    notes: list[Failure] = []
    count = examples = 0
    for rule in rules:
        count += 1
        examples += len(rule.bad) + len(rule.good) + len(rule.rewrites)
        failures.extend(_check_rule(linter, rule))
        notes.extend(_check_lemmas(rule))
    return CheckResult(count, examples, tuple(failures), tuple(notes))


def _check_rule(linter: Linter, rule: Rule) -> Iterator[Failure]:
    for bad in rule.bad:
        start = bad.text.index(bad.flag)
        found = linter.lint(bad.text, lang=rule.lang).violations
        if not any((v.rule_id, v.start, v.end) == (rule.id, start, start + len(bad.flag)) for v in found):
            own = [repr(v.text) for v in found if v.rule_id == rule.id]
            got = f"flagged {', '.join(own)} instead" if own else _describe(found)
            yield Failure(rule, bad.line, f"bad example should flag {bad.flag!r}; {got}")
    for good in rule.good:
        found = linter.lint(good.text, lang=rule.lang).violations
        if any(v.rule_id == rule.id for v in found):
            flagged = ", ".join(repr(v.text) for v in found if v.rule_id == rule.id)
            yield Failure(rule, good.line, f"good example is flagged: {flagged} in {good.text!r}")
    for rewrite in rule.rewrites:
        found = linter.lint(rewrite, lang=rule.lang).violations
        if found:
            yield Failure(rule, rule.line, f"rewrite {rewrite!r} is itself flagged: {_describe(found)}")


def _check_lemmas(rule: Rule) -> Iterator[Failure]:
    """Note LEMMA values the analyser does not give as a lemma: they match only their own spelling."""
    pipeline = get_pipeline(rule.lang)
    for value in rule.lemma_values():
        lemma = normalize(value.lower())
        given = pipeline.analyze(lemma).lemmas
        if lemma not in given:
            yield Failure(rule, rule.line, f"note: LEMMA {value!r} is not a lemma the {rule.lang} analyser gives"
                                           f" ({', '.join(map(repr, given))}), so it matches only that spelling")


def _describe(found: tuple[Violation, ...]) -> str:
    return "got " + ", ".join(f"{v.rule_id} on {v.text!r}" for v in found) if found else "got nothing"
