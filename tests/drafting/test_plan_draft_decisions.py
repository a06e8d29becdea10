"""The plan draft (`/kam plan-draft`), point by point over a real database: proposals cite this account's
notes, objectives come by horizon, accepting puts a point into the plan or the map through the plan
and stakeholder services, rejecting keeps it out of later drafts, and nothing is written on bad input."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, select

from drafting_data import TODAY, seed
from kam_domain.drafting.objectives import named_date, propose_objectives
from kam_domain.drafting.plan_sections import SectionProposal
from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import Account, AuditEntry, Objective, PlanSection, Stakeholder
from kam_domain.services.authz import Actor
from kam_domain.services.plan_draft_decisions import decide, decide_numbers, plan_draft, plan_draft_by_id
from kam_domain.store.uow import UnitOfWork
from support.builders import add_stakeholder

ALICE = Actor("T_ALPHA", "U_ALICE")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def seeded(engine):
    with Session(engine) as session:
        data = seed(session)
        add_stakeholder(session, session.get(Account, data.alpha_id), "Dieter Brandt", title="Head of IT",
                        role="unknown", attitude=0)
        session.commit()
    return data


def uow_of(engine):
    return lambda: UnitOfWork(engine)


def test_a_named_period_sets_the_objectives_horizon() -> None:
    assert named_date("opens two hubs in Q3 2027") == date(2027, 9, 30)
    assert named_date("go-live in March 2027") == date(2027, 3, 31)
    assert named_date("a new plant planned for 2029") == date(2029, 12, 31)
    assert named_date("no date here") is None
    proposals = [SectionProposal("competitors", "Kraftmann offered 10% below us.", 1),
                 SectionProposal("competitors", "Kraftmann runs a free trial.", 2),
                 SectionProposal("initiatives", "They open a hub in Poznań in 2027.", 3),
                 SectionProposal("goals", "They aim to cut downtime 20% by 2030.", 4),
                 SectionProposal("initiatives", "They rolled out a new TMS in 2025.", 5),
                 SectionProposal("financial_health", "Revenue fell 4%.", 6)]
    objectives = propose_objectives(proposals, date(2026, 12, 7))
    assert [(o.horizon, o.note_ids) for o in objectives] == [("short", (1,)), ("mid", (3,)), ("long", (4,))]
    assert objectives[0].title == "Defend our position: Kraftmann offered 10% below us"


def test_the_draft_cites_only_this_accounts_notes_by_kind(engine, seeded) -> None:
    draft = plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY)

    kinds = {p.kind for p in draft.points}
    assert kinds == {"section", "objective", "stakeholder"} and draft.can_write
    assert all(c.note_id in seeded.alpha_notes for p in draft.points for c in p.citations)
    assert not any("SECRET" in p.text for p in draft.points)
    assert len({p.point_id for p in draft.points}) == len(draft.points)
    assert plan_draft_by_id(UnitOfWork(engine), ALICE, seeded.alpha_id, TODAY).points == draft.points  # stable ids


def test_accepting_puts_points_in_the_plan_and_the_map_once(engine, seeded) -> None:
    draft = plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY)
    section = next(p for p in draft.points if p.kind == "section" and p.target == "competitors")
    objective = next(p for p in draft.points if p.kind == "objective")
    read = next(p for p in draft.points if p.kind == "stakeholder" and p.target == "Dieter Brandt")

    result = decide(uow_of(engine), ALICE, seeded.alpha_id, [section.point_id, objective.point_id, read.point_id],
                    True, TODAY, NOW)

    assert [d.accepted for d in result.decisions] == [True, True, True]
    with Session(engine) as session:
        body = session.exec(select(PlanSection).where(PlanSection.account_id == seeded.alpha_id,
                                                      PlanSection.section == "competitors")).one().body
        assert section.text in body and f"note #{section.citations[0].note_id}" in body
        titles = [o.title for o in session.exec(select(Objective).where(Objective.account_id == seeded.alpha_id))]
        assert titles == [objective.text]
        dieter = session.exec(select(Stakeholder).where(Stakeholder.name == "Dieter Brandt")).one()
        assert (dieter.attitude, dieter.role) == (-1, "blocker")
        assert session.get(Account, seeded.alpha_id).plan_updated_at is not None
    again = {p.point_id for p in plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY).points}
    assert not again & {section.point_id, objective.point_id, read.point_id}


def test_rejected_points_are_audited_and_not_offered_again(engine, seeded) -> None:
    first = plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY).points[0]

    result = decide_numbers(uow_of(engine), ALICE, "borealis", ["1"], False, TODAY, NOW)

    assert result.decisions[0].point == first and not result.decisions[0].accepted
    assert first.point_id not in {p.point_id for p in plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY).points}
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "plan_draft.rejected")).one()
        assert entry.actor == "U_ALICE" and entry.after["point_id"] == first.point_id


def test_bad_numbers_and_stale_buttons_write_nothing(engine, seeded) -> None:
    count = len(plan_draft(UnitOfWork(engine), ALICE, "borealis", TODAY).points)

    with pytest.raises(UserError, match=f"points 1-{count}"):
        decide_numbers(uow_of(engine), ALICE, "borealis", ["1", str(count + 1)], True, TODAY, NOW)
    with pytest.raises(UserError, match="is not a point number"):
        decide_numbers(uow_of(engine), ALICE, "borealis", ["first"], True, TODAY, NOW)
    with pytest.raises(UserError, match="has changed since it was shown"):
        decide(uow_of(engine), ALICE, seeded.alpha_id, ["0123456789ab"], True, TODAY, NOW)
    with Session(engine) as session:
        assert session.exec(select(PlanSection)).all() == [] and session.exec(select(Objective)).all() == []
        assert session.exec(select(AuditEntry)).all() == []


def test_other_workspaces_and_readers_cannot_decide(engine, seeded) -> None:
    with pytest.raises(UserError):
        plan_draft_by_id(UnitOfWork(engine), Actor("T_BETA", "U_BETA"), seeded.alpha_id, TODAY)
    outsider = Actor("T_ALPHA", "U_SOMEONE_ELSE")
    draft = plan_draft(UnitOfWork(engine), outsider, "borealis", TODAY)
    assert not draft.can_write
    with pytest.raises(NotAllowed):
        decide(uow_of(engine), outsider, seeded.alpha_id, [draft.points[0].point_id], True, TODAY, NOW)
    with Session(engine) as session:
        assert session.exec(select(PlanSection)).all() == []
