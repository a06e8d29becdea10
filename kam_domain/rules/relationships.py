"""Stakeholder map rules: decision roles, attitude, contact level, coverage and its gaps.

Pure functions over `StakeholderView`; today's date is always passed in.
Enum values are stable: they are stored in the database and written to CSV.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Iterable

from kam_domain.rules.names import fold


# --------------------------------------------------------------------------- roles


class DecisionRole(str, Enum):
    """A stakeholder's role in the customer's buying decision."""

    ECONOMIC_BUYER = "economic_buyer"
    DECISION_MAKER = "decision_maker"
    TECHNICAL_BUYER = "technical_buyer"
    USER_BUYER = "user_buyer"
    INFLUENCER = "influencer"
    CHAMPION = "champion"
    GATEKEEPER = "gatekeeper"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @classmethod
    def parse(cls, raw: object) -> "DecisionRole":
        return parse_role(raw)


_ROLE_LABELS = {
    DecisionRole.ECONOMIC_BUYER: "Economic buyer",
    DecisionRole.DECISION_MAKER: "Decision maker",
    DecisionRole.TECHNICAL_BUYER: "Technical buyer",
    DecisionRole.USER_BUYER: "User buyer",
    DecisionRole.INFLUENCER: "Influencer",
    DecisionRole.CHAMPION: "Champion (coach)",
    DecisionRole.GATEKEEPER: "Gatekeeper",
    DecisionRole.BLOCKER: "Blocker",
    DecisionRole.UNKNOWN: "Role unknown",
}

# Order of decision importance: how a map is listed.
ROLE_ORDER: tuple[DecisionRole, ...] = (
    DecisionRole.ECONOMIC_BUYER,
    DecisionRole.DECISION_MAKER,
    DecisionRole.TECHNICAL_BUYER,
    DecisionRole.USER_BUYER,
    DecisionRole.CHAMPION,
    DecisionRole.INFLUENCER,
    DecisionRole.GATEKEEPER,
    DecisionRole.BLOCKER,
    DecisionRole.UNKNOWN,
)

# Roles that sign off the deal: what makes coverage green (with no named gap).
DECIDING_ROLES = frozenset({DecisionRole.ECONOMIC_BUYER, DecisionRole.DECISION_MAKER})

_ROLE_SYNONYMS: dict[str, DecisionRole] = {
    "eb": DecisionRole.ECONOMIC_BUYER,
    "economic": DecisionRole.ECONOMIC_BUYER,
    "economic buyer": DecisionRole.ECONOMIC_BUYER,
    "budget holder": DecisionRole.ECONOMIC_BUYER,
    "budget owner": DecisionRole.ECONOMIC_BUYER,
    "dm": DecisionRole.DECISION_MAKER,
    "decision maker": DecisionRole.DECISION_MAKER,
    "decider": DecisionRole.DECISION_MAKER,
    "tb": DecisionRole.TECHNICAL_BUYER,
    "technical": DecisionRole.TECHNICAL_BUYER,
    "technical buyer": DecisionRole.TECHNICAL_BUYER,
    "tech buyer": DecisionRole.TECHNICAL_BUYER,
    "tech": DecisionRole.TECHNICAL_BUYER,
    "ub": DecisionRole.USER_BUYER,
    "user": DecisionRole.USER_BUYER,
    "user buyer": DecisionRole.USER_BUYER,
    "end user": DecisionRole.USER_BUYER,
    "influencer": DecisionRole.INFLUENCER,
    "influence": DecisionRole.INFLUENCER,
    "champion": DecisionRole.CHAMPION,
    "coach": DecisionRole.CHAMPION,
    "sponsor": DecisionRole.CHAMPION,
    "advocate": DecisionRole.CHAMPION,
    "gatekeeper": DecisionRole.GATEKEEPER,
    "gate keeper": DecisionRole.GATEKEEPER,
    "blocker": DecisionRole.BLOCKER,
    "unknown": DecisionRole.UNKNOWN,
    "none": DecisionRole.UNKNOWN,
    "": DecisionRole.UNKNOWN,
}


def _key(raw: object) -> str:
    """'Economic-Buyer' -> 'economic buyer'."""
    return re.sub(r"[\s_\-]+", " ", fold(str(raw))).strip()


def parse_role(raw: object) -> DecisionRole:
    """Read a decision role from a stored value, a label or a synonym ("EB", "coach")."""
    if isinstance(raw, DecisionRole):
        return raw
    key = _key(raw if raw is not None else "")
    if key in _ROLE_SYNONYMS:
        return _ROLE_SYNONYMS[key]
    if key.endswith("s") and key[:-1] in _ROLE_SYNONYMS:  # "blockers", "champions"
        return _ROLE_SYNONYMS[key[:-1]]
    choices = ", ".join(r.value for r in DecisionRole)
    raise ValueError(f"Unknown role '{raw}'. Use one of: {choices} (EB, DM, coach also work).")


# --------------------------------------------------------------------------- contact level


class ContactLevel(str, Enum):
    """How well we know someone, in increasing order."""

    NONE = "none"
    BRIEF = "brief"
    MULTIPLE = "multiple"
    IN_DEPTH = "in_depth"

    @property
    def label(self) -> str:
        return _CONTACT_LABELS[self]

    @property
    def rank(self) -> int:
        return _CONTACT_ORDER.index(self)

    def next_level(self) -> "ContactLevel":
        """One step up after a meeting; in depth stays in depth."""
        return _CONTACT_ORDER[min(self.rank + 1, len(_CONTACT_ORDER) - 1)]

    @classmethod
    def parse(cls, raw: object) -> "ContactLevel":
        return parse_contact_level(raw)

    # str-valued enums compare as strings by default; order by rank instead.
    def __lt__(self, other: object) -> bool:
        return self.rank < ContactLevel(other).rank

    def __le__(self, other: object) -> bool:
        return self.rank <= ContactLevel(other).rank

    def __gt__(self, other: object) -> bool:
        return self.rank > ContactLevel(other).rank

    def __ge__(self, other: object) -> bool:
        return self.rank >= ContactLevel(other).rank


_CONTACT_ORDER = (ContactLevel.NONE, ContactLevel.BRIEF, ContactLevel.MULTIPLE, ContactLevel.IN_DEPTH)
_CONTACT_LABELS = {
    ContactLevel.NONE: "No contact",
    ContactLevel.BRIEF: "Brief contact",
    ContactLevel.MULTIPLE: "Multiple contacts",
    ContactLevel.IN_DEPTH: "In depth",
}
_CONTACT_SYNONYMS = {
    "none": ContactLevel.NONE,
    "no": ContactLevel.NONE,
    "no contact": ContactLevel.NONE,
    "never": ContactLevel.NONE,
    "0": ContactLevel.NONE,
    "brief": ContactLevel.BRIEF,
    "brief contact": ContactLevel.BRIEF,
    "once": ContactLevel.BRIEF,
    "met once": ContactLevel.BRIEF,
    "1": ContactLevel.BRIEF,
    "multiple": ContactLevel.MULTIPLE,
    "multiple contacts": ContactLevel.MULTIPLE,
    "several": ContactLevel.MULTIPLE,
    "regular": ContactLevel.MULTIPLE,
    "2": ContactLevel.MULTIPLE,
    "in depth": ContactLevel.IN_DEPTH,
    "indepth": ContactLevel.IN_DEPTH,
    "deep": ContactLevel.IN_DEPTH,
    "strong": ContactLevel.IN_DEPTH,
    "3": ContactLevel.IN_DEPTH,
}


def parse_contact_level(raw: object) -> ContactLevel:
    """Read a contact level: none, brief, multiple, in depth ("in-depth", "in_depth")."""
    if isinstance(raw, ContactLevel):
        return raw
    key = _key(raw if raw is not None else "")
    if key in _CONTACT_SYNONYMS:
        return _CONTACT_SYNONYMS[key]
    raise ValueError(f"Unknown contact level '{raw}'. Use one of: none, brief, multiple, in depth.")


# --------------------------------------------------------------------------- attitude, influence

ATTITUDE_MIN, ATTITUDE_MAX = -2, 2
INFLUENCE_MIN, INFLUENCE_MAX = 1, 5

ATTITUDE_LABELS = {-2: "Hostile", -1: "Negative", 0: "Neutral", 1: "Positive", 2: "Champion"}
INFLUENCE_LABELS = {1: "Minimal", 2: "Low", 3: "Moderate", 4: "High", 5: "Decisive"}

_ATTITUDE_WORDS = {
    "hostile": -2, "enemy": -2, "opponent": -2,
    "negative": -1, "detractor": -1, "sceptic": -1, "skeptic": -1, "sceptical": -1,
    "skeptical": -1, "critical": -1, "unfavourable": -1, "unfavorable": -1, "against": -1,
    "neutral": 0, "indifferent": 0, "unknown": 0,
    "positive": 1, "supportive": 1, "supporter": 1, "favourable": 1, "favorable": 1, "friendly": 1,
    "champion": 2, "advocate": 2, "fan": 2, "coach": 2,
}
_INFLUENCE_WORDS = {"very low": 1, "minimal": 1, "low": 2, "medium": 3, "moderate": 3, "high": 4,
                    "very high": 5, "decisive": 5}


def attitude_label(attitude: int) -> str:
    """'+1 Positive', '-2 Hostile', '0 Neutral'."""
    return f"{attitude:+d} {ATTITUDE_LABELS[attitude]}" if attitude else f"0 {ATTITUDE_LABELS[0]}"


def _as_int(raw: object) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = str(raw).strip()
    if re.fullmatch(r"[+\-]?\d+", text):
        return int(text)
    return None


def parse_attitude(raw: object) -> int:
    """Read an attitude: -2..2, "+1", or a word (hostile, negative, neutral, positive, champion)."""
    number = _as_int(raw)
    if number is None:
        number = _ATTITUDE_WORDS.get(_key(raw))
    if number is None or not ATTITUDE_MIN <= number <= ATTITUDE_MAX:
        raise ValueError(
            f"Attitude '{raw}' is not valid. Use a number from -2 to +2 or one of: "
            "hostile, negative, neutral, positive, champion."
        )
    return number


def parse_influence(raw: object) -> int:
    """Read an influence score 1-5 ("4", "4/5", "high")."""
    number = _as_int(raw)
    if number is None:
        m = re.fullmatch(r"(\d+)\s*(?:/|of|out\s+of)\s*5", str(raw).strip().lower())
        number = int(m.group(1)) if m else _INFLUENCE_WORDS.get(_key(raw))
    if number is None or not INFLUENCE_MIN <= number <= INFLUENCE_MAX:
        raise ValueError(f"Influence '{raw}' is not valid. Use a whole number from 1 (minimal) to 5 (decisive).")
    return number


# --------------------------------------------------------------------------- the map


@dataclass
class StakeholderView:
    """What the rules need to know about one person at the customer."""

    id: int | str
    name: str
    title: str | None
    role: DecisionRole
    influence: int
    attitude: int
    contact_level: ContactLevel
    owner_user_id: str | None = None
    last_contact: date | None = None
    reports_to_id: int | str | None = None

    def __post_init__(self) -> None:
        # Stored values arrive as plain strings; accept them.
        self.role = parse_role(self.role)
        self.contact_level = parse_contact_level(self.contact_level)

    @property
    def display(self) -> str:
        """'Ana Ruiz (CFO)'."""
        return f"{self.name} ({self.title})" if self.title else self.name


# Cold threshold in days: tier -> (influence >= 4, others). Key people go cold sooner.
COLD_AFTER_DAYS: dict[str, tuple[int, int]] = {
    "key": (30, 45),
    "candidate": (60, 90),
    "regular": (90, 120),
}
INFLUENTIAL = 4  # influence at or above this counts as "influential"


def cold_after_days(tier: str, influence: int) -> int:
    """Days without contact after which someone at the account has gone cold."""
    try:
        influential, others = COLD_AFTER_DAYS[str(getattr(tier, "value", tier))]
    except KeyError:
        raise ValueError(f"Unknown tier '{tier}'. Use one of: {', '.join(COLD_AFTER_DAYS)}.") from None
    return influential if influence >= INFLUENTIAL else others


def is_key_person(s: StakeholderView) -> bool:
    """Influential (4+) or one of the people who sign off the deal."""
    return s.influence >= INFLUENTIAL or s.role in DECIDING_ROLES


def is_supportive(s: StakeholderView) -> bool:
    return s.attitude >= 1


def is_influential_detractor(s: StakeholderView) -> bool:
    return s.influence >= INFLUENTIAL and s.attitude <= -1


def days_since_contact(s: StakeholderView, today: date) -> int | None:
    """Days since we last spoke to them; None when never."""
    return None if s.last_contact is None else (today - s.last_contact).days


@dataclass
class ColdContact:
    stakeholder: StakeholderView
    days_since: int | None  # None = never contacted
    threshold: int

    @property
    def describe(self) -> str:
        """'Ana Ruiz (CFO) - no contact for 47 days'."""
        if self.days_since is None:
            return f"{self.stakeholder.display} - never contacted"
        return f"{self.stakeholder.display} - no contact for {self.days_since} days"


def cold_key_people(stakeholders: Iterable[StakeholderView], tier: str, today: date) -> list[ColdContact]:
    """Key people with no contact within their cold threshold (never contacted first)."""
    cold = []
    for s in stakeholders:
        if not is_key_person(s):
            continue
        threshold = cold_after_days(tier, s.influence)
        days = days_since_contact(s, today)
        if days is None or days > threshold:
            cold.append(ColdContact(s, days, threshold))
    return sorted(cold, key=lambda c: (c.days_since is not None, -(c.days_since or 0), -c.stakeholder.influence,
                                       c.stakeholder.name))


def missing_roles(stakeholders: Iterable[StakeholderView],
                  required: Iterable[DecisionRole] = (DecisionRole.ECONOMIC_BUYER, DecisionRole.DECISION_MAKER),
                  ) -> list[DecisionRole]:
    """Decision roles nobody on the map fills, in order of importance."""
    present = {s.role for s in stakeholders}
    return [r for r in ROLE_ORDER if r in set(required) and r not in present]


def group_by_role(stakeholders: Iterable[StakeholderView]) -> dict[DecisionRole, list[StakeholderView]]:
    """Roles in decision order (economic buyer first); most influential first within a role.

    Only roles someone fills appear; the dict keeps its order.
    """
    people = sorted(stakeholders, key=lambda s: (-s.influence, -s.attitude, s.name))
    groups: dict[DecisionRole, list[StakeholderView]] = {}
    for role in ROLE_ORDER:
        members = [s for s in people if s.role == role]
        if members:
            groups[role] = members
    return groups


# --------------------------------------------------------------------------- coverage


class GapKind(str, Enum):
    NO_ECONOMIC_BUYER = "no_economic_buyer"
    UNCOVERED_ROLES = "uncovered_roles"
    INFLUENTIAL_DETRACTORS = "influential_detractors"
    COLD_KEY_PEOPLE = "cold_key_people"
    SINGLE_THREADED = "single_threaded"
    UNOWNED_KEY_PEOPLE = "unowned_key_people"
    NO_EXECUTIVE_SPONSOR = "no_executive_sponsor"


@dataclass
class Gap:
    """One weakness of the relationship map, with the people it is about."""

    kind: GapKind
    message: str
    stakeholder_ids: list = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)  # people on our side it is about
    severity: str = "amber"  # the best colour coverage can have while this gap is open


@dataclass
class Coverage:
    status: str  # "red" | "amber" | "green"
    gaps: list[Gap]
    reason: str = ""  # why this colour, in a phrase: "no supportive key player", "held back by 2 gaps: ..."


RED, AMBER, GREEN = "red", "amber", "green"
_RANK = {GREEN: 0, AMBER: 1, RED: 2}

# Short names of the gaps, for "held back by ..." lines.
GAP_LABELS = {
    GapKind.NO_ECONOMIC_BUYER: "no economic buyer known",
    GapKind.UNCOVERED_ROLES: "no decision maker known",
    GapKind.INFLUENTIAL_DETRACTORS: "influential detractors",
    GapKind.COLD_KEY_PEOPLE: "key people gone cold",
    GapKind.SINGLE_THREADED: "single-threaded",
    GapKind.UNOWNED_KEY_PEOPLE: "key people nobody owns",
    GapKind.NO_EXECUTIVE_SPONSOR: "no executive sponsor",
}

# THE coverage rule (one definition, used by every surface through `coverage`):
#
#   1. Who is with us sets the best colour the map can earn:
#        green  a supportive (+1/+2) economic buyer or decision maker;
#        amber  a supportive key player (influence 4+), but none of the people who sign off;
#        red    no supportive key player.
#   2. Every named gap caps it; the colour is never better than its worst gap:
#        red    no economic buyer AND no decision maker known (nobody who signs off is mapped);
#               an influential detractor (influence 4+, attitude below 0) who signs off
#               (the economic buyer or decision maker is against us); nobody mapped at all;
#        amber  every other gap: only one of economic buyer / decision maker known, another
#               influential detractor, key people gone cold, single-threaded (one colleague
#               holds every relationship), key people nobody owns, and for key accounts no
#               executive sponsor on our side.
#   So green = supportive decision makers AND no named gap.


def coverage_status(stakeholders: Iterable[StakeholderView], gaps: Iterable[Gap]) -> str:
    """The colour: the worse of who supports us and the worst named gap (see the rule above)."""
    return _status_and_reason(list(stakeholders), list(gaps))[0]


def _support(people: list[StakeholderView]) -> str:
    if any(s.role in DECIDING_ROLES and is_supportive(s) for s in people):
        return GREEN
    if any(is_key_person(s) and is_supportive(s) for s in people):
        return AMBER
    return RED


def _status_and_reason(people: list[StakeholderView], gaps: list[Gap]) -> tuple[str, str]:
    support = _support(people)
    worst = max((g.severity for g in gaps), key=_RANK.__getitem__, default=GREEN)
    status = support if _RANK[support] >= _RANK[worst] else worst
    if status == GREEN:
        return status, "supportive decision makers and no open gap"
    capping = [g for g in gaps if g.severity == status]
    if support == status and not capping:
        return status, ("no supportive key player" if status == RED
                        else "supportive key players, but no supportive decision maker yet")
    labels = list(dict.fromkeys(GAP_LABELS.get(g.kind, g.kind.value) for g in capping))
    held = f"held back by {'a gap' if len(labels) == 1 else f'{len(labels)} gaps'}: {', '.join(labels)}"
    if support == RED:
        return status, f"no supportive key player; {held}"
    return status, held


def _names(people: Iterable[StakeholderView]) -> str:
    return ", ".join(s.display for s in people)


def _no_signer_known(people: list[StakeholderView]) -> bool:
    return not any(s.role in DECIDING_ROLES for s in people)


def _no_economic_buyer(people: list[StakeholderView]) -> list[Gap]:
    if any(s.role == DecisionRole.ECONOMIC_BUYER for s in people):
        return []
    return [Gap(GapKind.NO_ECONOMIC_BUYER,
                "No economic buyer identified: we don't know who signs off the budget.",
                severity=RED if _no_signer_known(people) else AMBER)]


def _uncovered_roles(people: list[StakeholderView]) -> list[Gap]:
    # The economic buyer has its own gap; this one covers the other deciding roles.
    missing = [r for r in missing_roles(people) if r != DecisionRole.ECONOMIC_BUYER]
    if not missing:
        return []
    labels = " and ".join(r.label.lower() for r in missing)
    return [Gap(GapKind.UNCOVERED_ROLES, f"No {labels} mapped: we don't know who makes the final call.",
                severity=RED if _no_signer_known(people) else AMBER)]


def _influential_detractors(people: list[StakeholderView]) -> list[Gap]:
    detractors = sorted((s for s in people if is_influential_detractor(s)),
                        key=lambda s: (s.attitude, -s.influence, s.name))
    if not detractors:
        return []
    parts = [f"{s.display}, influence {s.influence}, {ATTITUDE_LABELS[s.attitude].lower()}"
             + (f" ({s.role.label.lower()})" if s.role in DECIDING_ROLES else "") for s in detractors]
    signer_against = any(s.role in DECIDING_ROLES for s in detractors)  # who signs off is against us
    return [Gap(GapKind.INFLUENTIAL_DETRACTORS, "Influential detractors: " + "; ".join(parts) + ".",
                [s.id for s in detractors], severity=RED if signer_against else AMBER)]


def _cold(people: list[StakeholderView], tier: str, today: date) -> list[Gap]:
    cold = cold_key_people(people, tier, today)
    if not cold:
        return []
    return [Gap(GapKind.COLD_KEY_PEOPLE, "Key people gone cold: " + "; ".join(c.describe for c in cold) + ".",
                [c.stakeholder.id for c in cold])]


def _single_threaded(people: list[StakeholderView]) -> list[Gap]:
    if not people:
        return [Gap(GapKind.SINGLE_THREADED, "No one at the account is mapped yet.", severity=RED)]
    if len(people) == 1:
        only = people[0]
        return [Gap(GapKind.SINGLE_THREADED,
                    f"Only one person at the account is known ({only.display}); if they move on we lose our way in.",
                    [only.id])]
    owned = [s for s in people if s.owner_user_id]
    owners = {s.owner_user_id for s in owned}
    if len(owners) == 1:
        owner = next(iter(owners))
        noun = {1: "the only owned relationship", 2: "both owned relationships"}.get(
            len(owned), f"all {len(owned)} owned relationships")
        return [Gap(GapKind.SINGLE_THREADED,
                    f"One person on our side ({owner}) holds {noun}; add a second relationship owner.",
                    [s.id for s in owned], [owner])]
    return []


def _unowned(people: list[StakeholderView]) -> list[Gap]:
    unowned = [s for s in people if is_key_person(s) and not s.owner_user_id]
    if not unowned:
        return []
    return [Gap(GapKind.UNOWNED_KEY_PEOPLE, f"No one on our side owns the relationship with {_names(unowned)}.",
                [s.id for s in unowned])]


def _no_sponsor(executive_sponsor_user_id: str | None, tier: str) -> list[Gap]:
    # Key accounts need a senior counterpart on our side; others are watched by the numbers.
    if executive_sponsor_user_id or str(getattr(tier, "value", tier)) != "key":
        return []
    return [Gap(GapKind.NO_EXECUTIVE_SPONSOR,
                "No executive sponsor on our side: ask a senior leader to sponsor the account.")]


def coverage(stakeholders: Iterable[StakeholderView], tier: str, today: date,
             executive_sponsor_user_id: str | None) -> Coverage:
    """Coverage status and its gaps, most serious first: THE coverage rule (see above)."""
    people = list(stakeholders)
    gaps = [
        *_no_economic_buyer(people),
        *_uncovered_roles(people),
        *_influential_detractors(people),
        *_cold(people, tier, today),
        *_single_threaded(people),
        *_unowned(people),
        *_no_sponsor(executive_sponsor_user_id, tier),
    ]
    status, reason = _status_and_reason(people, gaps)
    return Coverage(status, gaps, reason)
