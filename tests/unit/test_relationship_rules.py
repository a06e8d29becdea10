"""Stakeholder map rules: parsers, cold thresholds, key people, coverage and gaps."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.relationships import (
    ContactLevel,
    DecisionRole,
    GapKind,
    StakeholderView,
    attitude_label,
    cold_after_days,
    cold_key_people,
    coverage,
    group_by_role,
    is_key_person,
    parse_attitude,
    parse_contact_level,
    parse_influence,
    parse_role,
)

TODAY = date(2026, 11, 23)  # a Monday


def person(id, name, title=None, role="unknown", influence=3, attitude=0, contact="brief", owner="U_KAM",
           days_ago: int | None = 5, reports_to=None) -> StakeholderView:
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    return StakeholderView(id, name, title, role, influence, attitude, contact, owner, last, reports_to)


# --------------------------------------------------------------------------- parsers


@pytest.mark.parametrize("raw, expected", [
    ("economic_buyer", DecisionRole.ECONOMIC_BUYER),
    ("EB", DecisionRole.ECONOMIC_BUYER),
    ("economic buyer", DecisionRole.ECONOMIC_BUYER),
    ("Economic-Buyer", DecisionRole.ECONOMIC_BUYER),
    ("budget holder", DecisionRole.ECONOMIC_BUYER),
    ("DM", DecisionRole.DECISION_MAKER),
    ("decision maker", DecisionRole.DECISION_MAKER),
    ("decision-maker", DecisionRole.DECISION_MAKER),
    ("tech buyer", DecisionRole.TECHNICAL_BUYER),
    ("Technical Buyer", DecisionRole.TECHNICAL_BUYER),
    ("user", DecisionRole.USER_BUYER),
    ("end user", DecisionRole.USER_BUYER),
    ("influencer", DecisionRole.INFLUENCER),
    ("coach", DecisionRole.CHAMPION),
    ("Champion", DecisionRole.CHAMPION),
    ("champions", DecisionRole.CHAMPION),
    ("gate keeper", DecisionRole.GATEKEEPER),
    ("  blocker ", DecisionRole.BLOCKER),
    ("", DecisionRole.UNKNOWN),
    (DecisionRole.INFLUENCER, DecisionRole.INFLUENCER),
])
def test_parse_role_accepts_values_labels_and_synonyms(raw, expected):
    assert parse_role(raw) is expected
    assert DecisionRole.parse(raw) is expected


@pytest.mark.parametrize("raw", ["boss", "CFO", "economic buyers please", "42"])
def test_parse_role_rejects_unknown_roles_and_says_what_to_use(raw):
    with pytest.raises(ValueError, match="Use one of: economic_buyer"):
        parse_role(raw)


def test_roles_have_human_labels_and_stable_values():
    assert DecisionRole.CHAMPION.label == "Champion (coach)"
    assert DecisionRole.ECONOMIC_BUYER.label == "Economic buyer"
    assert [r.value for r in DecisionRole] == [
        "economic_buyer", "decision_maker", "technical_buyer", "user_buyer", "influencer", "champion",
        "gatekeeper", "blocker", "unknown"]


@pytest.mark.parametrize("raw, expected", [
    ("none", ContactLevel.NONE),
    ("no contact", ContactLevel.NONE),
    ("Brief", ContactLevel.BRIEF),
    ("multiple", ContactLevel.MULTIPLE),
    ("in depth", ContactLevel.IN_DEPTH),
    ("in-depth", ContactLevel.IN_DEPTH),
    ("in_depth", ContactLevel.IN_DEPTH),
    ("In Depth", ContactLevel.IN_DEPTH),
    (ContactLevel.BRIEF, ContactLevel.BRIEF),
])
def test_parse_contact_level(raw, expected):
    assert parse_contact_level(raw) is expected


def test_parse_contact_level_rejects_nonsense():
    with pytest.raises(ValueError, match="none, brief, multiple, in depth"):
        parse_contact_level("sometimes")


@pytest.mark.parametrize("level, expected", [
    (ContactLevel.NONE, ContactLevel.BRIEF),
    (ContactLevel.BRIEF, ContactLevel.MULTIPLE),
    (ContactLevel.MULTIPLE, ContactLevel.IN_DEPTH),
    (ContactLevel.IN_DEPTH, ContactLevel.IN_DEPTH),
])
def test_contact_level_next_level(level, expected):
    assert level.next_level() is expected


def test_contact_levels_are_ordered_by_depth_not_alphabet():
    assert ContactLevel.NONE < ContactLevel.BRIEF < ContactLevel.MULTIPLE < ContactLevel.IN_DEPTH
    assert ContactLevel.IN_DEPTH > "multiple"
    assert sorted([ContactLevel.IN_DEPTH, ContactLevel.NONE, ContactLevel.MULTIPLE]) == [
        ContactLevel.NONE, ContactLevel.MULTIPLE, ContactLevel.IN_DEPTH]


@pytest.mark.parametrize("raw, expected", [
    (-2, -2), (2, 2), (0, 0), ("+1", 1), ("-1", -1), ("2", 2), (" -2 ", -2), (1.0, 1),
    ("hostile", -2), ("Negative", -1), ("neutral", 0), ("positive", 1), ("supportive", 1),
    ("champion", 2), ("sceptical", -1), ("CHAMPION", 2),
])
def test_parse_attitude(raw, expected):
    assert parse_attitude(raw) == expected


@pytest.mark.parametrize("raw", [3, -3, "+5", "great", "", True, 1.5, None])
def test_parse_attitude_rejects_and_explains(raw):
    with pytest.raises(ValueError, match="from -2 to \\+2 or one of: hostile, negative, neutral, positive, champion"):
        parse_attitude(raw)


@pytest.mark.parametrize("raw, expected", [
    (1, 1), (5, 5), ("3", 3), ("4/5", 4), ("4 out of 5", 4), ("high", 4), ("very high", 5), ("low", 2),
])
def test_parse_influence(raw, expected):
    assert parse_influence(raw) == expected


@pytest.mark.parametrize("raw", [0, 6, "7/5", "huge", "", False])
def test_parse_influence_rejects_and_explains(raw):
    with pytest.raises(ValueError, match="whole number from 1 \\(minimal\\) to 5 \\(decisive\\)"):
        parse_influence(raw)


@pytest.mark.parametrize("attitude, label", [(-2, "-2 Hostile"), (-1, "-1 Negative"), (0, "0 Neutral"),
                                             (1, "+1 Positive"), (2, "+2 Champion")])
def test_attitude_label(attitude, label):
    assert attitude_label(attitude) == label


def test_stakeholder_view_accepts_stored_strings():
    s = StakeholderView(1, "Ana Ruiz", "CFO", "EB", 5, 1, "in-depth")
    assert s.role is DecisionRole.ECONOMIC_BUYER
    assert s.contact_level is ContactLevel.IN_DEPTH
    assert s.display == "Ana Ruiz (CFO)"
    assert person(2, "Lea Meyer").display == "Lea Meyer"


# --------------------------------------------------------------------------- cold thresholds and key people


@pytest.mark.parametrize("tier, influence, days", [
    ("key", 5, 30), ("key", 4, 30), ("key", 3, 45), ("key", 1, 45),
    ("candidate", 4, 60), ("candidate", 2, 90),
    ("regular", 5, 90), ("regular", 3, 120),
])
def test_cold_after_days_table(tier, influence, days):
    assert cold_after_days(tier, influence) == days


def test_cold_after_days_unknown_tier():
    with pytest.raises(ValueError, match="Unknown tier 'vip'"):
        cold_after_days("vip", 3)


@pytest.mark.parametrize("role, influence, expected", [
    ("economic_buyer", 1, True),
    ("decision_maker", 2, True),
    ("influencer", 4, True),
    ("user_buyer", 5, True),
    ("technical_buyer", 3, False),
    ("champion", 3, False),
    ("unknown", 2, False),
])
def test_is_key_person(role, influence, expected):
    assert is_key_person(person(1, "X Y", role=role, influence=influence)) is expected


@pytest.mark.parametrize("tier, influence, days_ago, cold", [
    ("key", 5, 30, False),   # exactly on the threshold: still warm
    ("key", 5, 31, True),
    ("key", 3, 45, False),   # not key by influence, but a decision maker below
    ("key", 3, 46, True),
    ("candidate", 4, 61, True),
    ("regular", 4, 89, False),
    ("key", 5, None, True),  # never contacted
    ("key", 5, -3, False),   # a contact date in the future is not cold
])
def test_cold_key_people_boundaries(tier, influence, days_ago, cold):
    s = person(1, "Ana Ruiz", "CFO", role="decision_maker", influence=influence, days_ago=days_ago)
    assert bool(cold_key_people([s], tier, TODAY)) is cold


def test_cold_key_people_ignores_people_who_are_not_key():
    s = person(1, "Lea Meyer", role="user_buyer", influence=2, days_ago=400)
    assert cold_key_people([s], "key", TODAY) == []


def test_cold_key_people_lists_never_contacted_first_then_coldest():
    people = [
        person(1, "Ana Ruiz", "CFO", role="economic_buyer", influence=5, days_ago=47),
        person(2, "Tom Berg", "Head of IT", influence=4, days_ago=None),
        person(3, "Lea Meyer", role="decision_maker", influence=3, days_ago=90),
    ]
    cold = cold_key_people(people, "key", TODAY)
    assert [c.stakeholder.id for c in cold] == [2, 3, 1]
    assert [c.describe for c in cold] == [
        "Tom Berg (Head of IT) - never contacted",
        "Lea Meyer - no contact for 90 days",
        "Ana Ruiz (CFO) - no contact for 47 days",
    ]


# --------------------------------------------------------------------------- coverage status


@pytest.mark.parametrize("people, status", [
    pytest.param([], "red", id="nobody mapped"),
    pytest.param([person(1, "Ana", role="economic_buyer", influence=5, attitude=0)], "red", id="neutral EB"),
    pytest.param([person(1, "Ana", role="champion", influence=3, attitude=2)], "red",
                 id="champion without influence is not a key player"),
    pytest.param([person(1, "Tom", role="influencer", influence=4, attitude=1),
                  person(2, "Ana", role="economic_buyer", influence=5, attitude=0)], "amber",
                 id="supportive influential person"),
    # Issue 15: a supportive decision maker alone is no longer green while named gaps are open.
    pytest.param([person(1, "Ana", role="decision_maker", influence=3, attitude=1)], "amber",
                 id="supportive decision maker, but alone, unowned and no EB known"),
    pytest.param([person(1, "Ana", role="economic_buyer", influence=5, attitude=2),
                  person(2, "Tom", role="blocker", influence=5, attitude=-2)], "amber",
                 id="supportive EB, held back by an influential blocker"),
    pytest.param([person(1, "Ana", role="economic_buyer", influence=5, attitude=-1),
                  person(2, "Tom", role="technical_buyer", influence=2, attitude=2)], "red",
                 id="hostile EB and a low-influence fan"),
])
def test_coverage_status(people, status):
    assert coverage(people, "key", TODAY, "U_SPONSOR").status == status


def _healthy_map() -> list[StakeholderView]:
    return [
        person(1, "Ana Ruiz", "CFO", role="economic_buyer", influence=5, attitude=2, owner="U_KAM", days_ago=10),
        person(2, "Tom Berg", "Head of IT", role="decision_maker", influence=4, attitude=1, owner="U_SE", days_ago=3),
        person(3, "Lea Meyer", "Procurement Manager", role="gatekeeper", influence=3, attitude=0, owner=None,
               days_ago=200),
    ]


def _kinds(people, sponsor="U_SPONSOR", tier="key"):
    return [g.kind for g in coverage(people, tier, TODAY, sponsor).gaps]


def test_a_healthy_map_is_green_without_gaps():
    result = coverage(_healthy_map(), "key", TODAY, "U_SPONSOR")
    assert result.status == "green"
    assert result.gaps == []


@pytest.mark.parametrize("change, expected_kinds", [
    pytest.param(lambda m: m[1:], [GapKind.NO_ECONOMIC_BUYER, GapKind.SINGLE_THREADED], id="EB missing"),
    pytest.param(lambda m: [m[0], m[2]], [GapKind.UNCOVERED_ROLES, GapKind.SINGLE_THREADED],
                 id="decision maker missing"),
    pytest.param(lambda m: [m[2]], [GapKind.NO_ECONOMIC_BUYER, GapKind.UNCOVERED_ROLES, GapKind.SINGLE_THREADED],
                 id="only the gatekeeper known"),
    pytest.param(lambda m: m + [person(4, "Jon Ek", "COO", role="blocker", influence=5, attitude=-2, owner="U_KAM",
                                       days_ago=1)],
                 [GapKind.INFLUENTIAL_DETRACTORS], id="influential blocker"),
    pytest.param(lambda m: m + [person(4, "Jon Ek", role="user_buyer", influence=2, attitude=-2, owner="U_KAM")],
                 [], id="a hostile low-influence user is not a gap"),
    pytest.param(lambda m: [m[0], StakeholderView(2, "Tom Berg", "Head of IT", "decision_maker", 4, 1, "brief",
                                                  "U_SE", TODAY - timedelta(days=31)), m[2]],
                 [GapKind.COLD_KEY_PEOPLE], id="decision maker cold"),
    pytest.param(lambda m: [m[0], StakeholderView(2, "Tom Berg", "Head of IT", "decision_maker", 4, 1, "brief",
                                                  "U_KAM", TODAY), m[2]],
                 [GapKind.SINGLE_THREADED], id="one owner holds every relationship"),
    pytest.param(lambda m: [m[0], StakeholderView(2, "Tom Berg", "Head of IT", "decision_maker", 4, 1, "brief",
                                                  None, TODAY), m[2]],
                 [GapKind.SINGLE_THREADED, GapKind.UNOWNED_KEY_PEOPLE], id="key person without owner"),
])
def test_coverage_gaps(change, expected_kinds):
    assert _kinds(change(_healthy_map())) == expected_kinds


def test_no_executive_sponsor_is_a_gap():
    assert _kinds(_healthy_map(), sponsor=None) == [GapKind.NO_EXECUTIVE_SPONSOR]
    assert _kinds(_healthy_map(), sponsor="") == [GapKind.NO_EXECUTIVE_SPONSOR]


def test_cold_threshold_follows_the_tier():
    people = _healthy_map()
    people[0].last_contact = TODAY - timedelta(days=50)
    assert GapKind.COLD_KEY_PEOPLE in _kinds(people, tier="key")
    assert GapKind.COLD_KEY_PEOPLE not in _kinds(people, tier="candidate")


def test_gap_messages_name_the_people():
    people = [
        person(1, "Ana Ruiz", "CFO", role="economic_buyer", influence=5, attitude=1, owner="U_KAM", days_ago=47),
        person(2, "Tom Berg", "Head of IT", role="technical_buyer", influence=4, attitude=-1, owner=None,
               days_ago=None),
    ]
    gaps = {g.kind: g for g in coverage(people, "key", TODAY, None).gaps}
    assert gaps[GapKind.COLD_KEY_PEOPLE].message == (
        "Key people gone cold: Tom Berg (Head of IT) - never contacted; Ana Ruiz (CFO) - no contact for 47 days.")
    assert gaps[GapKind.COLD_KEY_PEOPLE].stakeholder_ids == [2, 1]
    assert gaps[GapKind.INFLUENTIAL_DETRACTORS].message == (
        "Influential detractors: Tom Berg (Head of IT), influence 4, negative.")
    assert gaps[GapKind.UNOWNED_KEY_PEOPLE].message == (
        "No one on our side owns the relationship with Tom Berg (Head of IT).")
    assert "decision maker" in gaps[GapKind.UNCOVERED_ROLES].message
    assert gaps[GapKind.SINGLE_THREADED].user_ids == ["U_KAM"]
    assert "U_KAM" in gaps[GapKind.SINGLE_THREADED].message
    assert GapKind.NO_EXECUTIVE_SPONSOR in gaps


@pytest.mark.parametrize("people, fragment", [
    ([], "No one at the account is mapped yet"),
    ([person(1, "Ana Ruiz", "CFO", role="economic_buyer", influence=5, attitude=1)],
     "Only one person at the account is known (Ana Ruiz (CFO))"),
])
def test_single_threaded_when_one_or_no_person_is_known(people, fragment):
    gaps = [g for g in coverage(people, "key", TODAY, "U_S").gaps if g.kind == GapKind.SINGLE_THREADED]
    assert len(gaps) == 1 and fragment in gaps[0].message


def test_two_owners_on_our_side_is_not_single_threaded():
    assert GapKind.SINGLE_THREADED not in _kinds(_healthy_map())


# --------------------------------------------------------------------------- grouping


def test_group_by_role_orders_by_decision_importance_then_influence():
    people = [
        person(1, "Zoe Blocker", role="blocker", influence=5),
        person(2, "Ana Ruiz", role="economic_buyer", influence=5),
        person(3, "Lea Meyer", role="influencer", influence=2),
        person(4, "Ivo Chan", role="influencer", influence=4),
        person(5, "Tom Berg", role="technical_buyer", influence=3),
        person(6, "Mo Unknown", role="unknown", influence=1),
        person(7, "Kim Coach", role="coach", influence=3),
    ]
    groups = group_by_role(people)
    assert list(groups) == [DecisionRole.ECONOMIC_BUYER, DecisionRole.TECHNICAL_BUYER, DecisionRole.CHAMPION,
                            DecisionRole.INFLUENCER, DecisionRole.BLOCKER, DecisionRole.UNKNOWN]
    assert [s.name for s in groups[DecisionRole.INFLUENCER]] == ["Ivo Chan", "Lea Meyer"]
    assert group_by_role([]) == {}
