"""Account plan health: how complete a plan is and whether it has gone stale.

Pure functions; today's date is always passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Iterable, Mapping


class PlanSectionKind(str, Enum):
    """The parts of an account plan (values are stored as plan section names)."""

    CUSTOMER_GOALS = "customer_goals"
    FINANCIAL_HEALTH = "financial_health"
    INITIATIVES = "initiatives"
    COMPETITORS = "competitors"
    SWOT = "swot"
    ACCOUNT_GOALS = "account_goals"
    OBJECTIVES = "objectives"
    TEAM = "team"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    PlanSectionKind.CUSTOMER_GOALS: "Customer goals",
    PlanSectionKind.FINANCIAL_HEALTH: "Financial health",
    PlanSectionKind.INITIATIVES: "Current initiatives",
    PlanSectionKind.COMPETITORS: "Competitors",
    PlanSectionKind.SWOT: "SWOT",
    PlanSectionKind.ACCOUNT_GOALS: "Account goals",
    PlanSectionKind.OBJECTIVES: "Objectives",
    PlanSectionKind.TEAM: "Account team",
}

PLAN_SECTIONS: tuple[PlanSectionKind, ...] = tuple(PlanSectionKind)
# Free-text sections about the customer's business (the rest have their own tables).
TEXT_SECTIONS: tuple[PlanSectionKind, ...] = (
    PlanSectionKind.CUSTOMER_GOALS,
    PlanSectionKind.FINANCIAL_HEALTH,
    PlanSectionKind.INITIATIVES,
    PlanSectionKind.COMPETITORS,
)


class Horizon(str, Enum):
    """When an objective should be reached."""

    SHORT = "short"
    MID = "mid"
    LONG = "long"

    @property
    def label(self) -> str:
        return _HORIZON_LABELS[self]

    @property
    def term(self) -> str:
        return _HORIZON_TITLES[self]


_HORIZON_LABELS = {Horizon.SHORT: "0-6 months", Horizon.MID: "6-18 months", Horizon.LONG: "18+ months"}
_HORIZON_TITLES = {Horizon.SHORT: "Short term", Horizon.MID: "Mid term", Horizon.LONG: "Long term"}
_HORIZON_SYNONYMS = {
    "short": Horizon.SHORT, "short term": Horizon.SHORT, "st": Horizon.SHORT, "s": Horizon.SHORT,
    "0 6 months": Horizon.SHORT, "0 6m": Horizon.SHORT,
    "mid": Horizon.MID, "mid term": Horizon.MID, "medium": Horizon.MID, "medium term": Horizon.MID,
    "mt": Horizon.MID, "m": Horizon.MID, "6 18 months": Horizon.MID, "6 18m": Horizon.MID,
    "long": Horizon.LONG, "long term": Horizon.LONG, "lt": Horizon.LONG, "l": Horizon.LONG,
    "18 months": Horizon.LONG, "18m": Horizon.LONG,
}


def parse_horizon(raw: object) -> Horizon:
    """Read a horizon: short, mid, long ("short-term", "medium", "6-18 months")."""
    if isinstance(raw, Horizon):
        return raw
    key = re.sub(r"[^a-z0-9]+", " ", str(raw).lower()).strip()
    if key in _HORIZON_SYNONYMS:
        return _HORIZON_SYNONYMS[key]
    raise ValueError(f"Unknown horizon '{raw}'. Use short (0-6 months), mid (6-18 months) or long (18+ months).")


def horizon_for_due(due: date, today: date) -> Horizon:
    """The horizon a due date falls in, counted in whole months from today."""
    months = (due.year - today.year) * 12 + (due.month - today.month) - (1 if due.day < today.day else 0)
    if months < 6:
        return Horizon.SHORT
    return Horizon.MID if months < 18 else Horizon.LONG


# --------------------------------------------------------------------------- completeness


@dataclass
class Completeness:
    percent: int  # 0-100
    missing: list[str]  # human names, in plan order


# One checklist line each; objectives count once per horizon.
_CHECKLIST_SIZE = len(TEXT_SECTIONS) + 2 + len(Horizon) + 2  # + SWOT, account goals; + team, sponsor


def _section(raw: object) -> PlanSectionKind:
    try:
        return PlanSectionKind(getattr(raw, "value", raw))
    except ValueError:
        names = ", ".join(s.value for s in PlanSectionKind)
        raise ValueError(f"Unknown plan section '{raw}'. Use one of: {names}.") from None


def completeness(filled: Iterable[str], objectives_by_horizon: Mapping[str, int], has_swot: bool,
                 has_sponsor: bool) -> Completeness:
    """How much of the account plan is written, and what is missing.

    `filled` names the sections with content; `objectives_by_horizon` counts open objectives
    per horizon ("short", "mid", "long"). The SWOT counts if `has_swot` or "swot" is filled.
    """
    sections = {_section(s) for s in filled}
    counts = {parse_horizon(h): n for h, n in objectives_by_horizon.items()}
    missing = [s.label for s in TEXT_SECTIONS if s not in sections]
    if not (has_swot or PlanSectionKind.SWOT in sections):
        missing.append(PlanSectionKind.SWOT.label)
    if PlanSectionKind.ACCOUNT_GOALS not in sections:
        missing.append(PlanSectionKind.ACCOUNT_GOALS.label)
    missing += [f"{h.term} objectives ({h.label})" for h in Horizon if counts.get(h, 0) <= 0]
    if PlanSectionKind.TEAM not in sections:
        missing.append(PlanSectionKind.TEAM.label)
    if not has_sponsor:
        missing.append("Executive sponsor")
    done = _CHECKLIST_SIZE - len(missing)
    return Completeness(percent=round(100 * done / _CHECKLIST_SIZE), missing=missing)


# --------------------------------------------------------------------------- staleness

# Days after its last update that a plan counts as stale, per tier.
STALE_AFTER_DAYS: dict[str, int] = {"key": 90, "candidate": 180, "regular": 365}


def stale_after_days(tier: str) -> int:
    try:
        return STALE_AFTER_DAYS[str(getattr(tier, "value", tier))]
    except KeyError:
        raise ValueError(f"Unknown tier '{tier}'. Use one of: {', '.join(STALE_AFTER_DAYS)}.") from None


@dataclass
class Staleness:
    is_stale: bool
    days_since: int | None  # None = the plan was never written
    threshold: int = 0


def plan_staleness(last_updated: date | None, tier: str, today: date) -> Staleness:
    """A plan is stale when never written or not updated for longer than its tier allows."""
    threshold = stale_after_days(tier)
    if last_updated is None:
        return Staleness(True, None, threshold)
    days = (today - last_updated).days
    return Staleness(days > threshold, days, threshold)
