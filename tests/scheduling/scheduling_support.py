"""Scheduling fixtures and helpers (imported by name: `from scheduling_support import ...`;
a `from conftest import` would find whichever conftest.py came first on sys.path): a container on a real database with a fixed clock and a fake Slack.

Time is injected (FixedClock); nothing here sleeps for time. Sending is paced and backs off
with `bot.delivery.sleep`, which the `no_sleep` fixture records instead of sleeping.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timezone

import pytest

import bot.delivery
from bot.app import create_app
from bot.bootstrap import Container
from bot.http import create_web_app
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from kam_domain.models import Review
from support.app_server import SIGNING_SECRET, ServerThread, SlackScenario, free_port
from support.builders import add_account, add_stakeholder
from support.constants import NOW
from support.fake_slack import FakeSlack

TEAM = "T_ALPHA"


@pytest.fixture
def fake():
    with FakeSlack(team_id=TEAM) as server:
        enable_history(server)
        yield server


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(bot.delivery, "sleep", slept.append)
    monkeypatch.setattr(bot.delivery, "PACER", bot.delivery.ChannelPacer())
    return slept


def build_container(engine, fake, tmp_path, now: datetime = NOW, **env) -> Container:
    settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake.base_url, KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM,
                             KAM_ADMINS=env.pop("KAM_ADMINS", "U0ADMIN"), **env)
    return Container(settings, engine=engine, clock=FixedClock(now),
                     slack_client=make_web_client("xoxb-test", fake.base_url))


@pytest.fixture
def container(engine, fake, tmp_path):
    return build_container(engine, fake, tmp_path)


@pytest.fixture
def digest_container(engine, fake, tmp_path):
    return build_container(engine, fake, tmp_path, KAM_DIGEST_CHANNEL="C_DIGEST")


@pytest.fixture
def scenario(engine, fake, tmp_path):
    container = build_container(engine, fake, tmp_path)
    port = free_port()
    server = ServerThread(create_web_app(create_app(container), container), port)
    server.start()
    yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container)
    server.stop()


# ---------------------------------------------------------------------------- the fake's history


def conversation_of(target: str) -> str:
    """Where the fake puts a message posted to `target` (a user id means their DM)."""
    return f"D{target}" if target[:1] in ("U", "W") else target


def enable_history(fake: FakeSlack) -> None:
    """conversations.history answers what was really posted (with metadata), newest first."""

    def history(args):
        channel = args.get("channel")
        messages = [{"type": "message", "ts": c.response["ts"], "text": c.args.get("text", ""),
                     "metadata": c.args.get("metadata")}
                    for c in fake.calls("chat.postMessage", ok=True)
                    if conversation_of(str(c.args.get("channel", ""))) == channel]
        return {"ok": True, "messages": list(reversed(messages)), "has_more": False}

    fake.set_response("conversations.history", history)


def posted(fake: FakeSlack, target: str | None = None) -> list:
    calls = fake.calls("chat.postMessage", ok=True)
    return [c for c in calls if target is None or c.args.get("channel") == target]


def posted_keys(fake: FakeSlack) -> Counter:
    return Counter(c.args["metadata"]["event_payload"]["key"] for c in posted(fake) if c.args.get("metadata"))


def assert_each_once(fake: FakeSlack) -> Counter:
    keys = posted_keys(fake)
    twice = {k: n for k, n in keys.items() if n > 1}
    assert not twice, f"sent more than once: {twice}"
    return keys


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


# ---------------------------------------------------------------------------- data


def key_account(session, name: str, *, owner="U_ALICE", sponsor="U_SPONSOR", channel: str | None = None,
                review_due: date | None = None, **fields):
    account = add_account(session, TEAM, name, tier="key", owner_user_id=owner, sponsor_user_id=sponsor,
                          channel_id=channel, plan_updated_at=fields.pop("plan_updated_at", NOW), **fields)
    if review_due is not None:
        session.add(Review(team_id=TEAM, account_id=account.id, due_on=review_due, checklist={}))
    session.flush()
    return account


def warm_person(session, account, name="Ana Ruiz", **fields):
    """A supportive decision maker we spoke to recently: no nudge about them."""
    defaults = dict(title="CFO", role="economic_buyer", influence=5, attitude=1, owner_user_id=account.owner_user_id,
                    last_contact_on=date(2026, 11, 20))
    return add_stakeholder(session, account, name, **{**defaults, **fields})
