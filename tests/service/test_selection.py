"""Selection services on real databases: criteria, scores, nominations, demotions, decisions, watch-list."""
from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import NeedsChoice, NotAllowed, UserError
from kam_domain.models import (
    Account,
    AuditEntry,
    Criterion,
    Delivery,
    Review,
    Score,
    TierChange,
    Workspace,
)
from kam_domain.services import selection, tier_changes
from kam_domain.services.accounts import list_accounts
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_financials, add_member, add_scores
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
ADMIN = Actor(TEAM, "U0ADMIN", is_admin=True)
KAM = Actor(TEAM, "U_ALICE")  # owner of the accounts below
SPONSOR = Actor(TEAM, "U_SPONSOR")
MEMBER = Actor(TEAM, "U_MEMBER")  # on the team of Helios only
OUTSIDER = Actor(TEAM, "U_OUTSIDER")
ADMINS = ("U0ADMIN", "U0ADMIN2")
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]


def seed(engine, cap: int = 35) -> dict[str, int]:
    with Session(engine) as session:
        criteria = add_criteria(session, TEAM, SPECS)
        session.get(Workspace, TEAM).key_account_cap = cap
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id="C_BOREALIS")
        helios = add_account(session, TEAM, "Helios Foods AG", owner_user_id="U_ALICE",
                             sponsor_user_id="U_SPONSOR", channel_id="C_HELIOS")
        orphan = add_account(session, TEAM, "Orphan Tools Ltd", owner_user_id="U_ALICE")
        beta = add_account(session, "T_BETA", "Secret Beta Corp", owner_user_id="U_ALICE")
        add_member(session, helios, "U_MEMBER")
        add_scores(session, borealis, criteria, {"product_fit": 8, "solvency": 7, "relationship_strength": 8})
        add_scores(session, helios, criteria, {"product_fit": 7, "solvency": 6, "relationship_strength": 4})
        backdate_scores(session)
        session.commit()
        return {"borealis": borealis.id, "helios": helios.id, "orphan": orphan.id, "beta": beta.id}


def backdate_scores(session, days: int = 30) -> None:
    """Builders stamp scores with the wall clock; seeded scores come before the fixed test clock."""
    for row in session.exec(select(Score)).all():
        row.scored_at = NOW - timedelta(days=days)
        session.add(row)
    session.flush()


def uow(engine) -> UnitOfWork:
    return UnitOfWork(engine)


