"""`kill -9` of the `kam scheduler` process (the clock) while it is sending, then a new clock:
nothing sent twice, nothing lost. (`kam run-due` killed mid-send is covered in
tests/scheduling/test_exactly_once_processes.py.) The clock process runs on the wall clock, so
the reviews are due relative to today; nothing here waits for time, only for the process."""
from __future__ import annotations

import os
import signal
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import Session, select

from faults_support import KAM, TEAM, assert_each_once, kam_env, key_account, posted, wait_until, warm_person
from kam_domain.models import Delivery, Workspace

pytestmark = pytest.mark.slow


def _statuses(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Delivery.status)).all())


def _clock(env: dict) -> subprocess.Popen:
    return subprocess.Popen([KAM, "scheduler"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def test_the_clock_killed_mid_send_and_restarted_sends_each_reminder_once(sqlite_engine, sqlite_url, fake, tmp_path):
    today = datetime.now(timezone.utc).date()
    with Session(sqlite_engine) as session:
        for n in range(3):
            warm_person(session, key_account(session, f"Account {n}", channel=f"C_ACCOUNT{n}",
                                             review_due=today + timedelta(days=3)),
                        last_contact_on=today - timedelta(days=1))
        # the clock runs on the wall clock: working hours all day, every day, so the reminders are due whenever
        # this runs (at 00:30 UTC or on a Sunday, office hours would hold them until the morning)
        session.get(Workspace, TEAM).settings = {"working_hours": {"start": "00:00", "end": "23:59", "days": "mon-sun"}}
        session.commit()
    env = kam_env(tmp_path, DATABASE_URL=sqlite_url, SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake.base_url)
    fake.delay("chat.postMessage", 2)
    first = _clock(env)
    try:
        wait_until(lambda: "sending" in _statuses(sqlite_engine), timeout=60, what="the clock to start sending")
        wait_until(lambda: fake._in_flight > 0, what="a post in flight")  # Slack has it; the clock has no answer
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate(timeout=10)  # reaps it and closes its stderr pipe
    fake.wait_idle()  # Slack completes the post the dead clock never saw answered
    fake.delay("chat.postMessage", 0)
    assert _statuses(sqlite_engine).count("sending") == 1 and len(posted(fake)) == 1

    second = _clock(env)
    try:
        wait_until(lambda: _statuses(sqlite_engine) == ["sent"] * 3, timeout=60, what="the new clock to catch up")
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.communicate(timeout=30)
    keys = assert_each_once(fake)
    assert len(keys) == 3 and len(posted(fake)) == 3
    assert fake.calls("conversations.history")  # the interrupted one was looked up, not posted again
