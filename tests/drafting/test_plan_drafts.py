"""Plan drafts from the notes (customer business, stakeholder reads) over a real database:
cited proposals of this account only; competitors hold competitor moves, not a vendor review."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session

from drafting_data import TODAY, add_note, seed
from kam_domain.drafting.plan_sections import section_of
from kam_domain.models import Account
from kam_domain.services.authz import Actor
from kam_domain.services.plan_drafts import draft_customer_business, draft_stakeholder_reads
from kam_domain.store.uow import UnitOfWork
from support.builders import add_stakeholder

ALICE = Actor("T_ALPHA", "U_ALICE")


def test_customer_business_sections_cite_this_accounts_notes(engine):
    with Session(engine) as session:
        data = seed(session)
        account = session.get(Account, data.alpha_id)
        review = add_note(session, account, date(2026, 11, 21), "A new group CFO is reviewing all vendors above "
                                                                "one million euros.").id
        session.commit()
    drafts = draft_customer_business(UnitOfWork(engine), ALICE, data.alpha_id, TODAY)
    by_section = {s: [d for d in drafts if d.section == s] for s in ("competitors", "financial_health", "initiatives")}
    assert [d.text for d in by_section["competitors"]] == ["Kraftmann offered them 12% below our price on conveyor "
                                                           "bearings."]
    assert any("budget for 2027" in d.text for d in by_section["financial_health"])
    assert any("Poznań" in d.text for d in by_section["initiatives"])
    assert all(c.note_id in data.alpha_notes + [review] for d in drafts for c in d.citations)
    assert not any("SECRET" in d.text for d in drafts)
    assert section_of("A new group CFO is reviewing all vendors above one million euros.") != "competitors"


def test_stakeholder_reads_propose_attitude_and_role_with_their_notes(engine):
    with Session(engine) as session:
        data = seed(session)
        account = session.get(Account, data.alpha_id)
        dieter = add_stakeholder(session, account, "Dieter Brandt", title="Head of IT", role="unknown", attitude=0)
        dieter_id = dieter.id
        session.commit()
    reads = {r.name: r for r in draft_stakeholder_reads(UnitOfWork(engine), ALICE, data.alpha_id, TODAY)}
    read = reads["Dieter Brandt"]
    assert read.stakeholder_id == dieter_id and read.proposed_attitude == -1 and read.proposed_role == "blocker"
    assert [c.note_id for c in read.citations] == [data.alpha_notes[5]]  # "Dieter Brandt blocks every sensor pilot"
