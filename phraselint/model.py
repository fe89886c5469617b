"""Value types a lint produces and reads: Severity, Violation, Report, and transcript Messages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

CATEGORIES: tuple[str, ...] = (
    "calm-down",
    "policy-shield",
    "helpless",
    "flat-refusal",
    "blame-customer",
    "condescension",
    "dismissal",
    "deflection",
    "manual-reference",
    "uncertainty",
    "informal-address",
    "unfilled-placeholder",
)


class Severity(StrEnum):
    """How serious a violation is; errors block a send by default."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    def reaches(self, threshold: Severity) -> bool:
        """Return True when this severity is at or above *threshold*."""
        return self.rank >= threshold.rank


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Violation:
    """One flagged span of a text, with the rule that flagged it and better phrasings."""

    rule_id: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    line: int
    column: int
    message: str
    rewrites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """The result of linting one text."""

    text: str
    lang: str
    violations: tuple[Violation, ...]
    fail_on: Severity = Severity.ERROR
    failure: str | None = None
    fail_open: bool = False

    @property
    def ok(self) -> bool:
        """Return False when a violation at or above the failing severity is present.

        A check that could not finish (*failure* says why) is ok only when its caller chose to
        fail open.
        """
        if self.failure is not None:
            return self.fail_open
        return not any(v.severity.reaches(self.fail_on) for v in self.violations)

    @property
    def counts(self) -> dict[str, int]:
        """Return the number of violations per category."""
        return dict(Counter(v.category for v in self.violations))


class Role(StrEnum):
    """Who wrote a transcript message."""

    AGENT = "agent"
    BOT = "bot"
    CUSTOMER = "customer"
    SYSTEM = "system"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of an exported conversation, with everything the export says about where it is.

    *where* locates the record in its file: a line number (``12``) or a JSON pointer
    (``/comments/3``), printed after the file name as ``export.jsonl:12``. *internal* marks text
    never sent to the customer (a helpdesk's internal note), which is not linted whoever wrote it.
    """

    text: str
    role: Role
    source: str
    conversation: str
    index: int
    where: str
    speaker: str | None = None
    timestamp: str | None = None
    offset_ms: int | None = None
    agent_id: str | None = None
    agent_name: str | None = None
    lang: str | None = None
    internal: bool = False


@dataclass(frozen=True, slots=True)
class Malformed:
    """A record a reader could not turn into a Message, and why (*where* is empty for a whole file)."""

    source: str
    where: str
    problem: str

    def __str__(self) -> str:
        where = f":{self.where}" if self.where else ""
        return f"{self.source}{where}: {self.problem}"


class Skip(StrEnum):
    """Why a transcript message was read but not linted."""

    SPEAKER = "speaker"
    INTERNAL = "internal note"
    LANGUAGE = "unsupported language"


@dataclass(frozen=True, slots=True)
class Turn:
    """A transcript message after linting: its violations, or why it was not linted."""

    message: Message
    violations: tuple[Violation, ...] = ()
    lang: str | None = None
    skipped: Skip | None = None