def count(engine, model, *where) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def audits(engine, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


# ---------------------------------------------------------------------------- criteria


def test_admin_applies_a_template_and_old_criteria_stay_as_history(engine):
    seed(engine)
    view = selection.apply_template(uow(engine), ADMIN, "classic")
    assert [c.key for c in view.criteria][:2] == ["product_fit", "solvency"]
    assert len(view.criteria) == 8
    with Session(engine) as session:
        inactive = session.exec(select(Criterion).where(Criterion.key == "relationship_strength")).one()
        assert inactive.active is False  # its scores are kept, no longer counted
    entry = audits(engine, "criteria.changed")[0]
    assert entry.actor == "U0ADMIN" and entry.reason == "template classic"
    assert "relationship_strength=2:strength" in entry.before["criteria"]
    assert "existing_relationships=2:strength" in entry.after["criteria"]


def test_attractiveness_template_comes_with_strength_criteria(engine):
    seed(engine)
    view = selection.apply_template(uow(engine), ADMIN, "8point")
    axes = {c.axis for c in view.criteria}
    assert axes == {"attractiveness", "strength"} and len(view.criteria) == 11


def test_only_admins_change_criteria_and_nothing_is_written_otherwise(engine):
    seed(engine)
    with pytest.raises(NotAllowed, match="Only an admin"):
        selection.apply_template(uow(engine), SPONSOR, "classic")
    with pytest.raises(NotAllowed):
        selection.define_criteria(uow(engine), KAM, {"a_b": "1", "c_d": "1", "e_f": "1:s"})
    assert count(engine, Criterion, Criterion.team_id == TEAM) == 3
    assert audits(engine, "criteria.changed") == []


@pytest.mark.parametrize("specs, message", [
    ({"product_fit": "0", "solvency": "2", "relationship_strength": "1:s"}, "greater than 0"),
    ({"product_fit": "-1:a", "solvency": "2", "relationship_strength": "1:s"}, "greater than 0"),
    ({"product_fit": "x", "solvency": "2", "relationship_strength": "1:s"}, "not a number"),
    ({"product_fit": "2:sideways", "solvency": "2", "relationship_strength": "1:s"}, "not attractiveness or strength"),
    ({"product_fit": "2", "solvency": "2"}, "at least 3 criteria"),
    ({"ProductFit": "2", "solvency": "2", "relationship_strength": "1:s"}, "snake_case"),
    ({"a": "1:s", "b": "1:s", "c": "1:s"}, "at least one attractiveness"),
])
def test_bad_criteria_are_refused_with_what_to_fix(engine, specs, message):
    seed(engine)
    with pytest.raises(UserError, match=message):
        selection.define_criteria(uow(engine), ADMIN, specs)
    with Session(engine) as session:
        active = select(Criterion.key).where(Criterion.team_id == TEAM, Criterion.active == True)  # noqa: E712
        keys = session.exec(active).all()
    assert sorted(keys) == sorted(k for k, _, _ in SPECS)


def test_define_criteria_reuses_known_labels_and_keeps_order(engine):
    seed(engine)
    view = selection.define_criteria(uow(engine), ADMIN, {"revenue_potential": "3:a", "solvency": "1.5",
                                                          "customer_rating_of_us": "2:strength"})
    assert [(c.key, c.label, c.weight, c.axis) for c in view.criteria] == [
        ("revenue_potential", "Revenue potential", 3.0, "attractiveness"),
        ("solvency", "Solvency", 1.5, "attractiveness"),
        ("customer_rating_of_us", "Customer's rating of us", 2.0, "strength"),
    ]
    assert view.set_line == ("criteria set revenue_potential=3:attractiveness solvency=1.5:attractiveness "
                             "customer_rating_of_us=2:strength")


def test_unknown_template_suggests_the_nearest(engine):
    seed(engine)
    with pytest.raises(UserError, match="did you mean `classic`"):
        selection.apply_template(uow(engine), ADMIN, "clasic")


def test_thresholds_are_set_validated_and_audited(engine):
    seed(engine)
    view = selection.change_thresholds(uow(engine), ADMIN, {"cap": "20", "concentration": "30%", "gap": "1.5",
                                                             "watch": "7", "growth": "0.4"})
    s = view.settings
    assert (s.key_account_cap, s.concentration_share, s.perception_gap, s.watch_threshold, s.growth_threshold) == (
        20, 0.3, 1.5, 7.0, 0.4)
    assert audits(engine, "selection.thresholds_changed")[0].after["cap"] == 20
    with pytest.raises(UserError, match="whole number from 1 to 500"):
        selection.change_thresholds(uow(engine), ADMIN, {"cap": "0"})
    with pytest.raises(UserError, match="did you mean `concentration`"):
        selection.change_thresholds(uow(engine), ADMIN, {"concentraton": "20%"})
    with pytest.raises(NotAllowed):
        selection.change_thresholds(uow(engine), KAM, {"cap": "10"})
    assert selection.show_criteria(uow(engine), KAM).settings.key_account_cap == 20


# ---------------------------------------------------------------------------- scores


def test_scores_are_recorded_with_who_and_when_and_audited(engine):
    ids = seed(engine)
    card = selection.set_scores(uow(engine), KAM, "helios", {"product_fit": "9", "solvency": 6}, NOW)
    assert card.changed == ["Product fit"]  # solvency was already 6: nothing to record
    line = {c.key: c for c in card.criteria}["product_fit"]
    assert (line.value, line.previous, line.trend, line.scored_by, line.scored_at.date()) == (
        9, 7, "up", "U_ALICE", NOW.date())
    assert card.weighted == pytest.approx((3 * 9 + 2 * 6 + 2 * 4) / 7)
    assert card.quadrant == "Star" and card.history[0].changes == [("Product fit", 7, 9)]
    entry = audits(engine, "scores.set")[0]
    assert (entry.actor, entry.account_id, entry.before, entry.after) == (
        "U_ALICE", ids["helios"], {"product_fit": 7}, {"product_fit": 9})


@pytest.mark.parametrize("values, key, message", [
    ({"product_fit": "11"}, "product_fit", "out of range"),
    ({"product_fit": "0"}, "product_fit", "out of range"),
    ({"product_fit": "7.5"}, "product_fit", "not a whole number"),
    ({"prodct_fit": "7"}, "prodct_fit", "did you mean `product_fit`"),
    ({"weather": "7"}, "weather", "not a criterion"),
])
def test_bad_scores_name_the_field_and_write_nothing(engine, values, key, message):
    seed(engine)
    before = count(engine, Score)
    with pytest.raises(selection.InvalidScores) as caught:
        selection.set_scores(uow(engine), KAM, "helios", {"solvency": "8", **values}, NOW)
    assert message in caught.value.errors[key]
    assert caught.value.message.startswith("Nothing was saved")
    assert count(engine, Score) == before and audits(engine, "scores.set") == []


def test_only_the_account_team_sponsor_and_admins_score(engine):
    seed(engine)
    for actor in (KAM, SPONSOR, MEMBER, ADMIN):
        selection.set_scores(uow(engine), actor, "helios", {"solvency": "5" if actor is not ADMIN else "4"}, NOW)
    with pytest.raises(NotAllowed):
        selection.set_scores(uow(engine), OUTSIDER, "helios", {"solvency": "9"}, NOW)
    with pytest.raises(NotAllowed):
        selection.set_scores(uow(engine), MEMBER, "borealis", {"solvency": "9"}, NOW)  # not on that team
    assert selection.score_card(uow(engine), OUTSIDER, "helios").can_edit is False


def test_scores_never_reach_another_workspace(engine):
    ids = seed(engine)
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        selection.set_scores(uow(engine), ADMIN, ids["beta"], {"solvency": "9"}, NOW)
    with pytest.raises(UserError, match="No account matches") as caught:
        selection.score_card(uow(engine), ADMIN, "Secret Beta Corp")
    assert not isinstance(caught.value, NeedsChoice)  # not even a "did you mean" across workspaces


def test_score_history_groups_sessions_newest_first(engine):
    seed(engine)
    selection.set_scores(uow(engine), KAM, "helios", {"product_fit": 8}, NOW)
    selection.set_scores(uow(engine), SPONSOR, "helios", {"product_fit": 6, "relationship_strength": 7},
                         NOW + timedelta(days=1))
    card = selection.score_card(uow(engine), KAM, "helios")
    latest = card.history[0]
    assert latest.by == "U_SPONSOR"
    assert latest.changes == [("Product fit", 8, 6), ("Relationship strength", 4, 7)]
    assert {c.key: c.trend for c in card.criteria}["product_fit"] == "down"
    assert card.quadrant == "Strategic"


def test_no_chosen_criteria_means_the_day_one_template_is_in_force(engine):
    # Day one (DESIGN.md §4): a template is active from install, so scoring works before any admin chose
    # criteria. A bad key still gets a clear message and writes nothing.
    with Session(engine) as session:
        add_account(session, TEAM, "Lonely AG", owner_user_id="U_ALICE")
        session.commit()
    with pytest.raises(UserError, match="`x` is not a criterion.*product_fit"):
        selection.set_scores(uow(engine), KAM, "lonely", {"x": "1"}, NOW)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Criterion)).one() == 0
    card = selection.set_scores(uow(engine), KAM, "lonely", {"product_fit": "7"}, NOW)
    assert card.changed == ["Product fit"] and card.default_criteria is False
    with Session(engine) as session:
        keys = session.exec(select(Criterion.key).where(Criterion.team_id == TEAM)).all()
        assert "product_fit" in keys and "revenue_to_us" in keys and len(keys) == 12
        assert session.exec(select(AuditEntry.action).where(AuditEntry.team_id == TEAM)).all() == [
            "criteria.defaulted", "scores.set"]


