"""The account plan and next actions on real databases."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import FieldErrors, NotAllowed, UserError
from kam_domain.models import (
    Account,
    Action,
    AuditEntry,
    Objective,
    Opportunity,
    PlanSection,
    Review,
    SwotPoint,
)
from kam_domain.services import next_actions, plans
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_financials, add_member, add_stakeholder

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ALICE = Actor("T_ALPHA", "U_ALICE")
STRANGER = Actor("T_ALPHA", "U_STRANGER")


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           potential_annual_value=5_000_000.0,
                           plan_updated_at=datetime(2026, 6, 1, tzinfo=timezone.utc))
        add_member(session, acme, "U_BOB", role="specialist")
        add_financials(session, acme, [("2026-Q1", 800_000, 500_000), ("2026-Q2", 900_000, 550_000),
                                       ("2026-Q3", 1_000_000, 600_000)])
        add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="influencer", influence=5, attitude=1,
                        owner_user_id="U_ALICE", last_contact_on=date(2026, 8, 1))
        session.add(PlanSection(team_id="T_ALPHA", account_id=acme.id, section="customer_goals",
                                body="Open 40 stores in Iberia", updated_by="U_ALICE"))
        session.add(SwotPoint(team_id="T_ALPHA", account_id=acme.id, quadrant="threat",
                              text="Kraftmann is 10% cheaper", accepted_by="U_ALICE"))
        win = Objective(team_id="T_ALPHA", account_id=acme.id, horizon="short", title="Win the renewal",
                        owner_user_id="U_ALICE", due_on=date(2027, 1, 31), created_by="U_ALICE")
        grow = Objective(team_id="T_ALPHA", account_id=acme.id, horizon="long", title="Double share of wallet",
                         owner_user_id="U_ALICE", due_on=date(2028, 6, 30), created_by="U_ALICE")
        session.add_all([win, grow])
        session.flush()
        late = Action(team_id="T_ALPHA", account_id=acme.id, objective_id=win.id, title="Send the TCO model",
                      owner_user_id="U_ALICE", due_on=date(2026, 11, 18))
        soon = Action(team_id="T_ALPHA", account_id=acme.id, objective_id=win.id, title="Book the CFO lunch",
                      owner_user_id="U_BOB", due_on=date(2026, 11, 26))
        loose = Action(team_id="T_ALPHA", account_id=acme.id, title="Share the pilot report", source="log",
                       owner_user_id="U_ALICE", due_on=date(2026, 12, 10))
        session.add_all([late, soon, loose])
        session.add_all([
            Opportunity(team_id="T_ALPHA", account_id=acme.id, name="Renewal 2027", value=1_200_000, status="open",
                        close_on=date(2027, 1, 31)),
            Opportunity(team_id="T_ALPHA", account_id=acme.id, name="Pilot", value=100_000, status="won"),
            Opportunity(team_id="T_ALPHA", account_id=acme.id, name="Lockers", value=50_000, status="lost"),
            Review(team_id="T_ALPHA", account_id=acme.id, due_on=date(2026, 11, 30)),
        ])
        other = add_account(session, "T_BETA", "Beta Only", tier="key", owner_user_id="U_BETA")
        beta_action = Action(team_id="T_BETA", account_id=other.id, title="Beta secret", owner_user_id="U_BETA")
        session.add(beta_action)
        session.commit()
        return {"acme": acme.id, "win": win.id, "grow": grow.id, "late": late.id, "soon": soon.id,
                "loose": loose.id, "beta": other.id, "beta_action": beta_action.id}


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _get(engine, model, id_):
    with Session(engine) as session:
        return session.get(model, id_)


def test_the_plan_shows_business_team_swot_goals_objectives_and_health(engine):
    ids = _seed(engine)
    plan = plans.account_plan(UnitOfWork(engine), ALICE, "acme", TODAY)
    assert plan.business[0].label == "Customer goals" and plan.business[0].body == "Open 40 stores in Iberia"
    assert plan.business[1].body is None
    assert [(t.user_id, t.role) for t in plan.team] == [("U_ALICE", "kam"), ("U_BOB", "specialist")]
    assert plan.swot["threat"] == ["Kraftmann is 10% cheaper"]
    g = plan.goals
    assert g.current_worth == 2_700_000 and g.profit == 1_050_000 and g.untapped == 2_300_000
    assert (g.won_count, g.won_value, g.lost_count, [o.name for o in g.open]) == (1, 100_000, 1, ["Renewal 2027"])
    short, mid, long_ = plan.horizons
    assert [o.title for o in short.objectives] == ["Win the renewal"] and not mid.objectives
    assert [a.title for a in short.objectives[0].actions] == ["Send the TCO model", "Book the CFO lunch"]
    assert short.objectives[0].actions[0].overdue and short.objectives[0].actions[1].due_soon
    assert [a.id for a in plan.loose_actions] == [ids["loose"]]
    assert "Mid term objectives (6-18 months)" in plan.missing and "Executive sponsor" in plan.missing
    assert 0 < plan.completeness < 100
    assert plan.stale is True and plan.days_since_update == 175 and plan.can_edit


def test_editing_a_section_saves_it_audits_it_and_freshens_the_plan(engine):
    ids = _seed(engine)
    changed = plans.save_section(UnitOfWork(engine), ALICE, ids["acme"], "competitors", "Kraftmann, Dynaflex", NOW)
    assert "Competitors saved" in changed.message
    assert _get(engine, Account, ids["acme"]).plan_updated_at.date() == TODAY
    with Session(engine) as session:
        row = session.exec(select(PlanSection).where(PlanSection.section == "competitors")).one()
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "plan.section_saved")).one()
    assert row.body == "Kraftmann, Dynaflex" and row.updated_by == "U_ALICE"
    assert entry.before == {"body": None} and entry.after["body"] == "Kraftmann, Dynaflex"
    plans.save_section(UnitOfWork(engine), ALICE, ids["acme"], "competitors", "  ", NOW)
    assert _count(engine, PlanSection) == 1
    plan = plans.account_plan_by_id(UnitOfWork(engine), ALICE, ids["acme"], TODAY)
    assert not plan.stale


def test_account_goals_take_a_potential_amount(engine):
    ids = _seed(engine)
    plans.save_section(UnitOfWork(engine), ALICE, ids["acme"], "account_goals", "Own MRO in Iberia", NOW,
                       potential="7.5M")
    assert _get(engine, Account, ids["acme"]).potential_annual_value == 7_500_000
    with pytest.raises(FieldErrors) as caught:
        plans.save_section(UnitOfWork(engine), ALICE, ids["acme"], "account_goals", "x", NOW, potential="lots")
    assert set(caught.value.errors) == {"potential"}


def test_a_bad_section_or_an_outsider_writes_nothing(engine):
    ids = _seed(engine)
    audits = _count(engine, AuditEntry)
    with pytest.raises(UserError, match="not a plan section"):
        plans.save_section(UnitOfWork(engine), ALICE, ids["acme"], "swot", "x", NOW)
    with pytest.raises(NotAllowed):
        plans.save_section(UnitOfWork(engine), STRANGER, ids["acme"], "competitors", "x", NOW)
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        plans.save_section(UnitOfWork(engine), ALICE, ids["beta"], "competitors", "x", NOW)
    assert _count(engine, AuditEntry) == audits


def test_objectives_are_added_with_an_owner_a_horizon_and_a_due_date(engine):
    ids = _seed(engine)
    changed = plans.save_objective(UnitOfWork(engine), ALICE, ids["acme"], None, "Get a sponsor meeting with the CEO",
                                   None, "U_BOB", date(2027, 9, 1), TODAY, NOW)
    assert changed.horizon == "mid" and changed.owner_user_id == "U_BOB"  # 9 months out
    with Session(engine) as session:
        o = session.exec(select(Objective).where(Objective.title.startswith("Get a sponsor"))).one()
    assert (o.owner_user_id, o.created_by, o.status) == ("U_BOB", "U_ALICE", "open")
    plans.save_objective(UnitOfWork(engine), ALICE, ids["acme"], o.id, "Get a sponsor meeting with the CEO", "long",
                         "U_ALICE", date(2027, 9, 1), TODAY, NOW)
    assert _get(engine, Objective, o.id).horizon == "long"
    with pytest.raises(FieldErrors) as caught:
        plans.save_objective(UnitOfWork(engine), ALICE, ids["acme"], None, "", "someday", "bob", date(2026, 1, 1),
                             TODAY, NOW)
    assert set(caught.value.errors) == {"title", "horizon", "owner", "due"}


def test_actions_are_added_reassigned_and_closed_and_each_step_is_audited(engine):
    ids = _seed(engine)
    plans.add_action(UnitOfWork(engine), ALICE, ids["acme"], ids["grow"], "Map spend by site", "U_BOB",
                     date(2027, 1, 15), TODAY, NOW)
    with Session(engine) as session:
        new = session.exec(select(Action).where(Action.title == "Map spend by site")).one()
    assert (new.objective_id, new.owner_user_id) == (ids["grow"], "U_BOB")
    plans.update_actions(UnitOfWork(engine), ALICE, ids["acme"],
                         {ids["late"]: {"title": "Send the TCO model v2", "owner": "U_BOB",
                                        "due_on": date(2026, 11, 25)}}, TODAY, NOW)
    late = _get(engine, Action, ids["late"])
    assert (late.title, late.owner_user_id, late.due_on) == ("Send the TCO model v2", "U_BOB", date(2026, 11, 25))
    closed = plans.set_action_status(UnitOfWork(engine), Actor("T_ALPHA", "U_BOB"), ids["late"], "done", NOW)
    assert closed.message.startswith("Done")
    assert _get(engine, Action, ids["late"]).status == "done" and _get(engine, Action, ids["late"]).done_at
    again = plans.set_action_status(UnitOfWork(engine), ALICE, ids["late"], "done", NOW)
    assert "already" in again.message
    with Session(engine) as session:
        kinds = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]
    assert kinds == ["action.created", "action.updated", "action.status"]


def test_action_ids_from_buttons_are_checked_against_the_workspace_and_the_team(engine):
    ids = _seed(engine)
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        plans.set_action_status(UnitOfWork(engine), ALICE, ids["beta_action"], "done", NOW)
    with pytest.raises(NotAllowed):
        plans.set_action_status(UnitOfWork(engine), STRANGER, ids["late"], "done", NOW)
    assert _get(engine, Action, ids["beta_action"]).status == "open"
    assert _get(engine, Action, ids["late"]).status == "open"


def test_objectives_close_from_their_menu(engine):
    ids = _seed(engine)
    plans.set_objective_status(UnitOfWork(engine), ALICE, ids["win"], "done", NOW)
    plan = plans.account_plan_by_id(UnitOfWork(engine), ALICE, ids["acme"], TODAY)
    assert plan.achieved == 1 and not plan.horizons[0].objectives
    assert {a.id for a in plan.loose_actions} == {ids["late"], ids["soon"], ids["loose"]}


def test_next_actions_give_each_suggestion_with_its_reason(engine):
    ids = _seed(engine)
    result = next_actions.next_actions(UnitOfWork(engine), ALICE, "acme", TODAY)
    kinds = [i.kind for i in result.items]
    assert kinds[0] == "overdue_action" and result.items[0].action_id == ids["late"]
    assert "5 days overdue" in result.items[0].reason
    assert {"action_due_soon", "cold_key_person", "uncovered_role", "review_due", "opportunity_without_next_step",
            "stale_plan"} <= set(kinds)
    cold = next(i for i in result.items if i.kind == "cold_key_person")
    assert "Ana Ruiz" in cold.text and "114 days" in cold.reason
    assert result.drafted == []


def test_a_suggestion_becomes_an_action_when_adopted(engine):
    ids = _seed(engine)
    result = next_actions.next_actions_by_id(UnitOfWork(engine), ALICE, ids["acme"], TODAY)
    cold = next(i for i in result.items if i.kind == "cold_key_person")
    changed = next_actions.adopt(UnitOfWork(engine), ALICE, ids["acme"], cold.key, TODAY, NOW)
    assert "Reconnect with Ana Ruiz" in changed.message
    with Session(engine) as session:
        action = session.exec(select(Action).where(Action.title.startswith("Reconnect"))).one()
    assert action.due_on == TODAY + timedelta(days=7) and action.owner_user_id == "U_ALICE"
    with pytest.raises(UserError, match="already an open action"):
        next_actions.adopt(UnitOfWork(engine), ALICE, ids["acme"], cold.key, TODAY, NOW)
    with pytest.raises(UserError, match="no longer applies"):
        next_actions.adopt(UnitOfWork(engine), ALICE, ids["acme"], "cold_key_person:999999", TODAY, NOW)
    with pytest.raises(NotAllowed):
        next_actions.adopt(UnitOfWork(engine), STRANGER, ids["acme"], cold.key, TODAY, NOW)
