"""The authorization table of kam_domain/services/authz.py, cell by cell, through the real services.

Every role x every action of the table: allowed cells succeed and write what they should;
refused cells raise NotAllowed with a clear message and change nothing (no row, no audit entry).
Plus the four-eyes rule on tier changes: nobody approves their own request, except an admin with
a written reason, which is audited.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import Account, AuditEntry, Criterion, Score, TierChange, Workspace
from kam_domain.services import accounts, selection, tier_changes
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from security_world import changed_tables, snapshot
from support.builders import add_account, add_criteria, add_member
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
ADMINS = ["U_ADMIN"]

ROLES = {
    "admin": Actor(TEAM, "U_ADMIN", is_admin=True),
    "sponsor": Actor(TEAM, "U_SPONSOR"),
    "account_team": Actor(TEAM, "U_MEMBER"),  # on the account team (not its KAM)
    "member": Actor(TEAM, "U_SOMEONE"),  # of the workspace, not of this account
    "guest": Actor(TEAM, "U_GUEST", is_guest=True),  # a Slack guest
    "shared_channel_user": Actor(TEAM, "U_EXTERNAL", is_guest=True),  # another organisation, shared channel
    "admin_of_another_workspace": Actor("T_BETA", "U_ADMIN", is_admin=True),
}

Y, N = True, False
# action: admin, sponsor, account team, member, guest, shared-channel user, another workspace's admin
TABLE = {
    "read": (Y, Y, Y, Y, N, N, N),
    "read_restricted": (Y, Y, Y, N, N, N, N),
    "write": (Y, Y, Y, N, N, N, N),  # score, edit plan and map, log
    "request_tier_change": (Y, Y, Y, N, N, N, N),
    "approve_tier_change": (Y, Y, N, N, N, N, N),
    "override_cap": (Y, N, N, N, N, N, N),
    "administer": (Y, N, N, N, N, N, N),  # criteria and thresholds
}


def test_the_table_matches_the_documented_one():
    import kam_domain.services.authz as authz

    doc = authz.__doc__
    for row in ("read an account", "read a restricted account", "score, edit plan and map, log",
                "nominate, request demotion", "approve a tier change", "override the key-account cap",
                "change criteria, import"):
        assert row in doc
    assert len(TABLE) == 7 and all(len(cells) == len(ROLES) for cells in TABLE.values())


def seed(engine, cap: int = 35) -> dict[str, int]:
    with Session(engine) as session:
        workspace = Workspace(team_id=TEAM, name="Alpha", key_account_cap=cap)
        session.add(workspace)
        session.flush()
        criteria = add_criteria(session, TEAM, [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
                                                ("relationship", 2, "strength")])
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="regular", owner_user_id="U_KAM",
                               sponsor_user_id="U_SPONSOR")
        secret = add_account(session, TEAM, "Secret Merger Target AG", tier="regular", owner_user_id="U_KAM",
                             sponsor_user_id="U_SPONSOR", restricted=True)
        key = add_account(session, TEAM, "Keystone Key Account AG", tier="key", owner_user_id="U_KAM",
                          sponsor_user_id="U_SPONSOR")
        for account in (borealis, secret, key):
            add_member(session, account, "U_MEMBER")
        # a request waiting for a decision, asked by the KAM (not by any role under test)
        session.add(TierChange(team_id=TEAM, account_id=borealis.id, from_tier="regular", to_tier="key",
                               kind="nomination", reason="growth", requested_by="U_KAM", requested_at=NOW))
        session.commit()
        assert len(criteria) == 3
        return {"borealis": borealis.id, "secret": secret.id, "key": key.id}


def _pending(engine, account_id: int) -> int:
    with Session(engine) as session:
        return session.exec(select(TierChange.id).where(TierChange.account_id == account_id,
                                                        TierChange.status == "pending")).one()


def _fill_the_cap(engine) -> None:
    with Session(engine) as session:
        workspace = session.get(Workspace, TEAM)
        workspace.key_account_cap = 1
        session.add(workspace)
        session.commit()


def perform(action: str, engine, actor: Actor, ids: dict[str, int]):
    """Do the action of one table row through the service that does it in the product."""
    uow = UnitOfWork(engine)
    if action == "read":
        return accounts.account_card_by_id(uow, actor, ids["borealis"], TODAY)
    if action == "read_restricted":
        return accounts.account_card_by_id(uow, actor, ids["secret"], TODAY)
    if action == "write":
        return selection.set_scores(uow, actor, ids["borealis"], {"product_fit": "8"}, NOW)
    if action == "request_tier_change":
        return tier_changes.request_demotion(uow, actor, ["Keystone", "volumes", "fell", "sixty", "percent"], NOW,
                                             ADMINS)
    if action == "approve_tier_change":
        return tier_changes.decide(uow, actor, _pending(engine, ids["borealis"]), approve=True, now=NOW, today=TODAY)
    if action == "override_cap":
        _fill_the_cap(engine)
        return tier_changes.decide(uow, actor, _pending(engine, ids["borealis"]), approve=True, now=NOW, today=TODAY,
                                   override_reason="board priority for 2027")
    if action == "administer":
        return selection.change_thresholds(uow, actor, {"cap": "20"})
    raise AssertionError(action)


def _audit_count(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


CELLS = [pytest.param(action, role, cells[i], id=f"{action}-{role}")
         for action, cells in TABLE.items() for i, role in enumerate(ROLES)]


@pytest.mark.parametrize("action, role, allowed", CELLS)
def test_cell(engine, action, role, allowed):
    """On SQLite and PostgreSQL: the rule is in Python, but what a refusal leaves behind is the database's."""
    ids = seed(engine)
    actor = ROLES[role]
    before = snapshot(engine, TEAM)
    audits = _audit_count(engine)
    if allowed:
        result = perform(action, engine, actor, ids)
        assert result is not None
        if action not in ("read", "read_restricted"):
            assert _audit_count(engine) > audits, "an allowed change must be audited"
        return
    if role == "admin_of_another_workspace" and action == "administer":
        perform(action, engine, actor, ids)  # they administer their own workspace, never this one
        assert changed_tables(before, snapshot(engine, TEAM)) == []
        return
    with pytest.raises(UserError) as refused:
        perform(action, engine, actor, ids)
    message = refused.value.message
    if role == "admin_of_another_workspace":
        assert "Borealis" not in message or action == "request_tier_change"  # never names the other's data
    elif actor.is_guest:
        assert isinstance(refused.value, NotAllowed)
        assert message == "Guests and people from other organisations can't use the KAM assistant here."
    else:
        assert isinstance(refused.value, NotAllowed)
        assert message.startswith("Only ") or "someone else must approve" in message, message
    after = snapshot(engine, TEAM)
    if action == "override_cap":  # the test itself lowered the cap before asking
        after["workspace"], before["workspace"] = [], []
    assert changed_tables(before, after) == [], f"a refused {action} by {role} wrote something"
    assert _audit_count(engine) == audits


