"""Unit tests for portfolio analysis (kam_domain.rules.portfolio)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kam_domain.rules.portfolio import (
    AccountHistory,
    ParetoVsKey,
    PerceptionGap,
    PeriodResult,
    SegmentInput,
    SegmentedAccount,
    concentration_risk,
    criteria_check,
    growth,
    largest_untapped,
    median,
    pareto,
    pareto_vs_key,
    pearson,
    perception_gaps,
    profitability,
    quadrant_counts,
    ranks,
    segment,
    spearman,
    untapped_potential,
)
from kam_domain.rules.scoring import (
    CriterionDef,
    Quadrant,
    QuadrantThresholds,
    axes,
    quadrant,
    weighted_score,
)

# --- profitability --------------------------------------------------------------------


@pytest.mark.parametrize(
    "revenue, cost, profit, ratio",
    [
        (1000, 400, 600, 2.5),
        (1000, 0, 1000, None),
        (300, 400, -100, 0.75),
        (0, 0, 0, None),
        (-100, 50, -150, -2.0),  # credit notes can make revenue negative
    ],
)
def test_profitability(revenue, cost, profit, ratio):
    result = profitability(revenue, cost)
    assert (result.revenue, result.cost, result.profit) == (revenue, cost, profit)
    assert result.ratio == ratio


@pytest.mark.parametrize("revenue, cost", [(100, -1), (math.nan, 1), (1, math.inf)])
def test_profitability_rejects_nonsense(revenue, cost):
    with pytest.raises(ValueError):
        profitability(revenue, cost)


# --- pareto ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "profits, share, top, share_of_accounts, total",
    [
        ({"a": 50, "b": 30, "c": 15, "d": 5}, 0.8, ["a", "b"], 0.5, 100),
        ({"d": 5, "c": 15, "b": 30, "a": 50}, 0.8, ["a", "b"], 0.5, 100),
        # losses are left out of the total and never make the set
        ({"a": 60, "b": 30, "c": -40, "d": 10}, 0.8, ["a", "b"], 0.5, 100),
        ({"a": 60, "b": 30, "c": -40, "d": 10}, 1.0, ["a", "b", "d"], 0.75, 100),
        ({"a": 80, "b": 20}, 0.8, ["a"], 0.5, 100),  # reaching the share exactly is enough
        ({"a": 79, "b": 21}, 0.8, ["a", "b"], 1.0, 100),
        ({"x": 10, "y": 10, "z": 10}, 0.5, ["x", "y"], 2 / 3, 30),  # ties keep input order
        ({"a": 100, "b": 0}, 0.8, ["a"], 0.5, 100),
        ({}, 0.8, [], 0.0, 0),
        ({"a": -5, "b": 0}, 0.8, [], 0.0, 0),
    ],
)
def test_pareto(profits, share, top, share_of_accounts, total):
    result = pareto(profits, share)
    assert result.top_ids == top
    assert result.share_of_accounts == pytest.approx(share_of_accounts)
    assert result.total_profit == total
    assert result.covered_profit == sum(profits[a] for a in top)


@pytest.mark.parametrize("share", [0, -0.1, 1.01, math.nan])
def test_pareto_rejects_bad_share(share):
    with pytest.raises(ValueError):
        pareto({"a": 1}, share)


def test_pareto_vs_key():
    result = pareto_vs_key(["a", "b", "c"], ["c", "x", "a", "y", "x"])
    assert result == ParetoVsKey(["a", "c"], ["b"], ["x", "y"])
    key_in, pareto_not_key, key_not_in = result
    assert (key_in, pareto_not_key, key_not_in) == (["a", "c"], ["b"], ["x", "y"])


@pytest.mark.parametrize(
    "pareto_ids, key_ids, expected",
    [
        ([], [], ([], [], [])),
        ([], ["k"], ([], [], ["k"])),
        (["p"], [], ([], ["p"], [])),
    ],
)
def test_pareto_vs_key_edges(pareto_ids, key_ids, expected):
    assert tuple(pareto_vs_key(pareto_ids, key_ids)) == expected


@st.composite
def profit_maps(draw):
    keys = draw(st.lists(st.text(min_size=1, max_size=3), max_size=30, unique=True))
    return {k: draw(st.integers(min_value=-1000, max_value=1000)) for k in keys}


shares = st.floats(min_value=0.01, max_value=1.0)


@given(profit_maps(), shares)
def test_pareto_set_is_sufficient_and_minimal(profits, share):
    result = pareto(profits, share)
    total = sum(p for p in profits.values() if p > 0)
    chosen = [profits[a] for a in result.top_ids]
    assert all(p > 0 for p in chosen)
    assert chosen == sorted(chosen, reverse=True)
    assert result.total_profit == total
    if total == 0:
        assert result.top_ids == []
        return
    assert sum(chosen) >= share * total * (1 - 1e-9)
    # removing the smallest member drops below the share
    assert sum(chosen) - min(chosen) < share * total
    # and it is the largest accounts that are in the set
    left_out = [p for a, p in profits.items() if a not in result.top_ids]
    assert all(p <= min(chosen) for p in left_out)


@given(
    st.dictionaries(
        st.integers(0, 50),
        st.floats(min_value=-1e6, max_value=1e6, allow_subnormal=False),
        max_size=40,
    ),
    shares,
)
def test_pareto_with_float_profits(profits, share):
    result = pareto(profits, share)
    total = math.fsum(p for p in profits.values() if p > 0)
    chosen = [profits[a] for a in result.top_ids]
    if not chosen:
        assert total == 0
        return
    tolerance = 1e-9 * total
    assert math.fsum(chosen) >= share * total - tolerance
    assert math.fsum(chosen) - min(chosen) < share * total + tolerance


# --- concentration, perception, potential ---------------------------------------------


@pytest.mark.parametrize(
    "profits, max_share, expected",
    [
        ({"a": 50, "b": 30, "c": 20, "d": -10}, 0.25, [("a", 0.5), ("b", 0.3)]),
        ({"a": 25, "b": 25, "c": 25, "d": 25}, 0.25, []),  # exactly the max is fine
        ({"b": 30, "a": 70}, 0.5, [("a", 0.7)]),
        ({"a": -10, "b": 0}, 0.25, []),
        ({}, 0.25, []),
    ],
)
def test_concentration_risk(profits, max_share, expected):
    result = concentration_risk(profits, max_share)
    assert [a for a, _ in result] == [a for a, _ in expected]
    assert [s for _, s in result] == pytest.approx([s for _, s in expected])


@pytest.mark.parametrize(
    "threshold, expected",
    [
        (2.0, [PerceptionGap("a", 8, 5, 3), PerceptionGap("c", 3, 5.5, -2.5)]),
        (3.0, [PerceptionGap("a", 8, 5, 3)]),
        (
            1.0,
            [
                PerceptionGap("a", 8, 5, 3),
                PerceptionGap("c", 3, 5.5, -2.5),
                PerceptionGap("b", 5, 6, -1),
            ],
        ),
        (5.0, []),
    ],
)
def test_perception_gaps(threshold, expected):
    ours = {"a": 8, "b": 5, "c": 3, "only_ours": 9}
    theirs = {"a": 5, "b": 6, "c": 5.5, "only_theirs": 1}
    assert perception_gaps(ours, theirs, threshold) == expected


def test_perception_gaps_empty():
    assert perception_gaps({}, {"a": 1}) == []


@pytest.mark.parametrize(
    "potential, current, expected",
    [
        ({"a": 100, "b": 50, "c": 30}, {"a": 40, "b": 80}, {"a": 60, "b": 0, "c": 30}),
        ({}, {"a": 10}, {}),
        ({"a": 10}, {"a": 10}, {"a": 0}),
    ],
)
def test_untapped_potential(potential, current, expected):
    assert untapped_potential(potential, current) == expected


@pytest.mark.parametrize(
    "limit, expected", [(None, [("a", 60), ("c", 30)]), (1, [("a", 60)]), (0, [])]
)
def test_largest_untapped(limit, expected):
    potential = {"c": 30, "a": 100, "b": 50}
    current = {"a": 40, "b": 80}
    assert largest_untapped(potential, current, limit) == expected


# --- segment --------------------------------------------------------------------------

DEFS = (
    CriterionDef("product_fit", "Product fit", 3, "attractiveness"),
    CriterionDef("solvency", "Solvency", 1, "attractiveness"),
    CriterionDef("relationship_strength", "Relationship strength", 2, "strength"),
)


@pytest.mark.parametrize(
    "scores, weighted, attractiveness, strength, expected_quadrant",
    [
        # weighted = (3*fit + 1*solvency + 2*relationship) / 6
        (dict(product_fit=8, solvency=4, relationship_strength=5), 38 / 6, 7, 5, Quadrant.STAR),
        (dict(product_fit=8, solvency=4, relationship_strength=8), 44 / 6, 7, 8, Quadrant.STRATEGIC),
        (dict(product_fit=2, solvency=6, relationship_strength=9), 30 / 6, 3, 9, Quadrant.STATUS),
        (dict(product_fit=2, solvency=2, relationship_strength=2), 2, 2, 2, Quadrant.STREAMLINE),
        ({"product_fit": 9}, 9.0, 9.0, None, None),
        ({}, None, None, None, None),
    ],
)
def test_segment(scores, weighted, attractiveness, strength, expected_quadrant):
    [result] = segment([SegmentInput(7, "Acme", scores)], DEFS)
    assert (result.account_id, result.name) == (7, "Acme")
    for got, want in [
        (result.weighted, weighted),
        (result.attractiveness, attractiveness),
        (result.strength, strength),
    ]:
        assert got == (None if want is None else pytest.approx(want))
    assert result.quadrant is expected_quadrant


def test_segment_uses_thresholds_and_keeps_order():
    accounts = [
        SegmentInput("b", "B", {"product_fit": 6, "relationship_strength": 6}),
        SegmentInput("a", "A", {"product_fit": 4, "relationship_strength": 4}),
    ]
    default = segment(accounts, DEFS)
    assert [(s.account_id, s.quadrant) for s in default] == [
        ("b", Quadrant.STRATEGIC),
        ("a", Quadrant.STREAMLINE),
    ]
    low = segment(accounts, DEFS, QuadrantThresholds(3, 7))
    assert [s.quadrant for s in low] == [Quadrant.STAR, Quadrant.STAR]


def test_segment_empty():
    assert segment([], DEFS) == []


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["product_fit", "solvency", "relationship_strength", "unknown"]),
            st.integers(1, 10),
        ),
        max_size=20,
    )
)
def test_segment_agrees_with_scoring_functions(score_maps):
    inputs = [SegmentInput(i, f"A{i}", s) for i, s in enumerate(score_maps)]
    for account, result in zip(inputs, segment(inputs, DEFS)):
        expected_axes = axes(account.scores, DEFS)
        assert result.weighted == pytest.approx(weighted_score(account.scores, DEFS))
        assert result.attractiveness == pytest.approx(expected_axes.attractiveness)
        assert result.strength == pytest.approx(expected_axes.strength)
        assert result.quadrant is quadrant(expected_axes.attractiveness, expected_axes.strength)


def test_quadrant_counts():
    items = [
        Quadrant.STAR,
        SegmentedAccount(1, "A", 7, 7, 7, Quadrant.STRATEGIC),
        SegmentedAccount(2, "B", 3, 3, None, None),
        Quadrant.STAR,
        None,
    ]
    assert quadrant_counts(items) == {
        Quadrant.STRATEGIC: 1,
        Quadrant.STAR: 2,
        Quadrant.STATUS: 0,
        Quadrant.STREAMLINE: 0,
        None: 2,
    }


def test_quadrant_counts_empty_has_every_quadrant():
    assert quadrant_counts([]) == {q: 0 for q in [*Quadrant, None]}


# --- statistics -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "values, expected",
    [
        ([10, 20, 20, 30], [1, 2.5, 2.5, 4]),
        ([3, 1, 2], [3, 1, 2]),
        ([5, 5, 5], [2, 2, 2]),
        ([], []),
    ],
)
def test_ranks(values, expected):
    assert ranks(values) == expected


@pytest.mark.parametrize(
    "xs, ys, expected",
    [
        ([1, 2, 3], [2, 4, 6], 1.0),
        ([1, 2, 3], [3, 2, 1], -1.0),
        ([1, 2, 3, 4], [1, 3, 2, 4], 0.8),
        ([1, 2, 3], [5, 5, 5], None),  # constant series has no correlation
        ([4, 4, 4], [1, 2, 3], None),
        ([1, 2], [1, 2], None),  # too few points
        ([], [], None),
    ],
)
def test_pearson(xs, ys, expected):
    result = pearson(xs, ys)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    "xs, ys, expected",
    [
        ([1, 2, 3, 4], [1, 8, 27, 1000], 1.0),  # monotonic, not linear
        ([1, 2, 3, 4], [40, 30, 20, 10], -1.0),
        ([1, 2, 3, 4], [1, 3, 2, 4], 0.8),
        ([1, 1, 1], [1, 2, 3], None),
    ],
)
def test_spearman(xs, ys, expected):
    result = spearman(xs, ys)
    assert result == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize("fn", [pearson, spearman])
def test_correlation_rejects_uneven_series(fn):
    with pytest.raises(ValueError):
        fn([1, 2, 3], [1, 2])


@pytest.mark.parametrize(
    "values, expected", [([], None), ([3], 3), ([3, 1, 2], 2), ([4, 1, 3, 2], 2.5)]
)
def test_median(values, expected):
    assert median(values) == expected


@pytest.mark.parametrize(
    "before, after, expected",
    [(100, 150, 0.5), (100, 50, -0.5), (-100, -50, 0.5), (-100, 100, 2.0), (0, 10, None)],
)
def test_growth(before, after, expected):
    assert growth(before, after) == expected


# --- criteria check -------------------------------------------------------------------

QUARTERS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")


def history(
    account_id: str,
    revenue: tuple[float, ...],
    profit: tuple[float, ...],
    key: tuple[bool, ...] | bool,
    scores: dict[str, float],
) -> AccountHistory:
    keys = key if isinstance(key, tuple) else (key,) * len(revenue)
    periods = [
        PeriodResult(q, r, p, k) for q, r, p, k in zip(QUARTERS, revenue, profit, keys)
    ]
    return AccountHistory(account_id, account_id.title(), periods, scores)


def scores(fit: float, culture: float, solvency: float) -> dict[str, float]:
    return {"product_fit": fit, "cultural_fit": culture, "solvency": solvency}


# Profit growth (Q3+Q4 against Q1+Q2): k1 +50%, k2 -10%, k3 -200% (a loss), r1 +20%,
# r2 +10%, r3 from nothing (not measurable). product_fit ranks the accounts exactly as
# their growth, solvency exactly against it, cultural_fit is the same everywhere.
PORTFOLIO = [
    history("k1", (100, 100, 120, 120), (10, 10, 15, 15), True, scores(9, 5, 2)),
    history("k2", (100, 100, 100, 100), (10, 10, 9, 9), True, scores(5, 5, 8)),
    history("k3", (100, 100, 80, 80), (5, 5, -5, -5), True, scores(3, 5, 10)),
    history("r1", (100, 100, 110, 110), (10, 10, 12, 12), False, scores(7, 5, 4)),
    history("r2", (100, 100, 105, 105), (10, 10, 11, 11), False, scores(6, 5, 6)),
    history("r3", (0, 0, 50, 50), (0, 0, 5, 5), False, scores(8, 5, 1)),
]
CHECK_DEFS = (
    CriterionDef("product_fit", "Product fit", 3, "attractiveness"),
    CriterionDef("cultural_fit", "Cultural fit", 1, "strength"),
    CriterionDef("solvency", "Solvency", 1, "attractiveness"),
)


def test_criteria_check_windows_and_groups():
    check = criteria_check(PORTFOLIO, CHECK_DEFS)
    assert check.periods_before == ("2025-Q1", "2025-Q2")
    assert check.periods_after == ("2025-Q3", "2025-Q4")
    key, rest = check.key, check.rest
    assert (key.accounts, rest.accounts) == (3, 3)
    assert (key.revenue_before, key.revenue_after, key.revenue_growth) == (600, 600, 0.0)
    assert (key.profit_before, key.profit_after) == (50, 38)
    assert key.profit_growth == pytest.approx(-0.24)
    assert (rest.revenue_before, rest.revenue_after) == (400, 530)
    assert rest.revenue_growth == pytest.approx(0.325)
    assert (rest.profit_before, rest.profit_after) == (40, 56)
    assert rest.profit_growth == pytest.approx(0.4)


def test_criteria_check_correlations():
    check = criteria_check(PORTFOLIO, CHECK_DEFS)
    by_key = {c.key: c for c in check.correlations}
    assert [c.key for c in check.correlations] == ["product_fit", "cultural_fit", "solvency"]
    assert by_key["product_fit"].spearman == pytest.approx(1.0)
    assert by_key["product_fit"].accounts == 5  # r3 has no measurable growth
    assert by_key["cultural_fit"].spearman is None
    assert by_key["solvency"].spearman == pytest.approx(-1.0)
    assert by_key["solvency"].label == "Solvency"


def test_criteria_check_underperformers_and_findings():
    check = criteria_check(PORTFOLIO, CHECK_DEFS)
    assert check.benchmark_growth == pytest.approx(0.15)  # median of r1 and r2
    under = {u.account_id: u for u in check.underperformers}
    assert set(under) == {"k2", "k3"}
    assert under["k2"].profit_growth == pytest.approx(-0.1)
    assert len(under["k2"].reasons) == 1 and "below the 15% median" in under["k2"].reasons[0]
    assert any("loss of 10" in r for r in under["k3"].reasons)
    assert (under["k3"].profit_before, under["k3"].profit_after) == (10, -10)
    findings = " | ".join(check.findings)
    assert "did not outgrow" in findings
    assert "'Solvency' scores ran against later profit growth" in findings
    assert "2 key account(s) returned less" in findings


def test_criteria_check_tier_at_end_of_first_window_decides():
    promoted = history("p", (10, 10, 10, 10), (1, 1, 1, 1), (False, False, True, True), {})
    demoted = history("d", (10, 10, 10, 10), (1, 1, 1, 1), (True, False, False, False), {})
    late_key = history("l", (10, 10, 10, 10), (1, 1, 1, 1), (False, True, False, False), {})
    check = criteria_check([promoted, demoted, late_key])
    assert (check.key.accounts, check.rest.accounts) == (1, 2)
    assert check.correlations == ()


def test_criteria_check_missing_periods_count_as_nothing():
    newcomer = AccountHistory(
        "n", "N", [PeriodResult("2025-Q4", 50, 5, True), PeriodResult("2025-Q1", 0, 0, False)], {}
    )
    steady = history("s", (10, 10, 10, 10), (1, 1, 1, 1), True, {})
    check = criteria_check([newcomer, steady])
    assert check.key.accounts == 1 and check.key.profit_before == 2
    assert (check.rest.revenue_before, check.rest.revenue_after) == (0, 50)
    assert check.rest.revenue_growth is None


def test_criteria_check_window_picks_first_and_last_periods():
    periods = [f"P{i:02d}" for i in range(12)]
    account = AccountHistory(
        "a", "A", [PeriodResult(p, 10 + i, i, True) for i, p in enumerate(periods)], {}
    )
    check = criteria_check([account], window=4)
    assert check.periods_before == tuple(periods[:4])
    assert check.periods_after == tuple(periods[-4:])
    assert (check.key.profit_before, check.key.profit_after) == (0 + 1 + 2 + 3, 8 + 9 + 10 + 11)
    clipped = criteria_check([account], window=10)
    assert len(clipped.periods_before) == len(clipped.periods_after) == 6


@pytest.mark.parametrize(
    "accounts",
    [
        [],
        [history("one", (10,), (1,), True, {"product_fit": 5})],
    ],
)
def test_criteria_check_without_enough_periods(accounts):
    check = criteria_check(accounts)
    assert check.periods_before == check.periods_after == ()
    assert check.key.profit_growth is None and check.rest.profit_growth is None
    assert check.underperformers == ()
    assert all(c.spearman is None for c in check.correlations)
