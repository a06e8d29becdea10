"""The drafting evaluation, shared by the test floors (tests/drafting/test_eval_floors.py)
and the benchmark (benchmarks/bench_drafting.py).

- swot_statements.jsonl: 80 note statements in a salesperson's voice, each labelled with its
  SWOT quadrant (20 per quadrant).
- method_questions.jsonl: 34 method questions, each with the knowledge document that answers it.
- Held out from tuning: statements built from the demo portfolio's labelled fact pools
  (kam_domain.demo), when that module is present.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUADRANTS = ("strength", "weakness", "opportunity", "threat")


def load_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line.strip()]


@dataclass
class QuadrantScore:
    accuracy: float
    placed: float  # share of statements placed in some quadrant (not dropped as "no SWOT point")
    total: int
    confusion: Counter

    def __str__(self) -> str:
        return f"{self.accuracy:.3f} ({self.total} statements, {self.placed:.0%} placed)"


def quadrant_score(drafter, rows: list[dict]) -> QuadrantScore:
    predicted = drafter.classify([r["text"] for r in rows])
    confusion = Counter((r["quadrant"], p) for r, p in zip(rows, predicted))
    correct = sum(1 for r, p in zip(rows, predicted) if p == r["quadrant"])
    placed = sum(1 for p in predicted if p is not None)
    return QuadrantScore(correct / len(rows), placed / len(rows), len(rows), confusion)


def demo_statements() -> list[dict]:
    """Labelled statements from the demo's fact pools, with fixed slot values (held out)."""
    try:
        from kam_domain.demo import FACT_POOLS
    except ImportError:
        return []
    slots = {"product": "sorter belts", "site": "the Hamburg hub", "competitor": "Kraftmann", "month": "March",
             "quarter": "Q2", "weeks": "14", "expansion": "Poland", "next_year": "2027", "n": "4", "pct": "8"}
    rows = []
    for quadrant, facts in FACT_POOLS.items():
        for fact in facts:
            text = fact.format(**slots)
            rows.append({"text": text[0].upper() + text[1:] + ".", "quadrant": quadrant})
    return rows


@dataclass
class RecallScore:
    at_1: float
    at_3: float
    total: int


def knowledge_recall(index, rows: list[dict]) -> RecallScore:
    from kam_domain.services.knowledge import _search

    hit1 = hit3 = 0
    for row in rows:
        docs = [h.chunk.doc for h in _search(index, row["question"], 3)]
        hit1 += bool(docs) and docs[0] == row["doc"]
        hit3 += row["doc"] in docs
    return RecallScore(hit1 / len(rows), hit3 / len(rows), len(rows))


def citation_correctness(result, account_note_bodies: dict[int, str], grounded: bool = True) -> float:
    """Share of points citing a note of this account whose words the point actually uses
    (for the offline drafter a point is a statement of its note, its subject named: the account's
    name may be prepended)."""
    from kam_domain.drafting.types import normalise_text

    if not result.points:
        return 1.0
    good = 0
    for point in result.points:
        body = account_note_bodies.get(point.citation.note_id)
        if body is None:
            continue
        if not grounded:
            good += 1
            continue
        words = set(normalise_text(point.text).split())
        source = set(normalise_text(body).split()) | set(normalise_text(result.account_name).split())
        good += len(words & source) / max(1, len(words)) >= 0.8
    return good / len(result.points)