def test_another_workspaces_admin_cannot_even_find_the_account(engine):
    seed(engine)
    with pytest.raises(UserError) as refused:
        accounts.account_card(UnitOfWork(engine), ROLES["admin_of_another_workspace"], "borealis", TODAY)
    assert "Borealis" not in refused.value.message


def test_a_guest_cannot_list_pending_requests_and_members_do_not_see_restricted_ones(engine):
    ids = seed(engine)
    with Session(engine) as session:
        session.add(TierChange(team_id=TEAM, account_id=ids["secret"], from_tier="regular", to_tier="key",
                               kind="nomination", reason="confidential", requested_by="U_KAM", requested_at=NOW))
        session.commit()
    with pytest.raises(NotAllowed):
        tier_changes.pending_requests(UnitOfWork(engine), ROLES["guest"])
    seen_by_member = [r.account_name for r in tier_changes.pending_requests(UnitOfWork(engine), ROLES["member"]).rows]
    seen_by_team = [r.account_name for r in
                    tier_changes.pending_requests(UnitOfWork(engine), ROLES["account_team"]).rows]
    assert seen_by_member == ["Borealis Logistics GmbH"]
    assert sorted(seen_by_team) == ["Borealis Logistics GmbH", "Secret Merger Target AG"]


# ---------------------------------------------------------------------------- four eyes on tier changes


