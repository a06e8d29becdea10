"""The notes and knowledge index on Chroma: a persistent local directory, or a Chroma server.

- One notes collection per workspace (its name derived from the team id and the embedding
  model), one knowledge collection per installation.
- We always embed ourselves and always pass our embedding function when a collection is
  opened (Chroma's default one would try to download a model).
- Account retrieval reads the account's vectors with `get(where={"account_id": ...})` and
  ranks them with an exact dot product: measured faster than a filtered ANN query, and exact.
- A note is stored as its vector, its id and what the filter needs (workspace, account, date);
  its text stays in the database.
- Any Chroma or connection failure becomes `IndexUnavailable`, so callers can degrade to
  the database.
"""
from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from kam_domain.index.embeddings import Embedder, slug
from kam_domain.index.knowledge_docs import KnowledgeChunk, fingerprint
from kam_domain.index.lock import IndexGuard, NoGuard
from kam_domain.index.ranking import similarities

log = logging.getLogger(__name__)

UPSERT_BATCH = 512
QUERY_CACHE_SIZE = 256


class IndexUnavailable(Exception):
    """The index cannot be reached or read right now; the database still can."""


@dataclass(frozen=True)
class NoteRecord:
    id: int
    team_id: str
    account_id: int
    written_on: date
    author: str
    body: str


@dataclass(frozen=True)
class ScoredNote:
    note_id: int
    per_query: tuple[float, ...]  # similarity to each query, in the order asked
    written_on: date | None

    @property
    def score(self) -> float:
        return max(self.per_query) if self.per_query else 0.0


@dataclass(frozen=True)
class KnowledgeHit:
    chunk: KnowledgeChunk
    score: float


@dataclass(frozen=True)
class AccountRanking:
    notes: list[ScoredNote]
    seconds: float  # time spent reading vectors and ranking (the query embedding excluded)


def notes_collection_name(team_id: str, embedder_name: str) -> str:
    """A Chroma-safe, collision-free collection name for one workspace and one model."""
    safe = re.sub(r"[^A-Za-z0-9]", "", team_id)[:40] or "ws"
    digest = hashlib.sha1(team_id.encode("utf-8")).hexdigest()[:8]
    return f"kam-notes-{safe}-{digest}-{slug(embedder_name)}"


def knowledge_collection_name(embedder_name: str) -> str:
    return f"kam-knowledge-{slug(embedder_name)}"


def _embedding_function_class():
    from chromadb.api.types import EmbeddingFunction
    from chromadb.utils.embedding_functions import known_embedding_functions, register_embedding_function

    if "kam_embedder" in known_embedding_functions:
        return known_embedding_functions["kam_embedder"]

    class KamEmbeddingFunction(EmbeddingFunction):
        """Our embedder as Chroma sees it. We pass vectors ourselves; this only guards against
        Chroma ever falling back to its downloading default."""

        def __init__(self, embedder_factory: Callable[[], Embedder] | None = None, model: str = ""):
            self._factory = embedder_factory
            self._model = model

        def __call__(self, input):  # noqa: A002 - Chroma's signature
            if self._factory is None:
                raise IndexUnavailable("the KAM embedder was not passed to this collection")
            return [row for row in self._factory().embed(list(input))]

        @staticmethod
        def name() -> str:
            return "kam_embedder"

        def get_config(self) -> dict[str, Any]:
            return {"model": self._model}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> "KamEmbeddingFunction":
            return KamEmbeddingFunction(None, config.get("model", ""))

        def default_space(self):
            return "ip"

    register_embedding_function(KamEmbeddingFunction)
    return KamEmbeddingFunction


def _chroma_settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