# ---------------------------------------------------------------------------- nominations


def test_nomination_goes_to_the_sponsor_through_the_outbox(engine):
    ids = seed(engine)
    request = tier_changes.nominate(uow(engine), KAM, ["Helios", "new", "plant", "doubles", "volume"], NOW, ADMINS)
    assert (request.kind, request.from_tier, request.to_tier, request.reason) == (
        "nomination", "regular", "key", "new plant doubles volume")
    assert request.approvers == ["U_SPONSOR"] and request.cap.total == 2
    with Session(engine) as session:
        change = session.get(TierChange, request.tier_change_id)
        assert (change.status, change.requested_by) == ("pending", "U_ALICE")
        delivery = session.exec(select(Delivery)).one()
        assert (delivery.kind, delivery.target, delivery.idempotency_key, delivery.payload) == (
            "tier_change_request", "U_SPONSOR", f"tier_change:{change.id}:approver:U_SPONSOR",
            {"tier_change_id": change.id})
        assert session.get(Account, ids["helios"]).tier == "regular"  # nothing changes before approval
    assert audits(engine, "tier_change.requested")[0].reason == "new plant doubles volume"


def test_without_a_sponsor_the_admins_approve(engine):
    seed(engine)
    request = tier_changes.nominate(uow(engine), KAM, ["Orphan"], NOW, ADMINS)
    assert request.approvers == list(ADMINS)
    assert count(engine, Delivery) == 2


