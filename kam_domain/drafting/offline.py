"""The offline drafter: grounded drafts from the retrieved notes, no network, no LLM.

SWOT: split the notes into statements, place each in a quadrant (sentence embeddings
against quadrant exemplars plus cue words), leave out what is no SWOT point (logistics,
to-dos), merge near-duplicates (cosine > 0.9), rank by fit, the note's relevance and its
recency, and keep the best few per quadrant, each citing its note.
Next actions: commitments, requests, open questions and risks found in the notes.
Method answers: the best-matching paragraphs of the best knowledge sections, cited.
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from rapidfuzz import fuzz

from kam_domain.drafting import commitments, reading
from kam_domain.drafting.quadrants import ExemplarBank, place
from kam_domain.drafting.statements import Statement, split_statements
from kam_domain.drafting.types import (
    ActionsDraft,
    ActionsRequest,
    DraftAction,
    DraftPoint,
    MethodDraft,
    MethodRequest,
    SourceNote,
    SwotDraft,
    SwotRequest,
    is_excluded,
    similar_text,
)
from kam_domain.index.ranking import recency, terms

log = logging.getLogger(__name__)

DUPLICATE_COSINE = 0.9
RELEVANCE_WEIGHT = 0.3
RECENCY_WEIGHT = 0.2
KNOWN_ACTION_MATCH = 80  # rapidfuzz token_set_ratio at which a drafted action is already on the plan
KNOWN_ACTION_OVERLAP = 0.6  # ... or sharing this share of the shorter one's content words
ANSWER_WORDS = 220
STATEMENT_CACHE = 20_000  # statement vectors kept per process (~30 MB): re-drafts embed only new text


class _VectorCache:
    """Statement text -> vector, least recently used out first; thread-safe."""

    def __init__(self, size: int):
        self.size = size
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, embedder, texts: list[str]) -> np.ndarray:
        name = getattr(embedder, "name", "")
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if (name, t) not in self._vectors))
        if missing:
            fresh = embedder.embed(missing)
            with self._lock:
                for text, vector in zip(missing, fresh):
                    self._vectors[(name, text)] = vector
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        with self._lock:
            rows = []
            for text in texts:
                vector = self._vectors.get((name, text))
                if vector is None:  # evicted meanwhile by a very large request
                    vector = embedder.embed([text])[0]
                else:
                    self._vectors.move_to_end((name, text))
                rows.append(vector)
        return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


@dataclass
class _Candidate:
    note: SourceNote
    statement: Statement
    quadrant: str
    rank: float
    vector: np.ndarray | None
    also: list[int] = field(default_factory=list)  # notes of near-duplicates merged into this one


class OfflineDrafter:
    label = "offline"

    def __init__(self, embedder_factory: Callable[[], object] | None, cache_size: int = STATEMENT_CACHE):
        self._embedder_factory = embedder_factory
        self._cache = _VectorCache(cache_size)

    # ------------------------------------------------------------------ SWOT

    def draft_swot(self, request: SwotRequest) -> SwotDraft:
        pool = [(note, s) for note in request.notes for s in split_statements(note.text, request.account_name)
                if commitments.kind_of(s.sentence) not in ("commitment", "question", "follow_up")
                and not reading.routine(s.text, s.label)]
        if not pool:
            return SwotDraft([], self.label)
        texts, labels = [s.text for _, s in pool], [s.label for _, s in pool]
        vectors, bank = self._vectors(texts)
        evidence = np.stack([reading.quadrant_evidence(t, l) for t, l in zip(texts, labels)])
        placements = place(texts, labels, vectors, bank, evidence)
        fresh = recency([n.written_on for n, _ in pool], request.today)
        candidates = []
        for i, ((note, statement), placement) in enumerate(zip(pool, placements)):
            if placement.quadrant is None or is_excluded(note.id, placement.quadrant, statement.text, request.excluded):
                continue
            rank = (placement.score + reading.salience(statement.text) + RELEVANCE_WEIGHT * note.relevance
                    + RECENCY_WEIGHT * float(fresh[i]))
            candidates.append(_Candidate(note, statement, placement.quadrant, rank,
                                         vectors[i] if vectors is not None else None))
        distinct = _distinct(sorted(candidates, key=lambda c: -c.rank))  # one quadrant per statement
        points = []
        for quadrant in ("strength", "weakness", "opportunity", "threat"):
            chosen = [c for c in distinct if c.quadrant == quadrant]
            points += [DraftPoint(quadrant, c.statement.text, c.note.id, round(c.rank, 4), tuple(c.also))
                       for c in chosen[:request.per_quadrant]]
        return SwotDraft(points, self.label)

    def _vectors(self, texts: list[str]) -> tuple[np.ndarray | None, ExemplarBank | None]:
        if self._embedder_factory is None:
            return None, None
        try:
            embedder = self._embedder_factory()
            return self._cache.embed(embedder, texts), ExemplarBank.for_embedder(embedder)
        except Exception as exc:  # noqa: BLE001 - no model: cue words alone still draft
            log.warning("offline drafter without embeddings (%s); using cue words only", exc.__class__.__name__)
            return None, None

    def classify(self, statements: list[str]) -> list[str | None]:
        """The quadrant each statement would go to (None: no SWOT point), as in a draft."""
        parsed = [split_statements(text) for text in statements]
        texts = [p[0].text if p else text for p, text in zip(parsed, statements)]
        labels = [p[0].label if p else None for p in parsed]
        vectors, bank = self._vectors(texts)
        evidence = np.stack([reading.quadrant_evidence(t, l) for t, l in zip(texts, labels)]) if texts else None
        placed = place(texts, labels, vectors, bank, evidence)
        return [None if reading.routine(t, l) else p.quadrant for t, l, p in zip(texts, labels, placed)]

    # ------------------------------------------------------------------ next actions

    def draft_next_actions(self, request: ActionsRequest) -> ActionsDraft:
        found: list[DraftAction] = []
        for note in sorted(request.notes, key=lambda n: (n.written_on, n.id), reverse=True):
            for finding in commitments.find(note.text, note.written_on):
                if any(similar_text(finding.text, a.text) for a in found):
                    continue
                found.append(DraftAction(finding.text, _reason(finding, note, request), note.id, finding.kind,
                                         finding.due, finding.by, finding.owner))
        found = self._not_on_the_plan(found, request.known_actions)
        found.sort(key=lambda a: (_urgency(a, request), -_note_date(a, request).toordinal()))
        return ActionsDraft(found[:request.limit], self.label)

    @staticmethod
    def _not_on_the_plan(found: list[DraftAction], known: list[str]) -> list[DraftAction]:
        """Leave out what the plan already has, in the same words or mostly the same content words
        ("Promised Felix a site visit with our engineer" is "Book an engineer visit with Felix")."""
        return [a for a in found if not _known(a.text, known)]

    # ------------------------------------------------------------------ method answers

    def answer_method(self, request: MethodRequest) -> MethodDraft:
        """The paragraphs of the best guide that best answer the question, under their headings."""
        if not request.chunks:
            return MethodDraft("", [], self.label)
        doc = request.chunks[0].doc
        chunks = [c for c in request.chunks if c.doc == doc]
        paragraphs = [(i, j, p) for i, c in enumerate(chunks) for j, p in enumerate(_paragraphs(c.text))]
        chosen = sorted(self._best_paragraphs(request.question, paragraphs, [c.heading for c in chunks]))
        parts, used = [], []
        for i, _, paragraph in chosen:
            if chunks[i].id not in used:
                used.append(chunks[i].id)
                parts.append(f"*{chunks[i].heading}*")
            parts.append(_clip_words(paragraph, ANSWER_WORDS))
        return MethodDraft("\n".join(parts), used, self.label)

    def _best_paragraphs(self, question: str, paragraphs: list[tuple[int, int, str]],
                         headings: list[str]) -> list[tuple[int, int, str]]:
        """Best first (scored with its section heading, which says what it is about), then more
        while they fit in the answer."""
        order = list(range(len(paragraphs)))
        vectors, _ = self._vectors([question] + headings + [f"{headings[i]}. {p}" for i, _, p in paragraphs])
        if vectors is not None:
            heading_scores = vectors[1:1 + len(headings)] @ vectors[0]
            scores = vectors[1 + len(headings):] @ vectors[0]
            scores = [max(float(scores[k]), float(heading_scores[paragraphs[k][0]]) - 0.1 * paragraphs[k][1])
                      for k in order]  # a heading that asks the question lifts its section, first paragraph most
            order = sorted(order, key=lambda k: -scores[k])
        picked, words = [], 0
        for k in order:
            size = len(paragraphs[k][2].split())
            if picked and words + size > ANSWER_WORDS:
                continue
            picked.append(paragraphs[k])
            words += size
            if words >= ANSWER_WORDS * 0.6:
                break
        return picked


def _paragraphs(text: str) -> list[str]:
    """Paragraphs, a lead-in ending with ":" kept with the list that follows it."""
    paragraphs: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        if paragraphs and paragraphs[-1].endswith(":"):
            paragraphs[-1] += "\n" + paragraph
        else:
            paragraphs.append(paragraph)
    return paragraphs


def _distinct(ranked: list[_Candidate]) -> list[_Candidate]:
    """Near-duplicates (cosine > 0.9, or the same words) keep their best-ranked one, which cites
    the others' notes as well."""
    kept: list[_Candidate] = []
    for candidate in ranked:
        duplicate = None
        for other in kept:
            same = candidate.vector is not None and other.vector is not None and \
                float(candidate.vector @ other.vector) > DUPLICATE_COSINE
            if same or similar_text(candidate.statement.text, other.statement.text, 0.8):
                duplicate = other
                break
        if duplicate is None:
            kept.append(candidate)
        elif candidate.note.id != duplicate.note.id and candidate.note.id not in duplicate.also:
            duplicate.also.append(candidate.note.id)
    return kept


