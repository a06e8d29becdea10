"""Stakeholder reads from the notes: for each known person, a proposed attitude, role and
influence with the notes that support them, so "is X for or against us?" has an answer. Pure.

Only sentences that name the person (full name, or first name once the full name is known)
count. Attitude: supportive words (+1 each: "champion", "convinced", "strong supporter",
"defends us", "likes our") against critical ones (-1 each: "cool on us", "skeptical",
"pushes to replace us", "blocks"), clamped to -2..+2; no evidence, no proposal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kam_domain.drafting.types import SourceNote

_F = re.IGNORECASE
_FOR_US = re.compile(
    r"\b(?:champion\w*|convinced|strong supporter|supporter|defend\w* us|prefers us|still prefers|likes? our|liked our|"
    r"loves? our|praised|trusts? (?:us|our)|positive|warmed up|on our side|backs us|presents our results|"
    r"speaks? up for us|is for us|fan of)\b", _F)
_AGAINST_US = re.compile(
    r"\b(?:cool on us|skeptic\w*|sceptic\w*|against us|turned against|replace us|blocks?|blocking|hostile|"
    r"frustrated|critic\b|not convinced|pushing for (?:a |the )?(?:competitor|rebate|discount)|"
    r"unhappy with (?:us|our)|complain\w*|escalated)\b", _F)
_ROLES = (
    ("economic_buyer", re.compile(r"\b(?:economic buyer|signs? (?:the|off|anything)|approves? the budget|"
                                  r"holds the budget|cfo|chief financial)\b", _F)),
    ("decision_maker", re.compile(r"\b(?:decision maker|decides|makes the (?:platform )?decision|final say|"
                                  r"ceo|managing director)\b", _F)),
    ("champion", re.compile(r"\b(?:champion\w*|strong supporter|defend\w* us)\b", _F)),
    ("gatekeeper", re.compile(r"\b(?:procurement|purchasing|gatekeeper|buyer)\b", _F)),
    ("blocker", re.compile(r"\b(?:blocks?|blocking|blocker|replace us)\b", _F)),
    ("technical_buyer", re.compile(r"\b(?:head of it|cio|cto|it manager|technical (?:lead|buyer))\b", _F)),
)
_HIGH_INFLUENCE = re.compile(r"\b(?:signs?|decides|decision|approves?|final say|influences|ceo|cfo|"
                             r"board|plant director|promoted)\b", _F)


@dataclass(frozen=True)
class StakeholderRead:
    name: str
    attitude: int | None  # proposed -2..+2, or None without evidence
    role: str | None  # proposed decision role, or None
    influence: int | None  # proposed 1-5 (4 when the notes say they decide or sign), or None
    evidence: tuple[tuple[int, str], ...]  # (note id, sentence) supporting the read

    @property
    def note_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(note_id for note_id, _ in self.evidence))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+|;\s+", text or "") if s.strip()]


def _mentions(name: str):
    parts = name.split()
    full = re.compile(rf"\b{re.escape(name)}\b", _F)
    first = re.compile(rf"\b{re.escape(parts[0])}\b") if len(parts) > 1 and len(parts[0]) > 2 else full
    return full, first


def read_person(name: str, title: str | None, notes: list[SourceNote]) -> StakeholderRead:
    full, first = _mentions(name)
    evidence, score, role, influence = [], 0, None, None
    for note in sorted(notes, key=lambda n: (n.written_on, n.id)):
        known = bool(full.search(note.text))
        for sentence in _sentences(note.text):
            if not (full.search(sentence) or (known and first.search(sentence))):
                continue
            plus, minus = len(_FOR_US.findall(sentence)), len(_AGAINST_US.findall(sentence))
            said = next((r for r, pattern in _ROLES if pattern.search(sentence)), None)
            if plus or minus or said or _HIGH_INFLUENCE.search(sentence):
                evidence.append((note.id, sentence))
            score += plus - minus
            role = said or role
            if _HIGH_INFLUENCE.search(sentence):
                influence = 4
    if role is None and title:
        role = next((r for r, pattern in _ROLES if r in ("economic_buyer", "decision_maker", "technical_buyer",
                                                           "gatekeeper") and pattern.search(title)), None)
    attitude = max(-2, min(2, score)) if any(_FOR_US.search(s) or _AGAINST_US.search(s) for _, s in evidence) else None
    return StakeholderRead(name, attitude, role, influence, tuple(evidence))


def stakeholder_reads(people: list[tuple[str, str | None]], notes: list[SourceNote]) -> list[StakeholderRead]:
    """A read per (name, title) with any evidence in the notes."""
    reads = [read_person(name, title, notes) for name, title in people]
    return [r for r in reads if r.evidence]