def test_nomination_refusals_write_nothing(engine):
    seed(engine)
    with pytest.raises(UserError, match="already a key account"):
        tier_changes.nominate(uow(engine), KAM, ["Borealis"], NOW, ADMINS)
    with pytest.raises(UserError, match="No one can approve"):
        tier_changes.nominate(uow(engine), KAM, ["Orphan"], NOW, ())
    with pytest.raises(NotAllowed):
        tier_changes.nominate(uow(engine), OUTSIDER, ["Helios"], NOW, ADMINS)
    assert count(engine, TierChange) == 0 and count(engine, Delivery) == 0
    tier_changes.nominate(uow(engine), KAM, ["Helios"], NOW, ADMINS)
    with pytest.raises(UserError, match="already a pending nomination"):
        tier_changes.nominate(uow(engine), SPONSOR, ["Helios"], NOW, ADMINS)
    assert count(engine, TierChange) == 1


def test_sponsor_approval_makes_the_account_key_with_cadence_review_announcement_and_audit(engine):
    ids = seed(engine)
    request = tier_changes.nominate(uow(engine), KAM, ["Helios", "big", "plant"], NOW, ADMINS)
    decision = tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    assert decision.approved and decision.to_tier == "key"
    assert decision.review_cadence_days == 30  # Star
    assert decision.next_review_on == TODAY + timedelta(days=30)
    assert decision.announced_in == "C_HELIOS" and decision.notified == ["U_ALICE"]
    with Session(engine) as session:
        account = session.get(Account, ids["helios"])
        # The cadence follows tier and quadrant; the account keeps no frozen override.
        assert (account.tier, account.key_since, account.review_cadence_days) == ("key", TODAY, None)
        review = session.exec(select(Review).where(Review.account_id == account.id)).one()
        assert review.due_on == TODAY + timedelta(days=30) and review.done_at is None
        change = session.get(TierChange, request.tier_change_id)
        assert (change.status, change.decided_by) == ("approved", "U_SPONSOR")
        kinds = sorted((d.kind, d.target) for d in session.exec(select(Delivery)).all())
    assert ("tier_change_announcement", "C_HELIOS") in kinds and ("tier_change_decision", "U_ALICE") in kinds
    entry = audits(engine, "account.tier_changed")[0]
    assert (entry.actor, entry.before["tier"], entry.after["tier"], entry.reason) == (
        "U_SPONSOR", "regular", "key", "big plant")
    assert audits(engine, "tier_change.approved")[0].entity_id == request.tier_change_id


