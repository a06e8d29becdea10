"""Proposed plan objectives by horizon, from the customer-business proposals (plan_sections). Pure.

An objective is what WE aim for, so each proposal turns a fact about the customer into our aim and
keeps the fact, cited, as its reason: their initiative -> win our part of it; their goal -> help them
reach it; a competitor's move -> defend the account against it. The horizon comes from the date
the fact names (a quarter, a month and year, a year) counted from today, else from its kind: a
competitor's move is answered in the short term, an initiative in the mid term, a goal in the long
term. Nothing is invented: the title quotes the statement it rests on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kam_domain.drafting.plan_sections import SectionProposal
from kam_domain.rules.plan_health import Horizon, horizon_for_due

PER_HORIZON = 3
MAX_TITLE = 200
_AIM = {  # section -> (how our aim is phrased, the horizon without a date, how many objectives at most)
    "competitors": ("Defend our position", Horizon.SHORT, 1),  # one answer to the competitor, its latest move
    "initiatives": ("Win our part of their plan", Horizon.MID, 2),
    "goals": ("Help them reach their goal", Horizon.LONG, 2),
}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
_QUARTER = re.compile(r"\bQ([1-4])\s*(?:of\s*)?(20\d\d)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(20\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|by|for|during|from|end of|until)\s+(20\d\d)\b|\b(20\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ObjectiveProposal:
    horizon: str  # short, mid, long
    title: str
    reason: str  # the statement it rests on
    note_ids: tuple[int, ...]
    target: date | None  # the date the statement names, when it names one


def named_date(text: str) -> date | None:
    """The end of the period a statement names: Q3 2027 -> 30 Sep 2027, March 2027 -> 31 Mar, 2027 -> 31 Dec."""
    if match := _QUARTER.search(text):
        quarter, year = int(match.group(1)), int(match.group(2))
        return _month_end(year, quarter * 3)
    if match := _MONTH_YEAR.search(text):
        return _month_end(int(match.group(2)), _MONTHS[match.group(1).lower()[:3]])
    if match := _YEAR.search(text):
        return date(int(match.group(1) or match.group(2)), 12, 31)
    return None


def propose_objectives(proposals: list[SectionProposal], today: date, per_horizon: int = PER_HORIZON) -> list[ObjectiveProposal]:
    """Objectives in horizon order (short, mid, long), each citing the notes of its statement."""
    by_horizon: dict[str, list[ObjectiveProposal]] = {h.value: [] for h in Horizon}
    taken: dict[str, int] = {}
    for proposal in proposals:
        if proposal.section not in _AIM:
            continue
        aim, default, most = _AIM[proposal.section]
        if taken.get(proposal.section, 0) >= most:
            continue
        target = named_date(proposal.text)
        if target is not None and target < today:
            continue  # a date already past is history, not an objective
        horizon = horizon_for_due(target, today) if target else default
        title = _title(aim, proposal.text)
        group = by_horizon[horizon.value]
        if len(group) < per_horizon:
            taken[proposal.section] = taken.get(proposal.section, 0) + 1
            group.append(ObjectiveProposal(horizon.value, title, proposal.text,
                                           (proposal.note_id, *proposal.also), target))
    return [o for h in Horizon for o in by_horizon[h.value]]


def _title(aim: str, statement: str) -> str:
    text = f"{aim}: {statement.rstrip('.')}"
    return text if len(text) <= MAX_TITLE else text[:MAX_TITLE - 1].rstrip() + "…"


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
