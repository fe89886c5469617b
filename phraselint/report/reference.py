"""The rule reference in Markdown: one section per language and category (docs/rules.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from phraselint.packs.schema import Rule

LANGUAGE_NAMES = {
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fi": "Finnish", "fr": "French", "ru": "Russian", "sl": "Slovenian",
}


def render_reference(rules_by_lang: Mapping[str, Iterable[Rule]]) -> str:
    """Return the Markdown reference of every rule, grouped by language then category."""
    out = [
        "# Rule reference",
        "",
        "Generated from `rules/` by `phraselint rules docs`; a test keeps it in sync. "
        "`phraselint rules explain ID` shows one rule in the terminal.",
        "",
    ]
    for lang, rules in rules_by_lang.items():
        rules = list(rules)
        out += [f"## {LANGUAGE_NAMES.get(lang, lang)} (`{lang}`): {len(rules)} rules", ""]
        for category in dict.fromkeys(r.category for r in rules):
            out += [f"### {lang} · {category}", ""]
            for rule in (r for r in rules if r.category == category):
                out += _rule_section(rule)
    return "\n".join(out).rstrip() + "\n"


def _rule_section(rule: Rule) -> list[str]:
    lines = [
        f"#### `{rule.id}` ({rule.severity.value})",
        "",
        rule.message,
        "",
        f"**Why:** {' '.join(rule.why.split())}",
        "",
        "**Bad:**",
        "",
        *(f"- {_quote(b.text)} — flags *{_escape(b.flag)}*" for b in rule.bad),
        "",
        "**Good:**",
        "",
        *(f"- {_quote(g.text)}" for g in rule.good),
        "",
        "**Better:**",
        "",
        *(f"- {_quote(r)}" for r in rule.rewrites),
        "",
        f"Source: {_escape(rule.source)}",
        "",
    ]
    return lines


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _quote(text: str) -> str:
    return f"“{_escape(text)}”"
