"""Resolve overlapping hits to one violation per span."""

from __future__ import annotations

from phraselint.matching.hit import Hit


def resolve(hits: list[Hit]) -> list[Hit]:
    """Return *hits* with overlaps settled, ordered by position.

    Within one category, of overlapping hits the longest span wins (then the one spanning more
    tokens, then the earlier rule). Across categories both stay unless the spans are identical,
    in which case the hit spanning more pattern tokens wins.
    """
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), -h.weight, h.start))
    kept: list[Hit] = []
    for hit in ranked:
        if any(_clashes(hit, other) for other in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.rule.id))


def _clashes(hit: Hit, other: Hit) -> bool:
    if hit.rule.category == other.rule.category:
        return hit.start < other.end and other.start < hit.end
    return hit.start == other.start and hit.end == other.end
