"""Conditions an approver attaches to a key-account approval, and whether they were met.

An approver writes them in the approval's words (`/kam approve Vantor Strong fit. Write the
account plan within 60 days.`), which are stored as the TierChange's decision reason. A
condition is a sentence of that text with a deadline: "within N days|weeks|months" (counted
from the approval) or "by YYYY-MM-DD". No schema of its own: the stored words stay the one
source, and the same words always give the same conditions.

What can be checked from the data is checked: the account plan written, an executive sponsor
named, an account channel set. Any other condition is shown with its date but not tracked
("unchecked"): nobody is nagged about what the assistant cannot see.

Pure: today's date and the account's facts are passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PLAN, SPONSOR, CHANNEL, OTHER = "plan", "sponsor", "channel", "other"
MET, OPEN, MISSED, UNCHECKED = "met", "open", "missed", "unchecked"

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_WITHIN = re.compile(r"\b(?:within|in(?:\s+the\s+next)?)\s+(\d{1,3})\s+(day|week|month)s?\b", re.I)
_BY_DATE = re.compile(r"\bby\s+(\d{4}-\d{2}-\d{2})\b", re.I)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
_KINDS = (
    (SPONSOR, re.compile(r"\bsponsor", re.I)),
    (PLAN, re.compile(r"\bplan\b", re.I)),
    (CHANNEL, re.compile(r"\bchannel\b", re.I)),
)


@dataclass(frozen=True)
class Condition:
    text: str  # the approver's sentence, e.g. "Write the account plan within 60 days"
    due_on: date
    kind: str  # plan, sponsor, channel, other


@dataclass(frozen=True)
class ConditionState:
    condition: Condition
    status: str  # met, open, missed, unchecked
    days_late: int = 0  # for a missed condition: days past its date

    @property
    def missed(self) -> bool:
        return self.status == MISSED


def parse_conditions(text: str | None, approved_on: date) -> list[Condition]:
    """The sentences of an approval's words that set a deadline, in the order written."""
    conditions = []
    for sentence in _SENTENCE.split(text or ""):
        sentence = sentence.strip().rstrip(".;!").strip()
        due = _deadline(sentence, approved_on)
        if sentence and due is not None:
            kind = next((k for k, pattern in _KINDS if pattern.search(sentence)), OTHER)
            conditions.append(Condition(sentence, due, kind))
    return conditions


def _deadline(sentence: str, approved_on: date) -> date | None:
    within = _WITHIN.search(sentence)
    if within:
        return approved_on + timedelta(days=int(within.group(1)) * _UNIT_DAYS[within.group(2).lower()])
    by = _BY_DATE.search(sentence)
    if by:
        try:
            return date.fromisoformat(by.group(1))
        except ValueError:
            return None
    return None


def condition_state(condition: Condition, today: date, *, plan_written: bool, has_sponsor: bool,
                    has_channel: bool) -> ConditionState:
    """Met when the data shows it; missed when its date has passed without; else open (or unchecked)."""
    met = {PLAN: plan_written, SPONSOR: has_sponsor, CHANNEL: has_channel}.get(condition.kind)
    if met is None:
        return ConditionState(condition, UNCHECKED)
    if met:
        return ConditionState(condition, MET)
    if today > condition.due_on:
        return ConditionState(condition, MISSED, (today - condition.due_on).days)
    return ConditionState(condition, OPEN)


def describe(state: ConditionState, today: date) -> str:
    """'Write the account plan within 60 days: missed, due 2026-11-19 (18 days ago)'."""
    c = state.condition
    if state.status == MET:
        return f"{c.text}: met"
    if state.status == MISSED:
        late = "1 day" if state.days_late == 1 else f"{state.days_late} days"
        return f"{c.text}: MISSED, due {c.due_on.isoformat()} ({late} ago)"
    if state.status == OPEN:
        return f"{c.text}: open, due {c.due_on.isoformat()}"
    return f"{c.text}: due {c.due_on.isoformat()} (not checked automatically)"
