"""Plan-section proposals from the notes: the customer's business (goals, initiatives, financial
health, competitors), each a statement of a note, cited. Pure.

"Competitors" holds only what names a competitor's move ("Kraftmann offered 10% below us"),
never a customer's own review ("A new group CFO is reviewing all vendors" is financial health at
most). A statement goes to one section; near-duplicates keep one, citing every note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kam_domain.drafting import commitments, reading
from kam_domain.drafting.statements import split_statements
from kam_domain.drafting.types import SourceNote, similar_text

SECTIONS = ("goals", "initiatives", "financial_health", "competitors")
PER_SECTION = 5
_F = re.IGNORECASE

_SECTION_RULES: dict[str, re.Pattern] = {
    "competitors": re.compile(
        r"\b(?:offered|quoted|priced)\b[^.]*\b(?:below|under|cheaper)\b|\d+\s?% (?:below|under|cheaper)\b|"
        r"\b(?:piloting|free trial|trial (?:of|with|at)|started a trial|competitors?|rival|shortlisted us and|"
        r"replace us with|invited to quote|won the [\w-]+ re-?tender)\b", _F),
    "financial_health": re.compile(
        r"\b(?:revenue|margin|profit\w*|losses|loss-making|net loss|capex|budgets?|savings plan|cost reduction|"
        r"volumes?|cash|"
        r"spend\w*|sold (?:their|its)|divest\w*|reimbursements?|approved \$|approved (?:EUR|USD)|funding)\b", _F),
    "initiatives": re.compile(
        r"\b(?:plans? to|planning to|planned|opening|will open|building|"
        r"new (?:[\w-]+ )?(?:stores?|sites?|hubs?|dcs?|plant|line|warehouses?|centres?|"
        r"centers?|project|factory|branch|system|erp|tms)|expan\w*|roll(?:ing)?[ -]?out|migrat\w*|moving to|"
        r"acqui\w*|merger|launch\w*|goes live)\b", _F),
    "goals": re.compile(
        r"\b(?:goals?|targets?|aims? to|objectives?|priorit\w*|wants? to (?:reduce|cut|grow|reach|be|get)|"
        r"by 20\d\d|strategy|ambition)\b", _F),
}


@dataclass(frozen=True)
class SectionProposal:
    section: str  # goals, initiatives, financial_health, competitors
    text: str
    note_id: int
    also: tuple[int, ...] = ()  # other notes saying the same


def section_of(text: str) -> str | None:
    """The customer-business section a statement belongs to, competitors first."""
    for section in ("competitors", "financial_health", "initiatives", "goals"):
        if _SECTION_RULES[section].search(text):
            return section
    return None


def customer_business(notes: list[SourceNote], account_name: str,
                      per_section: int = PER_SECTION) -> list[SectionProposal]:
    """Proposals per section, most fact-laden and most recent first, each citing its note(s)."""
    found: dict[str, list[tuple[float, str, int, list[int]]]] = {s: [] for s in SECTIONS}
    for note in sorted(notes, key=lambda n: (n.written_on, n.id), reverse=True):
        for statement in split_statements(note.text, account_name):
            if reading.routine(statement.text, statement.label) or \
                    commitments.kind_of(statement.sentence) in ("commitment", "question", "follow_up"):
                continue
            section = section_of(statement.text)
            if section is None:
                continue
            same = next((row for row in found[section] if similar_text(row[1], statement.text, 0.8)), None)
            if same is not None:
                if note.id != same[2] and note.id not in same[3]:
                    same[3].append(note.id)
                continue
            found[section].append((reading.salience(statement.text), statement.text, note.id, []))
    proposals = []
    for section in SECTIONS:
        ranked = sorted(found[section], key=lambda row: -row[0])[:per_section]  # stable: newest first on ties
        proposals += [SectionProposal(section, text, note_id, tuple(also)) for _, text, note_id, also in ranked]
    return proposals