class ChromaIndex:
    """The notes and knowledge index. Build it with `local(...)` or `server(...)`."""

    def __init__(self, connect: Callable[[], Any], embedder_factory: Callable[[], Embedder], guard,
                 where: str, close: Callable[[Any], None] | None = None):
        self._connect = connect
        self._embedder_factory = embedder_factory
        self._guard = guard
        self._close = close
        self.where = where  # for messages: the directory or host:port
        self._client = None
        self._client_lock = threading.Lock()
        self._query_cache: dict[str, np.ndarray] = {}
        self._ef = None
        self._collections: dict[str, Any] = {}  # name -> open collection, dropped with the client

    # ------------------------------------------------------------------ construction

    @classmethod
    def local(cls, directory: Path, embedder_factory: Callable[[], Embedder]) -> "ChromaIndex":
        directory = Path(directory)

        def connect():
            import chromadb

            directory.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(directory / "chroma"), settings=_chroma_settings())

        return cls(connect, embedder_factory, IndexGuard(directory), where=str(directory),
                   close=lambda client: client.close())

    @classmethod
    def server(cls, host: str, port: int, embedder_factory: Callable[[], Embedder],
               timeout_seconds: float = 10.0) -> "ChromaIndex":
        def connect():
            import chromadb

            client = chromadb.HttpClient(host=host, port=int(port), settings=_chroma_settings())
            _set_http_timeout(client, timeout_seconds)
            return client

        return cls(connect, embedder_factory, NoGuard(), where=f"{host}:{port}", close=_close_http)

    @property
    def embedder(self) -> Embedder:
        return self._embedder_factory()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.embed(list(texts))

    # ------------------------------------------------------------------ notes

    def upsert_notes(self, records: Sequence[NoteRecord], vectors: np.ndarray | None = None) -> int:
        """Write notes (id = note id) with their vectors; embeds them when vectors are not given."""
        if not records:
            return 0
        if vectors is None:
            vectors = self.embed([r.body for r in records])
        by_team: dict[str, list[int]] = {}
        for i, record in enumerate(records):
            by_team.setdefault(record.team_id, []).append(i)
        with self._writing():
            for team_id, rows in by_team.items():
                collection = self._notes(team_id)
                for start in range(0, len(rows), UPSERT_BATCH):
                    part = rows[start:start + UPSERT_BATCH]
                    collection.upsert(ids=[str(records[i].id) for i in part],
                                      embeddings=np.asarray(vectors[part], dtype=np.float32),
                                      metadatas=[_note_metadata(records[i]) for i in part])
        return len(records)

    def delete_notes(self, team_id: str, note_ids: Sequence[int]) -> None:
        if not note_ids:
            return
        with self._writing():
            self._notes(team_id).delete(ids=[str(i) for i in note_ids])

    def note_ids(self, team_id: str) -> set[int]:
        with self._reading():
            result = self._notes(team_id).get(include=[])
        return {int(i) for i in result["ids"]}

    def count_notes(self, team_id: str) -> int:
        with self._reading():
            return self._notes(team_id).count()

    def rank_account_notes(self, team_id: str, account_id: int, queries: Sequence[str]) -> AccountRanking:
        """Every indexed note of one account with its similarity to each query (exact)."""
        query_vectors = self._query_vectors(queries)
        started = time.perf_counter()
        with self._reading():
            result = self._notes(team_id).get(where={"account_id": int(account_id)},
                                              include=["embeddings", "metadatas"])
        ids, metadatas = result["ids"], result["metadatas"] or []
        if not ids:
            return AccountRanking([], time.perf_counter() - started)
        vectors = np.asarray(result["embeddings"], dtype=np.float32)
        scores = similarities(vectors, query_vectors)
        notes = []
        for i, note_id in enumerate(ids):
            meta = metadatas[i] or {}
            # Belt and braces: the collection is the workspace's and the filter is the account's.
            if meta.get("team_id") != team_id or meta.get("account_id") != int(account_id):
                continue
            notes.append(ScoredNote(int(note_id), tuple(float(s) for s in scores[i]), _date(meta.get("written_on"))))
        return AccountRanking(notes, time.perf_counter() - started)

    # ------------------------------------------------------------------ knowledge

    def ensure_knowledge(self, chunks: Sequence[KnowledgeChunk], force: bool = False) -> bool:
        """Index the knowledge chunks unless the same ones are already there. True if written."""
        wanted = fingerprint(list(chunks))
        with self._reading():
            collection = self._knowledge()
            current = (collection.metadata or {}).get("kam_fingerprint")
            count = collection.count()
        if not force and current == wanted and count == len(chunks):
            return False
        vectors = _knowledge_vectors(self.embedder, list(chunks), wanted) if chunks else None
        with self._writing():
            collection = self._knowledge()
            existing = collection.get(include=[])["ids"]
            if existing:
                collection.delete(ids=existing)
            if chunks:
                collection.upsert(ids=[c.id for c in chunks], embeddings=vectors,
                                  metadatas=[{"doc": c.doc, "title": c.title, "heading": c.heading} for c in chunks],
                                  documents=[c.text for c in chunks])
            collection.modify(metadata={"kam_fingerprint": wanted, "kam_embedder": self.embedder.name})
        return True

    def search_knowledge(self, question: str, k: int = 3) -> list[KnowledgeHit]:
        query = self._query_vectors([question])
        with self._reading():
            result = self._knowledge().get(include=["embeddings", "metadatas", "documents"])
        if not result["ids"]:
            return []
        scores = similarities(np.asarray(result["embeddings"], dtype=np.float32), query)[:, 0]
        order = np.argsort(scores)[::-1][:k]
        hits = []
        for i in order:
            meta = result["metadatas"][i] or {}
            chunk = KnowledgeChunk(result["ids"][i], meta.get("doc", ""), meta.get("title", ""),
                                   meta.get("heading", ""), result["documents"][i] or "")
            hits.append(KnowledgeHit(chunk, float(scores[i])))
        return hits

    # ------------------------------------------------------------------ plumbing

    def _query_vectors(self, queries: Sequence[str]) -> np.ndarray:
        missing = [q for q in queries if q not in self._query_cache]
        if missing:
            for query, vector in zip(missing, self.embed(missing)):
                if len(self._query_cache) >= QUERY_CACHE_SIZE:
                    self._query_cache.pop(next(iter(self._query_cache)))
                self._query_cache[query] = vector
        return np.stack([self._query_cache[q] for q in queries])

    def _reading(self):
        return _Guarded(self, self._guard.reading())

    def _writing(self):
        return _Guarded(self, self._guard.writing())

    def client(self):
        with self._client_lock:
            if self._client is None:
                try:
                    self._client = self._connect()
                except Exception as exc:  # noqa: BLE001 - a server that is down, a directory we cannot open
                    log.warning("cannot open the retrieval index at %s: %s", self.where, exc.__class__.__name__)
                    raise IndexUnavailable(f"the retrieval index at {self.where} cannot be opened") from exc
            return self._client

    def reopen(self) -> None:
        """Drop the client so the next use reads the index from disk (another process wrote)."""
        with self._client_lock:
            client, self._client = self._client, None
            self._collections = {}
        if client is not None and self._close is not None:
            try:
                self._close(client)
            except Exception:  # noqa: BLE001 - closing a stale client must not fail the request
                log.debug("closing a stale Chroma client failed", exc_info=True)

    def close(self) -> None:
        self.reopen()

    def _embedding_function(self):
        if self._ef is None:
            self._ef = _embedding_function_class()(self._embedder_factory, self.embedder.name)
        return self._ef

    def _notes(self, team_id: str):
        return self._collection(notes_collection_name(team_id, self.embedder.name),
                                {"kam_team_id": team_id, "kam_embedder": self.embedder.name})

    def _knowledge(self):
        # Not cached: its metadata (the fingerprint of the guides) must be read fresh each time.
        return self.client().get_or_create_collection(
            knowledge_collection_name(self.embedder.name), embedding_function=self._embedding_function(),
            metadata={"kam_embedder": self.embedder.name})

    def _collection(self, name: str, metadata: dict[str, Any]):
        """The collection, opened once per client (get_or_create costs ~3 ms a call, a third of a
        retrieval). Always with our embedding function. A failure drops the client and this cache."""
        client = self.client()
        with self._client_lock:
            collection = self._collections.get(name)
        if collection is None:
            collection = client.get_or_create_collection(name, embedding_function=self._embedding_function(),
                                                         metadata=metadata)
            with self._client_lock:
                if self._client is client:
                    self._collections[name] = collection
        return collection


