"""PostgreSQL restarted under load: the real app over HTTP answers `/kam account` from a thread
pool while `pg_ctlcluster 15 main restart` runs; requests after the restart are answered
normally (the engine's pool_pre_ping replaces the connections the restart broke).

The PostgreSQL server is shared with other tests: it is restarted once, here, and the test
waits until it accepts connections again before it checks anything (and before it ends)."""
from __future__ import annotations

import shutil
import subprocess
import threading

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from bot.app import create_app
from bot.http import create_web_app
from faults_support import build_container, wait_until
from kam_domain.store.engine import make_engine
from support.app_server import ServerThread, SlackScenario, free_port
from support.builders import add_account

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CLUSTER = ("15", "main")


def _accepting(url: str) -> bool:
    try:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=1) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def test_requests_after_a_postgres_restart_are_answered(postgres_url, fake, tmp_path):
    assert shutil.which("pg_ctlcluster"), "pg_ctlcluster is needed to restart the local PostgreSQL 15"
    engine = make_engine(postgres_url)
    with Session(engine) as session:
        add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    container = build_container(engine, fake, tmp_path)
    port = free_port()
    server = ServerThread(create_web_app(create_app(container), container), port)
    server.start()
    scenario = SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container)
    stop, statuses = threading.Event(), []

    def load():
        while not stop.is_set():
            try:
                statuses.append(scenario.command("account borealis")[0])
            except OSError:
                statuses.append("connection error")

    workers = [threading.Thread(target=load, daemon=True) for _ in range(4)]
    try:
        for worker in workers:
            worker.start()
        wait_until(lambda: len(fake.calls("response_url")) >= 8, what="answers before the restart")
        restarted = subprocess.run(["pg_ctlcluster", *CLUSTER, "restart"], capture_output=True, text=True,
                                   timeout=120)
        wait_until(lambda: _accepting(postgres_url), timeout=60, what="PostgreSQL to accept connections", every=0.2)
        assert restarted.returncode == 0, restarted.stderr
        during = len(statuses)
        wait_until(lambda: len(statuses) >= during + 8, what="requests after the restart")
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=30)
    try:
        # Every acked request gets its answer (the card, or an apology while the server was down):
        # wait for all of them, so no queued work outlives the test.
        acked = statuses.count(200)
        wait_until(lambda: len(fake.calls("response_url")) >= acked, timeout=120, what="an answer to every request")
        fake.wait_idle()
        fake.reset()
        for _ in range(5):  # after the restart: every request answered normally, none with an apology
            assert scenario.command("account borealis")[0] == 200
            reply = scenario.replies()[0]
            fake.reset()
            assert "Borealis Logistics GmbH" in reply["text"] and "reference" not in reply["text"], reply
    finally:
        server.stop()
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as connection:  # the session's database is shared: leave it empty
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        engine.dispose()
    assert statuses.count(200) == len(statuses), [s for s in statuses if s != 200][:5]  # Slack always got its ack
