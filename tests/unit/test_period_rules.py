"""Financial periods and tier history (pure helpers in kam_domain.rules.portfolio)."""
from __future__ import annotations

from datetime import date

import pytest

from kam_domain.rules.portfolio import TierEvent, annual_periods, period_end, periods_per_year, tier_on


@pytest.mark.parametrize("label, end", [
    ("2026-Q1", date(2026, 3, 31)),
    ("2026-Q3", date(2026, 9, 30)),
    ("2026-q4", date(2026, 12, 31)),
    ("2026-02", date(2026, 2, 28)),
    ("2024-02", date(2024, 2, 29)),
    ("2026-12", date(2026, 12, 31)),
    ("2026", date(2026, 12, 31)),
    ("2026-09-15", date(2026, 9, 15)),
    ("2026-Q5", None),
    ("2026-13", None),
    ("soon", None),
])
def test_period_end(label, end):
    assert period_end(label) == end


@pytest.mark.parametrize("label, count", [("2026-Q3", 4), ("2026-09", 12), ("2026", 1)])
def test_periods_per_year(label, count):
    assert periods_per_year(label) == count


def test_annual_periods_take_the_latest_year():
    quarters = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in (1, 2, 3, 4)]
    assert annual_periods(list(reversed(quarters))) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert annual_periods(["2026-01", "2026-02"]) == ["2026-01", "2026-02"]
    assert annual_periods([]) == []


def test_tier_on_follows_approved_changes():
    events = [TierEvent(date(2025, 6, 1), "regular", "key"), TierEvent(date(2026, 3, 1), "key", "regular")]
    assert tier_on(date(2025, 1, 1), "regular", None, events) == "regular"
    assert tier_on(date(2025, 6, 1), "regular", None, events) == "key"
    assert tier_on(date(2025, 12, 31), "regular", None, events) == "key"
    assert tier_on(date(2026, 6, 30), "regular", None, events) == "regular"


def test_tier_on_without_changes_uses_key_since():
    assert tier_on(date(2025, 1, 1), "key", date(2025, 6, 1), []) == "regular"
    assert tier_on(date(2025, 7, 1), "key", date(2025, 6, 1), []) == "key"
    assert tier_on(date(2020, 1, 1), "key", None, []) == "key"
    assert tier_on(date(2020, 1, 1), "candidate", None, []) == "candidate"
