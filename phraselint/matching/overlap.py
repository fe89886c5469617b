"""Resolve overlapping hits to one violation per span."""

from __future__ import annotations

import bisect

from phraselint.matching.hit import Hit


def resolve(hits: list[Hit]) -> list[Hit]:
    """Return *hits* with overlaps settled, ordered by position.

    Within one category, of overlapping hits the longest span wins (then the one spanning more
    tokens, then the earlier rule). Across categories both stay unless the spans are identical,
    in which case the hit spanning more pattern tokens wins.
    """
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), -h.weight, h.start))
    kept: list[Hit] = []
    spans: set[tuple[int, int]] = set()
    # The kept spans of one category never overlap, so sorted by start they are sorted by end too:
    # the one kept span that can overlap a new one is the last that starts before the new one ends.
    starts: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for hit in ranked:
        category = hit.rule.category
        if (hit.start, hit.end) in spans:
            continue
        these_starts, these_ends = starts.setdefault(category, []), ends.setdefault(category, [])
        before = bisect.bisect_left(these_starts, hit.end)
        if before and these_ends[before - 1] > hit.start:
            continue
        these_starts.insert(before, hit.start)
        these_ends.insert(before, hit.end)
        spans.add((hit.start, hit.end))
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.rule.id))