def test_a_sponsor_cannot_approve_their_own_nomination(engine):
    ids = seed(engine)
    request = tier_changes.nominate(UnitOfWork(engine), ROLES["sponsor"], ["Secret", "Merger"], NOW, ADMINS)
    assert request.approvers == ADMINS  # the admins decide, not the sponsor who asked
    before, audits = snapshot(engine, TEAM), _audit_count(engine)
    with pytest.raises(NotAllowed, match="someone else must approve it"):
        tier_changes.decide(UnitOfWork(engine), ROLES["sponsor"], request.tier_change_id, approve=True, now=NOW,
                            today=TODAY)
    with pytest.raises(NotAllowed):  # not even with an "override"
        tier_changes.decide(UnitOfWork(engine), ROLES["sponsor"], request.tier_change_id, approve=True, now=NOW,
                            today=TODAY, override_reason="I really want it")
    assert changed_tables(before, snapshot(engine, TEAM)) == [] and _audit_count(engine) == audits
    decision = tier_changes.decide(UnitOfWork(engine), ROLES["admin"], request.tier_change_id, approve=True,
                                   now=NOW + timedelta(hours=1), today=TODAY)
    assert decision.approved and decision.decided_by == "U_ADMIN"
    with Session(engine) as session:
        assert session.get(Account, ids["secret"]).tier == "key"


def test_a_sponsor_may_still_withdraw_their_own_request_by_rejecting_it(engine):
    seed(engine)
    request = tier_changes.nominate(UnitOfWork(engine), ROLES["sponsor"], ["Secret", "Merger"], NOW, ADMINS)
    decision = tier_changes.decide(UnitOfWork(engine), ROLES["sponsor"], request.tier_change_id, approve=False,
                                   now=NOW, today=TODAY, reason="asked too early, withdrawn")
    assert not decision.approved


def test_an_admin_approves_their_own_nomination_only_with_a_written_reason_which_is_audited(engine):
    ids = seed(engine)
    request = tier_changes.nominate(UnitOfWork(engine), ROLES["admin"], ["Secret", "Merger"], NOW, ADMINS)
    before, audits = snapshot(engine, TEAM), _audit_count(engine)
    with pytest.raises(NotAllowed, match="only with a written reason"):
        tier_changes.decide(UnitOfWork(engine), ROLES["admin"], request.tier_change_id, approve=True, now=NOW,
                            today=TODAY)
    assert changed_tables(before, snapshot(engine, TEAM)) == [] and _audit_count(engine) == audits
    decision = tier_changes.decide(UnitOfWork(engine), ROLES["admin"], request.tier_change_id, approve=True,
                                   now=NOW, today=TODAY, override_reason="board decision of 20 Nov, minuted")
    assert decision.approved and decision.override_reason == "board decision of 20 Nov, minuted"
    with Session(engine) as session:
        change = session.get(TierChange, request.tier_change_id)
        assert change.override_reason == "board decision of 20 Nov, minuted"
        approved = session.exec(select(AuditEntry).where(AuditEntry.action == "tier_change.approved")).one()
        assert "own request override: board decision of 20 Nov, minuted" in approved.reason
        tier = session.exec(select(AuditEntry).where(AuditEntry.action == "account.tier_changed")).one()
        assert "own request overridden" in tier.reason and tier.account_id == ids["secret"]


def test_the_same_rule_holds_for_demotions(engine):
    seed(engine)
    request = tier_changes.request_demotion(UnitOfWork(engine), ROLES["sponsor"],
                                            ["Keystone", "no", "growth", "plan", "for", "two", "years"], NOW, ADMINS)
    with pytest.raises(NotAllowed):
        tier_changes.decide(UnitOfWork(engine), ROLES["sponsor"], request.tier_change_id, approve=True, now=NOW,
                            today=TODAY)
    with Session(engine) as session:
        assert session.exec(select(Account).where(Account.name.startswith("Keystone"))).one().tier == "key"
        assert session.exec(select(func.count()).select_from(Score)).one() == 0
        assert session.exec(select(func.count()).select_from(Criterion)).one() == 3
