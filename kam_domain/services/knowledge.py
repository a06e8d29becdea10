"""Questions about KAM method ("how do I run a QBR?"), answered from `knowledge/` with the
document cited.

The knowledge documents are chunked by heading and kept in their own collection (one per
installation); the index re-embeds them when the documents change. When the index is
unavailable, the sections are ranked by their words instead, and the answer says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kam_domain.assets import knowledge_documents
from kam_domain.drafting.types import MethodRequest
from kam_domain.errors import UserError
from kam_domain.index.chroma_index import IndexUnavailable, KnowledgeHit
from kam_domain.index.embeddings import EmbeddingsUnavailable
from kam_domain.index.knowledge_docs import KnowledgeChunk, chunk_documents
from kam_domain.index.ranking import lexical_scores, terms

TOP_K = 3
ANSWER_THRESHOLD = 0.30  # below this similarity no guide answers the question
ROUTE_THRESHOLD = 0.50  # a question this close to a guide is a method question

_QUESTION = re.compile(r"^\s*(?:how|what|why|when|who|which|where|should|shall|do|does|is|are|can|could|"
                       r"would|any|tips?|explain|define|tell me)\b|\?\s*$", re.IGNORECASE)
_KAM_TERMS = re.compile(
    r"\b(?:key\s+accounts?|kam|account\s+plan\w*|qbrs?|(?:quarterly\s+)?business\s+reviews?|account\s+reviews?|"
    r"review\s+(?:cadence|checklist)|stakeholders?|champions?|economic\s+buyers?|decision\s+makers?|blockers?|"
    r"gatekeepers?|coverage|single[\s-]threaded|portfolio|quadrants?|swot|mutual\s+attractiveness|"
    r"perception\s+gap|strategic\s+accounts?|star\s+accounts?|status\s+accounts?|streamline|80/20|pareto|"
    r"profitability|cost\s+to\s+serve|share\s+of\s+wallet|untapped\s+potential|selection\s+criteria|"
    r"executive\s+sponsors?|account\s+management)\b", re.IGNORECASE)


@dataclass(frozen=True)
class KnowledgeSource:
    doc: str  # file stem
    title: str
    heading: str

    @property
    def file(self) -> str:
        return f"knowledge/{self.doc}.md"

    @property
    def label(self) -> str:
        return f"{self.title}, “{self.heading}” ({self.file})"


@dataclass
class KnowledgeAnswer:
    text: str
    sources: list[KnowledgeSource]
    question: str = ""
    drafted_by: str = "offline"
    notices: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def knowledge_chunks() -> tuple[KnowledgeChunk, ...]:
    return tuple(chunk_documents(knowledge_documents()))


def topics() -> list[str]:
    return sorted({c.title for c in knowledge_chunks()})


def looks_like_method_question(text: str) -> bool:
    """Question-shaped and in KAM vocabulary: cheap, no model."""
    return bool(_QUESTION.search(text or "") and _KAM_TERMS.search(text or ""))


def is_method_question(text: str, index, account_names: list[str] = ()) -> bool:
    """A method question: KAM vocabulary in a question, or a question close to a guide section.
    A question that names one of the workspace's accounts is about that account, not method."""
    if mentions_account(text, account_names):
        return False
    if looks_like_method_question(text):
        return True
    if not _QUESTION.search(text or ""):
        return False
    try:
        hits = _search(index, text, 1)
    except (IndexUnavailable, EmbeddingsUnavailable):
        return False
    return bool(hits) and hits[0].score >= ROUTE_THRESHOLD


def mentions_account(text: str, account_names: list[str]) -> bool:
    words = set(re.findall(r"[a-z0-9][a-z0-9&'\-]+", (text or "").lower()))
    for name in account_names:
        tokens = [t for t in re.findall(r"[a-z0-9][a-z0-9&'\-]+", name.lower()) if len(t) >= 4]
        if tokens and tokens[0] in words:
            return True
    return False


def answer_method_question(question: str, index, drafter) -> KnowledgeAnswer:
    """The answer from the guides, citing the documents it rests on."""
    question = (question or "").strip()
    if not question:
        raise UserError("Ask a question about method, e.g. `/kam ask how do I run a QBR?`.")
    notices: list[str] = []
    try:
        hits = _search(index, question, TOP_K)
    except (IndexUnavailable, EmbeddingsUnavailable):
        hits = _lexical_search(question, TOP_K)
        notices.append("The search index is unavailable, so I matched the guides by their words.")
    else:
        hits = [h for h in hits if h.score >= ANSWER_THRESHOLD]
    if not hits:
        raise UserError("None of the KAM guides answers that. They cover: " + "; ".join(topics()) + ".")
    draft = drafter.answer_method(MethodRequest(question, [h.chunk for h in hits]))
    if draft.fallback_reason:
        notices.insert(0, f"Drafted offline: {draft.fallback_reason}.")
    by_id = {h.chunk.id: h.chunk for h in hits}
    used = [by_id[i] for i in draft.chunk_ids if i in by_id] or [hits[0].chunk]
    sources = _sources(used)
    return KnowledgeAnswer(draft.text, sources, question, draft.drafted_by, notices)


def _search(index, question: str, k: int) -> list[KnowledgeHit]:
    index.ensure_knowledge(list(knowledge_chunks()))
    return index.search_knowledge(question, k)


def _lexical_search(question: str, k: int) -> list[KnowledgeHit]:
    chunks = list(knowledge_chunks())
    scores = lexical_scores([c.embedding_text for c in chunks], terms(question))
    order = sorted(range(len(chunks)), key=lambda i: -scores[i])[:k]
    return [KnowledgeHit(chunks[i], float(scores[i])) for i in order if scores[i] > 0]


def _sources(chunks: list[KnowledgeChunk]) -> list[KnowledgeSource]:
    seen, sources = set(), []
    for chunk in chunks:
        if chunk.id not in seen:
            seen.add(chunk.id)
            sources.append(KnowledgeSource(chunk.doc, chunk.title, chunk.heading))
    return sources
