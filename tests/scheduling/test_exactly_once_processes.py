"""Exactly once across real processes: `kam run-due` twice at once, killed with SIGKILL mid-send and run
again, and a real APScheduler BackgroundScheduler with its SQLAlchemy job store restarted and run twice
at once. On a temp SQLite file and on PostgreSQL."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from bot.scheduler import JOB_FUNC, JOB_ID, JOBS_TABLE, build_scheduler, start_embedded_scheduler
from scheduling_support import TEAM, assert_each_once, at, build_container, key_account, posted, warm_person
from kam_domain.models import Action, Delivery

KAM = shutil.which("kam", path=str(Path(sys.executable).parent)) or "kam"
AT = "2026-11-23T09:00:00Z"
pytestmark = pytest.mark.slow


def kam_env(database_url: str, fake, tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
    env.update(DATABASE_URL=database_url, SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake.base_url,
               KAM_TEAM_ID=TEAM, KAM_DATA_DIR=str(tmp_path / "data"), KAM_TIMEZONE="UTC", HF_HUB_OFFLINE="1")
    return env


def run_due_process(env: dict) -> subprocess.Popen:
    return subprocess.Popen([KAM, "run-due", "--at", AT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def killed(process: subprocess.Popen) -> None:
    """kill -9, then reap it and close its pipes (also when the test failed before the kill)."""
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def seed_reminders(engine, count: int = 3) -> None:
    """`count` key accounts whose reviews are due in three days: one reminder each, to its channel."""
    with Session(engine) as session:
        for n in range(count):
            account = key_account(session, f"Account {n}", channel=f"C_ACCOUNT{n}", review_due=date(2026, 11, 26))
            warm_person(session, account)
        session.commit()


def statuses(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Delivery.status)).all())


def wait_until(predicate, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# ---------------------------------------------------------------------------- kam run-due processes


def test_two_run_due_processes_at_once_send_each_message_once(engine, database_url, fake, tmp_path):
    seed_reminders(engine, 4)
    with Session(engine) as session:  # and nudges (DMs) for two people
        account = key_account(session, "Nudged Co", owner="U_BOB", channel="C_NUDGED")
        warm_person(session, account)
        for owner in ("U_ALICE", "U_BOB"):
            session.add(Action(team_id=TEAM, account_id=account.id, title=f"Overdue for {owner}",
                               owner_user_id=owner, due_on=date(2026, 11, 2)))
        session.commit()
    env = kam_env(database_url, fake, tmp_path)
    first, second = run_due_process(env), run_due_process(env)
    outputs = [finish(first), finish(second)]
    keys = assert_each_once(fake)
    assert len(keys) == 6 and statuses(engine) == ["sent"] * 6
    assert sorted(k.split(":")[0] for k in keys) == ["nudge", "nudge"] + ["review_reminder"] * 4
    assert all("2026-11-23T09:00:00Z: due 6" in out for out in outputs), outputs
    third = finish(run_due_process(env))
    assert "new 0" in third and "sent 0" in third
    assert len(posted(fake)) == 6


def test_killed_while_slack_is_posting_then_run_again_delivers_each_once(engine, database_url, fake, tmp_path):
    seed_reminders(engine, 3)
    env = kam_env(database_url, fake, tmp_path)
    fake.delay("chat.postMessage", 2)
    process = run_due_process(env)
    try:
        wait_until(lambda: "sending" in statuses(engine), what="a delivery being sent")
        fake.wait_in_flight("chat.postMessage")  # the post is with Slack now (the delay holds its answer)
    finally:
        killed(process)
    fake.wait_for("chat.postMessage", count=1, timeout=10)  # Slack finishes the post the process never saw
    fake.delay("chat.postMessage", 0)
    assert statuses(engine).count("sending") == 1  # the crash left its claim behind
    out = finish(run_due_process(env))
    assert "recovered 1" in out, out
    keys = assert_each_once(fake)
    assert len(keys) == 3 and statuses(engine) == ["sent"] * 3
    assert fake.calls("conversations.history")


def test_killed_before_the_post_reached_slack_then_run_again_delivers_each_once(engine, database_url, fake,
                                                                                  tmp_path):
    seed_reminders(engine, 3)
    env = kam_env(database_url, fake, tmp_path)
    fake.delay("conversations.info", 2)  # the shared-channel check just before the post
    process = run_due_process(env)
    try:
        wait_until(lambda: "sending" in statuses(engine), what="a delivery being sent")
        fake.wait_in_flight("conversations.info")  # held just before the post: nothing posted yet
    finally:
        killed(process)
    fake.delay("conversations.info", 0)
    assert posted(fake) == []
    out = finish(run_due_process(env))
    assert "recovered 1" in out, out
    keys = assert_each_once(fake)
    assert len(keys) == 3 and statuses(engine) == ["sent"] * 3


# ---------------------------------------------------------------------------- the real scheduler


@pytest.fixture
def job_table(engine):
    yield
    from bot import jobs

    for key in ("first", "second", "third", "default"):
        jobs.unbind(key)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {JOBS_TABLE}"))


def _stored_job(engine):
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    store = SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)
    store.start(None, "default")
    try:
        return store.lookup_job(JOB_ID)
    finally:
        store.engine = None  # the store must not dispose the test's engine


def test_background_scheduler_restarted_and_doubled_sends_nothing_twice_and_misses_nothing(
        engine, fake, tmp_path, job_table):
    seed_reminders(engine, 3)
    with Session(engine) as session:  # due soon only from Tuesday: what falls due while the clock is down
        account = key_account(session, "Tuesday Co", channel="C_TUESDAY")
        warm_person(session, account)
        session.add(Action(team_id=TEAM, account_id=account.id, title="Confirm the Q1 volumes",
                           owner_user_id="U_ALICE", due_on=date(2026, 11, 26)))
        session.commit()

    monday = build_container(engine, fake, tmp_path, now=at(AT))
    first = build_scheduler(monday, background=True, key="first")
    first.start()
    try:
        wait_until(lambda: len(posted(fake)) >= 3, what="Monday's reminders")
        job = _stored_job(engine)
        assert job is not None and job.func_ref == JOB_FUNC and job.args == ("first",)
        assert job.coalesce is True and job.misfire_grace_time == 15 * 60 and job.max_instances == 1
    finally:
        first.shutdown(wait=True)
    assert posted(fake, "U_ALICE") == []
    assert _stored_job(engine) is not None  # the job outlives its process

    tuesday = at("2026-11-24T09:00:00Z")
    second = build_scheduler(build_container(engine, fake, tmp_path, now=tuesday), background=True, key="second")
    third = build_scheduler(build_container(engine, fake, tmp_path, now=tuesday), background=True, key="third")
    second.start()
    third.start()  # two clocks at once, on purpose
    try:
        wait_until(lambda: posted(fake, "U_ALICE"), what="Tuesday's nudge")
        time.sleep(1.5)  # a duplicate from the other clock would arrive by now
    finally:
        second.shutdown(wait=True)
        third.shutdown(wait=True)
    keys = assert_each_once(fake)
    assert len(keys) == 4 and len(posted(fake, "U_ALICE")) == 1


def test_only_the_embedded_database_runs_a_clock_inside_the_web_process(engine, database_url, fake, tmp_path,
                                                                          job_table):
    container = build_container(engine, fake, tmp_path, DATABASE_URL=database_url)
    scheduler = start_embedded_scheduler(container)
    if database_url.startswith("sqlite"):
        assert scheduler is not None and scheduler.running
        scheduler.shutdown(wait=True)
    else:
        assert scheduler is None  # scaled out: `kam scheduler` is the one clock
