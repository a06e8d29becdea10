"""Plan drafts from an account's notes: customer-business proposals (goals, initiatives,
financial health, competitors) and stakeholder reads (proposed attitude, role and influence
per person), each citing the notes it rests on. Read-only: accepting a proposal into the plan
goes through the plan and stakeholder services, by a person.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from kam_domain.drafting.plan_sections import customer_business
from kam_domain.drafting.stakeholder_reads import stakeholder_reads
from kam_domain.drafting.types import SourceNote
from kam_domain.models import Account, Note, Stakeholder
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.drafts import Citation
from kam_domain.store.uow import UnitOfWork

NOTES_READ = 80  # the account's most recent notes


@dataclass(frozen=True)
class SectionDraft:
    section: str  # goals, initiatives, financial_health, competitors
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class StakeholderReadDraft:
    stakeholder_id: int
    name: str
    attitude: int  # now
    proposed_attitude: int | None
    role: str  # now
    proposed_role: str | None
    influence: int  # now
    proposed_influence: int | None
    citations: tuple[Citation, ...]

    @property
    def changes(self) -> bool:
        return (self.proposed_attitude not in (None, self.attitude) or self.proposed_role not in (None, self.role)
                or self.proposed_influence not in (None, self.influence))


def draft_customer_business(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> list[SectionDraft]:
    with uow:
        account = _account(uow.session, actor, account_id)
        notes = _notes(uow.session, account, today)
        name = account.name
    by_id = {n.id: n for n in notes}
    return [SectionDraft(p.section, p.text, tuple(_cite(by_id[i]) for i in (p.note_id, *p.also)))
            for p in customer_business(notes, name)]


def draft_stakeholder_reads(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> list[StakeholderReadDraft]:
    """Reads that would change a person's attitude, role or influence, with their notes."""
    with uow:
        session = uow.session
        account = _account(session, actor, account_id)
        notes = _notes(session, account, today)
        people = session.exec(select(Stakeholder).where(Stakeholder.team_id == account.team_id,
                                                        Stakeholder.account_id == account.id)).all()
        current = {p.name: (p.id, p.attitude, p.role, p.influence) for p in people}
        titles = [(p.name, p.title) for p in people]
    by_id = {n.id: n for n in notes}
    drafts = []
    for read in stakeholder_reads(titles, notes):
        person_id, attitude, role, influence = current[read.name]
        draft = StakeholderReadDraft(person_id, read.name, attitude, read.attitude, role, read.role, influence,
                                     read.influence, tuple(_cite(by_id[i]) for i in read.note_ids))
        if draft.changes:
            drafts.append(draft)
    return drafts


def _account(session: Session, actor: Actor, account_id: int) -> Account:
    account = queries.account_by_id(session, actor.team_id, int(account_id))
    require(session, actor, Permission.READ, account)
    return account


def _notes(session: Session, account: Account, today: date) -> list[SourceNote]:
    rows = session.exec(
        select(Note).where(Note.team_id == account.team_id, Note.account_id == account.id, Note.written_on <= today)
        .order_by(Note.written_on.desc(), Note.id.desc()).limit(NOTES_READ)
    ).all()
    return [SourceNote(n.id, n.written_on, n.author, n.body) for n in rows]


def _cite(note: SourceNote) -> Citation:
    return Citation(note.id, note.written_on, note.author)
