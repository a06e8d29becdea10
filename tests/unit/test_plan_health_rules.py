"""Account plan health: completeness, staleness and objective horizons."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.plan_health import (
    Horizon,
    PlanSectionKind,
    completeness,
    horizon_for_due,
    parse_horizon,
    plan_staleness,
    stale_after_days,
)

TODAY = date(2026, 11, 23)

ALL_TEXT = {"customer_goals", "financial_health", "initiatives", "competitors"}
EVERY_HORIZON = {"short": 2, "mid": 1, "long": 1}
ALL_MISSING = [
    "Customer goals", "Financial health", "Current initiatives", "Competitors", "SWOT", "Account goals",
    "Short term objectives (0-6 months)", "Mid term objectives (6-18 months)", "Long term objectives (18+ months)",
    "Account team", "Executive sponsor",
]


def test_plan_sections_have_stable_values_and_labels():
    assert [s.value for s in PlanSectionKind] == [
        "customer_goals", "financial_health", "initiatives", "competitors", "swot", "account_goals",
        "objectives", "team"]
    assert PlanSectionKind.INITIATIVES.label == "Current initiatives"


@pytest.mark.parametrize("filled, objectives, has_swot, has_sponsor, percent, missing", [
    pytest.param(ALL_TEXT | {"account_goals", "team"}, EVERY_HORIZON, True, True, 100, [], id="complete"),
    pytest.param(set(), {}, False, False, 0, ALL_MISSING, id="empty"),
    pytest.param(ALL_TEXT | {"account_goals", "team", "swot"}, EVERY_HORIZON, False, True, 100, [],
                 id="swot counted from the filled sections"),
    pytest.param(ALL_TEXT | {"account_goals", "team"}, {"short": 3, "mid": 0}, True, True, 82,
                 ["Mid term objectives (6-18 months)", "Long term objectives (18+ months)"],
                 id="only short-term objectives"),
    pytest.param({"customer_goals", "team"}, {"short": 1}, False, True, 36,
                 ["Financial health", "Current initiatives", "Competitors", "SWOT", "Account goals",
                  "Mid term objectives (6-18 months)", "Long term objectives (18+ months)"],
                 id="a first draft"),
    pytest.param(ALL_TEXT | {"account_goals", "team"}, EVERY_HORIZON, True, False, 91, ["Executive sponsor"],
                 id="no sponsor"),
    pytest.param({PlanSectionKind.CUSTOMER_GOALS}, {Horizon.LONG: 1}, False, False, 18,
                 [m for m in ALL_MISSING if m not in ("Customer goals", "Long term objectives (18+ months)")],
                 id="enum members work too"),
])
def test_completeness(filled, objectives, has_swot, has_sponsor, percent, missing):
    result = completeness(filled, objectives, has_swot, has_sponsor)
    assert (result.percent, result.missing) == (percent, missing)


def test_completeness_rejects_unknown_sections_and_horizons():
    with pytest.raises(ValueError, match="Unknown plan section 'goals'"):
        completeness({"goals"}, {}, False, False)
    with pytest.raises(ValueError, match="Unknown horizon 'forever'"):
        completeness(set(), {"forever": 1}, False, False)


@pytest.mark.parametrize("tier, days", [("key", 90), ("candidate", 180), ("regular", 365)])
def test_stale_after_days(tier, days):
    assert stale_after_days(tier) == days


def test_stale_after_days_unknown_tier():
    with pytest.raises(ValueError, match="Unknown tier 'gold'"):
        stale_after_days("gold")


@pytest.mark.parametrize("days_ago, tier, is_stale", [
    (None, "key", True),
    (0, "key", False),
    (90, "key", False),
    (91, "key", True),
    (91, "candidate", False),
    (181, "candidate", True),
    (-5, "key", False),
])
def test_plan_staleness(days_ago, tier, is_stale):
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    result = plan_staleness(last, tier, TODAY)
    assert result.is_stale is is_stale
    assert result.days_since == days_ago
    assert result.threshold == stale_after_days(tier)


@pytest.mark.parametrize("horizon, value, label, term", [
    (Horizon.SHORT, "short", "0-6 months", "Short term"),
    (Horizon.MID, "mid", "6-18 months", "Mid term"),
    (Horizon.LONG, "long", "18+ months", "Long term"),
])
def test_horizons(horizon, value, label, term):
    assert (horizon.value, horizon.label, horizon.term) == (value, label, term)


@pytest.mark.parametrize("raw, expected", [
    ("short", Horizon.SHORT), ("Short-term", Horizon.SHORT), ("0-6 months", Horizon.SHORT),
    ("mid", Horizon.MID), ("medium", Horizon.MID), ("6-18 months", Horizon.MID),
    ("LONG", Horizon.LONG), ("long term", Horizon.LONG), ("18+ months", Horizon.LONG),
    (Horizon.MID, Horizon.MID),
])
def test_parse_horizon(raw, expected):
    assert parse_horizon(raw) is expected


@pytest.mark.parametrize("due, expected", [
    (date(2026, 12, 31), Horizon.SHORT),
    (date(2027, 5, 22), Horizon.SHORT),
    (date(2027, 5, 23), Horizon.MID),
    (date(2028, 5, 22), Horizon.MID),
    (date(2028, 5, 23), Horizon.LONG),
    (date(2026, 1, 1), Horizon.SHORT),  # already past: short
])
def test_horizon_for_due(due, expected):
    assert horizon_for_due(due, TODAY) is expected
