"""Our own people, as a meeting log or a stakeholder edit names them. Pure: no Slack, no database.

A colleague is a Slack user of our workspace (the account team: KAM, members, sponsor; anyone
else whose name we know). Colleagues are never customer stakeholders: a log that mentions
"Helena Berg" does not offer her as a new person on the customer's map. A next step that starts
with a colleague ("Helena to call her back by 15 Dec") is that colleague's action.

Names match case-, accent- and punctuation-insensitively: the full name, or a first name or
surname alone when only one colleague has it (someone on the account team wins over the rest of
the workspace). Two colleagues with that name are a question, never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from kam_domain.rules.names import fold

ROLE_WORDS = {"kam": "KAM", "sponsor": "executive sponsor", "member": "team member", "specialist": "specialist"}
_USER_ID = re.compile(r"(?:<@|@)?\b([UW][A-Z0-9_]{2,})\b(?:\|[^>]*>|>)?")
_LEAD_IN = r"(?:(?:and|then|so|also|next|please)\s+)*"
_SUBJECT_MODAL = (r"(?:to|will|shall|should|must|can|needs?\s+to|has\s+to|is\s+(?:going\s+)?to|promised\s+to|"
                  r"agreed\s+to|offered\s+to|['’]ll)")
_OWNER_AT_START = re.compile(
    rf"^\s*{_LEAD_IN}@?((?-i:[A-Z])[\w'’\-]*(?:\s+(?-i:[A-Z])[\w'’\-]*){{0,2}}?)\s*{_SUBJECT_MODAL}(?=\s|$)",
    re.IGNORECASE)
_OWNER_AFTER = re.compile(
    r"(?:\(|\b(?:owner|owned\s+by|assigned\s+to)\s*[:=]?\s*)@?((?-i:[A-Z])[\w'’\-]*(?:\s+(?-i:[A-Z])[\w'’\-]*)?)"
    r"(?=\s*\)|\s*$)", re.IGNORECASE)
_SELF = {"i", "we", "me", "us", "you", "myself"}


@dataclass(frozen=True)
class Colleague:
    user_id: str
    name: str
    team_role: str | None = None  # kam, sponsor, member, specialist on this account; None: elsewhere in the workspace

    @property
    def display(self) -> str:
        role = ROLE_WORDS.get(self.team_role or "")
        return f"{self.name} ({role})" if role else self.name


def merge(colleagues: Iterable[Colleague]) -> list[Colleague]:
    """One entry per user id: a name we know wins over none, an account-team role over none."""
    by_id: dict[str, Colleague] = {}
    for c in colleagues:
        if not c.user_id:
            continue
        old = by_id.get(c.user_id)
        if old is None:
            by_id[c.user_id] = c
            continue
        by_id[c.user_id] = Colleague(c.user_id, old.name or c.name, old.team_role or c.team_role)
    return list(by_id.values())


def colleague_candidates(name: str, colleagues: Sequence[Colleague]) -> list[Colleague]:
    """Who a typed name could mean. One entry: that colleague; several: ask which; none: not one of ours."""
    query = fold(name or "").lstrip("@").strip()
    if not query:
        return []
    named = [c for c in colleagues if c.name]
    found = [c for c in named if fold(c.name) == query]
    if not found and len(query.split()) == 1:
        found = [c for c in named if query in (fold(c.name).split()[:1] + fold(c.name).split()[-1:])]
    if len({c.user_id for c in found}) > 1:
        on_team = [c for c in found if c.team_role]
        if len({c.user_id for c in on_team}) == 1:
            return on_team[:1]  # the account's own Helena, not another Helena elsewhere
    return merge(found)


def find_colleague(name: str, colleagues: Sequence[Colleague]) -> Colleague | None:
    found = colleague_candidates(name, colleagues)
    return found[0] if len(found) == 1 else None


def is_colleague(name: str, colleagues: Sequence[Colleague]) -> bool:
    """Does this name (as a log mentions a person) mean one of ours? Ambiguous between two of ours counts too."""
    return bool(colleague_candidates(name, colleagues))


@dataclass(frozen=True)
class OwnerReading:
    """Whose a next step is: `user_id` None means the logger's. `named` is the name the text gave."""

    user_id: str | None
    named: str | None = None
    candidates: tuple[Colleague, ...] = ()
    note: str | None = None


def step_owner(step: str, colleagues: Sequence[Colleague]) -> OwnerReading:
    """The colleague a next step names as its doer: "Helena to call her back", "Anna will send...",
    "@U0123 to book", "send the deck (Marco)". Nobody of ours named: the logger's (user_id None)."""
    text = step or ""
    mention = _USER_ID.match(text.strip())
    if mention and text.strip().startswith(("@", "<@")):
        return OwnerReading(mention.group(1), mention.group(1))
    for pattern in (_OWNER_AT_START, _OWNER_AFTER):
        match = pattern.search(text)
        if not match:
            continue
        named = match.group(1).strip()
        if fold(named) in _SELF:
            return OwnerReading(None)
        if _USER_ID.fullmatch(named):
            return OwnerReading(named, named)
        found = colleague_candidates(named, colleagues)
        if len(found) == 1:
            return OwnerReading(found[0].user_id, named, tuple(found))
        if len(found) > 1:
            names = " or ".join(c.display for c in found[:4])
            return OwnerReading(None, named, tuple(found),
                                f"'{named}' in the next step could be {names}, so the action is yours for now: "
                                "reassign it from the plan.")
    return OwnerReading(None)
