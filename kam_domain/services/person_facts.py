"""Facts about one person on a stakeholder map: whom they report to, and whether they are for or
against us with the notes that say so.

A person is a Stakeholder of the workspace, named in words ("Ana Ruiz", "ana", "Ruiz") and
optionally placed ("Ana Ruiz at Acme", "Ana Ruiz at #42"). A name at several accounts is a
question back (NeedsChoice); the person's account then decides who may read the answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from rapidfuzz import fuzz
from sqlmodel import Session, select

from kam_domain.drafting.stakeholder_reads import read_person
from kam_domain.drafting.types import SourceNote
from kam_domain.errors import Choice, NeedsChoice, UserError
from kam_domain.models import Account, AuditEntry, Note, Stakeholder
from kam_domain.rules.names import fold
from kam_domain.rules.relationships import ATTITUDE_LABELS, DecisionRole
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.store.uow import UnitOfWork

MAX_NOTES = 8  # the notes shown under an attitude, newest first
MAX_CHAIN = 20  # a reports-to chain longer than this is a loop in the data
_AT = re.compile(r"\s+at\s+(?=\S)", re.I)
_REF_AFTER = re.compile(r"^(.*?)\s+(?:at\s+)?(#\d{1,12})\s*[?.!]*$", re.I | re.S)
_FILLER = {"who", "does", "do", "did", "is", "are", "was", "report", "reports", "reporting", "to", "the", "a", "for",
           "or", "against", "us", "what", "whats", "s", "attitude", "of", "about", "mr", "mrs", "ms", "dr", "and", "his",
           "her", "their", "boss", "manager", "on", "our", "side", "how", "feel", "feels", "towards", "toward"}


@dataclass(frozen=True)
class PersonLink:
    id: int
    name: str
    title: str | None
    role: str

    @property
    def role_label(self) -> str:
        try:
            return DecisionRole(self.role).label
        except ValueError:
            return self.role.replace("_", " ")


@dataclass(frozen=True)
class ReportsChain:
    account_id: int
    account_name: str
    person: PersonLink
    chain: list[PersonLink]  # their manager first, up to the top of what the map knows
    direct_reports: list[PersonLink]
    loops: bool = False  # the map's reports-to links go round in a circle


@dataclass(frozen=True)
class CitedNote:
    note_id: int
    written_on: date
    author: str
    text: str  # the sentence (evidence) or the start of the note (a mention)


@dataclass(frozen=True)
class PersonAttitude:
    account_id: int
    account_name: str
    person: PersonLink
    attitude: int  # the map's, -2..+2
    set_by: str | None  # who last set it (a Slack user id, or "import"), None when the audit log has no record
    set_at: datetime | None
    notes_read: int | None  # what the notes suggest (-2..+2), None without evidence
    evidence: list[CitedNote]  # the sentences that support the notes' read
    mentions: list[CitedNote]  # the notes that name the person, newest first
    mention_count: int

    @property
    def attitude_label(self) -> str:
        return ATTITUDE_LABELS.get(self.attitude, str(self.attitude))

    @property
    def verdict(self) -> str:
        return "for us" if self.attitude > 0 else "against us" if self.attitude < 0 else "neutral"


# --------------------------------------------------------------------------- finding the person


def split_place(text: str) -> tuple[str, str]:
    """"Ana Ruiz at Acme Retail" -> ("Ana Ruiz", "Acme Retail"); no place -> (text, "")."""
    if m := _REF_AFTER.match((text or "").strip()):  # "Ana Ruiz #42", as a tool call may put it
        return m.group(1).strip(), m.group(2)
    parts = _AT.split((text or "").strip())
    if len(parts) >= 2 and parts[-1].strip():
        return " ".join(parts[:-1]).strip(), parts[-1].strip().rstrip("?.!")
    return (text or "").strip(), ""


def find_person(session: Session, actor: Actor, text: str, command: str) -> tuple[Stakeholder, Account]:
    name_text, place = split_place(text)
    # a "which account?" button re-asks about the same person: `reports Lars at #42`
    account = queries.resolve_account(session, actor.team_id, place, command=f"{command} {name_text} at") \
        if place else None
    query = select(Stakeholder).where(Stakeholder.team_id == actor.team_id)
    if account is not None:
        query = query.where(Stakeholder.account_id == account.id)
    matches = _best_matches(name_text, session.exec(query).all())
    if not matches:
        where = f" at {account.name}" if account else ""
        raise UserError(f"No one called “{_wanted(name_text) or name_text}” is on a stakeholder map{where}. "
                        f"Name them as on the map, e.g. `/kam {command} Ana Ruiz`.")
    accounts = {p.account_id: queries.account_by_id(session, actor.team_id, p.account_id) for p in matches}
    readable = [p for p in matches if allowed(session, actor, Permission.READ, accounts[p.account_id])]
    if not readable:
        require(session, actor, Permission.READ, accounts[matches[0].account_id])  # says who may
    if len(readable) > 1:
        choices = [Choice(f"{p.name} ({accounts[p.account_id].name})", f"{p.name} at #{p.account_id}")
                   for p in readable[:5]]
        raise NeedsChoice(f"“{name_text}” could be more than one person: which one?", choices,
                          retry_command=f"{command} {{choice}}")
    return readable[0], accounts[readable[0].account_id]


def _wanted(text: str) -> str:
    """The words that may name a person: "who does Ana report to?" -> "ana"."""
    return " ".join(w for w in fold(text).split() if w not in _FILLER)


def _best_matches(text: str, people: list[Stakeholder]) -> list[Stakeholder]:
    typed = fold(text)
    wanted = _wanted(text)
    words = wanted.split()
    if not wanted:
        return []
    exact = [p for p in people if fold(p.name) == wanted]
    if exact:
        return exact
    inside = [p for p in people if re.search(rf"\b{re.escape(fold(p.name))}\b", typed)]
    if inside:
        return inside
    by_part = [p for p in people if len(words) == 1 and words[0] in fold(p.name).split()]
    if by_part:
        return by_part
    scored = [(fuzz.WRatio(wanted, fold(p.name)), p) for p in people]
    best = max((s for s, _ in scored), default=0)
    return [p for s, p in scored if s >= 88 and s == best]


def _link(person: Stakeholder) -> PersonLink:
    return PersonLink(person.id, person.name, person.title, person.role)


# --------------------------------------------------------------------------- reports to


def reports_chain(uow: UnitOfWork, actor: Actor, person_text: str) -> ReportsChain:
    with uow:
        session = uow.session
        person, account = find_person(session, actor, person_text, "reports")
        people = {p.id: p for p in session.exec(select(Stakeholder).where(
            Stakeholder.team_id == actor.team_id, Stakeholder.account_id == account.id)).all()}
        chain, seen, at, loops = [], {person.id}, person.reports_to_id, False
        while at is not None and at in people and len(chain) < MAX_CHAIN:
            if at in seen:
                loops = True
                break
            seen.add(at)
            chain.append(_link(people[at]))
            at = people[at].reports_to_id
        reports = sorted((_link(p) for p in people.values() if p.reports_to_id == person.id), key=lambda p: p.name)
        return ReportsChain(account.id, account.name, _link(person), chain, reports, loops)


# --------------------------------------------------------------------------- attitude


def person_attitude(uow: UnitOfWork, actor: Actor, person_text: str) -> PersonAttitude:
    with uow:
        session = uow.session
        person, account = find_person(session, actor, person_text, "attitude")
        notes = [SourceNote(n.id, n.written_on, n.author, n.body) for n in session.exec(select(Note).where(
            Note.team_id == actor.team_id, Note.account_id == account.id)).all()]
        read = read_person(person.name, person.title, notes)
        by_id = {n.id: n for n in notes}
        evidence = [CitedNote(i, by_id[i].written_on, by_id[i].author, sentence) for i, sentence in read.evidence]
        named = _naming(person.name, notes)
        mentions = [CitedNote(n.id, n.written_on, n.author, _opening(n.text)) for n in named[:MAX_NOTES]]
        set_by, set_at = _attitude_set(session, actor.team_id, person)
        return PersonAttitude(account.id, account.name, _link(person), person.attitude, set_by, set_at,
                              read.attitude, evidence, mentions, len(named))


def _naming(name: str, notes: list[SourceNote]) -> list[SourceNote]:
    full = re.compile(rf"\b{re.escape(name)}\b", re.I)
    return sorted((n for n in notes if full.search(n.text)), key=lambda n: (n.written_on, n.id), reverse=True)


def _opening(text: str, limit: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _attitude_set(session: Session, team_id: str, person: Stakeholder) -> tuple[str | None, datetime | None]:
    """Who set the attitude the map holds, and when: the newest audit entry that wrote it."""
    entries = session.exec(select(AuditEntry).where(
        AuditEntry.team_id == team_id, AuditEntry.entity == "stakeholder", AuditEntry.entity_id == person.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())).all()
    for entry in entries:
        if entry.after and "attitude" in entry.after:
            return entry.actor, entry.at
    return None, None
