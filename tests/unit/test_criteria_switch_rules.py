"""The preview of a criteria switch and the carrying over of scores: pure rules, table-driven."""
from __future__ import annotations

import pytest

from kam_domain.rules.criteria_switch import (
    EQUIVALENT_CRITERIA,
    Placement,
    carry_over,
    compare_segmentations,
    equivalents,
)
from kam_domain.rules.criteria_templates import ATTRACTIVENESS_8, CLASSIC_SELECTION, STRENGTH_CRITERIA, combine
from kam_domain.rules.portfolio import distinct_percents, percent_decimals
from kam_domain.rules.scoring import CriterionDef


def a(key):
    return CriterionDef(key, key, 1, "attractiveness")


def s(key):
    return CriterionDef(key, key, 1, "strength")


@pytest.mark.parametrize("old, new, expected", [
    # same key keeps its own scores
    ([a("product_fit"), s("cultural_fit")], [a("product_fit"), s("share_of_wallet")], {"product_fit": "product_fit"}),
    # a declared equivalence carries the scores
    ([a("solvency"), s("existing_relationships")], [a("financial_security_payment"), s("relationship_strength")],
     {"financial_security_payment": "solvency", "relationship_strength": "existing_relationships"}),
    # ...both ways
    ([s("relationship_strength")], [s("existing_relationships")], {"existing_relationships": "relationship_strength"}),
    # an equivalent on another axis is not the same meaning
    ([s("solvency")], [a("financial_security_payment")], {}),
    # both in the new set: two criteria, no copying between them
    ([s("existing_relationships")], [s("existing_relationships"), s("relationship_strength")],
     {"existing_relationships": "existing_relationships"}),
    # no fuzzy guessing: similar names are not equivalent unless declared
    ([a("revenue_potential")], [a("cross_up_sell"), a("revenue_to_us")], {}),
    ([], [a("product_fit")], {}),
])
def test_carry_over(old, new, expected):
    assert carry_over(old, new) == expected


def test_equivalence_table_is_explicit_and_symmetric():
    assert equivalents("existing_relationships") == ("relationship_strength",)
    assert equivalents("relationship_strength") == ("existing_relationships",)
    assert equivalents("product_fit") == ()
    keys = {d.key: d.axis for d in combine(CLASSIC_SELECTION, ATTRACTIVENESS_8, STRENGTH_CRITERIA)}
    for left, right in EQUIVALENT_CRITERIA:  # every pair names real template criteria on one axis
        assert keys[left] == keys[right]


def p(account_id, quadrant, tier="regular", name=None):
    return Placement(account_id, name or f"Account {account_id}", tier, quadrant)


CASES = [
    # name, before, after, moved, unplaced, placed, unchanged, placed before, placed after
    ("nothing changes", [p(1, "star"), p(2, None)], [p(1, "star"), p(2, None)], [], [], [], 2, 1, 1),
    ("a move", [p(1, "star")], [p(1, "strategic")], [1], [], [], 0, 1, 1),
    ("unplaced by missing scores", [p(1, "star"), p(2, "status")], [p(1, None), p(2, "status")], [], [1], [], 1, 2, 1),
    ("placed by new scores", [p(1, None)], [p(1, "streamline")], [], [], [1], 0, 0, 1),
    ("missing after counts as unplaced", [p(1, "star")], [], [], [1], [], 0, 1, 0),
    ("missing before counts as unplaced before", [], [p(1, "star")], [], [], [1], 0, 0, 1),
    ("everything at once", [p(1, "star"), p(2, "status"), p(3, None), p(4, "strategic")],
     [p(1, "strategic"), p(2, None), p(3, "star"), p(4, "strategic")], [1], [2], [3], 1, 3, 3),
]


@pytest.mark.parametrize("name, before, after, moved, unplaced, placed, unchanged, n_before, n_after", CASES,
                         ids=[c[0] for c in CASES])
def test_compare_segmentations(name, before, after, moved, unplaced, placed, unchanged, n_before, n_after):
    preview = compare_segmentations(before, after)
    assert [m.account_id for m in preview.moved] == moved
    assert [m.account_id for m in preview.unplaced] == unplaced
    assert [m.account_id for m in preview.placed] == placed
    assert preview.unchanged == unchanged
    assert (preview.placed_before, preview.placed_after) == (n_before, n_after)
    assert preview.changes == len(moved) + len(unplaced) + len(placed)
    assert sum(preview.before.values()) == sum(preview.after.values()) == preview.total


def test_key_accounts_come_first_and_the_counts_are_kept_for_the_audit():
    before = [p(1, "star", "regular", "Aa"), p(2, "star", "key", "Zz"), p(3, "status", "candidate", "Bb"),
              p(4, "status", "key", "Cc")]
    after = [p(1, "strategic", "regular", "Aa"), p(2, "strategic", "key", "Zz"), p(3, None, "candidate", "Bb"),
             p(4, None, "key", "Cc")]
    preview = compare_segmentations(before, after)
    assert [m.name for m in preview.moved] == ["Zz", "Aa"]
    assert [m.name for m in preview.unplaced] == ["Cc", "Bb"]
    assert [m.name for m in preview.key_affected] == ["Zz", "Cc"]
    assert (preview.moved[0].before, preview.moved[0].after) == ("star", "strategic")
    assert preview.counts == {"accounts": 4, "placed_before": 4, "placed_after": 2, "moved": 2, "unplaced": 2,
                              "placed": 0, "key_affected": 2}
    assert preview.before["star"] == 2 and preview.after[None] == 2


def test_a_switch_that_empties_the_matrix_says_so():
    assert compare_segmentations([p(1, "star"), p(2, "status")], [p(1, None), p(2, None)]).empties_matrix
    assert not compare_segmentations([p(1, "star")], [p(1, "status")]).empties_matrix
    assert not compare_segmentations([p(1, None)], [p(1, None)]).empties_matrix


@pytest.mark.parametrize("a_, b_, signed, expected", [
    (0.006, 0.012, False, ("0.6%", "1.2%")),  # "1% is below the 1% median" no more
    (0.0099, 0.0104, False, ("0.99%", "1.04%")),
    (0.10, 0.20, True, ("+10%", "+20%")),  # whole percents when they already differ
    (0.05, 0.05, True, ("+5%", "+5%")),  # equal values may read equal
    (0.25041, 0.25, False, ("25.04%", "25.00%")),  # "makes 25% of the profit (more than 25%)" no more
    (-0.0131, -0.0129, True, ("-1.31%", "-1.29%")),
])
def test_percentages_in_one_sentence_never_contradict_it(a_, b_, signed, expected):
    assert distinct_percents(a_, b_, signed=signed) == expected
    first, second = expected
    if a_ != b_:
        assert first != second


def test_percent_decimals_stops_at_the_maximum():
    assert percent_decimals(0.100001, 0.100002) == 2
    assert percent_decimals(0.1, 0.3) == 0


def test_the_underperformer_sentence_agrees_with_its_own_numbers():
    from kam_domain.rules.portfolio import AccountHistory, PeriodResult, criteria_check

    def history(i, before, after, key):
        return AccountHistory(i, f"A{i}", [PeriodResult("2026-Q1", 5000, before, key),
                                           PeriodResult("2026-Q2", 5000, after, key)], {})

    check = criteria_check([history(1, 1000, 1006, True), history(2, 1000, 1012, False)])
    (under,) = check.underperformers
    assert "profit growth 0.6% is below the 1.2% median of non-key accounts" in under.reasons
    assert check.findings[0] == "Key accounts did not outgrow the rest: profit +0.6% against +1.2%."
