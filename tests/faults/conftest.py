"""Fault fixtures: a fake Slack that knows its history, and no real sleeping in the sender
(`bot.delivery.sleep` records the waits: Retry-After and backoffs are asserted, not slept)."""
from __future__ import annotations

import pytest

import bot.delivery
from faults_support import TEAM, enable_history
from support.fake_slack import FakeSlack
from support.outbox import BOT_CHANNELS


@pytest.fixture
def fake():
    with FakeSlack(team_id=TEAM, channels=BOT_CHANNELS) as server:
        enable_history(server)
        yield server


@pytest.fixture
def slept(monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(bot.delivery, "sleep", waits.append)
    monkeypatch.setattr(bot.delivery, "PACER", bot.delivery.ChannelPacer())
    return waits
