"""Scheduling fixtures and helpers (imported by name: `from scheduling_support import ...`;
a `from conftest import` would find whichever conftest.py came first on sys.path): a container on a real database with a fixed clock and a fake Slack.

Time is injected (FixedClock); nothing here sleeps for time. Sending is paced and backs off
with `bot.delivery.sleep`, which the `no_sleep` fixture records instead of sleeping.
"""
from __future__ import annotations

from datetime import datetime

import pytest

import bot.delivery
from bot.bootstrap import Container
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from support.app_server import SIGNING_SECRET, serving
from support.constants import NOW
from support.fake_slack import FakeSlack
from support.outbox import (  # noqa: F401  (re-exported for the tests here)
    BOT_CHANNELS, TEAM, assert_each_once, at, conversation_of, enable_history, key_account, posted, posted_keys,
    warm_person,
)


@pytest.fixture
def fake():
    with FakeSlack(team_id=TEAM, channels=BOT_CHANNELS) as server:
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
    with serving(build_container(engine, fake, tmp_path), fake) as scenario:
        yield scenario
