"""The Chroma notes index on a local persistent directory: scoping, exact ranking, one writer
at a time across processes, and failures that callers can degrade from."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from drafting_data import HashEmbedder
from kam_domain.index.chroma_index import ChromaIndex, IndexUnavailable, NoteRecord

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def records(team_id: str, account_id: int, start: int, count: int) -> list[NoteRecord]:
    return [NoteRecord(start + i, team_id, account_id, date(2026, 1, 1 + i % 28), "Anna", f"{team_id} note {start + i}")
            for i in range(count)]


@pytest.fixture
def hash_index(tmp_path):
    embedder = HashEmbedder()
    index = ChromaIndex.local(tmp_path / "index", lambda: embedder)
    yield index
    index.close()


def test_account_ranking_reads_only_that_account_and_is_exact(hash_index):
    hash_index.upsert_notes(records("T_A", 1, 1, 30) + records("T_A", 2, 100, 30) + records("T_B", 1, 200, 30))
    ranking = hash_index.rank_account_notes("T_A", 1, ["late deliveries", "new site"])
    assert sorted(n.note_id for n in ranking.notes) == list(range(1, 31))
    query = HashEmbedder().embed(["late deliveries", "new site"])
    vectors = HashEmbedder().embed([f"T_A note {i}" for i in range(1, 31)])
    expected = vectors @ query.T
    got = np.array([n.per_query for n in sorted(ranking.notes, key=lambda n: n.note_id)])
    assert np.allclose(got, expected, atol=1e-5)
    assert ranking.notes[0].written_on == date(2026, 1, 1)
    # Same account id in another workspace: another collection, never mixed.
    assert sorted(n.note_id for n in hash_index.rank_account_notes("T_B", 1, ["x"]).notes) == list(range(200, 230))
    assert hash_index.rank_account_notes("T_C", 1, ["x"]).notes == []


def test_upsert_is_idempotent_and_delete_removes(hash_index):
    hash_index.upsert_notes(records("T_A", 1, 1, 10))
    hash_index.upsert_notes(records("T_A", 1, 1, 10))
    assert hash_index.count_notes("T_A") == 10
    hash_index.delete_notes("T_A", [1, 2])
    assert hash_index.note_ids("T_A") == set(range(3, 11))


WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    sys.path[:0] = [{root!r}, {root!r} + "/tests", {here!r}]
    from drafting_data import HashEmbedder
    from kam_domain.index.chroma_index import ChromaIndex, NoteRecord
    embedder = HashEmbedder()
    index = ChromaIndex.local({directory!r}, lambda: embedder)
    start = int(sys.argv[1])
    for batch in range(5):
        first = start + batch * 20
        index.upsert_notes([NoteRecord(first + i, "T_A", 7, date(2026, 2, 1), "CLI", f"imported {{first + i}}")
                            for i in range(20)])
    print("done")
""")


def test_other_processes_writing_never_break_or_hide_notes_from_this_one(tmp_path, hash_index):
    """A `kam import` while `kam serve` runs: the running process keeps reading, sees every
    note the others wrote, and its own later writes lose nothing."""
    hash_index.upsert_notes(records("T_A", 7, 1, 5))
    assert len(hash_index.rank_account_notes("T_A", 7, ["q"]).notes) == 5
    script = WRITER.format(root=str(ROOT), here=str(HERE), directory=str(tmp_path / "index"))
    writers = [subprocess.Popen([sys.executable, "-c", script, str(start)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for start in (1000, 5000)]
    while any(w.poll() is None for w in writers):
        hash_index.rank_account_notes("T_A", 7, ["q"])  # reading meanwhile must not fail
    for writer in writers:
        out, err = writer.communicate()
        assert writer.returncode == 0, err
    assert len(hash_index.rank_account_notes("T_A", 7, ["q"]).notes) == 5 + 200
    hash_index.upsert_notes(records("T_A", 7, 9000, 5))
    fresh = ChromaIndex.local(tmp_path / "index", lambda: HashEmbedder())
    try:
        assert len(fresh.rank_account_notes("T_A", 7, ["q"]).notes) == 210
    finally:
        fresh.close()


def test_an_index_that_cannot_be_opened_is_unavailable_not_a_crash(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the index directory should be")
    index = ChromaIndex.local(blocker, lambda: HashEmbedder())
    with pytest.raises(IndexUnavailable):
        index.rank_account_notes("T_A", 1, ["x"])
    with pytest.raises(IndexUnavailable):
        index.upsert_notes(records("T_A", 1, 1, 2))


def test_a_chroma_server_that_is_down_is_unavailable():
    from support.app_server import free_port

    index = ChromaIndex.server("127.0.0.1", free_port(), lambda: HashEmbedder(), timeout_seconds=2)
    with pytest.raises(IndexUnavailable):
        index.rank_account_notes("T_A", 1, ["x"])
