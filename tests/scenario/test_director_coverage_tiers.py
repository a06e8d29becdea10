"""Issue 15 over signed Slack HTTP: coverage that never outshines its gaps, and tier changes that carry
their consequences (no stale review after a demotion, a sponsor asked for, why an account is key)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from kam_domain.models import Account, Review, TierChange
from support.builders import add_account, add_criteria, add_scores, add_stakeholder
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]
STRATEGIC = {"product_fit": 8, "solvency": 8, "relationship_strength": 8}


@pytest.fixture(autouse=True)
def account_channels(scenario):
    scenario.fake.join("C_MERIDIAN", "C_VANTOR", "C_BOREALIS")


def ago(days: int):
    return TODAY - timedelta(days=days)


def seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        alpenglow = add_account(session, TEAM, "Alpenglow Chemicals AG", tier="key", owner_user_id="U_SOFIA")
        add_stakeholder(session, alpenglow, "Markus Becker", title="Managing Director", role="economic_buyer",
                        influence=5, attitude=1, owner_user_id="U_SOFIA", last_contact_on=ago(70))
        add_stakeholder(session, alpenglow, "Eva Huber", title="Plant Manager", role="technical_buyer", influence=3,
                        attitude=1, owner_user_id="U_SOFIA", last_contact_on=ago(5))
        lumen = add_account(session, TEAM, "Lumen Solar Systems BV", tier="candidate", owner_user_id="U_ALICE")
        add_stakeholder(session, lumen, "Bram Visser", title="CFO", role="economic_buyer", influence=4, attitude=0,
                        owner_user_id="U_ALICE", last_contact_on=ago(61))
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_HELENA", channel_id="C_BOREALIS")
        add_stakeholder(session, borealis, "Katrin Vogel", title="CFO", role="economic_buyer", influence=5,
                        attitude=1, owner_user_id="U_HELENA", last_contact_on=ago(19))
        add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                        attitude=1, owner_user_id="U_ALICE", last_contact_on=ago(6))
        meridian = add_account(session, TEAM, "Meridian Foods SA", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id="C_MERIDIAN", review_cadence_days=90)
        session.add(Review(team_id=TEAM, account_id=meridian.id, due_on=ago(12)))
        nordwind = add_account(session, TEAM, "Nordwind Tools AG", tier="candidate", owner_user_id="U_ALICE")
        vantor = add_account(session, TEAM, "Vantor Energy AS", tier="key", owner_user_id="U_ALICE",
                             sponsor_user_id="U_HELENA", channel_id="C_VANTOR", key_since=ago(78))
        session.add(TierChange(team_id=TEAM, account_id=vantor.id, from_tier="candidate", to_tier="key",
                               kind="nomination", reason="Electrification of Kårstø: four times today's revenue.",
                               requested_by="U_ALICE", requested_at=datetime.combine(ago(82), datetime.min.time(),
                                                                                     tzinfo=timezone.utc),
                               status="approved", decided_by="U_HELENA",
                               decided_at=datetime.combine(ago(78), datetime.min.time(), tzinfo=timezone.utc),
                               decision_reason="Strong fit and real potential. Write the account plan within 60 days."))
        for account in (alpenglow, lumen, borealis, meridian, nordwind, vantor):
            add_scores(session, account, c, STRATEGIC)
        session.commit()
        return {"meridian": meridian.id, "nordwind": nordwind.id, "vantor": vantor.id}


def text_of(reply: dict) -> str:
    return reply.get("text", "") + json.dumps(reply.get("blocks", []), ensure_ascii=False)


def ask(scenario, line: str, count: int, user_id: str = "U_ALICE") -> str:
    scenario.command(line, user_id=user_id)
    return text_of(scenario.replies(count=count)[count - 1])


def test_coverage_never_outshines_its_gaps(engine, scenario):
    seed(engine)
    card = ask(scenario, "account alpenglow", 1)
    assert ":large_orange_circle: amber" in card and ":large_green_circle: green" not in card
    assert "No decision maker mapped" in card and "Key people gone cold: Markus Becker" in card
    assert "No executive sponsor" in card and "held back by" in card

    lumen = ask(scenario, "stakeholder lumen Bram Visser attitude=+1", 2)
    assert "Coverage :red_circle: red → :large_orange_circle: amber" in lumen  # Bram is still cold (61 days)
    assert "green" not in lumen.split("Coverage")[-1]

    borealis = ask(scenario, "stakeholder borealis Katrin Vogel attitude=-1", 3)
    assert "Coverage :large_green_circle: green → :red_circle: red" in borealis  # the economic buyer turned
    stakeholders = ask(scenario, "stakeholders borealis", 4)
    assert ":red_circle: *Coverage: red*" in stakeholders and "(economic buyer)" in stakeholders


def test_a_demoted_account_has_no_overdue_review_and_no_escalation(engine, scenario):
    ids = seed(engine)
    before = ask(scenario, "next meridian", 1)
    assert "escalated to the executive sponsor" in before
    ask(scenario, "demote meridian loss-making for four quarters, no growth plan", 2)
    approved = ask(scenario, "approve meridian", 3, user_id="U_SPONSOR")
    assert "no longer a key account" in approved and "No more key-account reviews" in approved
    card = ask(scenario, "account meridian", 4)
    assert "not scheduled" in card and "overdue" not in card.split("Next review")[-1][:80]
    after = ask(scenario, "next meridian", 5)
    assert "escalated" not in after and "Hold the overdue account review" not in after
    with Session(engine) as session:
        assert session.get(Account, ids["meridian"]).review_cadence_days is None


def test_approving_a_key_account_asks_for_a_sponsor(engine, scenario):
    ids = seed(engine)
    ask(scenario, "nominate nordwind a new plant doubles their volume", 1)
    refused = ask(scenario, "approve nordwind", 2, user_id="U0ADMIN")
    assert "has no executive sponsor" in refused and "sponsor=@someone" in refused and "override REASON" in refused
    with Session(engine) as session:
        assert session.get(Account, ids["nordwind"]).tier == "candidate"
    approved = ask(scenario, "approve nordwind sponsor=<@U_HELENA|helena>", 3, user_id="U0ADMIN")
    assert "is now a key account" in approved and "Executive sponsor: <@U_HELENA>" in approved
    assert "Reviews every 30 days" in approved  # Strategic: monthly, not the candidate's quarterly
    with Session(engine) as session:
        account = session.get(Account, ids["nordwind"])
        assert (account.tier, account.sponsor_user_id) == ("key", "U_HELENA")


def test_why_is_an_account_key_shows_the_nomination_approval_and_the_missed_condition(engine, scenario):
    seed(engine)
    scenario.event({"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> why is Vantor a key account?",
                    "channel": "C_SALES", "ts": "1700000001.000100"})
    answer = json.dumps(scenario.fake.wait_for("chat.postMessage", timeout=60)[0].args, ensure_ascii=False)
    assert "Why key" in answer and "Electrification of Kårstø" in answer
    assert "approved by <@U_HELENA>" in answer
    assert "Write the account plan within 60 days: MISSED" in answer and "(18 days ago)" in answer
    nxt = ask(scenario, "next vantor", 1)
    assert "Meet the approval condition: Write the account plan within 60 days" in nxt
