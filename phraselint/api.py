"""Linter and lint(): the one place that wires readers' text, pipelines, matchers and reports."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from phraselint.config import Config, Register
from phraselint.errors import CheckTimeoutError, ConfigError, UnsupportedLanguageError
from phraselint.lang.chunks import CHUNK_CHARS, chunks
from phraselint.lang.detect import detect_language
from phraselint.lang.registry import ANALYZERS, get_pipeline
from phraselint.matching.hit import Hit
from phraselint.matching.ruleset import CACHE_LIMIT, RuleSet
from phraselint.model import CATEGORIES, Report
from phraselint.packs.loader import load_rules, pack_languages, shipped_rules_dir
from phraselint.packs.schema import Rule
from phraselint.violations import ViolationBuilder

_BATCH = 256
_ZONE = 16384


class Linter:
    """A configured checker, built once and shared: thread-safe, rules fixed at construction.

    A language's rules and pipeline are loaded on first use.
    """

    def __init__(
        self,
        *,
        config: Config | None = None,
        languages: Iterable[str] | None = None,
        rules_dirs: Iterable[Path] | None = None,
        cache_limit: int = CACHE_LIMIT,
    ) -> None:
        """Configure the linter.

        Args:
            config: what to check; defaults to ``Config()``.
            languages: the languages to support (and to detect among); default: every language
                that has rules.
            rules_dirs: rule folders to use instead of the shipped ones plus ``config.rules_dirs``
                (``phraselint rules check DIR`` checks a team's pack on its own this way).
            cache_limit: how many word forms and whitespace-separated chunks each language
                remembers (half as many again with digits) before forgetting them all: a service
                seeing the same words all day gains from many; a one-off stream of new text needs few.
        """
        self.config = config or Config()
        self.roots = tuple(rules_dirs) if rules_dirs is not None else (shipped_rules_dir(), *self.config.rules_dirs)
        found = {lang for root in self.roots for lang in pack_languages(root)} & set(ANALYZERS)
        if languages is not None:
            wanted = set(languages)
            for lang in sorted(wanted - found):
                raise UnsupportedLanguageError(lang, tuple(sorted(found)))
            found &= wanted
        self.languages: tuple[str, ...] = tuple(sorted(found))
        self._validate_selectors()
        self._builder = ViolationBuilder(self.config.allow)
        self._rulesets: dict[str, RuleSet] = {}
        self._cache_limit = cache_limit
        self._lock = threading.Lock()

    def rules(self, lang: str) -> tuple[Rule, ...]:
        """Return the selected rules for *lang*, in pack order."""
        return self._ruleset(lang).rules

    def lint(self, text: str, *, lang: str | None = None, timeout: float | None = None) -> Report:
        """Return the Report of *text*; ``lang=None`` detects the language.

        *timeout* is a budget in seconds for matching the text, counted once its language is known
        and loaded (loading is a one-time start-up cost, about a second); it is checked before each
        piece of text (at most ``CHUNK_CHARS`` characters), and running past it raises
        CheckTimeoutError.
        """
        lang = self._language(text, lang)
        ruleset = self._ruleset(lang)
        deadline = None if timeout is None else time.monotonic() + timeout
        hits: list[Hit] = []
        for offset, piece in chunks(text):
            if deadline is not None and time.monotonic() > deadline:
                raise CheckTimeoutError(timeout or 0.0)
            if not ruleset.may_match(piece):
                continue
            doc = ruleset.pipeline.tokenize(piece)
            hits.extend(_shift(ruleset.match(doc, piece), offset))
        return Report(text=text, lang=lang, violations=self._builder.build(text, hits), fail_on=self.config.fail_on)

    def lint_many(self, texts: Iterable[str], *, lang: str | None = None) -> Iterator[Report]:
        """Yield a Report per text, in order, streaming the texts through spaCy's ``nlp.pipe``."""
        if lang is not None:
            yield from self._lint_stream(iter(texts), self._language("", lang))
            return
        # Detected languages differ per text: a batch at a time, each language streams its own texts.
        iterator = iter(texts)
        while batch := list(itertools.islice(iterator, _BATCH)):
            langs = [self._language(t, None) for t in batch]
            reports: dict[int, Report] = {}
            for code in dict.fromkeys(langs):
                indices = [i for i, found in enumerate(langs) if found == code]
                reports.update(zip(indices, self._lint_stream(iter([batch[i] for i in indices]), code), strict=True))
            yield from (reports[i] for i in range(len(batch)))

    def _lint_stream(self, texts: Iterator[str], lang: str) -> Iterator[Report]:
        """Yield the Reports of texts all in *lang*, a batch at a time through the tokenizer's pipe.

        Each batch runs in a spaCy memory zone, so a long stream leaves no words behind; batches are
        large because a zone's end also empties the tokenizer's cache.
        """
        ruleset = self._ruleset(lang)
        build, fail_on = self._builder.build, self.config.fail_on
        while batch := list(itertools.islice(texts, _ZONE)):
            # Long texts go the chunked way, and texts without an anchor need no tokens: the pipe
            # sees an empty stand-in for either, to keep order.
            with ruleset.pipeline.zone():
                tokenized = [len(t) <= CHUNK_CHARS and ruleset.may_match(t) for t in batch]
                docs = ruleset.pipeline.pipe(t if tok else "" for t, tok in zip(batch, tokenized, strict=True))
                reports = []
                for text, tok, doc in zip(batch, tokenized, docs, strict=True):
                    if tok:
                        violations = build(text, ruleset.match(doc, text))
                        reports.append(Report(text=text, lang=lang, violations=violations, fail_on=fail_on))
                    elif len(text) > CHUNK_CHARS:
                        reports.append(self.lint(text, lang=lang))
                    else:
                        reports.append(Report(text=text, lang=lang, violations=(), fail_on=fail_on))
            yield from reports

    def _language(self, text: str, lang: str | None) -> str:
        if lang is None:
            default = self.config.default_lang if self.config.default_lang in self.languages else self.languages[0]
            return detect_language(text, self.languages, default)
        if lang not in self.languages:
            raise UnsupportedLanguageError(lang, self.languages)
        return lang

    def _ruleset(self, lang: str) -> RuleSet:
        with self._lock:
            ruleset = self._rulesets.get(lang)
            if ruleset is None:
                if lang not in self.languages:
                    raise UnsupportedLanguageError(lang, self.languages)
                rules = load_rules(self.roots, lang)
                self._check_selectors_for(lang, rules)
                chosen = [self._with_severity(r) for r in rules if self._is_selected(r)]
                ruleset = self._rulesets[lang] = RuleSet(chosen, get_pipeline(lang), cache_limit=self._cache_limit)
            return ruleset

    def _is_selected(self, rule: Rule) -> bool:
        config = self.config
        if config.register_of(rule.lang) is Register.INFORMAL and rule.category == "informal-address":
            return False
        if any(_selects(s, rule) for s in config.ignore):
            return False
        return not config.select or any(_selects(s, rule) for s in config.select)

    def _with_severity(self, rule: Rule) -> Rule:
        matching = [(sel == rule.id, len(sel), sev) for sel, sev in self.config.severity if _selects(sel, rule)]
        return replace(rule, severity=max(matching)[2]) if matching else rule

    def _validate_selectors(self) -> None:
        for selector in self._selectors():
            lang = selector.split("/", 1)[0]
            if selector in CATEGORIES or selector in self.languages:
                continue
            if "/" in selector and lang in self.languages:
                continue
            raise ConfigError(
                f"unknown rule id, category or language {selector!r} in select/ignore/severity"
                f" (categories: {', '.join(CATEGORIES)}; languages: {', '.join(self.languages)})"
            )

    def _check_selectors_for(self, lang: str, rules: tuple[Rule, ...]) -> None:
        for selector in self._selectors():
            if selector.startswith(lang + "/") and not any(_selects(selector, r) for r in rules):
                raise ConfigError(f"unknown rule id {selector!r}: no {lang} rule has that id or prefix")

    def _selectors(self) -> list[str]:
        return [*self.config.select, *self.config.ignore, *(s for s, _ in self.config.severity)]


def _selects(selector: str, rule: Rule) -> bool:
    return (
        selector in (rule.id, rule.category, rule.lang)
        or rule.id.startswith(selector + ".")
        or rule.id.startswith(selector + "/")
    )


def _shift(hits: list[Hit], offset: int) -> list[Hit]:
    if not offset:
        return hits
    return [Hit(h.rule, h.start + offset, h.end + offset, h.weight) for h in hits]


_linters: dict[Config, Linter] = {}
_linters_lock = threading.Lock()


def shared_linter(config: Config | None = None) -> Linter:
    """Return this process's Linter for *config*, built on first use and reused after.

    Batch entry points and cluster workers call this per batch, so each process builds a Linter once.
    """
    config = config or Config()
    with _linters_lock:
        linter = _linters.get(config)
        if linter is None:
            linter = _linters[config] = Linter(config=config)
        return linter


def lint(text: str, *, lang: str | None = None, config: Config | None = None) -> Report:
    """Return the Report of *text* with the shipped rules (or *config*); ``lang=None`` detects it.

    The Linter for each configuration is built once and reused.
    """
    return shared_linter(config).lint(text, lang=lang)
