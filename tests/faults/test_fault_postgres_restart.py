"""PostgreSQL restarted under load: the real app over HTTP answers `/kam account` from a thread
pool while its PostgreSQL restarts; requests after the restart are answered normally (the
engine's pool_pre_ping replaces the connections the restart broke).

The server is the test's own: a throw-away cluster (initdb into a temporary directory with the
binaries under /usr/lib/postgresql/*/bin, its own port, trust auth on loopback), started and
stopped here; the machine's shared cluster is never touched. Skipped, saying why, when
KAM_TEST_POSTGRES_URL=off or no PostgreSQL server binaries are installed."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine as sa_create_engine, text
from sqlmodel import Session

from bot.app import create_app
from bot.http import create_web_app
from faults_support import build_container, wait_until
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade
from support.app_server import ServerThread, SlackScenario, free_port, shut_down_lazy
from support.builders import add_account

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
POSTGRES_SETTING = os.environ.get("KAM_TEST_POSTGRES_URL", "")  # tests/conftest.py: "off" runs SQLite only


def _accepting(url: str) -> bool:
    try:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=1) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def _server_binaries() -> Path | None:
    """pg_config's bin directory when it holds the server (initdb, pg_ctl), else the newest under
    /usr/lib/postgresql/*/bin, else PATH's; None when there is no server to start."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = Path(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if
                   p.split("/")[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


@dataclass
class OwnPostgres:
    bin: Path
    data: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kam"

    def pg_ctl(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), *args],
                              capture_output=True, text=True, timeout=timeout)

    def restart(self) -> subprocess.CompletedProcess:
        return self.pg_ctl("restart", "-w", "-m", "fast", "-l", str(self.data / "server.log"))


@pytest.fixture
def own_postgres():
    if POSTGRES_SETTING.strip().lower() in {"off", "none", "0"}:
        pytest.skip(f"KAM_TEST_POSTGRES_URL={POSTGRES_SETTING}: the PostgreSQL tests are off")
    binaries = _server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH")
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:  # initdb refuses to run as root: run the throw-away server as postgres
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to own a throw-away PostgreSQL")
        run_as = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="kam-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if owner is not None:
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    server = OwnPostgres(binaries, data, free_port(), run_as)
    try:
        made = subprocess.run([*run_as, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                               "-E", "UTF8", "--no-sync"], capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nport = {server.port}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{sockets}'\nfsync = off\n")
        started = server.pg_ctl("start", "-w", "-l", str(data / "server.log"))
        assert started.returncode == 0, started.stderr + started.stdout
        admin = sa_create_engine(server.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text('CREATE DATABASE "kam"'))
        admin.dispose()
        upgrade(server.url)
        yield server
    finally:
        server.pg_ctl("stop", "-m", "immediate", timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def test_requests_after_a_postgres_restart_are_answered(own_postgres, fake, tmp_path):
    postgres_url = own_postgres.url
    engine = make_engine(postgres_url)
    with Session(engine) as session:
        add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    container = build_container(engine, fake, tmp_path)
    app = create_app(container)
    port = free_port()
    server = ServerThread(create_web_app(app, container), port)
    server.start()
    scenario = SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container, app=app)
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
        restarted = own_postgres.restart()
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
        shut_down_lazy(app)
        engine.dispose()
    assert statuses.count(200) == len(statuses), [s for s in statuses if s != 200][:5]  # Slack always got its ack