def test_approval_by_someone_not_allowed_and_double_decisions_change_nothing(engine):
    ids = seed(engine)
    request = tier_changes.nominate(uow(engine), KAM, ["Helios"], NOW, ADMINS)
    for actor in (KAM, MEMBER, OUTSIDER, Actor("T_BETA", "U0ADMIN", is_admin=True)):
        with pytest.raises(UserError):
            tier_changes.decide(uow(engine), actor, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    with Session(engine) as session:
        assert session.get(Account, ids["helios"]).tier == "regular"
        assert session.get(TierChange, request.tier_change_id).status == "pending"
    tier_changes.decide(uow(engine), ADMIN, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    audit_count = count(engine, AuditEntry)
    with pytest.raises(UserError, match="already approved by U0ADMIN"):
        tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=False, now=NOW, today=TODAY,
                         reason="changed my mind entirely")
    assert count(engine, AuditEntry) == audit_count


def test_over_the_cap_approval_is_refused_unless_an_admin_overrides_with_a_reason(engine):
    ids = seed(engine, cap=1)
    request = tier_changes.nominate(uow(engine), KAM, ["Helios"], NOW, ADMINS)
    assert request.cap.over
    with pytest.raises(tier_changes.CapExceeded) as caught:
        tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    assert caught.value.can_override is False and "over the cap of 1" in caught.value.message
    with pytest.raises(NotAllowed, match="Only an admin can override"):
        tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=True, now=NOW, today=TODAY,
                         override_reason="I really want it")
    with pytest.raises(tier_changes.CapExceeded) as caught:
        tier_changes.decide(uow(engine), ADMIN, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    assert caught.value.can_override is True
    with Session(engine) as session:
        assert session.get(Account, ids["helios"]).tier == "regular"
    decision = tier_changes.decide(uow(engine), ADMIN, request.tier_change_id, approve=True, now=NOW, today=TODAY,
                                override_reason="Board priority for 2027; Meridian goes in Q1")
    assert decision.override_reason == "Board priority for 2027; Meridian goes in Q1"
    with Session(engine) as session:
        assert session.get(TierChange, request.tier_change_id).override_reason.startswith("Board priority")
    assert "cap overridden: Board priority" in audits(engine, "account.tier_changed")[0].reason


def test_rejection_needs_a_reason_and_tells_the_requester(engine):
    ids = seed(engine)
    request = tier_changes.nominate(uow(engine), MEMBER, ["Helios"], NOW, ADMINS)
    with pytest.raises(tier_changes.MissingReason):
        tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=False, now=NOW, today=TODAY)
    decision = tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=False, now=NOW, today=TODAY,
                                reason="Volumes too small until the plant opens")
    assert not decision.approved and decision.announced_in is None
    assert sorted(decision.notified) == ["U_ALICE", "U_MEMBER"]
    with Session(engine) as session:
        assert session.get(Account, ids["helios"]).tier == "regular"
        assert session.get(TierChange, request.tier_change_id).decision_reason.startswith("Volumes")


# ---------------------------------------------------------------------------- demotions


def test_demotion_needs_a_written_reason(engine):
    seed(engine)
    for words in (["Borealis"], ["Borealis", "meh"]):
        with pytest.raises(tier_changes.MissingReason, match="needs a written reason"):
            tier_changes.request_demotion(uow(engine), KAM, words, NOW, ADMINS)
    with pytest.raises(UserError, match="not a key account"):
        tier_changes.request_demotion(uow(engine), KAM, ["Helios", "volumes", "fell", "sharply"], NOW, ADMINS)
    assert count(engine, TierChange) == 0