def _known(text: str, known: list[str]) -> bool:
    words = _content_words(text)
    for title in known:
        if fuzz.token_set_ratio(text.lower(), title.lower()) >= KNOWN_ACTION_MATCH:
            return True
        other = _content_words(title)
        if words and other and len(words & other) / min(len(words), len(other)) >= KNOWN_ACTION_OVERLAP:
            return True
    return False


def _content_words(text: str) -> set[str]:
    return {w for w in terms(text.replace("-", " ")) if w not in _ACTION_STOP}


_ACTION_STOP = frozenset("send promised promise owe find act risk follow check answer get back about up".split())


_KIND_REASON = {
    "commitment": "We promised this",
    "request": "The customer asked for this",
    "question": "A question left open",
    "risk": "A risk was raised",
    "follow_up": "A follow-up was noted",
}


def _reason(finding, note: SourceNote, request: ActionsRequest) -> str:
    said = "They promised this" if finding.by == "them" else _KIND_REASON[finding.kind]
    reason = f"{said} in the note of {note.written_on.isoformat()} ({note.author})"
    if finding.owner and finding.owner != "me":
        reason += f"; owner: {finding.owner}"
    if finding.due and finding.due < request.today:
        reason += f"; it was due {finding.due.isoformat()}: check it happened"
    return reason


def _note_date(action: DraftAction, request: ActionsRequest):
    for note in request.notes:
        if note.id == action.note_id:
            return note.written_on
    return request.today


def _urgency(action: DraftAction, request: ActionsRequest) -> int:
    if action.due and action.due < request.today:
        return 0  # overdue
    if action.due:
        return 1
    return {"risk": 2, "commitment": 3, "request": 3, "question": 4, "follow_up": 5}.get(action.kind, 6)


def _clip_words(text: str, limit: int) -> str:
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:limit]) + " …"
