"""The plain-language benchmark checks answers by content (tests/eval/content_check.py)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from content_check import check_answer, date_forms, numbers_in  # noqa: E402


def test_numbers_are_read_as_people_write_them() -> None:
    assert numbers_in("Revenue $1.2M, cost 845,300.50 and 4.5k; margin 12% (-3)") == [1.2e6, 845300.5, 4500.0,
                                                                                      12.0, -3.0]


def test_a_date_matches_in_its_common_forms() -> None:
    forms = date_forms(date(2026, 12, 3))
    assert "2026-12-03" in forms and "3 dec" in forms and "dec 3" in forms and "3 december" in forms


def test_an_answer_meets_or_misses_each_expectation() -> None:
    answer = "Losing money: Kestrel Foods (margin -4.1%), Orbit Pharma. Met on 3 Dec 2026. Total $1.83M."
    expect = {"all": ["kestrel foods", "Orbit Pharma"], "any": ["losing money", "negative"], "none": ["Harbor"],
              "numbers": [{"value": 1834000, "tolerance": 0.01}], "dates": ["2026-12-03"]}

    assert check_answer(answer, expect) == []
    assert check_answer(answer, {"all": ["Harbor Steel"]}) == ["lacks 'Harbor Steel'"]
    assert check_answer(answer, {"none": ["orbit"]}) == ["holds 'orbit'"]
    assert check_answer(answer, {"numbers": [{"value": 2_500_000}]}) == ["lacks the number 2500000"]
    assert check_answer(answer, {"dates": ["2026-12-04"]}) == ["lacks the date 2026-12-04"]
    assert check_answer("Zoë Müller", {"all": ["Zoe Muller"]}) == []
