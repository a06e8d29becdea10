"""SlackPeopleDirectory over HTTP against the fake Slack: users.list is paged once per import (not per row),
users.lookupByEmail only for emails the list lacks, 429 is waited out, other errors skip linking and say why."""
from __future__ import annotations

import math
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.bootstrap import Container
from bot.settings import load_settings
from bot.slack_client import make_web_client
from bot.slack_directory import PAGE_SIZE, SlackPeopleDirectory, directory_for
from kam_domain.models import Account
from kam_domain.services.directory import DirectoryUnavailable
from kam_domain.services.importing import import_rows
from kam_domain.store.uow import uow_factory
from support.fake_slack import FakeSlack

T_A = "T_ALPHA"
USERS = 450
OWNERS = 40
ROWS = 1_000


@pytest.fixture
def fake():
    with FakeSlack(team_id=T_A) as slack:
        for n in range(USERS):
            slack.add_user(f"U{n:05d}", real_name=f"Person {n:05d}", display_name=f"p{n}",
                           email=f"p{n}@acme.example")
        slack.add_user("UBOT01", real_name="Person 00003", display_name="bot", email=None, is_bot=True)
        slack.add_user("UGUEST1", real_name="Person 00004", display_name="guest", email=None, is_restricted=True)
        slack.add_user("UGONE01", real_name="Person 00005", display_name="gone", email=None, deleted=True)
        yield slack


def directory(fake: FakeSlack) -> SlackPeopleDirectory:
    return SlackPeopleDirectory(make_web_client("xoxb-test", fake.base_url), T_A)


def accounts_csv(rows: int = ROWS) -> str:
    """`rows` accounts shared by OWNERS owners; every fifth owner also gives an email Slack's list lacks."""
    lines = ["Account Name,Account Owner,Owner Email"]
    for n in range(rows):
        owner = n % OWNERS
        email = f"old.{owner}@legacy.example" if owner % 5 == 0 else ""
        lines.append(f"Company {n:05d},Person {owner:05d},{email}")
    return "\n".join(lines) + "\n"


def test_users_list_is_paged_once_per_import_not_per_row(engine, fake):
    report = import_rows(uow_factory(engine), T_A, "accounts", accounts_csv(), directory=directory(fake),
                         today=date(2026, 11, 23))

    pages = fake.calls("users.list")
    assert len(pages) == math.ceil((USERS + 3) / PAGE_SIZE) == 3
    assert [c.args.get("limit") for c in pages] == ["200"] * 3
    assert "cursor" not in pages[0].args and pages[1].args["cursor"] == pages[0].response["response_metadata"][
        "next_cursor"]
    # lookupByEmail only for the owners whose email the list lacks, once each (8 of 40 owners)
    assert len(fake.calls("users.lookupByEmail")) == OWNERS // 5
    assert all(c.outcome == "error:users_not_found" for c in fake.calls("users.lookupByEmail"))
    # the bot, the guest and the deactivated namesakes of Person 3, 4 and 5 are no candidates
    assert len(report.linked) == OWNERS and report.unmatched == [] and report.ambiguous == {}
    assert report.relinked_accounts == ROWS
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Account).where(Account.owner_user_id.is_(None))) == 0
        owner = session.scalar(select(Account.owner_user_id).where(Account.name == "Company 00041"))
    assert owner == "U00001"


def test_the_directory_caches_the_list_and_each_email(fake):
    people = directory(fake)
    assert len(people.people()) == USERS + 3 and len(people.people()) == USERS + 3
    assert people.by_email("P7@acme.example").user_id == "U00007"
    assert people.by_email("p7@acme.example").user_id == "U00007"
    assert people.by_email("nobody@acme.example") is None
    assert len(fake.calls("users.list")) == 3 and len(fake.calls("users.lookupByEmail")) == 2


def test_a_rate_limited_page_is_waited_for_and_retried(fake):
    fake.fail_next("users.list", status=429, retry_after=0)
    people = directory(fake).people()
    assert len(people) == USERS + 3
    assert [c.outcome for c in fake.calls("users.list")] == ["ratelimited", "ok", "ok", "ok"]


def test_a_slack_error_skips_linking_says_why_and_imports_the_rest(engine, fake):
    fake.error_next("users.list", "missing_scope")
    report = import_rows(uow_factory(engine), T_A, "accounts", accounts_csv(50), directory=directory(fake))

    assert report.created == 50 and report.linked == {}
    assert "skipped because Slack answered users.list with 'missing_scope'" in report.summary()
    assert "users:read.email" in report.summary()

    fake.error_next("users.lookupByEmail", "invalid_auth")
    with pytest.raises(DirectoryUnavailable, match="'invalid_auth': the bot token is not valid"):
        directory(fake).by_email("p1@acme.example")


def test_directory_for_needs_a_slack_token(tmp_path, fake):
    without = Container(load_settings(KAM_DATA_DIR=str(tmp_path)))
    assert directory_for(without, T_A) is None

    with_token = Container(load_settings(KAM_DATA_DIR=str(tmp_path), SLACK_BOT_TOKEN="xoxb-test",
                                         SLACK_API_URL=fake.base_url))
    people = directory_for(with_token, T_A)
    assert isinstance(people, SlackPeopleDirectory) and len(people.people()) == USERS + 3
