"""The demo portfolio on real databases (SQLite and PostgreSQL): size, determinism,
idempotence, reset isolation, and the stories the later features need (80/20, coverage
colours, cold people, stale plans, overdue reviews and actions)."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from kam_domain.demo import DEMO_ADMIN, DEMO_USERS, DEMO_WORKSPACE_NAME, last_full_quarters, note_hash, seed_demo
from kam_domain.models import (
    Account, Action, AuditEntry, Criterion, Delivery, Financial, Interaction, InteractionAttendee, Note,
    Objective, Opportunity, PlanSection, ProcessedEvent, Review, Score, Stakeholder, TeamMember, TierChange,
    Workspace,
)
from kam_domain.rules.names import normalize_account_name, normalize_person_name
from kam_domain.rules.portfolio import concentration_risk, pareto
from kam_domain.rules.relationships import DecisionRole, coverage
from kam_domain.rules.scoring import CriterionDef, Quadrant, axes, quadrant
from kam_domain.services.queries import to_view

T_A, T_B = "T_A", "T_B"
USER_ID = re.compile(r"^U[A-Z0-9]+$")


def seed(engine, team_id: str, today: date, **kwargs):
    with Session(engine) as session:
        summary = seed_demo(session, team_id, today, **kwargs)
        session.commit()
    return summary


@pytest.fixture
def demo(engine, today):
    """The demo seeded into T_A; an open session on it."""
    seed(engine, T_A, today)
    with Session(engine) as session:
        yield session


def rows(session: Session, model, team_id: str = T_A) -> list:
    return list(session.scalars(select(model).where(model.team_id == team_id)))


def count(session: Session, model, team_id: str = T_A) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.team_id == team_id))


def accounts(session: Session, team_id: str = T_A) -> dict[str, Account]:
    return {a.name: a for a in rows(session, Account, team_id)}


def people(session: Session, account: Account) -> list[Stakeholder]:
    return list(session.scalars(select(Stakeholder).where(Stakeholder.account_id == account.id)))


def key_accounts(session: Session) -> list[Account]:
    return [a for a in rows(session, Account) if a.tier == "key"]


def profits(session: Session) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for f in rows(session, Financial):
        totals[f.account_id] += f.revenue - f.cost_to_serve
    return dict(totals)


def fingerprint(session: Session, team_id: str) -> dict[str, list]:
    """Everything that must come out the same, without ids and team-specific values."""
    names = {a.id: a.name for a in rows(session, Account, team_id)}
    person = {s.id: s.name for s in rows(session, Stakeholder, team_id)}
    criteria = {c.id: c.key for c in rows(session, Criterion, team_id)}
    return {
        "accounts": sorted((a.name, a.tier, a.crm_id, a.customer_annual_revenue, a.customer_rating, a.owner_user_id,
                            a.sponsor_user_id, a.key_since, a.potential_annual_value, tuple(a.aliases))
                           for a in rows(session, Account, team_id)),
        "financials": sorted((names[f.account_id], f.period, f.revenue, f.cost_to_serve)
                             for f in rows(session, Financial, team_id)),
        "scores": sorted((names[s.account_id], criteria[s.criterion_id], s.value, s.scored_at.date())
                         for s in rows(session, Score, team_id)),
        "stakeholders": sorted((names[s.account_id], s.name, s.title, s.role, s.influence, s.attitude,
                                s.contact_level, s.owner_user_id, s.last_contact_on, person.get(s.reports_to_id))
                               for s in rows(session, Stakeholder, team_id)),
        "notes": sorted((names[n.account_id], n.written_on, n.author, n.source, n.body)
                        for n in rows(session, Note, team_id)),
        "meetings": sorted((names[i.account_id], i.occurred_on, i.kind, i.sentiment, i.logged_by)
                           for i in rows(session, Interaction, team_id)),
        "actions": sorted((names[a.account_id], a.title, a.due_on, a.status, a.source)
                          for a in rows(session, Action, team_id)),
        "reviews": sorted((names[r.account_id], r.due_on, r.engagement_rating, r.loyalty_rating, r.outcome or "")
                          for r in rows(session, Review, team_id)),
        "opportunities": sorted((names[o.account_id], o.name, o.value, o.status, o.close_on)
                                for o in rows(session, Opportunity, team_id)),
    }


# --------------------------------------------------------------------------- size and shape


def check_size_and_tiers(demo, today):
    workspace = demo.get(Workspace, T_A)
    assert workspace.name == DEMO_WORKSPACE_NAME
    by_name = accounts(demo)
    assert len(by_name) >= 40
    tiers = [a.tier for a in by_name.values()]
    assert 9 <= tiers.count("key") <= 10 and 5 <= tiers.count("candidate") <= 7 and tiers.count("regular") >= 20
    assert count(demo, Stakeholder) >= 150
    assert count(demo, Note) >= 400
    assert {s.role for s in rows(demo, Stakeholder)} == {r.value for r in DecisionRole}
    assert count(demo, Delivery) == 0 and demo.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


def check_named_accounts(demo, today):
    by_name = accounts(demo)
    borealis, acme = by_name["Borealis Logistics GmbH"], by_name["Acme Retail Group"]
    assert borealis.tier == "key" and "Borealis" in borealis.aliases and borealis.channel_id == "C0BOREALIS"
    assert "ARG" in acme.aliases
    assert {"Vantor Energy AS", "Vantor Health Ltd"} <= set(by_name)
    assert all(a.normalized_name == normalize_account_name(a.name) for a in by_name.values())
    crm_ids = [a.crm_id for a in by_name.values() if re.fullmatch(r"001XX00000[A-Z0-9]{4}", a.crm_id or "")]
    assert len(crm_ids) > 0.8 * len(by_name) and len(set(crm_ids)) == len(crm_ids)
    for account in key_accounts(demo):
        assert account.key_since and account.owner_user_id and account.channel_id.startswith("C0")
    assert sum(1 for a in by_name.values() if a.customer_rating is not None) >= len(by_name) // 3
    assert all(50e6 <= a.customer_annual_revenue <= 5e9 for a in by_name.values())


def check_our_side(demo, today):
    assert all(USER_ID.match(u) for u in DEMO_USERS) and DEMO_ADMIN in DEMO_USERS
    roles = defaultdict(set)
    for member in rows(demo, TeamMember):
        assert member.user_id in DEMO_USERS
        roles[member.account_id].add(member.role)
    for account in key_accounts(demo):
        assert "kam" in roles[account.id]
        assert ("sponsor" in roles[account.id]) == (account.sponsor_user_id is not None)


def check_eight_quarters_of_money(demo, today):
    periods = last_full_quarters(today)
    assert periods[0] == "2024-Q4" and periods[-1] == "2026-Q3"
    by_account = defaultdict(list)
    for f in rows(demo, Financial):
        by_account[f.account_id].append(f.period)
    assert len(by_account) == len(accounts(demo))
    assert all(sorted(p) == periods for p in by_account.values())


def check_criteria_and_quadrants(demo, today):
    criteria = rows(demo, Criterion)
    active = [c for c in criteria if c.active]
    assert len(active) <= 8 and {c.axis for c in active} == {"attractiveness", "strength"}
    assert {"product_fit", "solvency", "existing_relationships", "cultural_fit", "buying_process",
            "revenue_potential", "relationship_strength", "share_of_wallet"} == {c.key for c in active}
    assert len({c.weight for c in active}) > 1
    current = current_scores(demo)
    defs = [CriterionDef(c.key, c.label, c.weight, c.axis) for c in active]
    boxes = {quadrant(*astuple(axes(current[a.id], defs))) for a in rows(demo, Account)}
    assert set(Quadrant) <= boxes
    for account in rows(demo, Account):
        assert set(current[account.id]) == {c.key for c in active}
        assert all(1 <= v <= 10 for v in current[account.id].values())


def check_score_history(demo, today):
    history = defaultdict(list)
    for s in rows(demo, Score):
        history[s.account_id].append(s.scored_at.date())
    for account in key_accounts(demo):
        dates = history[account.id]
        assert len(dates) >= 3 * 8
        assert min(dates) < today - timedelta(days=150) and max(dates) <= today


def check_perception_gaps(demo, today):
    current = current_scores(demo)
    strength = [c for c in rows(demo, Criterion) if c.active and c.axis == "strength"]
    defs = [CriterionDef(c.key, c.label, c.weight, c.axis) for c in strength]
    gaps = [a.name for a in rows(demo, Account) if a.customer_rating is not None
            and abs(axes(current[a.id], defs).strength - a.customer_rating) >= 3]
    assert 2 <= len(gaps) <= 4


# --------------------------------------------------------------------------- money


def check_80_20(demo, today):
    by_id = {a.id: a for a in rows(demo, Account)}
    profit = profits(demo)
    positive = sum(p for p in profit.values() if p > 0)
    ranked = sorted(profit, key=lambda a: -profit[a])
    top = ranked[:math.ceil(0.25 * len(ranked))]
    assert sum(profit[a] for a in top) >= 0.7 * positive
    assert any(a.tier == "key" and a.id not in top for a in by_id.values())
    assert any(by_id[a].tier != "key" for a in pareto(profit).top_ids)
    assert len(pareto(profit).top_ids) <= 12
    assert [by_id[a].name for a, _ in concentration_risk(profit)] == ["Borealis Logistics GmbH"]
    assert sum(1 for p in profit.values() if p < 0) >= 2


def check_fast_growing_regular(demo, today):
    revenue = defaultdict(dict)
    for f in rows(demo, Financial):
        revenue[f.account_id][f.period] = f.revenue
    growing = []
    for account in rows(demo, Account):
        periods = sorted(revenue[account.id])
        before = sum(revenue[account.id][p] for p in periods[:4])
        after = sum(revenue[account.id][p] for p in periods[4:])
        if account.tier == "regular" and after >= 1.25 * before:
            growing.append(account.name)
    assert 1 <= len(growing) <= 3


# --------------------------------------------------------------------------- relationships


def check_coverage_colours_and_gaps(demo, today):
    colours, cold_buyers, detractors, single_threaded = {}, [], [], []
    for account in key_accounts(demo):
        cast = people(demo, account)
        views = [to_view(s) for s in cast]
        colours[account.name] = coverage(views, account.tier, today, account.sponsor_user_id).status
        if any(s.role == "economic_buyer" and s.last_contact_on and (today - s.last_contact_on).days >= 60
               for s in cast):
            cold_buyers.append(account.name)
        if any(s.influence >= 4 and s.attitude <= -1 for s in cast):
            detractors.append(account.name)
        if len({s.owner_user_id for s in cast if s.owner_user_id}) == 1:
            single_threaded.append(account.name)
    # Issue 15: the colour is never better than its worst gap; Dieter Brandt (IT, influence 4, hostile)
    # holds Borealis at amber despite Lars Henriksen, its supportive decision maker.
    assert colours["Borealis Logistics GmbH"] == "amber"
    assert {"green", "amber", "red"} == set(colours.values())
    assert cold_buyers == ["Halvorsen Maritime ASA"]
    assert "Borealis Logistics GmbH" in detractors
    assert single_threaded == ["Tessaro Packaging SpA"]
    assert [a.name for a in key_accounts(demo) if not a.sponsor_user_id] == ["Granite Peak Mining Corp"]


def check_supportive_and_unsupportive(demo, today):
    def supportive_signers(cast):
        return [s for s in cast if s.role in ("economic_buyer", "decision_maker") and s.attitude >= 1]

    def supportive_heavyweights(cast):
        return [s for s in cast if s.influence >= 4 and s.attitude >= 1]

    casts = {a.name: people(demo, a) for a in key_accounts(demo)}
    assert any(supportive_signers(c) for c in casts.values())
    assert any(not supportive_signers(c) and not supportive_heavyweights(c) for c in casts.values())
    assert any(not supportive_signers(c) and supportive_heavyweights(c) for c in casts.values())
    acme = {s.name: s for s in casts["Acme Retail Group"]}
    assert (acme["Ana Ruiz"].title, acme["Ana Ruiz"].role, acme["Ana Ruiz"].attitude) == ("CFO", "economic_buyer", 1)
    borealis = {s.name: s for s in casts["Borealis Logistics GmbH"]}
    assert borealis["Lars Henriksen"].role == "decision_maker"
    assert {"gatekeeper", "blocker"} <= {s.role for s in borealis.values()}


def check_stakeholders_complete(demo, today):
    cast = rows(demo, Stakeholder)
    assert len({s.normalized_name for s in cast}) == len(cast)
    assert all(s.normalized_name == normalize_person_name(s.name) for s in cast)
    assert all(1 <= s.influence <= 5 and -2 <= s.attitude <= 2 for s in cast)
    assert {s.contact_level for s in cast} == {"none", "brief", "multiple", "in_depth"}
    assert sum(1 for s in cast if s.owner_user_id) > 0.7 * len(cast)
    assert sum(1 for s in cast if s.reports_to_id) > 0.2 * len(cast)
    assert all(s.last_contact_on is None for s in cast if s.contact_level == "none")


def check_last_contact(demo, today):
    latest: dict[int, date] = {}
    query = select(InteractionAttendee.stakeholder_id, Interaction.occurred_on).join(
        Interaction, Interaction.id == InteractionAttendee.interaction_id).where(Interaction.team_id == T_A)
    for stakeholder_id, occurred_on in demo.execute(query):
        latest[stakeholder_id] = max(latest.get(stakeholder_id, occurred_on), occurred_on)
    assert len(latest) > 100
    for s in rows(demo, Stakeholder):
        if s.id in latest:
            assert s.last_contact_on == latest[s.id], s.name


# --------------------------------------------------------------------------- notes and meetings


def check_notes(demo, today):
    names = defaultdict(list)
    for s in rows(demo, Stakeholder):
        names[s.account_id].append(s.name)
    notes = rows(demo, Note)
    per_account = defaultdict(int)
    for note in notes:
        assert today - timedelta(days=549) <= note.written_on < today
        assert note.source in ("demo", "log") and note.author in DEMO_USERS.values()
        assert note.content_hash == note_hash(T_A, note.account_id, note.written_on, note.body)
        assert any(name in note.body for name in names[note.account_id]), note.body
        per_account[note.account_id] += 1
    recent = sum(1 for n in notes if (today - n.written_on).days <= 180)
    assert recent > len(notes) / 2
    for account in key_accounts(demo):
        assert 20 <= per_account[account.id] <= 45
    assert len({n.body for n in notes}) == len(notes)


def check_swot_material(demo, today):
    bodies = " ".join(n.body for n in rows(demo, Note))
    for phrase in ("they love our on-site service team", "delivery delays", "no relationship with IT",
                   "3-year framework deal", "below us", "budget cuts", "new CFO is reviewing all vendors",
                   "I promised", "Will send", "They asked for", "Open question", "Risk:"):
        assert phrase in bodies, phrase
    lars = [n.body for n in rows(demo, Note) if "Lars Henriksen" in n.body]
    assert any("two suppliers" in b for b in lars)


def check_meetings(demo, today):
    notes = {n.id: n for n in rows(demo, Note)}
    meetings = rows(demo, Interaction)
    assert len(meetings) >= 0.3 * len(notes)
    attended = set(demo.scalars(select(InteractionAttendee.interaction_id)))
    for meeting in meetings:
        note = notes[meeting.note_id]
        assert note.source == "log" and note.account_id == meeting.account_id
        assert note.written_on == meeting.occurred_on and -2 <= meeting.sentiment <= 2
        assert meeting.id in attended
    assert {m.sentiment for m in meetings} == {-2, -1, 0, 1, 2}
    assert sum(1 for n in notes.values() if n.source == "log") == len(meetings)
    assert any(a.interaction_id for a in rows(demo, Action))


# --------------------------------------------------------------------------- plans, reviews, selection


def check_plans(demo, today):
    by_name = accounts(demo)
    sections = defaultdict(set)
    for section in rows(demo, PlanSection):
        sections[section.account_id].add(section.section)
    planned = [a for a in key_accounts(demo) if sections[a.id]]
    assert len(planned) >= len(key_accounts(demo)) - 1
    assert all(sections[a.id] == {"customer_goals", "financial_health", "initiatives", "competitors"} for a in planned)
    assert not sections[by_name["Vantor Energy AS"].id] and by_name["Vantor Energy AS"].plan_updated_at is None
    stale = [a.name for a in planned if (today - a.plan_updated_at.date()).days >= 200]
    assert stale == ["Nordlys Pharma AB"]
    assert {o.horizon for o in rows(demo, Objective)} == {"short", "mid", "long"}
    assert all(o.owner_user_id and o.due_on for o in rows(demo, Objective))
    actions = rows(demo, Action)
    assert any(a.status == "open" and a.due_on < today for a in actions)
    assert any(a.status == "open" and today <= a.due_on <= today + timedelta(days=7) for a in actions)
    assert any(a.status == "done" and a.done_at for a in actions)
    assert any(a.objective_id for a in actions)


def check_opportunities_and_reviews(demo, today):
    opportunities = rows(demo, Opportunity)
    assert {o.status for o in opportunities} == {"open", "won", "lost"}
    assert any(o.status == "open" and not o.next_step for o in opportunities)
    reviews = rows(demo, Review)
    by_account = defaultdict(list)
    for review in reviews:
        by_account[review.account_id].append(review)
    overdue = []
    for account in key_accounts(demo):
        done = [r for r in by_account[account.id] if r.done_at]
        pending = [r for r in by_account[account.id] if not r.done_at]
        assert done and all(1 <= r.engagement_rating <= 5 and 1 <= r.loyalty_rating <= 5 for r in done)
        assert len(pending) == 1
        if pending[0].due_on <= today - timedelta(days=10):
            overdue.append(account.name)
        else:
            assert today < pending[0].due_on <= today + timedelta(days=35)
    assert overdue == ["Meridian Foods SA"]


def check_tier_changes(demo, today):
    by_id = {a.id: a for a in rows(demo, Account)}
    changes = rows(demo, TierChange)
    statuses = {(by_id[c.account_id].name, c.status) for c in changes}
    assert ("Vantor Energy AS", "approved") in statuses
    pending = [by_id[c.account_id] for c in changes if c.status == "pending"]
    assert pending and all(a.tier == "candidate" for a in pending)
    audited = {(e.entity_id, e.action) for e in rows(demo, AuditEntry) if e.entity == "tier_change"}
    for change in changes:
        assert (change.id, "tier_change.requested") in audited
        if change.status != "pending":
            assert (change.id, f"tier_change.{change.status}") in audited


# --------------------------------------------------------------------------- the tests


def test_a_realistic_portfolio_of_named_accounts(demo, today):
    for check in (check_size_and_tiers, check_named_accounts, check_our_side, check_eight_quarters_of_money):
        check(demo, today)


def test_selection_material(demo, today):
    for check in (check_criteria_and_quadrants, check_score_history, check_perception_gaps, check_80_20,
                  check_fast_growing_regular, check_tier_changes):
        check(demo, today)


def test_relationship_material(demo, today):
    for check in (check_coverage_colours_and_gaps, check_supportive_and_unsupportive, check_stakeholders_complete,
                  check_last_contact):
        check(demo, today)


def test_notes_and_meetings(demo, today):
    for check in (check_notes, check_swot_material, check_meetings):
        check(demo, today)


def test_plans_reviews_and_opportunities(demo, today):
    for check in (check_plans, check_opportunities_and_reviews):
        check(demo, today)


def test_a_second_seed_without_reset_changes_nothing(demo, today):
    before = {model: count(demo, model) for model in (Account, Note, Stakeholder, Financial, Score, Action)}
    messages: list[str] = []
    again = seed_demo(demo, T_A, today, progress=messages.append)
    demo.commit()
    assert not again.seeded and again.accounts == 0 and "already" in again.message
    assert {model: count(demo, model) for model in before} == before


def test_reset_reseeds_one_workspace_the_same_and_leaves_the_other_alone(engine, today):
    first = seed(engine, T_A, today)
    seed(engine, T_B, today)
    with Session(engine) as session:
        before_a = fingerprint(session, T_A)
        assert fingerprint(session, T_B) == before_a
        b_notes = sorted(session.scalars(select(Note.id).where(Note.team_id == T_B)))
    messages: list[str] = []
    again = seed(engine, T_A, today, reset=True, progress=messages.append)
    assert first.seeded and again.seeded and again.deleted > 0 and messages
    assert again.counts == first.counts
    with Session(engine) as session:
        assert fingerprint(session, T_A) == before_a
        assert fingerprint(session, T_B) == before_a
        assert sorted(session.scalars(select(Note.id).where(Note.team_id == T_B))) == b_notes


# --------------------------------------------------------------------------- helpers


def current_scores(session: Session) -> dict[int, dict[str, int]]:
    keys = {c.id: c.key for c in rows(session, Criterion)}
    latest: dict[tuple[int, int], Score] = {}
    for score in rows(session, Score):
        slot = (score.account_id, score.criterion_id)
        if slot not in latest or score.scored_at >= latest[slot].scored_at:
            latest[slot] = score
    current: dict[int, dict[str, int]] = defaultdict(dict)
    for (account_id, criterion_id), score in latest.items():
        current[account_id][keys[criterion_id]] = score.value
    return current


def astuple(position) -> tuple[float, float]:
    return position.attractiveness, position.strength
