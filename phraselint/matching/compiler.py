"""Translate rule patterns into spaCy token patterns, regexes and anchor keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from phraselint.lang.normalize import normalize
from phraselint.lang.pipeline import Pipeline
from phraselint.packs.schema import Pattern, PatternKind, TokenSpec

# Anchor keys: "W:<lower form>", "L:<lemma>", "M:<Feature=Value|...>" (features one token has),
# "R:<regex>" (a regex the lower-cased form matches, tested once per distinct form), followed by
# the token's NOT_IN words, each after EXCEPT, which the form must not be.
Anchor = frozenset[str]
EXCEPT = "\x1f"

_COUNTED = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """A pattern ready to run: spaCy token pattern or regex, and its anchors.

    *anchors* come commonest-last by a stop-word estimate. *reach* is the most tokens a match can
    span, or None when `*`/`+`/`{n,}` make it unbounded; *margins* the most tokens a match can
    have before its first and after its last anchored token. *offsets* pin each anchor to its
    token index when every token occurs exactly once, so the anchors must line up exactly. *gaps*
    holds the anchors in token order, each with the most tokens that can come between the first
    anchored token and it (None: no limit).
    """

    tokens: tuple[TokenSpec, ...]
    regex: regex.Pattern[str] | None
    anchors: tuple[Anchor, ...]
    reach: int | None = None
    margins: tuple[int | None, int | None] = (None, None)
    offsets: tuple[tuple[int, Anchor], ...] = ()
    gaps: tuple[tuple[int | None, Anchor], ...] = ()

    @property
    def needs_sentences(self) -> bool:
        """Return True when a token tests IS_SENT_START, which needs sentence boundaries set."""
        return any("IS_SENT_START" in t for t in self.tokens)

    @property
    def is_regex(self) -> bool:
        """Return True for a regex pattern."""
        return self.regex is not None


def compile_pattern(pattern: Pattern, pipeline: Pipeline) -> CompiledPattern:
    """Return *pattern* in runnable form; phrases become lemma token patterns."""
    if pattern.kind is PatternKind.REGEX:
        return CompiledPattern((), regex.compile(pattern.regex, _FLAGS), ())
    if pattern.kind is PatternKind.PHRASE:
        tokens = _phrase_tokens(pattern.phrase, pipeline)
    else:
        tokens = tuple(_normalize_token(t) for t in pattern.tokens)
    stop = pipeline.stop_words
    # Rarest first: an anchor of content words beats one of stop words, punctuation or features.
    anchors = tuple(sorted(
        (a for a in map(_anchor, tokens) if a),
        key=lambda a: (sum(k[0] in "MR" or k[2:] in stop or not k[2:].isalpha() for k in a), len(a)),
    ))
    anchored = [i for i, t in enumerate(tokens) if _anchor(t)]
    margins = (_reach(tokens[:anchored[0]]), _reach(tokens[anchored[-1] + 1:])) if anchored else (None, None)
    fixed = all(t.get("OP") in (None, "{1}") for t in tokens)
    offsets = tuple((i, a) for i, t in enumerate(tokens) if (a := _anchor(t))) if fixed else ()
    gaps = tuple(
        (0 if i == anchored[0] else _reach(tokens[anchored[0] + 1:i]), _anchor(tokens[i])) for i in anchored
    )
    return CompiledPattern(tokens, None, anchors, _reach(tokens), margins, offsets, gaps)


_FLAGS = regex.IGNORECASE | regex.VERSION0


def lemma_values(patterns: Iterable[CompiledPattern]) -> frozenset[str]:
    """Return every LEMMA value the patterns compare against."""
    found: set[str] = set()
    for pattern in patterns:
        for token in pattern.tokens:
            found.update(_values(token.get("LEMMA")))
    return frozenset(found)


def _phrase_tokens(phrase: str, pipeline: Pipeline) -> tuple[TokenSpec, ...]:
    tokens: list[TokenSpec] = []
    for token in pipeline.tokenize(phrase):
        if token.is_space:
            continue
        if token.is_punct:
            tokens.append({"IS_PUNCT": True, "OP": "?"})
        else:
            tokens.append({"LEMMA": pipeline.analyze(token.lower_).lemmas[0]})
    return tuple(tokens)


def _normalize_token(token: TokenSpec) -> TokenSpec:
    result: TokenSpec = {}
    for key, value in token.items():
        if key in ("LEMMA", "LOWER", "NORM"):
            value = _lower(value)
        result[key] = value
    return result


def _lower(value: object) -> object:
    if isinstance(value, str):
        return normalize(value.lower())
    if isinstance(value, dict):
        return {op: ([normalize(v.lower()) if isinstance(v, str) else v for v in arg]
                     if op in ("IN", "NOT_IN") and isinstance(arg, list) else arg)
                for op, arg in value.items()}
    return value


def _values(value: object) -> list[str]:
    """Return the literal strings a token attribute accepts, or [] when it is not a literal set."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        return [v for v in value["IN"] if isinstance(v, str)]
    return []


def _repeats(op: object) -> tuple[int, int | None]:
    """Return the least and most times spaCy's *op* lets a token repeat (None: no limit)."""
    if op is None or op == "!":
        return 1, 1
    if op == "?":
        return 0, 1
    if op in ("*", "+"):
        return (0 if op == "*" else 1), None
    counted = _COUNTED.fullmatch(str(op))
    if counted is None:
        return 0, None
    low, comma, high = counted.groups()
    least = int(low or 0)
    return least, (int(high) if high else None) if comma else least


# Where an open-ended repeat (`*`, `+`, `{n,}`) applies to a token restricted to listed words
# (filler such as "just", "really", clitics), a match is searched for within this many of them:
# a run of more listed filler words in a row does not happen in a reply.
LISTED_REPEATS = 6


def _reach(tokens: tuple[TokenSpec, ...]) -> int | None:
    total = 0
    for token in tokens:
        most = _repeats(token.get("OP"))[1]
        if most is None:
            if not any(_values(token.get(key)) for key in ("LEMMA", "LOWER", "NORM", "ORTH", "TEXT")):
                return None
            most = LISTED_REPEATS
        total += most
    return total


def _anchor(token: TokenSpec) -> Anchor:
    """Return the keys of which a text token must carry one to match *token*, or none."""
    if token.get("OP") == "!" or _repeats(token.get("OP"))[0] < 1:
        return frozenset()
    if lemmas := _values(token.get("LEMMA")):
        return frozenset("L:" + v for v in lemmas)
    for key in ("LOWER", "NORM", "ORTH", "TEXT"):
        if words := _values(token.get(key)):
            return frozenset("W:" + normalize(v.lower()) for v in words)
    morph = token.get("MORPH")
    if isinstance(morph, dict) and isinstance(morph.get("IS_SUPERSET"), list) and morph["IS_SUPERSET"]:
        return frozenset({"M:" + "|".join(sorted(str(f) for f in morph["IS_SUPERSET"]))})
    for key in ("LOWER", "NORM"):
        value = token.get(key)
        if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
            excluded = value.get("NOT_IN")
            words = sorted(w for w in excluded if isinstance(w, str)) if isinstance(excluded, list) else []
            return frozenset({"R:" + EXCEPT.join([value["REGEX"], *words])})
    return frozenset()
