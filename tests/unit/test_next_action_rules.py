"""Rule-based next actions: what to do next on an account and why."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.next_actions import (
    OpenAction,
    OpenOpportunity,
    SuggestedAction,
    SuggestionKind,
    human_day,
    rule_based_next_actions,
)
from kam_domain.rules.relationships import StakeholderView

TODAY = date(2026, 11, 23)  # a Monday


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def ahead(days: int) -> date:
    return TODAY + timedelta(days=days)


def healthy_map() -> list[StakeholderView]:
    return [
        StakeholderView(1, "Ana Ruiz", "CFO", "economic_buyer", 5, 2, "in_depth", "U_KAM", ago(5)),
        StakeholderView(2, "Tom Berg", "Head of IT", "decision_maker", 4, 1, "multiple", "U_SE", ago(12)),
    ]


def suggest(actions=(), stakeholders=None, next_review_due=ahead(60), plan_last_updated=ago(10),
            opportunities=(), sponsor="U_SPONSOR", tier="key", kam="U_KAM") -> list[SuggestedAction]:
    return rule_based_next_actions(
        TODAY, tier, list(actions), healthy_map() if stakeholders is None else stakeholders,
        next_review_due, plan_last_updated, list(opportunities), sponsor, kam_user_id=kam)


def only(kind: SuggestionKind, suggestions: list[SuggestedAction]) -> list[SuggestedAction]:
    return [s for s in suggestions if s.kind == kind]


def test_a_healthy_account_needs_nothing():
    assert suggest() == []


# --------------------------------------------------------------------------- actions


@pytest.mark.parametrize("due, kind, priority, reason", [
    (ago(3), SuggestionKind.OVERDUE_ACTION, 1, "'Send pricing' was due Fri 20 Nov and is 3 days overdue."),
    (ago(1), SuggestionKind.OVERDUE_ACTION, 1, "'Send pricing' was due Sun 22 Nov and is 1 day overdue."),
    (TODAY, SuggestionKind.ACTION_DUE_SOON, 2, "'Send pricing' is due today."),
    (ahead(1), SuggestionKind.ACTION_DUE_SOON, 2, "'Send pricing' is due tomorrow."),
    (ahead(4), SuggestionKind.ACTION_DUE_SOON, 3, "'Send pricing' is due on Fri 27 Nov (in 4 days)."),
    (ahead(7), SuggestionKind.ACTION_DUE_SOON, 3, "'Send pricing' is due on Mon 30 Nov (in 7 days)."),
])
def test_open_actions(due, kind, priority, reason):
    [s] = suggest(actions=[OpenAction(42, "Send pricing", "U_OWNER", due)])
    assert (s.kind, s.priority, s.reason, s.due, s.owner_user_id, s.action_id) == (
        kind, priority, reason, due, "U_OWNER", 42)


@pytest.mark.parametrize("due", [ahead(8), ahead(60), None])
def test_actions_not_due_soon_are_left_alone(due):
    assert suggest(actions=[OpenAction(1, "Plan the QBR", "U1", due)]) == []


def test_overdue_action_text_says_chase():
    [s] = suggest(actions=[OpenAction(1, "Send pricing", None, ago(2))])
    assert s.text == "Chase: Send pricing"
    assert s.owner_user_id is None


# --------------------------------------------------------------------------- stakeholders


def test_cold_economic_buyer_reason_is_one_sentence_a_kam_accepts():
    people = healthy_map()
    people[0].last_contact = ago(52)
    [s] = suggest(stakeholders=people)
    assert s.kind == SuggestionKind.COLD_KEY_PERSON
    assert s.text == "Reconnect with Ana Ruiz (CFO)"
    assert s.reason == ("Ana Ruiz is the economic buyer (influence 5) and has had no contact for 52 days; "
                        "on a key account, influential people go cold after 30 days.")
    assert (s.priority, s.due, s.owner_user_id, s.stakeholder_id) == (2, ahead(7), "U_KAM", 1)


@pytest.mark.parametrize("person, tier, expected_reason, priority", [
    pytest.param(StakeholderView(3, "Lea Meyer", "COO", "unknown", 4, 0, "none", None, None), "key",
                 "Lea Meyer (COO, influence 4) and has never been contacted; on a key account, influential "
                 "people go cold after 30 days.", 3, id="never contacted, role unknown"),
    pytest.param(StakeholderView(3, "Lea Meyer", None, "decision_maker", 3, 0, "brief", "U_SE", ago(95)),
                 "candidate",
                 "Lea Meyer is the decision maker (influence 3) and has had no contact for 95 days; on a "
                 "candidate account, contacts go cold after 90 days.", 2, id="candidate decision maker"),
])
def test_cold_key_people(person, tier, expected_reason, priority):
    people = healthy_map() + [person]
    [s] = only(SuggestionKind.COLD_KEY_PERSON, suggest(stakeholders=people, tier=tier))
    assert s.reason == expected_reason
    assert s.priority == priority
    assert s.owner_user_id == (person.owner_user_id or "U_KAM")  # the relationship owner first


def test_warm_enough_is_not_cold():
    people = healthy_map()
    people[0].last_contact = ago(30)
    assert suggest(stakeholders=people) == []


@pytest.mark.parametrize("keep, expected", [
    pytest.param([1], [("Find and map the decision maker", 3)], id="no decision maker"),
    pytest.param([2], [("Find and map the economic buyer", 2)], id="no economic buyer"),
    pytest.param([], [("Find and map the economic buyer", 2), ("Find and map the decision maker", 3)], id="nobody"),
])
def test_uncovered_decision_roles(keep, expected):
    people = [p for p in healthy_map() if p.id in keep]
    found = only(SuggestionKind.UNCOVERED_ROLE, suggest(stakeholders=people))
    assert [(s.text, s.priority) for s in found] == expected
    assert all(s.owner_user_id == "U_KAM" and s.due == ahead(14) for s in found)


def test_uncovered_role_reason():
    [s] = suggest(stakeholders=healthy_map()[1:])
    assert s.reason == "No one on the stakeholder map is the economic buyer, so we don't know who signs off the budget."


@pytest.mark.parametrize("influence, attitude, suggested", [
    (4, -1, True), (5, -2, True), (3, -2, False), (5, 0, False),
])
def test_influential_detractors(influence, attitude, suggested):
    people = healthy_map() + [
        StakeholderView(9, "Jon Ek", "COO", "blocker", influence, attitude, "brief", "U_SE", ago(3))]
    found = only(SuggestionKind.INFLUENTIAL_DETRACTOR, suggest(stakeholders=people))
    assert bool(found) is suggested
    if suggested:
        assert found[0].text == "Win over Jon Ek (COO)"
        assert found[0].reason.startswith(f"Jon Ek has influence {influence} and is ")
        assert found[0].owner_user_id == "U_SE" and found[0].stakeholder_id == 9


# --------------------------------------------------------------------------- plan, review, opportunities


@pytest.mark.parametrize("tier, last_updated, expected", [
    ("key", ago(91), ("Update the account plan", 4,
                      "The account plan was last updated 91 days ago; plans for key accounts go stale after 90.")),
    ("key", None, ("Write the account plan", 3,
                   "There is no account plan yet; a key account needs one, reviewed at least every 90 days.")),
    ("candidate", ago(181), ("Update the account plan", 4,
                             "The account plan was last updated 181 days ago; plans for candidate accounts go "
                             "stale after 180.")),
    ("key", ago(90), None),
    ("candidate", ago(100), None),
    ("regular", None, None),  # regular accounts are watched by the numbers, not by a plan
])
def test_stale_plan(tier, last_updated, expected):
    found = only(SuggestionKind.STALE_PLAN, suggest(tier=tier, plan_last_updated=last_updated))
    assert [(s.text, s.priority, s.reason) for s in found] == ([expected] if expected else [])


@pytest.mark.parametrize("review_due, sponsor, expected", [
    (ago(11), "U_SPONSOR", (SuggestionKind.REVIEW_OVERDUE, 1, TODAY,
                            "The account review was due Thu 12 Nov (11 days ago); overdue reviews are escalated "
                            "to the executive sponsor.")),
    (ago(1), None, (SuggestionKind.REVIEW_OVERDUE, 1, TODAY,
                    "The account review was due Sun 22 Nov (1 day ago); there is no executive sponsor to "
                    "escalate to.")),
    (TODAY, "U_SPONSOR", (SuggestionKind.REVIEW_DUE, 2, TODAY, "The account review is due today.")),
    (ahead(10), "U_SPONSOR", (SuggestionKind.REVIEW_DUE, 3, ahead(10),
                              "The account review is due on Thu 3 Dec (in 10 days).")),
    (ahead(14), "U_SPONSOR", (SuggestionKind.REVIEW_DUE, 3, ahead(14),
                              "The account review is due on Mon 7 Dec (in 14 days).")),
    (ahead(15), "U_SPONSOR", None),
    (None, "U_SPONSOR", None),
])
def test_reviews(review_due, sponsor, expected):
    found = [s for s in suggest(next_review_due=review_due, sponsor=sponsor)
             if s.kind in (SuggestionKind.REVIEW_DUE, SuggestionKind.REVIEW_OVERDUE)]
    assert [(s.kind, s.priority, s.due, s.reason) for s in found] == ([expected] if expected else [])


@pytest.mark.parametrize("opportunity, expected", [
    (OpenOpportunity(5, "Renewal 2027", 120000, None, ahead(20)),
     (2, ahead(7), "The Renewal 2027 opportunity (value 120,000) closes on Sun 13 Dec (in 20 days) and has no "
                   "next step recorded.")),
    (OpenOpportunity(5, "Renewal 2027", 120000, "  ", ahead(3)),
     (2, ahead(3), "The Renewal 2027 opportunity (value 120,000) closes on Thu 26 Nov (in 3 days) and has no "
                   "next step recorded.")),
    (OpenOpportunity(5, "Fleet upsell", 45500.5, None, ahead(90)),
     (3, ahead(7), "The Fleet upsell opportunity (value 45,500) closes on Sun 21 Feb 2027 (in 90 days) and has "
                   "no next step recorded.")),
    (OpenOpportunity(5, "Fleet upsell", 45000, None, None),
     (3, ahead(7), "The Fleet upsell opportunity (value 45,000) has no close date and has no next step recorded.")),
    (OpenOpportunity(5, "Fleet upsell", 45000, None, ago(2)),
     (2, TODAY, "The Fleet upsell opportunity (value 45,000) was due to close Sat 21 Nov and has no next step "
                "recorded.")),
    (OpenOpportunity(5, "Renewal 2027", 120000, "Send draft contract", ahead(20)), None),
])
def test_opportunities_without_next_step(opportunity, expected):
    found = suggest(opportunities=[opportunity])
    assert [(s.priority, s.due, s.reason) for s in found] == ([expected] if expected else [])
    if expected:
        assert found[0].opportunity_id == 5 and found[0].text.startswith("Agree a next step for ")


# --------------------------------------------------------------------------- ordering


def test_suggestions_are_sorted_by_priority_then_due():
    people = healthy_map()[1:] + [StakeholderView(9, "Jon Ek", "COO", "blocker", 5, -2, "brief", "U_SE", ago(3))]
    people[0].last_contact = ago(40)
    found = suggest(
        actions=[OpenAction(1, "Book QBR", "U1", ahead(5)), OpenAction(2, "Send pricing", "U1", ago(2)),
                 OpenAction(3, "Call Tom", "U1", ahead(1))],
        stakeholders=people,
        next_review_due=ago(1),
        plan_last_updated=ago(200),
        opportunities=[OpenOpportunity(5, "Renewal", 1000, None, ahead(40))],
    )
    assert [(s.priority, s.kind.value) for s in found] == [
        (1, "overdue_action"),
        (1, "review_overdue"),
        (2, "action_due_soon"),
        (2, "cold_key_person"),
        (2, "influential_detractor"),
        (2, "uncovered_role"),
        (3, "action_due_soon"),
        (3, "opportunity_without_next_step"),
        (3, "single_threaded"),  # U_SE holds both owned relationships
        (4, "stale_plan"),
    ]
    for a, b in zip(found, found[1:]):
        assert (a.priority, a.due) <= (b.priority, b.due)


@pytest.mark.parametrize("d, text", [
    (date(2026, 11, 27), "Fri 27 Nov"),
    (date(2027, 1, 4), "Mon 4 Jan 2027"),
])
def test_human_day(d, text):
    assert human_day(d, TODAY) == text


# --------------------------------------------------------------------------- our side of the relationship


@pytest.mark.parametrize("tier, sponsor, expected_priority", [
    ("key", None, 2),
    ("candidate", None, 3),
    ("regular", None, None),  # regular accounts are run by the numbers
    ("key", "U_SPONSOR", None),
])
def test_no_executive_sponsor(tier, sponsor, expected_priority):
    found = only(SuggestionKind.NO_EXECUTIVE_SPONSOR, suggest(tier=tier, sponsor=sponsor))
    if expected_priority is None:
        assert found == []
        return
    [suggestion] = found
    assert suggestion.priority == expected_priority
    assert suggestion.owner_user_id == "U_KAM"
    assert suggestion.due == ahead(14)
    assert f"A {tier} account has no executive sponsor" in suggestion.reason


def test_one_colleague_holding_every_relationship_is_single_threaded():
    people = [
        StakeholderView(1, "Ana Ruiz", "CFO", "economic_buyer", 5, 2, "in_depth", "U_SE", ago(5)),
        StakeholderView(2, "Tom Berg", "Head of IT", "decision_maker", 4, 1, "multiple", "U_SE", ago(12)),
        StakeholderView(3, "Eva Lind", "Buyer", "user", 2, 0, "brief", None, ago(12)),
    ]
    [suggestion] = only(SuggestionKind.SINGLE_THREADED, suggest(stakeholders=people))
    assert suggestion.owner_user_id == "U_SE"  # the one who holds them introduces a colleague
    assert "all 2 owned relationships" in suggestion.reason
    assert only(SuggestionKind.SINGLE_THREADED, suggest()) == []  # two owners: fine
    assert only(SuggestionKind.SINGLE_THREADED, suggest(stakeholders=people[:1])) == []  # one person: a map gap
