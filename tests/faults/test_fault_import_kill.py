"""`kill -9` of `kam import` halfway through a big CSV: the README promises all-or-nothing per
file (one transaction), so nothing of the file is in the database afterwards, and running the
same import again completes. A real subprocess on SQLite (WAL) and on PostgreSQL; "halfway"
is seen from outside: the notes table (PostgreSQL) or the write-ahead log (SQLite) has begun
to grow with rows not yet committed."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select

from faults_support import KAM, TEAM, finish, kam_env, wait_until
from kam_domain.models import AuditEntry, Note
from support.builders import add_account

pytestmark = pytest.mark.slow
ROWS = 8_000
GROWN = 300_000  # bytes of uncommitted rows seen: the write phase is well under way


def _big_csv(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Account", "Date", "Author", "Note"])
        for i in range(ROWS):
            writer.writerow(["Borealis Logistics GmbH", f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}", "Anna Keller",
                             f"Call {i}: they asked about the sorter belt delivery schedule and the revised TCO "
                             f"model, volume {i * 7}."])
    return path


def _written_so_far(engine, database_url: str):
    if database_url.startswith("sqlite"):
        wal = Path(database_url.split(":///", 1)[1] + "-wal")
        return lambda: wal.exists() and wal.stat().st_size > GROWN
    def pg_size() -> bool:
        with engine.connect() as connection:
            return connection.execute(text("SELECT pg_relation_size('note')")).scalar() > GROWN
    return pg_size


def _counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        notes = session.exec(select(func.count()).select_from(Note)).one()
        imports = session.exec(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.action == "import.notes")).one()
    return notes, imports


def test_an_import_killed_halfway_leaves_nothing_and_a_rerun_completes(engine, database_url, tmp_path):
    with Session(engine) as session:
        add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    big = _big_csv(tmp_path / "notes.csv")
    env = kam_env(tmp_path, DATABASE_URL=database_url)
    command = [KAM, "import", "notes", str(big), "--no-index"]  # the import is under test, not indexing
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(_written_so_far(engine, database_url), timeout=120, what="the import to start writing",
                   every=0.02)
        assert process.poll() is None, "the import finished before it could be killed"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _counts(engine) == (0, 0)  # nothing half-written, no audit entry

    out = finish(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    assert f"{ROWS} created" in out, out
    assert _counts(engine) == (ROWS, 1)
