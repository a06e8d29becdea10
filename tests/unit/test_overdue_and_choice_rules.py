"""Pure rules of issue 15's console part: how late an action is (kam_domain.rules.overdue) and which
numbered choice a reply picks (kam_domain.rules.choices). Table-driven, no database."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.choices import is_bare_answer, pick, position
from kam_domain.rules.next_actions import OpenAction, SuggestionKind, rule_based_next_actions
from kam_domain.rules.overdue import Lateness, lateness, overdue_words, very_overdue_first

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("days_late, status, expected", [
    (None, "open", Lateness.NO_DATE),
    (-30, "open", Lateness.LATER),
    (-8, "open", Lateness.LATER),
    (-7, "open", Lateness.DUE_SOON),
    (0, "open", Lateness.DUE_SOON),
    (1, "open", Lateness.OVERDUE),
    (30, "open", Lateness.OVERDUE),
    (31, "open", Lateness.VERY_OVERDUE),
    (517, "open", Lateness.VERY_OVERDUE),
    (517, "done", Lateness.LATER),  # a closed action is never late
])
def test_lateness_classes(days_late, status, expected):
    due = None if days_late is None else TODAY - timedelta(days=days_late)
    assert lateness(due, TODAY, status) == expected


@pytest.mark.parametrize("days_late, words", [(517, "517 days overdue"), (1, "1 day overdue"), (0, ""), (-3, "")])
def test_overdue_words(days_late, words):
    assert overdue_words(TODAY - timedelta(days=days_late), TODAY) == words


def test_very_overdue_first_keeps_the_rest_in_order():
    dues = {"a": TODAY + timedelta(days=3), "b": TODAY - timedelta(days=40), "c": TODAY - timedelta(days=5),
            "d": TODAY - timedelta(days=517)}
    assert very_overdue_first(["a", "b", "c", "d"], dues.get, TODAY) == ["d", "b", "a", "c"]


def test_a_very_overdue_action_comes_before_every_other_suggestion_and_says_what_to_do():
    suggestions = rule_based_next_actions(
        today=TODAY, tier="key", stakeholders=[], plan_last_updated=TODAY, opportunities=[],
        executive_sponsor_user_id="U_SPONSOR", kam_user_id="U_KAM", next_review_due=TODAY - timedelta(days=90),
        actions=[OpenAction(1, "Call Lars", "U_KAM", TODAY - timedelta(days=2)),
                 OpenAction(2, "Send the ISO certificate", "U_KAM", TODAY - timedelta(days=517))])
    assert suggestions[0].action_id == 2 and suggestions[0].kind == SuggestionKind.OVERDUE_ACTION
    assert suggestions[0].reason.endswith("517 days overdue. Close it if it was done or dropped, or give it a new date.")
    call = next(s for s in suggestions if s.action_id == 1)
    assert "Close it" not in call.reason


LABELS = ["Vantor Energy AS", "Vantor Health Ltd"]


@pytest.mark.parametrize("reply, index, by_position", [
    ("1", 0, True), ("2.", 1, True), (" 2 ", 1, True), ("the second", 1, True), ("the first one", 0, True),
    ("number 2", 1, True), ("2nd", 1, True), ("last", 1, True), ("Vantor Health", 1, False),
    ("vantor energy as", 0, False), ("health", 1, False), ("Vantor Helth", 1, False), ("Vantor", None, False),
    ("account borealis", None, False), ("plan vantor health", None, False), ("", None, False),
])
def test_pick_a_choice(reply, index, by_position):
    picked = pick(reply, LABELS)
    assert (picked.index, picked.by_position) == (index, by_position)


@pytest.mark.parametrize("reply", ["3", "the third", "0"])
def test_a_position_past_the_choices_is_out_of_range(reply):
    assert pick(reply, LABELS).out_of_range


@pytest.mark.parametrize("text, bare", [("1", True), ("the second", True), ("last one", True),
                                        ("account vantor", False), ("summarise my week", False),
                                        ("who is number one", False)])
def test_bare_answers(text, bare):
    assert is_bare_answer(text) is bare


def test_position_reads_ordinals_and_numbers():
    assert [position(t) for t in ("1", "fifth", "last", "two things")] == [1, 5, -1, None]
