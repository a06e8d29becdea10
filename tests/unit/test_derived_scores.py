"""Scores the data answers (rules.derived_scores): table-driven, no database."""
from __future__ import annotations

from datetime import date

import pytest

from kam_domain.rules import derived_scores as d
from kam_domain.rules.criteria_templates import DAY_ONE, TEMPLATES
from kam_domain.rules.scoring import ATTRACTIVENESS, STRENGTH, validate_criteria

TODAY = date(2026, 11, 23)
QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
W = d.windows(QUARTERS)


def money(before: float, after: float, cost_share: float = 0.6) -> d.MoneyFacts:
    rows = [(q, before, before * cost_share) for q in QUARTERS[:4]] + [(q, after, after * cost_share)
                                                                    for q in QUARTERS[4:]]
    return d.money_facts(rows, W)


def one(data: d.AccountData, key: str, peers: dict | None = None) -> d.DerivedScore | None:
    return d.derive_one(data, W, TODAY, key, peers)


# --- the template ---------------------------------------------------------------------------


def test_the_day_one_template_is_valid_has_both_axes_and_mostly_derivable_criteria():
    assert validate_criteria(DAY_ONE.criteria) == []
    assert TEMPLATES["day_one"] is DAY_ONE and DAY_ONE.label == "Day-one (data first)"
    axes = {c.axis for c in DAY_ONE}
    assert axes == {ATTRACTIVENESS, STRENGTH}
    derivable = [c.key for c in DAY_ONE if c.key in d.DERIVABLE]
    judgement = [c.key for c in DAY_ONE if c.key not in d.DERIVABLE]
    assert set(derivable) == set(d.DERIVABLE)
    assert judgement == ["product_fit", "revenue_potential", "relationship_strength"]


# --- windows ------------------------------------------------------------------------------------


@pytest.mark.parametrize("periods, year, recent, previous", [
    (QUARTERS, QUARTERS[4:], QUARTERS[4:], QUARTERS[:4]),
    (QUARTERS[2:], QUARTERS[4:], QUARTERS[5:], QUARTERS[2:5]),  # 6 quarters: growth compares 3 with 3
    (["2026-Q3"], ["2026-Q3"], [], []),
    ([], [], [], []),
    (["2025-10", "2025-11", "2025-12"], ["2025-10", "2025-11", "2025-12"], ["2025-12"], ["2025-11"]),
    (["2024", "2025"], ["2025"], ["2025"], ["2024"]),
])
def test_windows(periods, year, recent, previous):
    w = d.windows(periods)
    assert (list(w.year), list(w.growth_recent), list(w.growth_previous)) == (year, recent, previous)


# --- absolute scales ------------------------------------------------------------------------------


@pytest.mark.parametrize("margin, score", [
    (-0.5, 1), (0.0, 1), (0.02, 2), (0.05, 3), (0.12, 4), (0.25, 7), (0.38, 9), (0.40, 10), (0.9, 10),
])
def test_margin_scale(margin, score):
    assert d.margin_score(margin) == score


@pytest.mark.parametrize("share, score", [(0.2, 10), (0.4, 10), (0.5, 9), (0.7, 6), (0.9, 3), (1.0, 1), (1.4, 1)])
def test_cost_to_serve_scale_lower_is_better(share, score):
    assert d.cost_share_score(share) == score


@pytest.mark.parametrize("growth, score", [
    (-0.9, 1), (-0.25, 2), (-0.15, 3), (-0.05, 4), (0.0, 5), (0.05, 6), (0.15, 7), (0.25, 8), (0.4, 9), (1.5, 10),
])
def test_growth_scale_flat_is_five(growth, score):
    assert d.growth_score(growth) == score


@pytest.mark.parametrize("sentiment, score", [(-2, 1), (-1, 3), (0, 5), (0.2, 6), (1, 8), (2, 10)])
def test_sentiment_scale_neutral_is_five(sentiment, score):
    assert d.sentiment_score(sentiment) == score


@pytest.mark.parametrize("people, score", [(0, 1), (1, 3), (2, 4), (3, 6), (4, 7), (5, 8), (7, 9), (12, 10)])
def test_breadth_scale(people, score):
    assert d.breadth_score(people) == score


@pytest.mark.parametrize("days, score", [(0, 10), (14, 10), (20, 9), (40, 8), (75, 6), (150, 4), (300, 2), (400, 1)])
def test_recency_scale(days, score):
    assert d.recency_score(days) == score


# --- one account, one criterion: value and provenance ----------------------------------------------


@pytest.mark.parametrize("data, key, value, provenance", [
    (d.AccountData(money=money(100, 100, 0.62)), "profit_margin", 9, "from financials, 2025-Q4..2026-Q3: margin 38%"),
    (d.AccountData(money=money(100, 100, 1.1)), "profit_margin", 1, "margin -10%"),
    (d.AccountData(money=money(100, 130)), "revenue_growth", 9,
     "from financials, 2025-Q4..2026-Q3 against 2024-Q4..2025-Q3: +30%"),
    (d.AccountData(money=money(100, 60)), "revenue_growth", 1, "-40%"),
    (d.AccountData(money=money(100, 100, 0.7)), "cost_to_serve", 6, "cost to serve 70% of revenue"),
    (d.AccountData(customer_rating=8.5), "customer_rating_of_us", 9, "the customer's own rating of us: 8.5/10"),
    (d.AccountData(customer_rating=0.2), "customer_rating_of_us", 1, "0.2/10"),
])
def test_absolute_criteria(data, key, value, provenance):
    score = one(data, key)
    assert score.value == value
    assert provenance in score.provenance


