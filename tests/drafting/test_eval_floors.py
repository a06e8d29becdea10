"""Floors on the drafting evaluation (tests/eval): quadrant accuracy offline, retrieval
recall of the knowledge guides, and citation correctness of drafts."""
from __future__ import annotations

import sys
from pathlib import Path

from sqlmodel import Session, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from drafting_data import TODAY, index_everything, seed  # noqa: E402
from evaluation import citation_correctness, demo_statements, knowledge_recall, load_jsonl, quadrant_score  # noqa: E402
from kam_domain.models import Note  # noqa: E402
from kam_domain.services.authz import Actor  # noqa: E402
from kam_domain.services.drafts import draft_swot  # noqa: E402
from kam_domain.store.uow import UnitOfWork  # noqa: E402

QUADRANT_ACCURACY_FLOOR = 0.7
RECALL_AT_3_FLOOR = 0.85


def test_the_eval_sets_are_big_enough_and_balanced():
    statements = load_jsonl("swot_statements.jsonl")
    assert len(statements) >= 60
    assert {r["quadrant"] for r in statements} == {"strength", "weakness", "opportunity", "threat"}
    assert len(load_jsonl("method_questions.jsonl")) >= 25


def test_offline_quadrant_accuracy(offline):
    score = quadrant_score(offline, load_jsonl("swot_statements.jsonl"))
    assert score.accuracy >= QUADRANT_ACCURACY_FLOOR, score


def test_offline_quadrant_accuracy_on_held_out_demo_statements(offline):
    rows = demo_statements()
    assert len(rows) >= 30  # kam_domain.demo's labelled fact pools (held out from tuning)
    score = quadrant_score(offline, rows)
    assert score.accuracy >= QUADRANT_ACCURACY_FLOOR, score


def test_knowledge_recall_at_3(notes_index):
    score = knowledge_recall(notes_index, load_jsonl("method_questions.jsonl"))
    assert score.at_3 >= RECALL_AT_3_FLOOR, score


def test_citation_correctness_is_total(sqlite_engine, notes_index, offline):
    with Session(sqlite_engine) as session:
        data = seed(session, injection=True)
        bodies = {n.id: n.body for n in session.exec(select(Note).where(Note.account_id == data.alpha_id)).all()}
    index_everything(sqlite_engine, notes_index)
    result = draft_swot(UnitOfWork(sqlite_engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY, notes_index,
                        offline)
    assert len(result.points) >= 8
    assert citation_correctness(result, bodies) == 1.0
