"""What drafters take and return: plain dataclasses, no Slack, no database."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kam_domain.index.knowledge_docs import KnowledgeChunk

QUADRANTS = ("strength", "weakness", "opportunity", "threat")


@dataclass(frozen=True)
class SourceNote:
    """A note of the account, as retrieved for drafting."""

    id: int
    written_on: date
    author: str
    text: str
    relevance: float = 0.0  # similarity to the request's queries (0..1), or a lexical score


@dataclass(frozen=True)
class ExcludedPoint:
    """A point already rejected or accepted: not to be offered again."""

    note_id: int
    quadrant: str
    text: str


@dataclass
class SwotRequest:
    account_name: str
    today: date
    notes: list[SourceNote]
    excluded: list[ExcludedPoint] = field(default_factory=list)
    per_quadrant: int = 4


@dataclass(frozen=True)
class DraftPoint:
    quadrant: str
    text: str
    note_id: int
    rank: float = 0.0
    also: tuple[int, ...] = ()  # other notes saying the same (near-duplicates merged into this point)


@dataclass
class SwotDraft:
    points: list[DraftPoint]
    drafted_by: str  # "offline" or the model, e.g. "openai:gpt-4o-mini"
    fallback_reason: str | None = None  # why the model's draft was replaced by the offline one


@dataclass
class ActionsRequest:
    account_name: str
    today: date
    notes: list[SourceNote]
    known_actions: list[str] = field(default_factory=list)  # titles already on the plan
    limit: int = 6


@dataclass(frozen=True)
class DraftAction:
    text: str
    reason: str
    note_id: int
    kind: str  # commitment, question, risk, request
    due: date | None = None
    by: str | None = None  # commitments: "us" or "them"
    owner: str | None = None  # who carries it out, when the note names them


@dataclass
class ActionsDraft:
    actions: list[DraftAction]
    drafted_by: str
    fallback_reason: str | None = None


@dataclass
class MethodRequest:
    question: str
    chunks: list[KnowledgeChunk]


@dataclass
class MethodDraft:
    text: str
    chunk_ids: list[str]  # the chunks the answer rests on
    drafted_by: str
    fallback_reason: str | None = None


class Drafter(Protocol):
    label: str  # "offline" or the model

    def draft_swot(self, request: SwotRequest) -> SwotDraft: ...

    def draft_next_actions(self, request: ActionsRequest) -> ActionsDraft: ...

    def answer_method(self, request: MethodRequest) -> MethodDraft: ...


def normalise_text(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def point_id(note_id: int, quadrant: str, text: str) -> str:
    """A short id for a point: the same statement from the same note gets the same id."""
    raw = f"{int(note_id)}|{quadrant}|{normalise_text(text)}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def similar_text(a: str, b: str, threshold: float = 0.6) -> bool:
    """Token overlap (Jaccard) at or above the threshold, or one text contained in the other."""
    left, right = set(normalise_text(a).split()), set(normalise_text(b).split())
    if not left or not right:
        return False
    shared = len(left & right)
    return shared / len(left | right) >= threshold or shared / min(len(left), len(right)) >= 0.9


def is_excluded(note_id: int, quadrant: str, text: str, excluded: list[ExcludedPoint]) -> bool:
    return any(e.note_id == note_id and e.quadrant == quadrant and similar_text(e.text, text) for e in excluded)
