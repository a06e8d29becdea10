"""Floors on the annotated drafting sets (tests/eval/drafting): the offline SWOT keeps recalling the
facts a KAM expects and keeps them in the quadrant of what they mean for us. Both sets are spent
(tuned on), so these guard against regressions; the sealed set's one measurement is the real test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"
sys.path.insert(0, str(EVAL))

from drafting_eval import run_set  # noqa: E402

pytestmark = pytest.mark.slow

# measured 2026-12-07 after the who-acts readings (kam_domain/drafting/meaning.py):
# dev 100% recall / 94.1% quadrant, spent sealed 96.1% / 99.0%
FLOORS = {"dev_set.json": (0.95, 0.93), "spent_sealed_2026-12-07.json": (0.92, 0.95)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_facts_are_recalled_in_the_right_quadrant(name):
    recall_floor, quadrant_floor = FLOORS[name]
    score = run_set(EVAL / "drafting" / name).score
    assert score.fact_recall >= recall_floor, score.misses
    assert score.quadrant_accuracy >= quadrant_floor, score.wrong
    assert score.citation_validity == 1.0 and score.leaks == 0, score.wrong