class _Guarded:
    """Runs one index operation under the guard; reopens a stale client; maps failures."""

    def __init__(self, index: ChromaIndex, guard_context):
        self.index = index
        self.guard_context = guard_context

    def __enter__(self):
        try:
            stale = self.guard_context.__enter__()
        except OSError as exc:
            raise IndexUnavailable(f"the index lock in {self.index.where} cannot be taken") from exc
        if stale:
            self.index.reopen()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.guard_context.__exit__(exc_type, exc, tb)
        if exc is None or isinstance(exc, IndexUnavailable):
            return False
        if _is_index_failure(exc):
            log.warning("the retrieval index at %s failed: %s", self.index.where, exc.__class__.__name__,
                        exc_info=exc)
            self.index.reopen()
            raise IndexUnavailable(f"the retrieval index at {self.index.where} is not available") from exc
        return False


def _is_index_failure(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return (module.startswith(("chromadb", "httpx", "httpcore")) or isinstance(exc, (ConnectionError, OSError, TimeoutError))
            or type(exc).__name__ in {"InternalError", "ChromaError"})


_knowledge_cache: dict[tuple[str, str], np.ndarray] = {}


def _knowledge_vectors(embedder: Embedder, chunks: list[KnowledgeChunk], wanted: str) -> np.ndarray:
    """The guides' vectors, embedded once per process and model (every index reuses them)."""
    key = (embedder.name, wanted)
    if key not in _knowledge_cache:
        _knowledge_cache[key] = embedder.embed([c.embedding_text for c in chunks])
    return _knowledge_cache[key]


def _note_metadata(record: NoteRecord) -> dict[str, Any]:
    # Only what retrieval filters and ranks on. The note's text and author stay in the database
    # (the source of truth): storing the body would also feed Chroma's full-text index, which
    # doubled the cost of every upsert and is never queried.
    return {"team_id": record.team_id, "account_id": int(record.account_id),
            "written_on": record.written_on.isoformat()}


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _close_http(client) -> None:
    """Chroma's HTTP client leaves its connection pool open on close(): close that too."""
    client.close()
    session = getattr(getattr(client, "_server", None), "_session", None)  # as in _set_http_timeout
    if session is not None:
        session.close()


def _set_http_timeout(client, seconds: float) -> None:
    """Chroma's HTTP client waits forever by default; a hung server must not hang a request."""
    try:
        import httpx

        session = client._server._session  # noqa: SLF001 - no public knob in chromadb 1.5
        session.timeout = httpx.Timeout(seconds)
    except Exception:  # noqa: BLE001 - best effort across chromadb versions
        log.debug("could not set the Chroma HTTP timeout", exc_info=True)
