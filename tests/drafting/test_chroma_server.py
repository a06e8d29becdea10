"""Server mode against a real `chroma run` process on a free loopback port (started here,
stopped after): notes and knowledge go through `chromadb.HttpClient`, and a server that goes
away makes drafting degrade to the database instead of failing."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.ai_parts import build_notes_index
from bot.settings import load_settings
from drafting_data import TODAY, HashEmbedder, index_everything, seed
from kam_domain.index.chroma_index import ChromaIndex, IndexUnavailable, NoteRecord
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import draft_swot
from kam_domain.store.uow import UnitOfWork
from support.app_server import free_port

pytestmark = pytest.mark.slow
CHROMA = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    process = subprocess.Popen([CHROMA, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, start_new_session=True)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the chroma server did not start")
            time.sleep(0.2)
    yield port, process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_chroma_host_setting_selects_the_server(chroma_server, tmp_path):
    port, _ = chroma_server
    settings = load_settings(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port), KAM_DATA_DIR=str(tmp_path))
    embedder = HashEmbedder()
    index = build_notes_index(settings, lambda: embedder)
    assert index.where == f"127.0.0.1:{port}"
    index.upsert_notes([NoteRecord(i, "T_A", 1 + i % 2, date(2026, 3, 1), "Anna", f"note {i}") for i in range(1, 41)])
    index.upsert_notes([NoteRecord(100, "T_B", 1, date(2026, 3, 1), "Beta", "beta note")])
    ranking = index.rank_account_notes("T_A", 1, ["a question"])
    assert sorted(n.note_id for n in ranking.notes) == list(range(2, 41, 2))
    assert [n.note_id for n in index.rank_account_notes("T_B", 1, ["q"]).notes] == [100]
    # A second client (another web process) sees the same index at once.
    other = ChromaIndex.server("127.0.0.1", port, lambda: embedder)
    assert other.count_notes("T_A") == 40


def test_drafting_degrades_to_the_database_when_the_server_goes_away(chroma_server, sqlite_engine, embedder, offline):
    port, process = chroma_server
    index = ChromaIndex.server("127.0.0.1", port, lambda: embedder, timeout_seconds=3)
    with Session(sqlite_engine) as session:
        seeded = seed(session)
    index_everything(sqlite_engine, index)
    actor = Actor("T_ALPHA", "U_ALICE")
    served = draft_swot(UnitOfWork(sqlite_engine), actor, "borealis", TODAY, index, offline)
    assert served.points and not served.notices
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)
    degraded = draft_swot(UnitOfWork(sqlite_engine), actor, "borealis", TODAY, index, offline)
    assert degraded.points
    assert any("search index is unavailable" in n and "from the database" in n for n in degraded.notices)
    assert {p.citation.note_id for p in degraded.points} <= set(seeded.alpha_notes)
    with pytest.raises(IndexUnavailable):
        index.count_notes("T_ALPHA")
