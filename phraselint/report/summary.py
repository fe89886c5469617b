"""Running totals of a transcript run: counts by category, rule, agent and day, and the worst conversations."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field

from phraselint.model import Malformed, Role, Skip, Turn

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MAX_TURNS = 200
_MAX_MALFORMED = 50


@dataclass(slots=True)
class Conversation:
    """One conversation's turns (up to 200) and how many violations they hold."""

    source: str
    conversation: str
    turns: list[Turn] = field(default_factory=list)
    violations: int = 0
    truncated: bool = False


@dataclass(slots=True)
class AgentTally:
    """What one agent (or bot) wrote: turns linted, turns flagged, violations."""

    linted: int = 0
    flagged: int = 0
    violations: int = 0


class Summary:
    """Totals kept as counts, so memory stays flat however many messages pass.

    The worst conversations are kept as whole conversations (a bounded number of them); a
    conversation's turns are expected to be contiguous in the export, as every supported format
    writes them. Summaries of consecutive parts of a run (files linted on different machines)
    merge into the summary of the whole run.
    """

    def __init__(self, *, worst: int = 10) -> None:
        self.read = 0
        self.linted = 0
        self.skipped: Counter[Skip] = Counter()
        self.skipped_roles: Counter[Role] = Counter()
        self.malformed: list[Malformed] = []
        self.malformed_count = 0
        self.by_category: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()
        self.by_day: Counter[str] = Counter()
        self.linted_by_day: Counter[str] = Counter()
        self.agents: dict[str, AgentTally] = {}
        self._worst_size = worst
        self._worst: list[tuple[int, int, Conversation]] = []
        self._closed = 0  # conversations with violations closed so far: ties go to the earlier one
        self._current: Conversation | None = None

    def add(self, item: Turn | Malformed) -> None:
        """Count one Turn or Malformed record."""
        if isinstance(item, Malformed):
            self.malformed_count += 1
            if len(self.malformed) < _MAX_MALFORMED:
                self.malformed.append(item)
            return
        self.read += 1
        message = item.message
        current = self._current
        if current is None or (current.source, current.conversation) != (message.source, message.conversation):
            self._close_conversation()
            current = self._current = Conversation(message.source, message.conversation)
        if len(current.turns) < _MAX_TURNS:
            current.turns.append(item)
        else:
            current.truncated = True
        if item.skipped is not None:
            self.skipped[item.skipped] += 1
            if item.skipped is Skip.SPEAKER:
                self.skipped_roles[message.role] += 1
            return
        self.linted += 1
        day = _DAY.match(message.timestamp or "")
        if day:
            self.linted_by_day[day[0]] += 1
        agent = self.agents.setdefault(agent_label(item), AgentTally())
        agent.linted += 1
        if not item.violations:
            return
        agent.flagged += 1
        agent.violations += len(item.violations)
        current.violations += len(item.violations)
        for v in item.violations:
            self.by_category[v.category] += 1
            self.by_rule[v.rule_id] += 1
            self.by_severity[v.severity.value] += 1
            if day:
                self.by_day[day[0]] += 1

    def finish(self) -> None:
        """Close the last conversation; call once after the last add()."""
        self._close_conversation()

    @property
    def violations(self) -> int:
        """Return the number of violations counted."""
        return sum(self.by_severity.values())

    def worst(self) -> list[Conversation]:
        """Return the conversations with the most violations, worst first."""
        return [c for _, _, c in sorted(self._worst, key=lambda e: (-e[0], -e[1]))]

    def as_dict(self) -> dict[str, object]:
        """Return the totals as a JSON-ready mapping."""
        return {
            "messages_read": self.read, "linted": self.linted,
            "skipped": {reason.value: n for reason, n in self.skipped.items()},
            "malformed": self.malformed_count, "violations": self.violations,
            "by_severity": dict(self.by_severity), "by_category": dict(self.by_category.most_common()),
            "by_rule": dict(self.by_rule.most_common()),
            "by_agent": {name: {"linted": a.linted, "flagged": a.flagged, "violations": a.violations}
                         for name, a in sorted(self.agents.items(), key=lambda kv: -kv[1].violations)},
            "by_day": dict(sorted(self.by_day.items())),
        }

    def merge(self, later: Summary) -> None:
        """Add the finished summary of the part of the run that comes after this one's part.

        Counts add up, the first malformed records are kept, and the worst conversations are the
        ones the whole run would have chosen, ties going to the earlier part.
        """
        self.read += later.read
        self.linted += later.linted
        self.malformed_count += later.malformed_count
        self.malformed.extend(later.malformed[: _MAX_MALFORMED - len(self.malformed)])
        self.skipped.update(later.skipped)
        self.skipped_roles.update(later.skipped_roles)
        for mine, theirs in (
            (self.by_category, later.by_category), (self.by_rule, later.by_rule),
            (self.by_severity, later.by_severity), (self.by_day, later.by_day),
            (self.linted_by_day, later.linted_by_day),
        ):
            mine.update(theirs)
        for name, tally in later.agents.items():
            agent = self.agents.setdefault(name, AgentTally())
            agent.linted += tally.linted
            agent.flagged += tally.flagged
            agent.violations += tally.violations
        for violations, order, conversation in later._worst:
            self._keep((violations, order - self._closed, conversation))
        self._closed += later._closed

    def _close_conversation(self) -> None:
        done, self._current = self._current, None
        if done is None or not done.violations:
            return
        entry = (done.violations, -self._closed, done)
        self._closed += 1
        self._keep(entry)

    def _keep(self, entry: tuple[int, int, Conversation]) -> None:
        """Keep *entry* if it is among the worst conversations so far."""
        if len(self._worst) < self._worst_size:
            heapq.heappush(self._worst, entry)
        elif entry[:2] > self._worst[0][:2]:
            heapq.heapreplace(self._worst, entry)


def agent_label(turn: Turn) -> str:
    """Return the name a report uses for the writer of *turn*."""
    m = turn.message
    if m.agent_name or m.agent_id:
        return m.agent_name or m.agent_id or ""
    return "bot" if m.role is Role.BOT else f"unnamed {m.role.value}"