def test_approved_demotion_ends_key_status_closes_reviews_and_is_announced(engine):
    ids = seed(engine)
    with Session(engine) as session:
        session.add(Review(team_id=TEAM, account_id=ids["borealis"], due_on=TODAY + timedelta(days=5)))
        session.commit()
    request = tier_changes.request_demotion(uow(engine), KAM, ["Borealis", "volumes", "fell", "60%"], NOW, ADMINS)
    assert request.to_tier == "regular" and request.cap is None
    decision = tier_changes.decide(uow(engine), SPONSOR, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    assert decision.announced_in == "C_BOREALIS"
    with Session(engine) as session:
        account = session.get(Account, ids["borealis"])
        assert (account.tier, account.key_since, account.review_cadence_days) == ("regular", None, None)
        review = session.exec(select(Review).where(Review.account_id == account.id)).one()
        assert review.done_at is not None and "stopped being key" in review.outcome
    entry = audits(engine, "account.tier_changed")[0]
    assert (entry.before["tier"], entry.after["tier"], entry.reason) == ("key", "regular", "volumes fell 60%")


def test_pending_requests_and_lookup_by_account(engine):
    seed(engine)
    tier_changes.nominate(uow(engine), KAM, ["Helios"], NOW, ADMINS)
    rows = tier_changes.pending_requests(uow(engine), KAM).rows
    assert [(r.account_name, r.kind) for r in rows] == [("Helios Foods AG", "nomination")]
    tier_change_id, rest = tier_changes.pending_request_id(uow(engine), SPONSOR, ["helios", "override", "x"], "approve")
    assert tier_change_id == rows[0].tier_change_id and rest == "override x"
    with pytest.raises(UserError, match="no pending"):
        tier_changes.pending_request_id(uow(engine), SPONSOR, ["Borealis"], "approve")
    with pytest.raises(NotAllowed):
        tier_changes.pending_for_decision(uow(engine), KAM, tier_change_id)


def test_only_the_approval_of_a_tier_change_assigns_account_tier():
    """No service or bot code sets Account.tier except tier_changes._apply (the approval)."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in [*root.joinpath("kam_domain", "services").glob("*.py"), *root.joinpath("bot").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for node in ast.walk(function):
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
                if any(isinstance(t, ast.Attribute) and t.attr == "tier" for t in targets):
                    offenders.append(f"{path.name}:{function.name}")
                if isinstance(node, ast.Call) and any(k.arg == "tier" for k in node.keywords) and \
                        isinstance(node.func, ast.Attribute) and node.func.attr == "values":
                    offenders.append(f"{path.name}:{function.name}")
    assert offenders == ["tier_changes.py:_apply"]


# ---------------------------------------------------------------------------- watch-list


def test_watch_list_has_candidates_and_regular_accounts_worth_watching_with_reasons(engine):
    with Session(engine) as session:
        criteria = add_criteria(session, TEAM, SPECS)
        high = add_account(session, TEAM, "High Score AG")
        growing = add_account(session, TEAM, "Growing Fast BV")
        candidate = add_account(session, TEAM, "Candidate Co", tier="candidate")
        plain = add_account(session, TEAM, "Plain Regular Ltd")
        key = add_account(session, TEAM, "Key Account SA", tier="key")
        for account in (high, key):
            add_scores(session, account, criteria, {"product_fit": 8, "solvency": 8, "relationship_strength": 8})
        add_scores(session, plain, criteria, {"product_fit": 4, "solvency": 5, "relationship_strength": 5})
        add_financials(session, growing, [("2025-Q3", 100, 50), ("2025-Q4", 100, 50),
                                          ("2026-Q1", 160, 60), ("2026-Q2", 170, 60)])
        add_financials(session, plain, [("2025-Q3", 100, 50), ("2025-Q4", 100, 50),
                                        ("2026-Q1", 101, 60), ("2026-Q2", 100, 60)])
        session.commit()
    tier_changes.nominate(uow(engine), ADMIN, ["Candidate", "Co"], NOW, ADMINS)
    watch = list_accounts(uow(engine), KAM, "candidates")
    reasons = {row.name: row.reasons for row in watch.rows}
    assert set(reasons) == {"High Score AG", "Growing Fast BV", "Candidate Co"}
    assert "watch threshold" in reasons["High Score AG"][0]
    assert "revenue grew 65%" in reasons["Growing Fast BV"][0]
    assert reasons["Candidate Co"][0] == "on the watch-list as a candidate"
    assert "nomination pending" in reasons["Candidate Co"][-1]
    assert [r.name for r in list_accounts(uow(engine), KAM, "key").rows] == ["Key Account SA"]
    assert len(list_accounts(uow(engine), KAM, "all").rows) == 5
