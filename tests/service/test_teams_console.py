"""`team` at the console: the same handler and service as Slack, rendered as text; people by id only."""
from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.bootstrap import Container
from bot.console import answer_line
from bot.settings import load_settings
from kam_domain.clock import FixedClock
from kam_domain.models import Account
from support.builders import add_account, add_member
from support.constants import NOW


@pytest.fixture
def container(engine, tmp_path):
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA")
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           sponsor_user_id="U_SPONSOR")
        add_member(session, acme, "U_BOB", role="specialist")
        session.commit()
    return Container(settings, engine=engine, clock=FixedClock(NOW))


def test_the_console_shows_the_team_as_text(container):
    text = answer_line(container, "team acme")
    assert text.startswith("Account team of Acme Retail Group")
    assert "KAM: @U_ALICE" in text and "Executive sponsor: @U_SPONSOR" in text
    assert "Members: @U_BOB (specialist)" in text and "Account channel: none" in text


def test_the_console_changes_the_team_and_lists_what_changed(container, engine):
    text = answer_line(container, "team acme add=U_CY,U_DEE:specialist add=U_EVE channel=C0ACME owner=U_DAN")
    assert "Acme Retail Group team updated:" in text
    assert "- KAM: @U_ALICE -> @U_DAN" in text and "- Added @U_DEE as specialist" in text
    assert "- Account channel: none -> #C0ACME" in text
    with Session(engine) as session:
        account = session.exec(select(Account).where(Account.name == "Acme Retail Group")).one()
        assert (account.owner_user_id, account.owner_source, account.channel_id) == ("U_DAN", "manual", "C0ACME")


def test_names_cannot_be_resolved_at_the_console(container, engine):
    text = answer_line(container, "team acme owner=@Anna Keller")
    assert "I can't look people up by name here: use their Slack user id" in text
    assert "Nothing was changed." in text
    with Session(engine) as session:
        assert session.exec(select(Account).where(Account.name == "Acme Retail Group")).one().owner_user_id == "U_ALICE"
