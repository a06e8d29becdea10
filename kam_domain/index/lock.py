"""One writer at a time for the local persistent Chroma index, across processes.

Chroma's local client keeps segments in memory: when another process writes (a `kam import`
or `kam reindex` while `kam serve` runs), a reader that keeps its old client sees a stale
index and can fail. So every index operation runs under a file lock in the data dir
(shared to read, exclusive to write), and every write bumps a generation file. A process
that finds the generation changed since it last looked reopens its client first.
Threads of one process take turns through a process lock.
"""
from __future__ import annotations

import fcntl
import os
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class IndexGuard:
    """Serialises index access; `reading()` / `writing()` yield True when the index changed elsewhere."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.lock_path = self.directory / "index.lock"
        self.generation_path = self.directory / "index.generation"
        self._seen: str | None = None
        self._process_lock = threading.RLock()

    @contextmanager
    def reading(self) -> Iterator[bool]:
        with self._process_lock, self._flock(fcntl.LOCK_SH):
            yield self._changed_elsewhere()

    @contextmanager
    def writing(self) -> Iterator[bool]:
        with self._process_lock, self._flock(fcntl.LOCK_EX):
            stale = self._changed_elsewhere()
            try:
                yield stale
            finally:  # even a failed write may have touched the files: others must reopen
                self._bump()

    def _changed_elsewhere(self) -> bool:
        current = self._read_generation()
        changed = self._seen is not None and current != self._seen
        self._seen = current
        return changed

    def _read_generation(self) -> str:
        try:
            return self.generation_path.read_text().strip()
        except FileNotFoundError:
            return ""

    def _bump(self) -> None:
        value = uuid.uuid4().hex
        temporary = self.generation_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(value)
        os.replace(temporary, self.generation_path)
        self._seen = value

    @contextmanager
    def _flock(self, mode: int) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        # A fresh open file description per use, so threads and processes exclude each other.
        with open(self.lock_path, "a+") as handle:
            fcntl.flock(handle.fileno(), mode)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class NoGuard:
    """A Chroma server serialises writes itself: nothing to lock, never stale."""

    @contextmanager
    def reading(self) -> Iterator[bool]:
        yield False

    @contextmanager
    def writing(self) -> Iterator[bool]:
        yield False
