"""Tier changes carry their consequences (issue 15), on SQLite and PostgreSQL: the cadence and the next
review after an approved change, no escalation for non-key accounts, the sponsor asked for when a key
account is approved, and the approval's conditions tracked (card, next actions, the KAM's nudge)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from kam_domain.models import Account, AuditEntry, Review, TeamMember, TierChange
from kam_domain.rules.next_actions import SuggestionKind
from kam_domain.services import accounts, key_status, next_actions, reminders, tier_changes
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_scores
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
ADMIN = Actor(TEAM, "U0ADMIN", is_admin=True)
KAM = Actor(TEAM, "U_ALICE")
SPONSOR = Actor(TEAM, "U_SPONSOR")
ADMINS = ("U0ADMIN",)
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]
STRATEGIC = {"product_fit": 8, "solvency": 8, "relationship_strength": 8}


def seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        criteria = add_criteria(session, TEAM, SPECS)
        # a key account whose cadence override (90) came from its old life, with a review 12 days overdue
        meridian = add_account(session, TEAM, "Meridian Foods SA", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id="C_MERIDIAN", review_cadence_days=90)
        session.add(Review(team_id=TEAM, account_id=meridian.id, due_on=TODAY - timedelta(days=12)))
        # a Strategic candidate carrying the candidate's quarterly cadence as an override
        alpenglow = add_account(session, TEAM, "Alpenglow Chemicals AG", tier="candidate", owner_user_id="U_ALICE",
                                review_cadence_days=90)
        session.add(Review(team_id=TEAM, account_id=alpenglow.id, due_on=TODAY + timedelta(days=80)))
        vantor = add_account(session, TEAM, "Vantor Energy AS", owner_user_id="U_ALICE",
                             sponsor_user_id="U_SPONSOR", channel_id="C_VANTOR")
        for account in (meridian, alpenglow, vantor):
            add_scores(session, account, criteria, STRATEGIC)
        session.commit()
        return {"meridian": meridian.id, "alpenglow": alpenglow.id, "vantor": vantor.id}


def uow(engine) -> UnitOfWork:
    return UnitOfWork(engine)


def approve(engine, actor, name, **kwargs):
    change_id, _ = tier_changes.pending_request_id(uow(engine), actor, [name], "approve")
    return tier_changes.decide(uow(engine), actor, change_id, approve=True, now=NOW, today=TODAY, **kwargs)


def plan_at(engine, instant):
    with Session(engine) as session:
        snapshot = reminders.load_snapshot(session, TEAM, instant, admins=ADMINS)
    return snapshot, reminders.plan_due(snapshot, instant)


# ---------------------------------------------------------------------------- demotion


def test_an_approved_demotion_ends_reviews_overdue_state_and_escalation(engine):
    ids = seed(engine)
    _, before = plan_at(engine, NOW + timedelta(days=1))
    assert any(d.kind == reminders.REVIEW_ESCALATION and d.account_id == ids["meridian"] for d in before.deliveries)
    assert any(i.kind == SuggestionKind.REVIEW_OVERDUE.value and "escalated" in i.reason
               for i in next_actions.next_actions(uow(engine), KAM, "meridian", TODAY).items)

    tier_changes.request_demotion(uow(engine), KAM, ["Meridian", "loss-making", "for", "four", "quarters"], NOW, ADMINS)
    decision = approve(engine, SPONSOR, "Meridian")
    assert decision.to_tier == "regular" and decision.review_cadence_days is None and decision.next_review_on is None

    card = accounts.account_card(uow(engine), KAM, "meridian", TODAY)
    assert (card.tier, card.next_review_due, card.review_overdue) == ("regular", None, False)
    items = next_actions.next_actions(uow(engine), KAM, "meridian", TODAY).items
    assert not any(i.kind == SuggestionKind.REVIEW_OVERDUE.value for i in items)
    assert not any("escalated" in i.reason for i in items)
    _, after = plan_at(engine, NOW + timedelta(days=1))
    assert not any(d.account_id == ids["meridian"] and d.kind in (reminders.REVIEW_ESCALATION,
                                                                  reminders.REVIEW_REMINDER) for d in after.deliveries)
    assert ids["meridian"] not in [a for a, _ in after.new_reviews]
    with Session(engine) as session:
        account = session.get(Account, ids["meridian"])
        assert account.review_cadence_days is None  # the key-account override went with the tier
        review = session.exec(select(Review).where(Review.account_id == account.id)).one()
        assert review.done_at is not None and "stopped being key" in review.outcome
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "account.tier_changed")).one()
        assert entry.before["review_cadence_override"] == 90 and entry.after["review_cadence_days"] is None


def test_a_candidate_escalates_to_nobody(engine):
    ids = seed(engine)
    with Session(engine) as session:
        account = session.get(Account, ids["alpenglow"])
        account.sponsor_user_id = "U_SPONSOR"
        review = session.exec(select(Review).where(Review.account_id == account.id)).one()
        review.due_on = TODAY - timedelta(days=12)
        session.add_all([account, review])
        session.commit()
    _, plan = plan_at(engine, NOW + timedelta(days=1))
    kinds = {d.kind for d in plan.deliveries if d.account_id == ids["alpenglow"]}
    assert reminders.REVIEW_ESCALATION not in kinds
    reason = next(i.reason for i in next_actions.next_actions(uow(engine), KAM, "alpenglow", TODAY).items
                  if i.kind == SuggestionKind.REVIEW_OVERDUE.value)
    assert "escalat" not in reason


# ---------------------------------------------------------------------------- promotion: cadence by the one rule


def test_a_strategic_candidate_made_key_is_reviewed_monthly_not_quarterly(engine):
    ids = seed(engine)
    with Session(engine) as session:
        session.get(Account, ids["alpenglow"]).sponsor_user_id = "U_SPONSOR"
        session.commit()
    tier_changes.nominate(uow(engine), KAM, ["Alpenglow", "two", "new", "lines"], NOW, ADMINS)
    decision = approve(engine, SPONSOR, "Alpenglow")
    assert decision.review_cadence_days == 30  # Strategic: at least as often as a Star, not the candidate's 90
    assert decision.next_review_on == TODAY + timedelta(days=30)  # the review owed in 80 days comes sooner
    with Session(engine) as session:
        account = session.get(Account, ids["alpenglow"])
        assert (account.tier, account.review_cadence_days) == ("key", None)
        due = session.exec(select(Review.due_on).where(Review.account_id == account.id,
                                                       Review.done_at.is_(None))).all()
        assert due == [TODAY + timedelta(days=30)]
        details = tier_changes.request_details(session, TEAM, decision.tier_change_id)
        assert details.review_cadence_days == 30


# ---------------------------------------------------------------------------- sponsor on approval


def test_approving_a_key_account_without_a_sponsor_asks_for_one_and_writes_nothing(engine):
    ids = seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Alpenglow", "two", "new", "lines"], NOW, ADMINS)
    with pytest.raises(tier_changes.SponsorNeeded) as caught:
        approve(engine, ADMIN, "Alpenglow")
    message = caught.value.message
    assert "no executive sponsor" in message and f"/kam approve #{ids['alpenglow']} sponsor=@someone" in message
    assert "override REASON" in message and "Nothing was changed" in message
    with Session(engine) as session:
        assert session.get(Account, ids["alpenglow"]).tier == "candidate"
        assert session.exec(select(TierChange)).one().status == "pending"
        assert not session.exec(select(AuditEntry).where(AuditEntry.action == "tier_change.approved")).all()


def test_the_approver_names_the_sponsor_with_the_approval(engine):
    ids = seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Alpenglow", "two", "new", "lines"], NOW, ADMINS)
    decision = approve(engine, ADMIN, "Alpenglow", sponsor="@U_HELENA")
    assert decision.approved and decision.sponsor_named == "U_HELENA" and not decision.overridden
    with Session(engine) as session:
        assert session.get(Account, ids["alpenglow"]).sponsor_user_id == "U_HELENA"
        member = session.exec(select(TeamMember).where(TeamMember.account_id == ids["alpenglow"],
                                                       TeamMember.user_id == "U_HELENA")).one()
        assert member.role == "sponsor"
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "team.sponsor_changed")).one().actor == \
            "U0ADMIN"


def test_a_bad_sponsor_writes_nothing(engine):
    ids = seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Alpenglow", "two", "new", "lines"], NOW, ADMINS)
    with pytest.raises(tier_changes.UserError):
        approve(engine, ADMIN, "Alpenglow", sponsor="U_ALICE")  # the KAM can't be the sponsor too
    with Session(engine) as session:
        assert session.get(Account, ids["alpenglow"]).tier == "candidate"
        assert session.exec(select(TierChange)).one().status == "pending"


def test_or_approves_without_one_saying_why(engine):
    ids = seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Alpenglow", "two", "new", "lines"], NOW, ADMINS)
    decision = approve(engine, ADMIN, "Alpenglow", override_reason="Helena joins in January and will sponsor it")
    assert decision.approved and decision.overridden == tier_changes.SPONSOR_REQUIREMENT
    with Session(engine) as session:
        assert session.get(Account, ids["alpenglow"]).sponsor_user_id is None
        assert session.exec(select(TierChange)).one().override_reason.startswith("Helena joins")
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "tier_change.approved")).one()
        assert "executive sponsor requirement override: Helena joins" in entry.reason


# ---------------------------------------------------------------------------- conditions


def test_a_missed_approval_condition_is_shown_becomes_a_next_action_and_a_nudge(engine):
    ids = seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Vantor", "electrification", "of", "Kårstø"], NOW, ADMINS)
    approve(engine, SPONSOR, "Vantor", reason="Strong fit and real potential. Write the account plan within 60 days.")
    later = TODAY + timedelta(days=78)

    why = key_status.why_key(uow(engine), KAM, "vantor", later)
    assert (why.reason, why.approved_by, why.requested_by) == ("electrification of Kårstø", "U_SPONSOR", "U_ALICE")
    assert [(c.text, c.status, c.days_late) for c in why.conditions] == [
        ("Write the account plan within 60 days", "missed", 18)]
    card = accounts.account_card(uow(engine), KAM, "vantor", later)
    assert card.key_status.missed and card.key_status.decision_reason.startswith("Strong fit")

    items = next_actions.next_actions(uow(engine), KAM, "vantor", later).items
    missed = next(i for i in items if i.kind == SuggestionKind.MISSED_CONDITION.value)
    assert missed.text == "Meet the approval condition: Write the account plan within 60 days"
    assert missed.owner_user_id == "U_ALICE" and "18 days ago" in missed.reason

    instant = datetime.combine(later, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=10)
    _, plan = plan_at(engine, instant)
    nudge = next(d for d in plan.deliveries if d.kind == reminders.NUDGE and d.target == "U_ALICE")
    item = next(i for i in nudge.payload["items"] if i["type"] == "condition")
    assert (item["account_id"], item["title"], item["days_late"]) == (
        ids["vantor"], "Write the account plan within 60 days", 18)
    with Session(engine) as session:
        assert reminders.live_items(session, TEAM, [item], later) == [item]
        session.get(Account, ids["vantor"]).plan_updated_at = NOW + timedelta(days=79)
        session.commit()
        assert reminders.live_items(session, TEAM, [item], later) == []  # met since: not sent

    met = key_status.why_key(uow(engine), KAM, "vantor", later)
    assert [c.status for c in met.conditions] == ["met"]
    assert not any(i.kind == SuggestionKind.MISSED_CONDITION.value
                   for i in next_actions.next_actions(uow(engine), KAM, "vantor", later).items)


def test_a_key_account_with_no_nomination_on_record_says_so(engine):
    seed(engine)
    why = key_status.why_key(uow(engine), KAM, "meridian", TODAY)
    assert not why.on_record and why.conditions == []
