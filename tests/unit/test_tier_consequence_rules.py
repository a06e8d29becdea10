"""What a tier change carries (issue 15): the review cadence by the one rule, escalation wording in
next actions, and the conditions of an approval."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.cadence import review_cadence_days
from kam_domain.rules.next_actions import SuggestionKind, rule_based_next_actions
from kam_domain.rules.scoring import Quadrant
from kam_domain.rules.tier_conditions import (
    MET, MISSED, OPEN, UNCHECKED, Condition, condition_state, parse_conditions,
)

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize("tier, quadrant, override, defaults, days", [
    # after a promotion: the new tier and quadrant decide (the override is cleared by the tier change)
    ("key", Quadrant.STRATEGIC, None, {}, 30),
    ("key", Quadrant.STAR, None, {}, 30),
    ("key", Quadrant.STATUS, None, {}, 90),
    ("key", Quadrant.STREAMLINE, None, {}, 90),
    ("key", None, None, {}, 30),
    # Strategic is never reviewed less often than Star, whatever the workspace says
    ("key", Quadrant.STRATEGIC, None, {"strategic": 90}, 30),
    ("key", Quadrant.STRATEGIC, None, {"star": 14}, 14),
    ("key", Quadrant.STRATEGIC, None, {"strategic": 7, "star": 14}, 7),
    ("key", Quadrant.STAR, None, {"star": 21}, 21),
    # after a demotion to regular: no reviews, unless the workspace asks for them
    ("regular", Quadrant.STRATEGIC, None, {}, None),
    ("regular", Quadrant.STREAMLINE, None, {"regular": 180}, 180),
    ("candidate", Quadrant.STRATEGIC, None, {}, 90),
    # an explicit per-account override still wins while the tier stays
    ("key", Quadrant.STRATEGIC, 7, {}, 7),
])
def test_the_cadence_rule(tier, quadrant, override, defaults, days):
    assert review_cadence_days(tier, quadrant, override, defaults) == days


@pytest.mark.parametrize("defaults", [{}, {"strategic": 90}, {"star": 7}, {"strategic": 60, "star": 45}])
def test_strategic_is_reviewed_at_least_as_often_as_star(defaults):
    assert review_cadence_days("key", "strategic", None, defaults) <= review_cadence_days("key", "star", None, defaults)


def _review_reason(tier: str, sponsor: str | None) -> str:
    items = rule_based_next_actions(TODAY, tier, [], [], TODAY - timedelta(days=12), TODAY, [], sponsor, "U_KAM")
    return next(i for i in items if i.kind == SuggestionKind.REVIEW_OVERDUE).reason


@pytest.mark.parametrize("tier, sponsor, says_escalated, says_no_sponsor", [
    ("key", "U_SPONSOR", True, False),
    ("key", None, False, True),
    ("candidate", "U_SPONSOR", False, False),
    ("regular", "U_SPONSOR", False, False),
])
def test_overdue_reviews_escalate_only_on_key_accounts(tier, sponsor, says_escalated, says_no_sponsor):
    reason = _review_reason(tier, sponsor)
    assert ("escalated to the executive sponsor" in reason) == says_escalated
    assert ("no executive sponsor to escalate to" in reason) == says_no_sponsor


APPROVED = date(2026, 9, 20)


@pytest.mark.parametrize("text, expected", [
    ("Strong fit and real potential. Write the account plan within 60 days.",
     [("Write the account plan within 60 days", date(2026, 11, 19), "plan")]),
    ("Name an executive sponsor within 2 weeks; set up the channel by 2026-10-31",
     [("Name an executive sponsor within 2 weeks", date(2026, 10, 4), "sponsor"),
      ("set up the channel by 2026-10-31", date(2026, 10, 31), "channel")]),
    ("Win the Kårstø tender within 3 months.", [("Win the Kårstø tender within 3 months", date(2026, 12, 19), "other")]),
    ("Strong fit.", []),
    (None, []),
    ("Plan by 2026-02-30", []),  # an impossible date sets no deadline
])
def test_conditions_are_read_from_the_approval_words(text, expected):
    assert [(c.text, c.due_on, c.kind) for c in parse_conditions(text, APPROVED)] == expected


PLAN = Condition("Write the account plan within 60 days", date(2026, 11, 19), "plan")
OTHER = Condition("Win the tender within 3 months", date(2026, 12, 19), "other")


@pytest.mark.parametrize("condition, today, plan_written, status, late", [
    (PLAN, TODAY, False, MISSED, 18),  # the Vantor story: no plan, 18 days past its date
    (PLAN, TODAY, True, MET, 0),
    (PLAN, date(2026, 11, 19), False, OPEN, 0),  # on its date it is still open
    (PLAN, date(2026, 11, 20), False, MISSED, 1),
    (OTHER, date(2027, 1, 30), False, UNCHECKED, 0),  # nothing to check it against: shown, never nagged
])
def test_condition_states(condition, today, plan_written, status, late):
    state = condition_state(condition, today, plan_written=plan_written, has_sponsor=False, has_channel=False)
    assert (state.status, state.days_late) == (status, late)


def test_a_missed_condition_becomes_a_next_action_for_the_kam():
    missed = condition_state(PLAN, TODAY, plan_written=False, has_sponsor=True, has_channel=True)
    items = rule_based_next_actions(TODAY, "key", [], [], None, None, [], "U_SPONSOR", "U_KAM",
                                    missed_conditions=[missed])
    item = next(i for i in items if i.kind == SuggestionKind.MISSED_CONDITION)
    assert item.text == "Meet the approval condition: Write the account plan within 60 days"
    assert "18 days ago" in item.reason and item.owner_user_id == "U_KAM"
