"""Invariants that hold for any input: offsets, reported text, no crash, batch equals single."""

from __future__ import annotations

import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import phraselint
from phraselint.lang.registry import get_pipeline
from phraselint.matching.hit import Hit
from phraselint.matching.overlap import resolve
from phraselint.matching.ruleset import RuleSet

PHRASES = ["that's our policy", "calm down", "ты не поймёшь", "Это описано в пункте 74.2", "{{first_name}}",
           "I don't know", "«», “", "\n> ", "ё", "’", "Нет, это невозможно", "see clause 74.2"]
texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(PHRASES)), max_size=12).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_invariants(text: str, report: phraselint.Report) -> None:
    for v in report.violations:
        assert 0 <= v.start < v.end <= len(text)
        assert text[v.start:v.end] == v.text
        assert v.line == text.count("\n", 0, v.start) + 1
        assert v.column == v.start - (text.rfind("\n", 0, v.start) + 1) + 1
        assert v.rewrites


@SETTINGS
@given(text=texts, lang=st.sampled_from(["en", "ru", None]))
def test_offsets_and_text_hold_on_any_input(linter: phraselint.Linter, text: str, lang: str | None) -> None:
    check_invariants(text, linter.lint(text, lang=lang))


@SETTINGS
@given(text=st.text(alphabet=st.characters(codec=None), max_size=200))
def test_no_crash_on_any_unicode(linter: phraselint.Linter, text: str) -> None:
    for lang in ("en", "ru", None):
        check_invariants(text, linter.lint(text, lang=lang))


@SETTINGS
@given(batch=st.lists(texts, max_size=20))
def test_lint_many_equals_lint(linter: phraselint.Linter, batch: list[str]) -> None:
    assert list(linter.lint_many(batch, lang="ru")) == [linter.lint(t, lang="ru") for t in batch]


def test_eight_threads_sharing_one_linter_agree_with_one_thread(linter: phraselint.Linter) -> None:
    texts = [f"{p} — message {i}" for i, p in enumerate(PHRASES * 30)]
    expected = [linter.lint(t, lang="ru") for t in texts] + [linter.lint(t, lang="en") for t in texts]
    results: dict[int, list[phraselint.Report]] = {}

    def work(n: int) -> None:
        results[n] = [linter.lint(t, lang="ru") for t in texts] + [linter.lint(t, lang="en") for t in texts]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[n] == expected for n in range(8))


_LANGS = ("en", "ru", "fi", "sl", "el")


@SETTINGS
@given(data=st.data())
def test_prefilter_never_hides_a_hit(linter: phraselint.Linter, data: st.DataObject) -> None:
    # may_match lets texts skip tokenising; whenever the full matcher finds a hit it must say yes.
    lang = data.draw(st.sampled_from(_LANGS))
    ruleset = _rulesets(linter, lang)
    samples = [b.text for r in ruleset.rules for b in r.bad] + [g.text for r in ruleset.rules for g in r.good]
    glue = st.text(alphabet=" \n\t\xa0.,!?«»\"'’-:()", min_size=1, max_size=3)
    parts = data.draw(st.lists(st.tuples(st.sampled_from(samples), glue, st.text(max_size=8)), max_size=4))
    text = "".join(a + b + c for a, b, c in parts)
    if ruleset.match(ruleset.pipeline.tokenize(text), text):
        assert ruleset.may_match(text)


@SETTINGS
@given(data=st.data())
def test_prefilter_never_hides_a_hit_with_words_moved(linter: phraselint.Linter, data: st.DataObject) -> None:
    # The prefilter also checks that anchors come in order and close enough; words put between,
    # dropped from and swapped inside a bad example probe exactly those distances.
    lang = data.draw(st.sampled_from((*_LANGS, "de", "es", "fr")))
    ruleset = _rulesets(linter, lang)
    bad = [b.text for r in ruleset.rules for b in r.bad]
    words = data.draw(st.sampled_from(bad)).split()
    fillers = sorted({w for t in bad for w in t.split()})
    for _ in range(data.draw(st.integers(0, 3))):
        edit, at = data.draw(st.sampled_from(["insert", "drop", "swap"])), data.draw(st.integers(0, len(words)))
        if edit == "insert":
            words.insert(at, data.draw(st.sampled_from(fillers)))
        elif edit == "drop" and at < len(words):
            del words[at]
        elif edit == "swap" and at + 1 < len(words):
            words[at], words[at + 1] = words[at + 1], words[at]
    text = data.draw(st.sampled_from([" ", "\n", "  "])).join(words)
    if ruleset.match(ruleset.pipeline.tokenize(text), text):
        assert ruleset.may_match(text)


_built: dict[str, RuleSet] = {}


def _rulesets(linter: phraselint.Linter, lang: str) -> RuleSet:
    """A fresh RuleSet per language, so its chunk memory starts empty as in a new process."""
    if lang not in _built:
        _built[lang] = RuleSet(linter.rules(lang), get_pipeline(lang))
    return _built[lang]


@SETTINGS
@given(batch=st.lists(texts, min_size=1, max_size=30))
def test_forgetting_caches_changes_no_result(linter: phraselint.Linter, batch: list[str]) -> None:
    # A RuleSet that forgets its word forms and chunks every few entries finds exactly the same hits.
    pipeline = get_pipeline("en")
    forgetful = _forgetful.setdefault("en", RuleSet(linter.rules("en"), pipeline, cache_limit=3))
    for text in batch:
        expected = _rulesets(linter, "en").match(pipeline.tokenize(text), text)
        assert forgetful.may_match(text) or not expected
        assert forgetful.match(pipeline.tokenize(text), text) == expected


_forgetful: dict[str, RuleSet] = {}


def _resolve_by_scanning(hits: list[Hit]) -> list[Hit]:
    """The plain statement of overlap resolution: each hit, best first, is kept unless it clashes."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -h.weight, h.start)):
        if not any(
            (hit.start < k.end and k.start < hit.end) if hit.rule.category == k.rule.category
            else (hit.start, hit.end) == (k.start, k.end)
            for k in kept
        ):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.rule.id))


@SETTINGS
@given(data=st.data())
def test_overlap_resolution_keeps_what_a_plain_scan_keeps(linter: phraselint.Linter, data: st.DataObject) -> None:
    # resolve() bisects per category instead of scanning every kept hit; it must keep the same hits.
    rules = {r.category: r for r in linter.rules("en")}
    chosen = [rules["calm-down"], rules["policy-shield"], rules["dismissal"]]
    spans = st.tuples(st.sampled_from(chosen), st.integers(0, 40), st.integers(1, 8), st.integers(1, 4))
    hits = [Hit(rule, start, start + length, weight) for rule, start, length, weight in data.draw(st.lists(spans))]
    assert resolve(hits) == _resolve_by_scanning(hits)
