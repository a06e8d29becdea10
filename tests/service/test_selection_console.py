"""Selection in the console (`kam chat`, `kam ask`): the same handlers as Slack, rendered as text."""
from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session, select

from bot.bootstrap import Container
from bot.console import answer_line
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from kam_domain.models import Account, Delivery, Score, TierChange, Workspace
from support.builders import add_account, add_criteria, add_financials, add_scores
from support.constants import NOW
from support.fake_slack import FakeSlack

TEAM = "T_ALPHA"
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]


def seed(engine, cap: int = 35) -> dict[str, int]:
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        session.get(Workspace, TEAM).key_account_cap = cap
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id="C_BOREALIS")
        helios = add_account(session, TEAM, "Helios Foods AG", owner_user_id="U_ALICE", sponsor_user_id="U_SPONSOR",
                             channel_id="C_HELIOS")
        add_scores(session, borealis, c, {"product_fit": 8, "solvency": 8, "relationship_strength": 8})
        add_scores(session, helios, c, {"product_fit": 7, "solvency": 6, "relationship_strength": 4})
        for row in session.exec(select(Score)).all():
            row.scored_at = NOW - timedelta(days=30)
        add_financials(session, borealis, [(q, 1_000_000, 300_000) for q in ("2026-Q1", "2026-Q2", "2026-Q3")])
        add_financials(session, helios, [(q, 200_000, 150_000) for q in ("2026-Q1", "2026-Q2", "2026-Q3")])
        session.commit()
        return {"borealis": borealis.id, "helios": helios.id}


@pytest.fixture
def console(engine, tmp_path):
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM, KAM_ADMINS="U0ADMIN",
                             SLACK_BOT_TOKEN="", SLACK_SIGNING_SECRET="")
    container = Container(settings, engine=engine, clock=FixedClock(NOW))
    return lambda line: answer_line(container, line)


def tier_of(engine, account_id: int) -> str:
    with Session(engine) as session:
        return session.get(Account, account_id).tier


def test_criteria_are_shown_and_changed_by_the_console_admin(engine, console):
    seed(engine)
    shown = console("criteria")
    assert "Product fit (product_fit) weight 3" in shown and "Key-account cap 35" in shown
    assert "criteria set product_fit=3:attractiveness" in shown
    preview = console("criteria template classic")  # issue 15: a switch previews first, then confirms
    assert preview.startswith("Preview: switch the scoring criteria to the classic template")
    assert "To switch, type: criteria template classic confirm" in preview
    changed = console("criteria template classic confirm")
    assert changed.startswith("Scoring criteria: Criteria set from the classic template.")
    assert "Nothing was changed" in console("criteria set product_fit=0 solvency=2 culture=1:s")
    assert "is not template, set or thresholds" in console("criteria weights")
    assert "Thresholds saved" in console("criteria thresholds cap=20 concentration=30%")


def test_score_show_set_and_errors(engine, console):
    ids = seed(engine)
    card = console("score helios")
    assert card.startswith("Scores: Helios Foods AG") and "Star:" in card
    assert f"Set scores: score #{ids['helios']}" in card  # no form in the console: the one-line way
    saved = console("score helios product_fit=9 relationship_strength=7")
    assert "Saved: Product fit, Relationship strength." in saved and "Strategic:" in saved
    assert "U0CONSOLE" not in saved and " you" in saved  # who scored it: the console names the person at the terminal
    refused = console("score helios product_fit=11 solvency=x")
    assert "Nothing was saved" in refused and "out of range" in refused and "not a whole number" in refused
    assert "did you mean `solvency`" in console("score helios solvncy=5")


def test_nominate_approve_in_the_console(engine, console):
    ids = seed(engine)
    asked = console("nominate helios their new plant doubles volume")
    assert "Nomination of Helios Foods AG sent for approval" in asked and "U_SPONSOR" in asked
    assert "Helios Foods AG: nomination requested by you" in console("requests")
    own = console("approve helios")  # four eyes: whoever asked does not approve, unless an admin says why
    assert "You asked for the nomination of Helios Foods AG yourself" in own and "nothing was changed" in own
    assert tier_of(engine, ids["helios"]) == "regular"
    approved = console("approve helios override the sponsor agreed by phone")
    assert "Approved: Helios Foods AG is now a key account" in approved
    assert "Reviews every 30 days" in approved and "Announced in C_HELIOS" in approved
    assert tier_of(engine, ids["helios"]) == "key"
    with Session(engine) as session:  # no Slack connected: the messages wait in the outbox
        pending = session.exec(select(Delivery).where(Delivery.status == "pending")).all()
    assert {d.kind for d in pending} == {"tier_change_request", "tier_change_announcement", "tier_change_decision"}
    assert "no pending" in console("approve helios")


def test_cap_and_override_in_the_console(engine, console):
    ids = seed(engine, cap=1)
    console("nominate helios")
    refused = console("approve helios")
    assert "over the cap of 1" in refused and f"/kam approve #{ids['helios']} override REASON" in refused
    assert tier_of(engine, ids["helios"]) == "regular"
    assert "needs a written reason after `override`" in console("approve helios override")
    approved = console("approve helios override board priority for 2027")
    assert "Key-account cap and own request overridden: board priority for 2027" in approved
    assert tier_of(engine, ids["helios"]) == "key"


def test_demote_and_reject_need_reasons(engine, console):
    ids = seed(engine)
    usage = console("demote borealis")
    assert "needs a written reason" in usage and "Usage: `/kam demote ACCOUNT reason`" in usage
    assert "Demotion of Borealis Logistics GmbH sent for approval" in console(
        "demote borealis volumes fell 60% and no plan")
    assert "Say why you reject" in console("reject borealis")
    rejected = console("reject borealis renewal is still open, decide in Q1")
    assert "Rejected: the demotion of Borealis Logistics GmbH" in rejected
    assert tier_of(engine, ids["borealis"]) == "key"
    with Session(engine) as session:
        assert session.exec(select(TierChange.status)).one() == "rejected"


def test_portfolio_writes_the_chart_and_prints_its_path(engine, console, tmp_path):
    seed(engine)
    answer = console("portfolio")
    assert answer.startswith("Portfolio: 2 accounts, 1 key (cap 35)")
    assert "80/20" in answer and "Concentration risk: Borealis Logistics GmbH" in answer
    path = Path(re.search(r"Chart: (\S+\.png)", answer).group(1))
    assert path.parent == (tmp_path / "charts").resolve()
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert (image.format, image.size) == ("PNG", (1200, 900))
    assert "Are our criteria right?" in console("portfolio check")


def test_watch_list_in_the_console(engine, console):
    seed(engine)
    console("score helios product_fit=9 solvency=9 relationship_strength=8")
    watch = console("accounts candidates")
    assert "Helios Foods AG" in watch and "at or above the watch threshold" in watch


def test_console_with_slack_connected_sends_the_request_at_once(engine, tmp_path):
    seed(engine)
    with FakeSlack(team_id=TEAM) as fake:
        settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake.base_url,
                                 KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM, KAM_ADMINS="U0ADMIN")
        container = Container(settings, engine=engine, clock=FixedClock(NOW),
                              slack_client=make_web_client("xoxb-test", fake.base_url))
        answer_line(container, "nominate helios strong growth")
        dm = fake.wait_for("chat.postMessage")[0].args
    assert dm["channel"] == "U_SPONSOR" and "Approval needed: nomination of Helios Foods AG" in dm["text"]
    with Session(engine) as session:
        assert session.exec(select(Delivery.status)).one() == "sent"
