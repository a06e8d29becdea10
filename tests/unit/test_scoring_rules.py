"""Unit tests for the key-account selection rules (kam_domain.rules.scoring)."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam_domain.rules.criteria_templates import (
    ATTRACTIVENESS_8,
    CLASSIC_SELECTION,
    STRENGTH_CRITERIA,
    TEMPLATES,
    combine,
)
from kam_domain.rules.scoring import (
    AXIS_NAMES,
    AccountScore,
    Axes,
    CriterionDef,
    Quadrant,
    QuadrantThresholds,
    axes,
    check_key_cap,
    quadrant,
    rank_accounts,
    revenue_growth,
    score_trend,
    validate_criteria,
    validate_score_value,
    watch_reasons,
    weighted_score,
)


def att(key: str, weight: float = 1.0) -> CriterionDef:
    return CriterionDef(key, key.replace("_", " ").title(), weight, "attractiveness")


def strg(key: str, weight: float = 1.0) -> CriterionDef:
    return CriterionDef(key, key.replace("_", " ").title(), weight, "strength")


DEFS = (att("product_fit", 3), att("solvency", 1), strg("relationship_strength", 2))

# --- templates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "defs",
    [
        CLASSIC_SELECTION.criteria,
        ATTRACTIVENESS_8.criteria,
        combine(CLASSIC_SELECTION, STRENGTH_CRITERIA),
        combine(ATTRACTIVENESS_8, STRENGTH_CRITERIA),
    ],
)
def test_templates_are_valid_criteria(defs):
    assert validate_criteria(defs) == []
    assert all(d.description for d in defs)


def test_classic_template_keys_and_axes():
    assert CLASSIC_SELECTION.keys == (
        "product_fit",
        "solvency",
        "existing_relationships",
        "channel_partner_potential",
        "cultural_fit",
        "geographic_alignment",
        "buying_process",
        "revenue_potential",
    )
    strength = {d.key for d in CLASSIC_SELECTION if d.axis == "strength"}
    assert strength == {"existing_relationships", "cultural_fit"}


def test_attractiveness_8_and_strength_templates():
    assert ATTRACTIVENESS_8.keys == (
        "business_market_stability",
        "cross_up_sell",
        "adjacent_markets",
        "stable_order_flow",
        "aligned_strategy_values",
        "financial_security_payment",
        "ease_of_business",
        "brand_value",
    )
    assert {d.axis for d in ATTRACTIVENESS_8} == {"attractiveness"}
    assert STRENGTH_CRITERIA.keys == (
        "relationship_strength",
        "share_of_wallet",
        "customer_rating_of_us",
    )
    assert {d.axis for d in STRENGTH_CRITERIA} == {"strength"}
    assert set(TEMPLATES) == {"classic", "attractiveness_8", "strength", "day_one"}


def test_combine_skips_duplicate_keys():
    combined = combine(STRENGTH_CRITERIA, STRENGTH_CRITERIA)
    assert [d.key for d in combined] == list(STRENGTH_CRITERIA.keys)


# --- validate_criteria ----------------------------------------------------------------


@pytest.mark.parametrize(
    "defs, fragment",
    [
        ((att("a_one"), att("a_two")), "at least 3 criteria"),
        ((), "at least 3 criteria"),
        (tuple(att(f"c{i}") for i in range(9)), "At most 8 attractiveness"),
        (tuple(strg(f"s{i}") for i in range(9)) + (att("a1"),), "At most 8 strength"),
        ((att("fit"), att("fit"), att("size")), "'fit' is used twice"),
        ((att("Product Fit"), att("b"), att("c")), "snake_case"),
        ((att("product-fit"), att("b"), att("c")), "snake_case"),
        ((att("1fit"), att("b"), att("c")), "snake_case"),
        ((att("fit", 0), att("b"), att("c")), "weight 0"),
        ((att("fit", -1), att("b"), att("c")), "greater than 0"),
        ((att("fit", math.inf), att("b"), att("c")), "greater than 0"),
        ((att("fit", math.nan), att("b"), att("c")), "greater than 0"),
        ((att("fit", True), att("b"), att("c")), "greater than 0"),
        ((CriterionDef("fit", "Fit", 1, "size"), att("b"), att("c")), "use 'attractiveness' or"),
        ((CriterionDef("fit", " ", 1), att("b"), att("c")), "needs a label"),
        ((strg("a"), strg("b"), strg("c")), "at least one attractiveness"),
    ],
)
def test_validate_criteria_errors(defs, fragment):
    errors = validate_criteria(defs)
    assert any(fragment in e for e in errors), errors


@pytest.mark.parametrize(
    "defs",
    [
        (att("a"), att("b"), att("c")),
        (att("a"), strg("b"), strg("c")),
        tuple(att(f"c{i}", 0.5) for i in range(8)),
        tuple(att(f"c{i}") for i in range(8)) + tuple(strg(f"s{i}") for i in range(3)),
    ],
)
def test_validate_criteria_accepts(defs):
    assert validate_criteria(defs) == []


# --- validate_score_value -------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected", [(1, 1), (10, 10), ("7", 7), (" 10 ", 10), ("+3", 3), (7.0, 7)]
)
def test_validate_score_value_accepts(raw, expected):
    assert validate_score_value(raw) == expected


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (0, "out of range"),
        (11, "out of range"),
        ("-1", "out of range"),
        ("7.5", "not a whole number"),
        (7.5, "not a whole number"),
        ("seven", "not a whole number"),
        ("", "not a whole number"),
        (math.nan, "not a whole number"),
        (None, "not a score"),
        (True, "not a score"),
    ],
)
def test_validate_score_value_rejects(raw, fragment):
    with pytest.raises(ValueError, match=fragment) as info:
        validate_score_value(raw)
    assert "1 to 10" in str(info.value)


# --- weighted score and axes ----------------------------------------------------------


@pytest.mark.parametrize(
    "scores, axis, expected",
    [
        # (3*8 + 1*4 + 2*5) / 6
        ({"product_fit": 8, "solvency": 4, "relationship_strength": 5}, None, 38 / 6),
        # (3*8 + 1*4) / 4
        ({"product_fit": 8, "solvency": 4, "relationship_strength": 5}, "attractiveness", 7.0),
        ({"product_fit": 8, "solvency": 4, "relationship_strength": 5}, "strength", 5.0),
        # unscored criteria are left out, not counted as zero
        ({"solvency": 4}, None, 4.0),
        ({"product_fit": 10, "solvency": 2}, "strength", None),
        ({}, None, None),
        # a score for a criterion that no longer exists is ignored
        ({"retired_criterion": 10, "solvency": 2}, None, 2.0),
    ],
)
def test_weighted_score(scores, axis, expected):
    result = weighted_score(scores, DEFS, axis)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


@pytest.mark.parametrize(
    "scores, expected",
    [
        ({"product_fit": 8, "solvency": 4, "relationship_strength": 5}, Axes(7.0, 5.0)),
        ({"product_fit": 6}, Axes(6.0, None)),
        ({"relationship_strength": 9}, Axes(None, 9.0)),
        ({}, Axes(None, None)),
    ],
)
def test_axes(scores, expected):
    assert axes(scores, DEFS) == expected


# --- quadrants ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attractiveness, strength, thresholds, expected",
    [
        (8, 8, None, Quadrant.STRATEGIC),
        (5.5, 5.5, None, Quadrant.STRATEGIC),  # equal to the threshold counts as high
        (8, 3, None, Quadrant.STAR),
        (5.5, 5.4, None, Quadrant.STAR),
        (3, 8, None, Quadrant.STATUS),
        (2, 2, None, Quadrant.STREAMLINE),
        (None, 8, None, None),
        (8, None, None, None),
        (None, None, None, None),
        (6, 6, QuadrantThresholds(7, 5), Quadrant.STATUS),
        (7, 4, QuadrantThresholds(7, 5), Quadrant.STAR),
    ],
)
def test_quadrant(attractiveness, strength, thresholds, expected):
    if thresholds is None:
        assert quadrant(attractiveness, strength) is expected
    else:
        assert quadrant(attractiveness, strength, thresholds) is expected


def test_quadrant_threshold_survives_float_noise():
    defs = (att("a", 0.1), att("b", 0.1), att("c", 0.1), strg("s", 0.7))
    attractiveness = weighted_score({"a": 5, "b": 6, "c": 5.5}, defs, "attractiveness")
    assert attractiveness == pytest.approx(5.5)
    assert quadrant(attractiveness, 5.5) is Quadrant.STRATEGIC


@pytest.mark.parametrize("q", list(Quadrant))
def test_quadrant_has_label_and_advice(q):
    assert q.label and q.advice
    assert q.label.lower() == q.value


def test_quadrant_advice_follows_mcdonald():
    assert "invest" in Quadrant.STRATEGIC.advice
    assert "build" in Quadrant.STAR.advice
    assert "efficiently" in Quadrant.STATUS.advice
    assert "low cost" in Quadrant.STREAMLINE.advice


# --- ranking --------------------------------------------------------------------------


def test_rank_accounts_orders_by_score_then_name():
    ranked = rank_accounts(
        [
            AccountScore(1, "Borealis", 6.0),
            AccountScore(2, "acme", 8.0),
            AccountScore(3, "Zenith", None),
            AccountScore(4, "Contoso", 6.0),
            AccountScore(5, "Acme West", 9.5),
            AccountScore(6, "Initech", 3.0),
        ]
    )
    assert [(r.rank, r.name) for r in ranked] == [
        (1, "Acme West"),
        (2, "acme"),
        (3, "Borealis"),
        (3, "Contoso"),
        (5, "Initech"),
        (None, "Zenith"),
    ]
    assert ranked[0].account_id == 5 and ranked[0].weighted == 9.5


@pytest.mark.parametrize("items", [[], [AccountScore("x", "X", None)]])
def test_rank_accounts_edge_cases(items):
    assert [r.rank for r in rank_accounts(items)] == [None] * len(items)


# --- key-account cap ------------------------------------------------------------------


@pytest.mark.parametrize(
    "key_count, cap, adding, over, over_by, remaining, fragment",
    [
        (30, 35, 0, False, 0, 5, "30 of 35 key accounts; 5 left"),
        (34, 35, 1, False, 0, 0, "35 of 35 key accounts after this change"),
        (35, 35, 1, True, 1, 0, "exceed the cap of 35 by 1"),
        (36, 35, 0, True, 1, 0, "demote 1 first"),
        (33, 35, 5, True, 3, 0, "by 3"),
        (0, 15, 0, False, 0, 15, "0 of 15"),
    ],
)
def test_check_key_cap(key_count, cap, adding, over, over_by, remaining, fragment):
    check = check_key_cap(key_count, cap, adding)
    assert (check.over, check.over_by, check.remaining) == (over, over_by, remaining)
    assert check.total == key_count + adding
    assert fragment in check.message
    assert check.warning is None


@pytest.mark.parametrize("cap, warned", [(35, False), (50, False), (51, True), (200, True)])
def test_check_key_cap_warns_above_50(cap, warned):
    warning = check_key_cap(10, cap).warning
    assert (warning is not None) is warned
    if warned:
        assert "too many to give real attention" in warning and "15-35" in warning


@pytest.mark.parametrize("key_count, cap, adding", [(1, 0, 0), (-1, 35, 0), (1, 35, -2)])
def test_check_key_cap_rejects_nonsense(key_count, cap, adding):
    with pytest.raises(ValueError):
        check_key_cap(key_count, cap, adding)


# --- watch-list -----------------------------------------------------------------------


def quarters(*revenues: float) -> list[tuple[str, float]]:
    return [(f"2025-Q{i:02d}", r) for i, r in enumerate(revenues, start=1)]


@pytest.mark.parametrize(
    "revenues, window, before, after, growth",
    [
        ((100, 100, 100, 100, 125, 125, 125, 125), 4, 400, 500, 0.25),
        # only the last 8 count when there are more
        ((999, 100, 100, 100, 100, 50, 50, 50, 50), 4, 400, 200, -0.5),
        # fewer than 8 periods: last half against the half before
        ((100, 150), 1, 100, 150, 0.5),
        ((10, 100, 100, 120, 120), 2, 200, 240, 0.2),
        ((0, 0, 50, 50), 2, 0, 100, None),
    ],
)
def test_revenue_growth(revenues, window, before, after, growth):
    result = revenue_growth(quarters(*revenues))
    assert (result.window, result.before, result.after) == (window, before, after)
    assert result.growth == (None if growth is None else pytest.approx(growth))


@pytest.mark.parametrize("revenues", [(), (100,)])
def test_revenue_growth_needs_two_periods(revenues):
    assert revenue_growth(quarters(*revenues)) is None


def test_revenue_growth_sorts_periods():
    shuffled = [("2025-Q2", 150.0), ("2025-Q1", 100.0)]
    assert revenue_growth(shuffled).growth == pytest.approx(0.5)


@pytest.mark.parametrize(
    "tier, weighted, revenues, expected_fragments",
    [
        ("regular", 7.0, (), ["weighted score 7.0 is at or above the watch threshold 7.0"]),
        ("regular", 6.9, (), []),
        ("regular", None, (), []),
        ("regular", 5.0, (100,) * 4 + (125,) * 4, ["revenue grew 25%", "500 against 400"]),
        ("regular", 5.0, (100,) * 4 + (124,) * 4, []),
        ("regular", 8.0, (100, 200), ["weighted score 8.0", "revenue grew 100%"]),
        ("candidate", 8.0, (), ["weighted score 8.0"]),
        ("key", 9.0, (100, 900), []),
        ("regular", 5.0, (0, 100), []),  # growth from nothing is not a percentage
    ],
)
def test_watch_reasons(tier, weighted, revenues, expected_fragments):
    reasons = watch_reasons(tier, weighted, 7.0, quarters(*revenues))
    joined = " | ".join(reasons)
    for fragment in expected_fragments:
        assert fragment in joined
    if not expected_fragments:
        assert reasons == []


def test_watch_reasons_custom_growth_threshold():
    reasons = watch_reasons("regular", None, 7.0, quarters(100, 110), growth_threshold=0.1)
    assert reasons == ["revenue grew 10% (last period: 110 against 100 before; threshold 10%)"]


# --- score trend ----------------------------------------------------------------------


def at(day: int) -> datetime:
    return datetime(2026, 1, day)


@pytest.mark.parametrize(
    "history, expected",
    [
        ([], None),
        ([(at(1), 5.0)], None),
        ([(at(1), 5.0), (at(2), 6.5)], "up"),
        ([(at(1), 5.0), (at(2), 4.0)], "down"),
        ([(at(1), 5.0), (at(2), 5.0)], "flat"),
        ([(at(1), 2.0), (at(2), 9.0), (at(3), 7.0)], "down"),  # the latest change counts
        ([(at(3), 7.0), (at(1), 2.0), (at(2), 6.0)], "up"),  # unsorted input
        ([(at(1), 5.5), (at(2), 5.5 + 1e-12)], "flat"),
    ],
)
def test_score_trend(history, expected):
    assert score_trend(history) == expected


# --- properties -----------------------------------------------------------------------

KEYS = [f"c{i}" for i in range(8)]
weights = st.floats(min_value=0.01, max_value=100, allow_nan=False)
score_values = st.integers(min_value=1, max_value=10)


@st.composite
def scored_criteria(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    defs = [
        CriterionDef(KEYS[i], KEYS[i], draw(weights), draw(st.sampled_from(AXIS_NAMES)))
        for i in range(n)
    ]
    scores = {d.key: draw(score_values) for d in defs if draw(st.booleans()) or d is defs[0]}
    return defs, scores


@given(scored_criteria(), st.floats(min_value=1e-3, max_value=1e3))
def test_weighted_score_is_scale_free_in_weights(case, factor):
    defs, scores = case
    scaled = [CriterionDef(d.key, d.label, d.weight * factor, d.axis) for d in defs]
    for axis in (None, "attractiveness", "strength"):
        plain = weighted_score(scores, defs, axis)
        rescaled = weighted_score(scores, scaled, axis)
        if plain is None:
            assert rescaled is None
        else:
            assert math.isclose(plain, rescaled, rel_tol=1e-9)


@given(scored_criteria())
def test_weighted_score_lies_between_min_and_max_score(case):
    defs, scores = case
    result = weighted_score(scores, defs)
    assert result is not None
    eps = 1e-9
    assert min(scores.values()) - eps <= result <= max(scores.values()) + eps


axis_values = st.floats(min_value=0, max_value=10, allow_nan=False)


@given(
    axis_values,
    axis_values,
    st.floats(min_value=0.5, max_value=10),
    st.floats(min_value=0.5, max_value=10),
    st.floats(min_value=1e-3, max_value=1e3),
)
def test_quadrant_is_scale_free(attractiveness, strength, t_att, t_str, factor):
    plain = quadrant(attractiveness, strength, QuadrantThresholds(t_att, t_str))
    scaled = quadrant(
        attractiveness * factor,
        strength * factor,
        QuadrantThresholds(t_att * factor, t_str * factor),
    )
    assert plain is scaled