def people(*specs) -> d.PeopleFacts | None:
    return d.people_facts([d.Person(a, i, level, last) for a, i, level, last in specs])


def test_sentiment_weighs_attitudes_by_influence_and_adds_recent_meetings():
    facts = people((2, 5, "in_depth", date(2026, 11, 3)), (-2, 1, "brief", None), (0, 3, "none", None))
    # the neutral never-contacted person says nothing: (2*5 - 2*1) / 6 = +1.33
    score = one(d.AccountData(people=facts), "stakeholder_sentiment")
    assert (score.value, score.provenance) == (8, "from 2 known people: sentiment +1.3 of ±2")
    meetings = d.meeting_facts([d.Meeting(date(2026, 10, 1), -1), d.Meeting(date(2026, 9, 1), -1),
                                d.Meeting(date(2024, 1, 1), 2), d.Meeting(date(2027, 1, 1), 2)], TODAY)
    assert (meetings.recent, meetings.last_on) == (2, date(2026, 10, 1))  # old and future ones left out
    score = one(d.AccountData(people=facts, meetings=meetings), "stakeholder_sentiment")
    # 0.6 * 1.33 + 0.4 * -1 = +0.4
    assert score.value == 6
    assert score.provenance == "from 2 known people and 2 meetings and notes since 2025-11-23: sentiment +0.4 of ±2"


def test_breadth_counts_the_people_we_know():
    facts = people(*[(0, 3, "brief", None)] * 5, (0, 3, "none", date(2026, 1, 1)), (0, 3, "none", None))
    score = one(d.AccountData(people=facts), "relationship_breadth")
    assert (score.value, score.provenance) == (9, "from 7 known people: 6 with real contact")
    one_name = people((0, 3, "none", None))
    assert one(d.AccountData(people=one_name), "relationship_breadth").value == 3  # one person known: narrow


def test_recency_takes_the_latest_of_people_and_meetings():
    facts = people((1, 3, "brief", date(2026, 6, 1)))
    meetings = d.meeting_facts([d.Meeting(date(2026, 11, 3), 1)], TODAY)
    score = one(d.AccountData(people=facts, meetings=meetings), "contact_recency")
    assert (score.value, score.provenance) == (9, "last met 2026-11-03 (20 days ago)")
    score = one(d.AccountData(people=facts), "contact_recency")
    assert (score.value, score.provenance) == (4, "last met 2026-06-01 (175 days ago)")


# --- no data, no score ------------------------------------------------------------------------------


@pytest.mark.parametrize("data, key", [
    (d.AccountData(), "profit_margin"),
    (d.AccountData(money=money(0, 0)), "profit_margin"),  # no revenue: no margin
    (d.AccountData(money=money(0, 50)), "revenue_growth"),  # nothing to grow from
    (d.AccountData(), "customer_rating_of_us"),
    (d.AccountData(people=people((0, 3, "none", None))), "stakeholder_sentiment"),  # neutral default says nothing
    (d.AccountData(), "relationship_breadth"),
    (d.AccountData(people=people((1, 3, "none", None))), "contact_recency"),
    (d.AccountData(customer_size=None), "customer_size"),
    (d.AccountData(customer_size=0), "customer_size"),
])
def test_no_data_no_score(data, key):
    assert one(data, key, peers={i: d.AccountData(customer_size=10.0 * i, money=money(i, i)) for i in range(1, 6)}) \
        is None


def test_no_meetings_and_no_people_give_no_facts():
    assert d.people_facts([]) is None
    assert d.meeting_facts([], TODAY) is None
    assert d.money_facts([], W) is None


# --- relative criteria: percentile rank in the workspace ---------------------------------------------


def test_revenue_and_size_are_ranked_against_the_portfolio():
    accounts = {i: d.AccountData(money=money(r, r), customer_size=s)
                for i, (r, s) in enumerate([(10, 1e6), (20, 5e6), (30, None), (40, 5e6), (50, 2e9)])}
    scores = d.derive_scores(accounts, W, TODAY, ["revenue_to_us", "customer_size"])
    assert [scores[i]["revenue_to_us"].value for i in range(5)] == [1, 3, 6, 8, 10]
    assert scores[4]["revenue_to_us"].provenance == "from financials, 2025-Q4..2026-Q3: revenue 200, #1 of 5 accounts"
    # ties share the middle of their ranks; no size, no score
    assert {i: s.get("customer_size") and s["customer_size"].value for i, s in scores.items()} == \
        {0: 1, 1: 6, 2: None, 3: 6, 4: 10}
    assert scores[4]["customer_size"].provenance == "from the customer's annual revenue: 2B a year, #1 of 4 accounts"


def test_a_rank_needs_enough_accounts_with_data():
    accounts = {1: d.AccountData(money=money(10, 10)), 2: d.AccountData(money=money(20, 20)), 3: d.AccountData()}
    assert d.derive_scores(accounts, W, TODAY, ["revenue_to_us"]) == {}


def test_only_scores_some_accounts_but_ranks_against_all():
    accounts = {i: d.AccountData(money=money(i, i)) for i in range(1, 11)}
    scores = d.derive_scores(accounts, W, TODAY, ["revenue_to_us", "not_derivable"], only=[10, 99])
    assert list(scores) == [10] and scores[10]["revenue_to_us"].value == 10


def test_unknown_keys_are_ignored_and_no_keys_means_nothing():
    assert d.derive_scores({1: d.AccountData(customer_rating=7)}, W, TODAY, ["product_fit"]) == {}
    assert d.derive_scores({1: d.AccountData(customer_rating=7)}, W, TODAY)[1]["customer_rating_of_us"].value == 7
