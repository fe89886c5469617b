"""HTML reporter: one self-contained page of a transcript run, for a QA lead to read or print.

The page loads nothing at view time: its CSS is inline, its charts are SVG drawn here, and it has
no script. Everything taken from the export is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TextIO

from phraselint.model import Malformed, Role, Severity, Skip, Turn, Violation
from phraselint.report.summary import AgentTally, Conversation, Summary

_TOP_RULES = 15
_TOP_AGENTS = 30
_WIDTH = 760
_ROW = 24
_BAR = 14
_CHAR = 7.0  # average glyph width of a 12px label, to size the label column without measuring text
_PLOT = 160
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SKIP_LABELS = {
    Skip.SPEAKER: "speaker not linted",
    Skip.INTERNAL: "internal note, not linted",
    Skip.LANGUAGE: "unsupported language, not linted",
}

_CSS = """
:root { --ink: #1d2330; --muted: #6b7280; --line: #d9dde5; --bar: #3563c9; --rate: #d9822b;
  --error: #c0352b; --warning: #b26a00; --info: #2f6fb0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1200px; }
h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.25rem; margin: 2rem 0 .75rem;
  border-bottom: 2px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
.sub, .note, .muted { color: var(--muted); }
nav a { color: var(--info); margin-right: 1rem; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0 0; }
.totals div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.totals dt { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.totals dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.totals small { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.figure { overflow-x: auto; }
svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.chart .bar { fill: var(--bar); } svg.chart .rate { fill: var(--rate); }
svg.chart .value, svg.chart .axis { fill: var(--muted); } svg.chart .head { font-weight: 600; }
svg.chart line { stroke: var(--line); }
.conversation { border: 1px solid var(--line); border-radius: 8px; padding: .25rem 1rem 1rem; margin: 1rem 0; }
.turn { display: grid; grid-template-columns: 10rem minmax(0, 1fr) minmax(0, 22rem); gap: 1rem;
  padding: .6rem 0; border-top: 1px solid var(--line); }
.who { font-weight: 600; } .meta { font-size: .85rem; } .meta span { display: block; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; align-self: start; }
.customer .text { background: #f3f5f8; border-radius: 6px; padding: .3rem .5rem; }
.skipped { color: var(--muted); } .skipped .text { font-style: italic; }
.label { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 4px;
  padding: 0 .35rem; margin-top: .2rem; }
mark.violation { background: #fde2df; color: inherit; border-bottom: 2px solid var(--error); padding: 0 1px; }
mark.violation[data-severity="warning"] { background: #fdf0d5; border-color: var(--warning); }
mark.violation[data-severity="info"] { background: #e1ecf8; border-color: var(--info); }
.notes { list-style: none; margin: 0; padding: 0; font-size: .88rem; }
.notes li + li { margin-top: .6rem; }
.notes code { font-size: .8rem; color: var(--muted); }
.notes p { margin: .1rem 0; } .better { color: #1f6f43; }
@media (max-width: 800px) { .turn { grid-template-columns: 1fr; gap: .3rem; } }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; } nav { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .chart-block, .turn { break-inside: avoid; } .conversation { break-inside: auto; }
  .figure { overflow: visible; }
}
"""


@dataclass(frozen=True, slots=True)
class _Series:
    """One column of bars in a horizontal bar chart: a value per row, as drawn and as written."""

    heading: str
    css: str
    values: Sequence[float]
    shown: Sequence[str]
    tips: Sequence[str]


def write_html(out: TextIO, summary: Summary, *, title: str) -> None:
    """Write *summary* as one HTML page that needs no network to view."""
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n")
    out.write(_header(summary, title))
    out.write('<section id="charts">\n<h2>Violations</h2>\n')
    out.write(_category_chart(summary) + _rule_chart(summary) + _agent_chart(summary) + _time_chart(summary))
    out.write("</section>\n")
    out.write(_worst(summary.worst()))
    if summary.malformed_count:
        out.write(_malformed(summary.malformed, summary.malformed_count))
    out.write("</body>\n</html>\n")


def _header(summary: Summary, title: str) -> str:
    skipped = sum(summary.skipped.values())
    reasons = " · ".join(f"{r.value}: {n}" for r, n in sorted(summary.skipped.items(), key=lambda kv: -kv[1]))
    severities = " · ".join(
        f'<span class="sev-{s.value}">{summary.by_severity[s.value]} {s.value}</span>' for s in _SEVERITIES
    )
    cards = [
        ("Messages read", str(summary.read), ""),
        ("Linted", str(summary.linted), ""),
        ("Skipped", str(skipped), escape(reasons)),
        ("Malformed records", str(summary.malformed_count), ""),
        ("Violations", str(summary.violations), severities),
    ]
    totals = "".join(
        f"<div><dt>{name}</dt><dd>{value}{f'<small>{more}</small>' if more else ''}</dd></div>"
        for name, value, more in cards
    )
    links = ['<a href="#charts">Charts</a>', '<a href="#worst">Worst conversations</a>']
    if summary.malformed_count:
        links.append('<a href="#malformed">Malformed records</a>')
    return (
        f"<header>\n<h1>{escape(title)}</h1>\n<p class=\"sub\">phraselint transcript report</p>\n"
        f"<nav>{''.join(links)}</nav>\n<dl class=\"totals\">{totals}</dl>\n</header>\n"
    )


def _chart_block(heading: str, body: str) -> str:
    return f'<div class="chart-block">\n<h3>{escape(heading)}</h3>\n<div class="figure">{body}</div>\n</div>\n'


def _category_chart(summary: Summary) -> str:
    rows = sorted(summary.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
    if not rows:
        return _chart_block("By category", '<p class="note">No violations.</p>')
    series = _Series("Violations", "bar", [n for _, n in rows], [str(n) for _, n in rows],
                     [f"{c}: {_plural(n, 'violation')}" for c, n in rows])
    return _chart_block("By category", _hbars("category", "Violations by category", [c for c, _ in rows], [series]))


def _rule_chart(summary: Summary) -> str:
    ranked = sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    rows, rest = ranked[:_TOP_RULES], ranked[_TOP_RULES:]
    heading = f"By rule (top {_TOP_RULES})" if rest else "By rule"
    if not rows:
        return _chart_block(heading, '<p class="note">No violations.</p>')
    series = _Series("Violations", "bar", [n for _, n in rows], [str(n) for _, n in rows],
                     [f"{r}: {_plural(n, 'violation')}" for r, n in rows])
    body = _hbars("rule", "Violations by rule", [r for r, _ in rows], [series])
    if rest:
        hidden = _plural(sum(n for _, n in rest), "violation")
        body += f'<p class="note">{_plural(len(rest), "more rule")} with {hidden} not shown.</p>'
    return _chart_block(heading, body)


def _agent_chart(summary: Summary) -> str:
    def rate(tally: AgentTally) -> float:
        return 100 * tally.violations / tally.linted if tally.linted else 0.0

    ranked = sorted(summary.agents.items(), key=lambda kv: (-kv[1].violations, -rate(kv[1]), kv[0]))
    rows, rest = ranked[:_TOP_AGENTS], ranked[_TOP_AGENTS:]
    if not rows:
        return _chart_block("By agent", '<p class="note">No agent or bot turns were linted.</p>')
    counts = _Series("Violations", "bar", [a.violations for _, a in rows], [str(a.violations) for _, a in rows], [
        f"{name}: {_plural(a.violations, 'violation')} in {_plural(a.linted, 'linted turn')} ({a.flagged} flagged)"
        for name, a in rows
    ])
    rates = _Series("Per 100 linted turns", "rate", [rate(a) for _, a in rows], [f"{rate(a):.1f}" for _, a in rows],
                    [f"{name}: {rate(a):.1f} violations per 100 linted turns" for name, a in rows])
    body = _hbars("agent", "Violations by agent, and per 100 linted turns", [n for n, _ in rows], [counts, rates])
    if rest:
        body += f'<p class="note">{_plural(len(rest), "more agent")} with fewer violations not shown.</p>'
    return _chart_block("By agent (worst first)", body)


def _time_chart(summary: Summary) -> str:
    days = sorted(summary.by_day.items())
    if not days:
        return _chart_block("Over time", '<p class="note">No timestamps in this export.</p>')
    return _chart_block("Over time (violations per day)", _columns(
        [day for day, _ in days], [n for _, n in days],
        [f"{day}: {_plural(n, 'violation')} in {_plural(summary.linted_by_day[day], 'linted turn')}"
         for day, n in days],
    ))


def _hbars(kind: str, caption: str, labels: Sequence[str], series: Sequence[_Series]) -> str:
    """Return a horizontal bar chart: a label per row, then one bar per row in each series' column."""
    label_w = min(max(len(label) for label in labels) * _CHAR + 16, 320.0)
    fits = int((label_w - 16) / _CHAR)
    head = 22 if len(series) > 1 else 0
    height = head + len(labels) * _ROW + 4
    column = (_WIDTH - label_w) / len(series)
    parts = [_svg_open(kind, _WIDTH, height), f"<title>{escape(caption)}</title>"]
    for i, label in enumerate(labels):
        y = head + i * _ROW + _ROW / 2 + 4
        short = label if len(label) <= fits else label[: fits - 1] + "…"
        parts.append(f'<text x="{_n(label_w - 8)}" y="{_n(y)}" text-anchor="end">'
                     f"<title>{escape(label)}</title>{escape(short)}</text>")
    for j, s in enumerate(series):
        left = label_w + j * column
        span = column - 56  # leave room for the value written after the longest bar
        if head:
            parts.append(f'<text class="head" x="{_n(left)}" y="14">{escape(s.heading)}</text>')
        peak = max(s.values) or 1
        for i, (value, shown, tip) in enumerate(zip(s.values, s.shown, s.tips, strict=True)):
            top = head + i * _ROW + (_ROW - _BAR) / 2
            width = max(value / peak * span, 1.0) if value > 0 else 0.0
            parts.append(f'<rect class="{s.css}" data-count="{escape(shown)}" x="{_n(left)}" y="{_n(top)}" '
                         f'width="{_n(width)}" height="{_BAR}"><title>{escape(tip)}</title></rect>')
            parts.append(f'<text class="value" x="{_n(left + width + 4)}" y="{_n(top + _BAR - 3)}">'
                         f"{escape(shown)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _columns(labels: Sequence[str], values: Sequence[int], tips: Sequence[str]) -> str:
    """Return a column chart of *values* over time, a column per label in order."""
    left, top, bottom = 40, 20, 80
    step = min(64.0, max(8.0, (_WIDTH - left - 10) / len(values)))
    width = max(_WIDTH, math.ceil(left + step * len(values) + 10))
    height = top + _PLOT + bottom
    peak = max(values)
    base = top + _PLOT
    every = math.ceil(18 / step)  # rotated labels need about 18px each
    gap = min(step * 0.2, 8.0)
    parts = [
        _svg_open("time", width, height), "<title>Violations per day</title>",
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}"/>',
        f'<line x1="{left}" y1="{top}" x2="{width - 10}" y2="{top}"/>',
        f'<text class="axis" x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>',
        f'<text class="axis" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
    ]
    for i, (label, value, tip) in enumerate(zip(labels, values, tips, strict=True)):
        h = max(value / peak * _PLOT, 1.0)
        x = left + i * step + gap / 2
        middle = x + (step - gap) / 2
        parts.append(f'<rect class="bar" data-count="{value}" x="{_n(x)}" y="{_n(base - h)}" '
                     f'width="{_n(step - gap)}" height="{_n(h)}"><title>{escape(tip)}</title></rect>')
        if step >= 20:
            parts.append(f'<text class="value" x="{_n(middle)}" y="{_n(base - h - 4)}" text-anchor="middle">'
                         f"{value}</text>")
        if i % every == 0:
            parts.append(f'<text class="axis" x="{_n(middle)}" y="{base + 14}" text-anchor="end" '
                         f'transform="rotate(-40 {_n(middle)} {base + 14})">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(kind: str, width: float, height: float) -> str:
    return (f'<svg class="chart" data-chart="{kind}" role="img" width="{_n(width)}" height="{_n(height)}" '
            f'viewBox="0 0 {_n(width)} {_n(height)}">')


def _worst(conversations: Sequence[Conversation]) -> str:
    parts = ['<section id="worst">\n<h2>Worst conversations</h2>\n']
    if not conversations:
        parts.append('<p class="note">No conversation has a violation.</p>\n')
    for c in conversations:
        flagged = sum(1 for t in c.turns if t.violations)
        parts.append(
            f'<article class="conversation" data-conversation="{escape(c.conversation)}">\n'
            f"<h3>{escape(c.source)} · conversation {escape(c.conversation)}</h3>\n"
            f'<p class="note">{_plural(c.violations, "violation")} in {_plural(flagged, "turn")} '
            f"of {_plural(len(c.turns), 'turn')} shown"
            f"{'; the conversation is longer and only its first turns are shown' if c.truncated else ''}.</p>\n"
        )
        parts.extend(_turn(t) for t in c.turns)
        parts.append("</article>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _turn(turn: Turn) -> str:
    m = turn.message
    is_customer = m.role is Role.CUSTOMER
    # A customer's turn is skipped by design and shown plainly; any other skipped turn is muted and labelled.
    skip = None if is_customer and turn.skipped is Skip.SPEAKER else turn.skipped
    classes = " ".join(["turn", m.role.value] + (["skipped"] if skip is not None else []))
    meta = [f'<span class="who">{escape(m.role.value.capitalize())}</span>']
    name = m.agent_name or m.agent_id
    if name:
        meta.append(f"<span>{escape(name)}</span>")
    if when := _when(m.timestamp, m.offset_ms):
        meta.append(f"<span>{escape(when)}</span>")
    meta.append(f'<span class="muted">{"line " if m.where.isdigit() else ""}{escape(m.where)}</span>')
    if skip is not None:
        meta.append(f'<span class="label">{escape(_SKIP_LABELS[skip])}</span>')
    # Customers' words are context: a customer quoting "calm down" is not the agent saying it.
    shown = () if is_customer else turn.violations
    text = _marked(m.text, shown)
    notes = "".join(_note(v) for v in sorted(shown, key=lambda v: (v.start, v.end)))
    return (
        f'<div class="{classes}">\n<div class="meta">{"".join(meta)}</div>\n<div class="text">{text}</div>\n'
        f'<ul class="notes">{notes}</ul>\n</div>\n'
    )


def _marked(text: str, violations: Iterable[Violation]) -> str:
    """Return *text* escaped, each violation's span wrapped in a mark."""
    parts: list[str] = []
    at = 0
    for v in sorted(violations, key=lambda v: (v.start, v.end)):
        # Spans are resolved upstream; an overlapping or out-of-range one is still listed beside the turn.
        if v.start < at or v.end > len(text) or v.start >= v.end:
            continue
        parts.append(escape(text[at:v.start]))
        parts.append(
            f'<mark class="violation" data-rule="{escape(v.rule_id)}" data-category="{escape(v.category)}" '
            f'data-severity="{v.severity.value}" title="{escape(v.message)}">{escape(text[v.start:v.end])}</mark>'
        )
        at = v.end
    parts.append(escape(text[at:]))
    return "".join(parts)


def _note(v: Violation) -> str:
    better = f'<p class="better">Better: {escape(v.rewrites[0])}</p>' if v.rewrites else ""
    return (
        f'<li data-rule="{escape(v.rule_id)}"><p><strong class="sev-{v.severity.value}">{v.severity.value}</strong> '
        f"“{escape(v.text)}” <code>{escape(v.rule_id)}</code></p><p>{escape(v.message)}</p>{better}</li>"
    )


def _malformed(records: Sequence[Malformed], count: int) -> str:
    items = "".join(f"<li><code>{escape(str(r))}</code></li>" for r in records)
    unlisted = count - len(records)
    more = f'<p class="note">{_plural(unlisted, "more record")} not listed.</p>' if unlisted else ""
    return (
        f'<section id="malformed">\n<h2>Malformed records ({count})</h2>\n'
        '<p class="note">These records could not be read and were not linted.</p>\n'
        f"<ul>{items}</ul>\n{more}</section>\n"
    )


def _when(timestamp: str | None, offset_ms: int | None) -> str:
    if timestamp:
        return timestamp
    if offset_ms is None:
        return ""
    minutes, seconds = divmod(offset_ms / 1000, 60)
    return f"+{int(minutes)}:{seconds:04.1f}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _n(x: float) -> str:
    """Return *x* for an SVG attribute: at most one decimal, no trailing zeros."""
    return f"{x:.1f}".rstrip("0").rstrip(".")
