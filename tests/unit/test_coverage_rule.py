"""The one coverage rule (issue 15): the colour is never better than its worst named gap.

Each case is a map and what the rule says of it: the colour, and the gap kinds that are open.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_domain.rules.relationships import GapKind as K, StakeholderView, coverage

TODAY = date(2026, 12, 7)


def p(id_, name, role, influence, attitude, owner="U_KAM", days_ago=5, title=None):
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    return StakeholderView(id_, name, title, role, influence, attitude, "multiple", owner, last)


def healthy():
    """Green: a supportive EB and DM, both warm, owned by two colleagues."""
    return [p(1, "Ana Ruiz", "economic_buyer", 5, 2, "U_KAM", 10, "CFO"),
            p(2, "Tom Berg", "decision_maker", 4, 1, "U_SE", 3, "COO"),
            p(3, "Lea Meyer", "gatekeeper", 3, 0, "U_KAM", 20, "Procurement"),
            p(5, "Max Vogt", "influencer", 3, 0, "U_SE", 25)]


def without(people, *ids):
    return [s for s in people if s.id not in ids]


def changed(people, id_, **fields):
    out = []
    for s in people:
        if s.id == id_:
            s = StakeholderView(**{**s.__dict__, **fields})
        out.append(s)
    return out


CASES = [
    # (id, people, tier, sponsor, colour, gaps)
    ("healthy key account", healthy(), "key", "U_SPONSOR", "green", []),
    # ------------------------------------------------------------ every gap alone
    ("no economic buyer, decision maker known", without(healthy(), 1), "key", "U_SPONSOR", "amber",
     [K.NO_ECONOMIC_BUYER]),
    ("no decision maker, economic buyer known", without(healthy(), 2), "key", "U_SPONSOR", "amber",
     [K.UNCOVERED_ROLES]),
    ("nobody who signs off known", without(healthy(), 1, 2) + [p(4, "Jon Ek", "influencer", 4, 2, "U_SE")],
     "key", "U_SPONSOR", "red", [K.NO_ECONOMIC_BUYER, K.UNCOVERED_ROLES]),
    ("single-threaded: one colleague holds every relationship",
     [changed([s], s.id, owner_user_id="U_KAM")[0] for s in healthy()],
     "key", "U_SPONSOR", "amber", [K.SINGLE_THREADED]),
    ("cold key person (the decision maker, 31 days on a key account)",
     changed(healthy(), 2, last_contact=TODAY - timedelta(days=31)), "key", "U_SPONSOR", "amber",
     [K.COLD_KEY_PEOPLE]),
    ("influential detractor outside the signers",
     healthy() + [p(4, "Dieter Brandt", "blocker", 4, -2, "U_SE")], "key", "U_SPONSOR", "amber",
     [K.INFLUENTIAL_DETRACTORS]),
    ("influential detractor who signs off (the economic buyer turned negative)",
     changed(healthy(), 1, attitude=-1), "key", "U_SPONSOR", "red", [K.INFLUENTIAL_DETRACTORS]),
    ("no executive sponsor on a key account", healthy(), "key", None, "amber", [K.NO_EXECUTIVE_SPONSOR]),
    ("no executive sponsor is no gap on a regular account", healthy(), "regular", None, "green", []),
    ("key person nobody owns", changed(healthy(), 2, owner_user_id=None), "key", "U_SPONSOR", "amber",
     [K.UNOWNED_KEY_PEOPLE]),
    # ------------------------------------------------------------ who supports us, no gap
    ("supportive key player but signers neutral",
     changed(changed(healthy(), 1, attitude=0), 2, attitude=0) + [p(4, "Jon Ek", "influencer", 4, 1, "U_SE")],
     "key", "U_SPONSOR", "amber", []),
    ("nobody supportive", changed(changed(healthy(), 1, attitude=0), 2, attitude=0), "key", "U_SPONSOR", "red", []),
    ("nobody mapped", [], "key", "U_SPONSOR", "red", [K.NO_ECONOMIC_BUYER, K.UNCOVERED_ROLES, K.SINGLE_THREADED]),
    # ------------------------------------------------------------ combinations: the worst gap wins
    ("cold and no sponsor", changed(healthy(), 2, last_contact=None), "key", None, "amber",
     [K.COLD_KEY_PEOPLE, K.NO_EXECUTIVE_SPONSOR]),
    ("cold, and the economic buyer against us", changed(changed(healthy(), 1, attitude=-2), 2, last_contact=None),
     "key", "U_SPONSOR", "red", [K.INFLUENTIAL_DETRACTORS, K.COLD_KEY_PEOPLE]),
    # ------------------------------------------------------------ the three stories of issue 15
    ("alpenglow: EB supportive but no DM, Markus Becker cold, one owner, no sponsor",
     [p(1, "Markus Becker", "economic_buyer", 5, 1, "U_SOFIA", 70, "Managing Director"),
      p(2, "Eva Huber", "technical_buyer", 3, 1, "U_SOFIA", 10),
      p(3, "Karl Maier", "user_buyer", 2, 1, "U_SOFIA", 12),
      p(4, "Lisa Gruber", "influencer", 3, 2, "U_SOFIA", 14)],
     "key", None, "amber",
     [K.UNCOVERED_ROLES, K.COLD_KEY_PEOPLE, K.SINGLE_THREADED, K.NO_EXECUTIVE_SPONSOR]),
    ("lumen: Bram Visser (EB) set to +1 but still cold at 61 days (candidate: cold after 60)",
     [p(1, "Bram Visser", "economic_buyer", 4, 1, "U_ANNA", 61, "CFO"),
      p(2, "Lotte Mulder", "gatekeeper", 2, 0, None, None, "Procurement Manager")],
     "candidate", None, "amber", [K.UNCOVERED_ROLES, K.COLD_KEY_PEOPLE, K.SINGLE_THREADED]),
    ("borealis: its economic buyer Katrin Vogel turns negative and threatens a re-tender",
     [p(1, "Katrin Vogel", "economic_buyer", 5, -1, "U_HELENA", 19, "CFO"),
      p(2, "Lars Henriksen", "decision_maker", 5, 1, "U_ANNA", 6, "COO"),
      p(3, "Jonas Weber", "user_buyer", 3, 2, "U_LUCAS", 2)],
     "key", "U_HELENA", "red", [K.INFLUENTIAL_DETRACTORS]),
]


@pytest.mark.parametrize("people, tier, sponsor, colour, gaps", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_coverage_rule(people, tier, sponsor, colour, gaps):
    result = coverage(people, tier, TODAY, sponsor)
    assert [g.kind for g in result.gaps] == gaps
    assert result.status == colour
    # never better than its worst named gap
    rank = {"green": 0, "amber": 1, "red": 2}
    assert all(rank[result.status] >= rank[g.severity] for g in result.gaps)
    assert result.status == "green" or result.gaps or result.reason in (
        "no supportive key player", "supportive key players, but no supportive decision maker yet")


def test_green_only_with_supportive_signers_and_no_gap():
    for case in CASES:
        result = coverage(case[1], case[2], TODAY, case[3])
        if result.status == "green":
            assert not result.gaps
            assert any(s.role.value in ("economic_buyer", "decision_maker") and s.attitude >= 1 for s in case[1])


def test_the_reason_names_what_holds_the_colour_back():
    result = coverage(changed(healthy(), 2, last_contact=None), "key", TODAY, None)
    assert result.reason == "held back by 2 gaps: key people gone cold, no executive sponsor"
    red = coverage(changed(healthy(), 1, attitude=-1), "key", TODAY, "U_S")
    assert red.reason == "held back by a gap: influential detractors"
    assert "(economic buyer)" in red.gaps[0].message
    assert coverage(healthy(), "key", TODAY, "U_S").reason == "supportive decision makers and no open gap"
