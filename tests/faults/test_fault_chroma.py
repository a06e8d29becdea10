"""The Chroma server down: a real `chroma run` on a free loopback port, killed mid-test and
started again on the same port and data. Answers that need retrieval degrade to the database
and say so; a note logged meanwhile is kept in the database and indexed by the next indexing
pass once the server is back."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.bootstrap import Container
from bot.console import answer_line
from bot.indexing import index_pending
from bot.settings import load_settings
from faults_support import TEAM, HashEmbedder, wait_until
from kam_domain.clock import FixedClock
from kam_domain.models import Note
from support.app_server import free_port
from support.builders import add_account
from support.constants import NOW

pytestmark = pytest.mark.slow
CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
NOTES = [
    (date(2026, 11, 20), "Lars told me their maintenance crew trusts our application engineers more than anyone."),
    (date(2026, 11, 12), "Our last three deliveries of sorter belts arrived late; the warehouse manager is fed up."),
    (date(2026, 11, 3), "They are building a new cross-dock hub near Poznan in 2027 and want one supplier."),
    (date(2026, 10, 21), "Kraftmann offered them 12% below our price on conveyor bearings."),
]


class ChromaServer:
    def __init__(self, path: Path):
        self.path, self.port, self.process = path, free_port(), None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        wait_until(self._ready, timeout=60, what="the chroma server", every=0.2)

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"chroma run exited with {self.process.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=1).read()
            return True
        except OSError:
            return False

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma-server")
    server.start()
    yield server
    server.kill()


def _seed(engine) -> int:
    with Session(engine) as session:
        account = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        for written_on, body in NOTES:
            digest = hashlib.sha256(f"{TEAM}|{account.id}|{written_on}|{body}".encode()).hexdigest()
            session.add(Note(team_id=TEAM, account_id=account.id, written_on=written_on, author="Anna Keller",
                             body=body, content_hash=digest))
        session.commit()
        return account.id


def _queued(engine) -> list[Note]:
    with Session(engine) as session:
        return list(session.exec(select(Note).where(Note.indexed_at.is_(None))).all())


def test_retrieval_degrades_to_the_database_and_notes_logged_meanwhile_are_indexed_later(sqlite_engine, tmp_path,
                                                                                        chroma):
    account_id = _seed(sqlite_engine)
    settings = load_settings(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma.port), KAM_DATA_DIR=str(tmp_path),
                             KAM_TEAM_ID=TEAM)
    container = Container(settings, engine=sqlite_engine, clock=FixedClock(NOW), embedder=HashEmbedder())
    try:
        _degrades_and_catches_up(container, sqlite_engine, chroma, account_id)
    finally:
        container.notes_index.close()  # its HTTP connections to the server


def _degrades_and_catches_up(container, sqlite_engine, chroma, account_id: int) -> None:
    assert index_pending(container).indexed == len(NOTES)
    served = answer_line(container, "swot borealis")
    assert "unavailable" not in served and "trusts our application engineers" in served, served

    chroma.kill()
    degraded = answer_line(container, "swot borealis")
    assert "search index is unavailable" in degraded and "from the database" in degraded, degraded
    assert "trusts our application engineers" in degraded  # the notes, read from the database
    assert "reference" not in degraded.lower() and "sorry" not in degraded.lower(), degraded
    assert "Next actions for Borealis" in answer_line(container, "next borealis")  # needs no index at all
    logged = answer_line(container, "log borealis met Lars today, he wants the revised TCO model by Friday")
    assert "Meeting logged for Borealis" in logged and "reference" not in logged.lower(), logged
    [queued] = _queued(sqlite_engine)
    assert "revised TCO model" in queued.body
    report = index_pending(container)
    assert report.failed and not report.indexed and "not available" in str(report)
    assert [n.id for n in _queued(sqlite_engine)] == [queued.id]  # kept, still queued
    chroma.start()  # the same port and data: the server is back
    assert index_pending(container).indexed == 1
    assert _queued(sqlite_engine) == []
    ranked = container.notes_index.rank_account_notes(TEAM, account_id, ["TCO model"])
    assert queued.id in {n.note_id for n in ranked.notes} and len(ranked.notes) == len(NOTES) + 1
    assert "unavailable" not in answer_line(container, "swot borealis")


def test_chroma_host_where_nothing_listens_answers_from_the_database(sqlite_engine, tmp_path):
    _seed(sqlite_engine)
    settings = load_settings(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(free_port()), KAM_DATA_DIR=str(tmp_path),
                             KAM_TEAM_ID=TEAM)
    container = Container(settings, engine=sqlite_engine, clock=FixedClock(NOW), embedder=HashEmbedder())
    try:
        degraded = answer_line(container, "swot borealis")
        assert "search index is unavailable" in degraded and "from the database" in degraded, degraded
        assert "Borealis" in answer_line(container, "account borealis")
    finally:
        container.notes_index.close()
