"""`/kam review` without an account: the reviews overdue or due soon, across the accounts the asker may see,
on both databases, through the same handler the console and Slack run."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from bot.bootstrap import Container
from bot.commands import UsageError
from bot.console import answer_line
from bot.render.escape import safe_text
from bot.wiring import to_message
from bot.settings import load_settings
from kam_domain.clock import FixedClock
from kam_domain.errors import NotAllowed
from kam_domain.models import Review
from kam_domain.services.authz import Actor
from kam_domain.services.reviews import REVIEWS_AHEAD_DAYS, reviews_due
from support.builders import add_account
from support.constants import NOW, TODAY
from bot.wiring import default_wiring

REGISTRY = default_wiring().registry

ALICE = Actor("T_ALPHA", "U_ALICE")
BOB = Actor("T_ALPHA", "U_BOB")


def _review(session, account, due: date, done: bool = False) -> None:
    session.add(Review(team_id=account.team_id, account_id=account.id, due_on=due, checklist={},
                       done_at=NOW if done else None))


@pytest.fixture
def container(engine, tmp_path):
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics", tier="key", owner_user_id="U_ALICE")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        helios = add_account(session, "T_ALPHA", "Helios Foods", tier="candidate", owner_user_id="U_ALICE")
        kestrel = add_account(session, "T_ALPHA", "Kestrel Aerospace", owner_user_id="U_ALICE")
        secret = add_account(session, "T_ALPHA", "Quiet Merger Target", tier="key", owner_user_id="U_ALICE",
                             restricted=True)
        other = add_account(session, "T_BETA", "Beta Only Account", tier="key")
        _review(session, borealis, TODAY - timedelta(days=3))  # overdue
        _review(session, acme, TODAY + timedelta(days=5))
        _review(session, acme, TODAY + timedelta(days=9))  # a second open one: the account is listed once
        _review(session, helios, TODAY + timedelta(days=REVIEWS_AHEAD_DAYS + 1))  # beyond the horizon
        _review(session, kestrel, TODAY - timedelta(days=1), done=True)  # done: not due
        _review(session, secret, TODAY)
        _review(session, other, TODAY)
        session.commit()
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA")
    return Container(settings, engine=engine, clock=FixedClock(NOW))


def test_overdue_first_then_soonest_one_line_per_account_within_the_horizon(container):
    due = reviews_due(container.uow(), BOB, TODAY)
    assert [(d.account_name, d.due_on, d.days_overdue) for d in due.reviews] == [
        ("Borealis Logistics", TODAY - timedelta(days=3), 3), ("Acme Retail Group", TODAY + timedelta(days=5), 0)]


def test_a_restricted_account_is_listed_only_for_those_who_may_read_it(container):
    names_for = {who.user_id: [d.account_name for d in reviews_due(container.uow(), who, TODAY).reviews]
                 for who in (ALICE, BOB)}
    assert "Quiet Merger Target" in names_for["U_ALICE"]  # its owner
    assert "Quiet Merger Target" not in names_for["U_BOB"]
    assert all("Beta Only Account" not in names for names in names_for.values())


def test_review_without_an_account_parses_and_with_only_fields_still_asks_for_one():
    invocation = REGISTRY.parse("review")
    assert invocation.command.name == "review" and invocation.words == []
    with pytest.raises(UsageError, match="Name an account before any key=value"):
        REGISTRY.parse("review engagement=4")


def test_a_guest_is_refused(container):
    with pytest.raises(NotAllowed):
        reviews_due(container.uow(), Actor("T_ALPHA", "U_GUEST", is_guest=True), TODAY)


def test_the_console_lists_them_and_says_how_to_open_one(container):
    text = answer_line(container, "review", BOB)
    assert text.splitlines()[0] == f"2 account reviews overdue or due in the next {REVIEWS_AHEAD_DAYS} days, 1 overdue."
    assert "Borealis Logistics: Fri 20 Nov (3 days overdue)" in text
    assert "Acme Retail Group: Sat 28 Nov (in 5 days)" in text
    assert "Open one with: review Borealis Logistics" in text


def test_plain_language_reaches_the_same_list(container):
    text = answer_line(container, "which account reviews are due this week?", BOB)
    assert "account reviews overdue or due in the next" in text and "Borealis Logistics" in text


def test_nothing_due_says_so(container):
    far = reviews_due(container.uow(), Actor("T_BETA", "U_NOBODY"), TODAY - timedelta(days=30))
    assert far.reviews == []
    assert answer_line(container, "review", Actor("T_GAMMA", "U_NEW")).startswith(
        "No account review is overdue or due in the next")


def test_in_slack_each_line_has_a_checklist_button_and_names_are_escaped(container, engine):
    with Session(engine) as session:
        evil = add_account(session, "T_ALPHA", "<!channel> & Co", tier="key", owner_user_id="U_ALICE")
        _review(session, evil, TODAY + timedelta(days=1))
        session.commit()
    message = to_message(reviews_due(container.uow(), BOB, TODAY))
    # issue 19: the rows are a table; its cells are raw text, which Slack never parses
    mrkdwn = [b["text"]["text"] for b in message.blocks if b.get("text", {}).get("type") == "mrkdwn"]
    mrkdwn += [e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]]
    assert mrkdwn and not any("<!channel>" in text for text in mrkdwn)
    table = next(b for b in message.blocks if b["type"] == "table")
    assert {"type": "raw_text", "text": "<!channel> & Co"} in [row[0] for row in table["rows"]]
    assert "<!channel>" not in safe_text(message.text, message.blocks)
    buttons = [e["value"] for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert len(buttons) == 3 and all(v.startswith("review #") for v in buttons)
