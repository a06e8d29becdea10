"""Keeping the retrieval index in step with the database (the source of truth for notes).

- `index_pending(container)`: the indexing pass. Picks up notes whose `indexed_at` is NULL in
  batches, embeds and upserts them (id = note id), then sets `indexed_at`. If the index
  write fails the notes stay NULL and the next pass (or `kam reindex`) picks them up: a
  note is never lost because the index was busy or down. Call it after notes are logged
  or imported, or from a periodic job; `start_background_indexing` runs it off the request.
- `reindex_all(container)`: `kam reindex`: rebuild notes and knowledge from the database,
  with a progress bar, and drop index entries whose note is gone.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import update
from sqlmodel import func, select

from kam_domain.index.chroma_index import IndexUnavailable, NoteRecord
from kam_domain.index.embeddings import EmbeddingsUnavailable
from kam_domain.models import Note, utcnow

log = logging.getLogger(__name__)

BATCH_SIZE = 256  # notes per embedding call (the model sorts them by length) and per upsert

Progress = Callable[[int], None]


@dataclass
class IndexReport:
    indexed: int = 0
    failed: int = 0
    removed: int = 0
    knowledge_chunks: int | None = None
    workspaces: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def notes_per_second(self) -> float:
        return self.indexed / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        parts = [f"Indexed {self.indexed} notes"]
        if self.workspaces:
            parts[0] += f" in {self.workspaces} workspace{'s' if self.workspaces != 1 else ''}"
        parts[0] += f" in {self.seconds:.1f} s ({self.notes_per_second:.0f} notes/s)"
        if self.removed:
            parts.append(f"removed {self.removed} index entries whose note is gone")
        if self.knowledge_chunks is not None:
            parts.append(f"knowledge: {self.knowledge_chunks} guide sections")
        if self.failed:
            parts.append(f"{self.failed} notes could not be indexed and stay queued for the next pass")
        text = "; ".join(parts) + "."
        if self.errors:
            text += " " + " ".join(self.errors)
        return text


# --------------------------------------------------------------------------- the pass


def index_pending(container, team_id: str | None = None, batch_size: int = BATCH_SIZE,
                  max_notes: int | None = None, progress: Progress | None = None) -> IndexReport:
    """Index every note not indexed yet (of one workspace, or all); stops at the first index failure."""
    report, started = IndexReport(), time.perf_counter()

    def batches():
        last_id, read = 0, 0
        while (max_notes is None or read < max_notes) and not _stopping.is_set():
            notes = _pending_batch(container, team_id, last_id, batch_size)
            if not notes:
                return
            last_id, read = notes[-1].id, read + len(notes)
            yield notes

    _index_batches(container, batches(), report, progress)
    report.seconds = time.perf_counter() - started
    return report


def _index_batches(container, batches, report: IndexReport, progress: Progress | None) -> bool:
    """Embed each batch, then write it to the index in a second thread while the next batch is
    embedded: the upsert (Chroma's HNSW insert, its SQLite) overlaps the model instead of adding to
    it. At most one batch is in flight; the pass stops at the first failure, and a batch embedded
    but not written stays queued. Counting and progress happen in this thread, between batches."""
    write = None
    try:
        for notes in batches:
            try:
                vectors = container.notes_index.embed([n.record.body for n in notes])
            except (IndexUnavailable, EmbeddingsUnavailable) as exc:
                _settle(write, report, progress)
                _record_failure(report, notes, exc)
                return False
            if not _settle(write, report, progress):
                return False
            write = _Write(container, notes, vectors)
        return _settle(write, report, progress)
    finally:
        if write is not None:
            write.join()  # after an error here: let the batch in flight end (it marks only what it wrote)


class _Write:
    """One embedded batch upserted and marked indexed in a thread of its own; `error` is what it raised."""

    def __init__(self, container, notes: list[_Read], vectors):
        self.notes = notes
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(container, vectors), name="kam-index-writer",
                                        daemon=True)
        self._thread.start()

    def _run(self, container, vectors) -> None:
        try:
            container.notes_index.upsert_notes([n.record for n in self.notes], vectors)
            _mark_indexed(container, self.notes)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread by _settle
            self.error = exc

    def join(self) -> None:
        self._thread.join()


def _settle(write: _Write | None, report: IndexReport, progress: Progress | None) -> bool:
    """Wait for the batch in flight and count it. False if the index failed (the batch stays queued);
    any other error (the database restarted while marking) is raised here."""
    if write is None:
        return True
    write.join()
    if isinstance(write.error, (IndexUnavailable, EmbeddingsUnavailable)):
        _record_failure(report, write.notes, write.error)
        return False
    if write.error is not None:
        raise write.error
    report.indexed += len(write.notes)
    if progress:
        progress(len(write.notes))
    return True


def _record_failure(report: IndexReport, notes: list, exc: Exception) -> None:
    report.failed += len(notes)
    report.errors.append(f"The index is not available ({_why(exc)}); run the pass again or `kam reindex`.")
    log.warning("indexing %d notes failed: %s", len(notes), exc)


@dataclass(frozen=True)
class _Read:
    """A note as read for indexing, with what identifies its content at that moment."""

    record: NoteRecord
    content_hash: str

    @property
    def id(self) -> int:
        return self.record.id


def _read(notes) -> list[_Read]:
    return [_Read(NoteRecord(n.id, n.team_id, n.account_id, n.written_on, n.author, n.body), n.content_hash)
            for n in notes]


def _pending_batch(container, team_id: str | None, after_id: int, size: int) -> list[_Read]:
    with container.uow() as uow:
        query = select(Note).where(Note.indexed_at.is_(None), Note.id > after_id)
        if team_id is not None:
            query = query.where(Note.team_id == team_id)
        return _read(uow.session.exec(query.order_by(Note.id).limit(size)).all())


def _mark_indexed(container, notes: list[_Read]) -> None:
    """Set indexed_at, unless the note changed since we read it (then it stays queued)."""
    now = utcnow()
    with container.uow() as uow:
        for note in notes:
            uow.session.exec(update(Note).where(Note.id == note.id, Note.content_hash == note.content_hash,
                                                Note.body == note.record.body).values(indexed_at=now))
        uow.commit()


def _why(exc: Exception) -> str:
    return exc.message if isinstance(exc, EmbeddingsUnavailable) else str(exc)


_background = threading.Lock()
_stopping = threading.Event()  # set while a process on its way out waits for the pass to stop


def stop_background_indexing(timeout: float = 60.0) -> bool:
    """Before the process exits: let a running pass finish the batch in hand and stop; the rest stays
    queued for the next pass. (A daemon thread killed inside the embedding model aborts the
    interpreter: "terminate called without an active exception".) True if no pass is left running."""
    _stopping.set()
    try:
        if not _background.acquire(timeout=timeout):
            return False
        _background.release()
        return True
    finally:
        _stopping.clear()


def start_background_indexing(container, team_id: str | None = None) -> bool:
    """Run one indexing pass in a daemon thread unless one is running. True if started."""
    if not _background.acquire(blocking=False):
        return False

    def run():
        try:
            report = index_pending(container, team_id)
            if report.indexed or report.failed:
                log.info("background indexing: %s", report)
        except Exception:  # noqa: BLE001 - a background pass must never take the process down
            log.exception("background indexing failed")
        finally:
            _background.release()

    threading.Thread(target=run, name="kam-indexing", daemon=True).start()
    return True


def index_queued(container) -> IndexReport | None:
    """The clock's pass: index every workspace's queued notes (an import whose indexing failed, a note
    logged while the index was down), unless a pass already runs in this process. None if one did."""
    if not _background.acquire(blocking=False):
        return None
    try:
        if not pending_count(container):
            return IndexReport()
        return index_pending(container)
    finally:
        _background.release()


def pending_count(container, team_id: str | None = None) -> int:
    """How many notes wait to be indexed (of one workspace, or all); no model is loaded to count."""
    with container.uow() as uow:
        query = select(func.count()).select_from(Note).where(Note.indexed_at.is_(None))
        if team_id is not None:
            query = query.where(Note.team_id == team_id)
        return uow.session.exec(query).one()


# --------------------------------------------------------------------------- kam reindex


def reindex_all(container, console=None) -> IndexReport:
    """Rebuild the whole index from the database: knowledge, then every workspace's notes.

    The progress bar goes to `console` (default: stderr) when it is a terminal; the report is
    returned for the caller to print."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    from kam_domain.services.knowledge import knowledge_chunks

    report, started = IndexReport(), time.perf_counter()
    index = container.notes_index
    try:
        chunks = list(knowledge_chunks())
        index.ensure_knowledge(chunks, force=True)
        report.knowledge_chunks = len(chunks)
    except (IndexUnavailable, EmbeddingsUnavailable) as exc:
        raise SystemExit(f"Nothing was rebuilt: {_why(exc)}")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    console = console or Console(stderr=True)
    with Bar(*columns, console=console, disable=not console.is_terminal, transient=False) as bar:
        for team_id, total in _workspaces_with_notes(container):
            task = bar.add_task(f"Indexing notes of {team_id}", total=total)
            _reindex_workspace(container, team_id, report, lambda n: bar.update(task, advance=n))
            report.workspaces += 1
    report.seconds = time.perf_counter() - started
    if report.failed:
        raise SystemExit(str(report))
    return report


def _workspaces_with_notes(container) -> list[tuple[str, int]]:
    with container.uow() as uow:
        rows = uow.session.exec(select(Note.team_id, func.count()).group_by(Note.team_id).order_by(Note.team_id)).all()
    return [(team_id, count) for team_id, count in rows]


def _reindex_workspace(container, team_id: str, report: IndexReport, progress: Progress) -> None:
    seen: set[int] = set()

    def batches():
        last_id = 0
        while True:
            with container.uow() as uow:
                notes = _read(uow.session.exec(select(Note).where(Note.team_id == team_id, Note.id > last_id)
                                               .order_by(Note.id).limit(BATCH_SIZE)).all())
            if not notes:
                return
            last_id = notes[-1].id
            seen.update(n.id for n in notes)
            yield notes

    if not _index_batches(container, batches(), report, progress):
        return
    try:
        gone = _not_in_database(container, team_id, container.notes_index.note_ids(team_id) - seen)
        container.notes_index.delete_notes(team_id, gone)
        report.removed += len(gone)
    except (IndexUnavailable, EmbeddingsUnavailable) as exc:
        report.errors.append(f"Could not prune the index of {team_id} ({_why(exc)}).")


def _not_in_database(container, team_id: str, note_ids: set[int]) -> list[int]:
    """Of these ids, the ones with no note in the workspace (a note added meanwhile is kept)."""
    if not note_ids:
        return []
    with container.uow() as uow:
        present = set(uow.session.exec(select(Note.id).where(Note.team_id == team_id,
                                                             Note.id.in_(sorted(note_ids)))).all())
    return sorted(note_ids - present)
