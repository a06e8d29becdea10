"""Meeting log parsing: dates, people, attendee matching, sentiment, next steps, map changes."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kam_domain.rules.meeting_log import (
    MapChange,
    NextStep,
    PersonMention,
    extract_next_step,
    extract_people,
    match_attendees,
    parse_due_date,
    parse_meeting_date,
    parse_meeting_log,
    proposed_map_changes,
    sentiment,
)
from kam_domain.rules.relationships import ContactLevel, StakeholderView

TODAY = date(2026, 11, 23)  # a Monday


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


# --------------------------------------------------------------------------- meeting date (past)


@pytest.mark.parametrize("text, expected", [
    ("met Ana Ruiz today", TODAY),
    ("Call with Tom this morning", TODAY),
    ("saw Ana yesterday", d(11, 22)),
    ("met the day before yesterday", d(11, 21)),
    ("met Ana last Tuesday", d(11, 17)),
    ("met Ana on Tuesday", d(11, 17)),
    ("Tuesday: call with Tom", d(11, 17)),
    ("met on Monday", d(11, 16)),            # said on a Monday: the Monday before
    ("this Monday we met", TODAY),           # "this" may be today
    ("lunch on Friday", d(11, 20)),
    ("coffee on Wed", d(11, 18)),
    ("last Sun. at the fair", d(11, 22)),
    ("3 days ago", d(11, 20)),
    ("met them two weeks ago", d(11, 9)),
    ("a fortnight ago", d(11, 9)),
    ("a couple of days ago", d(11, 21)),
    ("met on 12 Nov", d(11, 12)),
    ("met on Nov 12", d(11, 12)),
    ("met on 12th of November", d(11, 12)),
    ("meeting on November the 3rd", d(11, 3)),
    ("Thursday the 19th, workshop", d(11, 19)),
    ("met on the 3rd", d(11, 3)),
    ("met on the 25th", d(10, 25)),          # the 25th has not come yet this month
    ("Dec 5th, 2025 kickoff", d(12, 5, 2025)),
    ("met on 30 Nov", d(11, 30, 2025)),      # most recent 30 Nov is last year's
    ("2026-11-12 QBR", d(11, 12)),
    ("QBR on 12/11/2026", d(11, 12)),        # day first
    ("QBR on 23/11/2026", TODAY),
    ("QBR on 11/23/2026", TODAY),            # only month-first makes sense
    ("QBR on 12.11.2026", d(11, 12)),
    ("met on 3/11", d(11, 3)),
    ("met on 12/11/26", d(11, 12)),
    ("met Ana 03-Nov-2026", d(11, 3)),       # rarer forms go to dateparser
    ("met on 3-Nov", d(11, 3)),
])
def test_parse_meeting_date(text, expected):
    value, span = parse_meeting_date(text, TODAY)
    assert value == expected
    assert span is not None and text[span[0]:span[1]].strip()


@pytest.mark.parametrize("text", [
    "met Ana, keen on the 3-year deal",
    "He may sign 2 more seats",
    "We sat down with the CFO",
    "rated us 4/5 for service",
    "grew 3.5% this quarter",
    "met Ana; send the contract by Friday",  # a deadline, not the meeting date
    "we meet again next Tuesday",
    "good call, nothing else",
    "",
    "31/02/2026",                            # no such day
])
def test_parse_meeting_date_finds_no_date(text):
    assert parse_meeting_date(text, TODAY) == (None, None)


@pytest.mark.parametrize("text, phrase", [
    ("met Ana Ruiz last Tuesday in Madrid", "last Tuesday"),
    ("met Ana on 12 Nov", "12 Nov"),
    ("Call yesterday with Tom", "yesterday"),
])
def test_parse_meeting_date_returns_the_span_it_read(text, phrase):
    _, (start, end) = parse_meeting_date(text, TODAY)
    assert text[start:end] == phrase


def test_parse_meeting_date_never_reads_the_clock():
    assert parse_meeting_date("met yesterday", date(2020, 3, 1))[0] == date(2020, 2, 29)
    assert parse_meeting_date("met on Friday", date(2031, 1, 1))[0] == date(2030, 12, 27)


# --------------------------------------------------------------------------- due date (future)


@pytest.mark.parametrize("text, expected", [
    ("send draft contract by Friday", d(11, 27)),
    ("call back Friday", d(11, 27)),
    ("workshop next Friday", d(11, 27)),
    ("by this Friday", d(11, 27)),
    ("by Monday", d(11, 30)),                # strictly after today
    ("follow up next week", d(11, 30)),
    ("tomorrow", d(11, 24)),
    ("the day after tomorrow", d(11, 25)),
    ("EOD", TODAY),
    ("in 3 days", d(11, 26)),
    ("in 2 weeks", d(12, 7)),
    ("in a fortnight", d(12, 7)),
    ("within 10 days", d(12, 3)),
    ("in 2 months", d(1, 23, 2027)),
    ("by 5 Dec", d(12, 5)),
    ("by Dec 5th", d(12, 5)),
    ("by 12 Nov", d(11, 12, 2027)),          # 12 Nov has passed: next year's
    ("by the 3rd", d(12, 3)),
    ("by 2027-01-15", d(1, 15, 2027)),
    ("by 15/01/2027", d(1, 15, 2027)),
    ("end of week", d(11, 27)),
    ("send pricing EOW", d(11, 27)),
    ("end of next week", d(12, 4)),
    ("by end of month", d(11, 30)),
    ("next month", d(12, 1)),
    ("end of quarter", d(12, 31)),
    ("no date at all", None),
    ("", None),
])
def test_parse_due_date(text, expected):
    assert parse_due_date(text, TODAY) == expected


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize("text, expected", [
    ("met Ana Ruiz (CFO) today", [("Ana Ruiz", "CFO")]),
    ("with Tom Berg, Head of IT", [("Tom Berg", "Head of IT")]),
    ("call with Ana and Tom Berg", [("Ana", None), ("Tom Berg", None)]),
    ("Ana Ruiz, CFO, was keen", [("Ana Ruiz", "CFO")]),
    ("Met Ana Ruiz, CFO of Acme, and Lea Meyer on Tuesday", [("Ana Ruiz", "CFO"), ("Lea Meyer", None)]),
    ("Met Ana, Tom and Lea", [("Ana", None), ("Tom", None), ("Lea", None)]),
    ("met Ana Ruiz CFO today", [("Ana Ruiz", "CFO")]),
    ("met Ana Ruiz (CFO) and Tom Berg (head of procurement)",
     [("Ana Ruiz", "CFO"), ("Tom Berg", "head of procurement")]),
    ("spoke to Jan van der Berg (new VP Sales) on Nov 3rd", [("Jan van der Berg", "new VP Sales")]),
    ("Lunch with Dr. Lea Meyer, Procurement Manager", [("Lea Meyer", "Procurement Manager")]),
    ("Sat down with José Núñez, Director of Operations", [("José Núñez", "Director of Operations")]),
    ("met Siobhan O'Neill (COO)", [("Siobhan O'Neill", "COO")]),
    ("Call with Mary-Jane Watson, VP of Engineering at Acme", [("Mary-Jane Watson", "VP of Engineering")]),
    ("Ana said they want a pilot", [("Ana", None)]),
    ("Quick sync with the CFO yesterday", [(None, "CFO")]),
    ("Acme's CFO was negative", [(None, "CFO")]),
    ("met Ana Ruiz (CFO). The CFO wants a discount", [("Ana Ruiz", "CFO")]),
    ("Discussed pricing with Acme Logistics", []),
    ("Keen on the renewal. Pricing was discussed", []),
    ("Met on Monday, good call", []),
    ("our CEO joined the call", []),
])
def test_extract_people(text, expected):
    assert [(m.name, m.title) for m in extract_people(text)] == expected


KNOWN = [
    (1, "Ana Ruiz", "CFO"),
    (2, "Tom Berg", "Head of IT"),
    (3, "Lea Meyer", "Procurement Manager"),
    (4, "Ana López", "Finance Director"),
    (5, "Tomás Ortega", None),
]


@pytest.mark.parametrize("mention, expected_id", [
    (PersonMention("Ana Ruiz", "CFO"), 1),
    (PersonMention("ana ruiz"), 1),
    (PersonMention("Ana Ruis"), 1),                 # typo
    (PersonMention("Ruiz"), 1),                     # last name
    (PersonMention("Berg"), 2),
    (PersonMention("Tom"), 2),                      # first name, unique
    (PersonMention("Lea"), 3),
    (PersonMention("Tomas Ortega"), 5),             # accents do not matter
    (PersonMention("Ana Lopez"), 4),
    (PersonMention(None, "CFO"), 1),                # title-only, unique
    (PersonMention(None, "chief financial officer"), 1),
    (PersonMention(None, "head of IT"), 2),
    (PersonMention("Ana"), None),                   # two Anas: ambiguous
    (PersonMention("Pedro Gil", "CIO"), None),      # a new person
    (PersonMention("Maria Gomez", "CFO"), None),    # a different name never matches by title
    (PersonMention(None, "CTO"), None),
])
def test_match_attendees(mention, expected_id):
    matched, unknown = match_attendees([mention], KNOWN)
    if expected_id is None:
        assert matched == [] and unknown == [mention]
    else:
        assert [(m.mention, m.stakeholder_id) for m in matched] == [(mention, expected_id)] and unknown == []


def test_match_attendees_counts_a_person_once_and_accepts_views():
    views = [StakeholderView(1, "Ana Ruiz", "CFO", "economic_buyer", 5, 1, "brief")]
    mentions = [PersonMention("Ana Ruiz"), PersonMention(None, "CFO"), PersonMention("Ruiz")]
    matched, unknown = match_attendees(mentions, views)
    assert [m.stakeholder_id for m in matched] == [1]
    assert unknown == []


def test_match_attendees_title_is_ambiguous_when_shared():
    known = [(1, "Ana Ruiz", "Sales Director"), (2, "Tom Berg", "Sales Director")]
    assert match_attendees([PersonMention(None, "sales director")], known)[0] == []


# --------------------------------------------------------------------------- sentiment


@pytest.mark.parametrize("text, expected", [
    ("keen on the 3-year deal", 1),
    ("very happy with the pilot", 2),
    ("excited about the expansion", 2),
    ("thrilled, ready to sign", 2),
    ("not happy", -1),
    ("NOT HAPPY with the delays", -2),
    ("wasn't keen on the price", -1),
    ("hardly positive", -1),
    ("no longer interested", -1),
    ("no concerns raised", 1),
    ("they did not escalate", 1),
    ("concerned about the budget cut", -2),
    ("frustrated by support", -1),
    ("really frustrated by support", -2),
    ("escalation from their CIO", -1),
    ("churn risk", -2),
    ("threatened to leave", -2),
    ("positive, but concerned about price", 0),
    ("happy with the product but threatened to leave if prices rise", -1),
    ("Met Ana, discussed the roadmap", 0),
    ("", 0),
])
def test_sentiment(text, expected):
    assert sentiment(text) == expected


# --------------------------------------------------------------------------- next step


@pytest.mark.parametrize("text, expected", [
    ("met Ana Ruiz (CFO) today, keen on the 3-year deal; send draft contract by Friday",
     NextStep("Send draft contract by Friday", d(11, 27))),
    ("Met Ana. Next step: book a workshop in 2 weeks", NextStep("Book a workshop in 2 weeks", d(12, 7))),
    ("good call; I will send the deck tomorrow", NextStep("Send the deck tomorrow", d(11, 24))),
    ("good call, we'll follow up next week", NextStep("Follow up next week", d(11, 30))),
    ("Tom promised to share the org chart by 5 Dec",
     NextStep("Tom promised to share the org chart by 5 Dec", d(12, 5))),
    ("met Tom. Need to chase procurement", NextStep("Chase procurement", None)),
    ("TODO: intro to their CTO", NextStep("Intro to their CTO", None)),
    ("Follow-up: pricing sheet EOW", NextStep("Pricing sheet EOW", d(11, 27))),
    ("Met Lea - follow up with Tom by end of month", NextStep("Follow up with Tom by end of month", d(11, 30))),
    ("Good QBR. Call Tom tomorrow", NextStep("Call Tom tomorrow", d(11, 24))),
    ("Good QBR, schedule a demo next week", NextStep("Schedule a demo next week", d(11, 30))),
    ("pilot went well, check with legal on the DPA", NextStep("Check with legal on the DPA", None)),
])
def test_extract_next_step(text, expected):
    assert extract_next_step(text, TODAY) == expected


@pytest.mark.parametrize("text", [
    "call with Ana and Tom Berg on the 3rd, went well",
    "met Ana today, keen",
    "email from Tom about the renewal",
    "Call went well, Ana keen",
    "Check-in with Ana went well",
    "Review of the pilot: positive",
    "Schedule is tight on their side",
    "Draft contract is with their legal team",
    "",
])
def test_extract_next_step_none(text):
    assert extract_next_step(text, TODAY) is None


# --------------------------------------------------------------------------- the whole log


def test_parse_meeting_log_reads_the_example():
    draft = parse_meeting_log(
        "met Ana Ruiz (CFO) today, keen on the 3-year deal; send draft contract by Friday", TODAY, KNOWN)
    assert draft.date == TODAY and draft.date_was_given
    assert [(m.mention.name, m.stakeholder_id) for m in draft.attendees_matched] == [("Ana Ruiz", 1)]
    assert draft.unknown_people == []
    assert draft.sentiment == 1
    assert draft.next_step == NextStep("Send draft contract by Friday", d(11, 27))
    assert draft.summary == "Met Ana Ruiz (CFO) today, keen on the 3-year deal"
    assert draft.warnings == []


@pytest.mark.parametrize("text, meeting_date, given, matched, unknown, mood, due", [
    ("Ana Ruiz keen on renewal", TODAY, False, [1], [], 1, None),
    ("met Ana; send the contract by Friday", TODAY, False, [], [("Ana", None)], 0, d(11, 27)),  # two Anas
    ("Met Tom Berg and Pedro Gil (new CIO) last Tuesday, not happy about outages",
     d(11, 17), True, [2], [("Pedro Gil", "new CIO")], -1, None),
    ("Quick sync with the CFO yesterday - concerned about budget cuts. Need to follow up with procurement "
     "next week", d(11, 22), True, [1], [], -2, d(11, 30)),
    ("Lunch with Lea, very positive. We will send pricing on Wednesday", TODAY, False, [3], [], 2, d(11, 25)),
    ("Call with Tomas on 2026-11-20: escalation about invoices", d(11, 20), True, [5], [], -1, None),
])
def test_parse_meeting_log_table(text, meeting_date, given, matched, unknown, mood, due):
    draft = parse_meeting_log(text, TODAY, KNOWN)
    assert (draft.date, draft.date_was_given) == (meeting_date, given)
    assert [m.stakeholder_id for m in draft.attendees_matched] == matched
    assert [(m.name, m.title) for m in draft.unknown_people] == unknown
    assert draft.sentiment == mood
    assert (draft.next_step.due if draft.next_step else None) == due


@pytest.mark.parametrize("text, warning", [
    ("QBR with Ana Ruiz on 12/11/2026", "Read '12/11/2026' as 12 Nov 2026 (day first); write 2026-11-12 to be sure."),
    ("QBR with Ana Ruiz on 2026-12-02", "The meeting date 2026-12-02 is in the future"),
])
def test_parse_meeting_log_warns(text, warning):
    assert any(w.startswith(warning) for w in parse_meeting_log(text, TODAY, KNOWN).warnings)


@pytest.mark.parametrize("text", ["QBR on 23/11/2026", "QBR on 2026-11-12", "QBR on 12 Nov", "QBR on 11/11/2026"])
def test_parse_meeting_log_does_not_warn_when_unambiguous(text):
    assert parse_meeting_log(text, TODAY, KNOWN).warnings == []


def test_parse_meeting_log_never_takes_the_account_for_a_person():
    draft = parse_meeting_log("happy with Acme, met Pedro Gil", TODAY, KNOWN, account_names=["Acme"])
    assert [m.name for m in draft.unknown_people] == ["Pedro Gil"]


# --------------------------------------------------------------------------- map changes


def attendee(level="brief", attitude=0, last_contact=None) -> StakeholderView:
    return StakeholderView(7, "Ana Ruiz", "CFO", "economic_buyer", 5, attitude, level, "U1", last_contact)


@pytest.mark.parametrize("level, attitude, mood, expected", [
    ("none", 0, 0, [("contact_level", "none", "brief")]),
    ("brief", 0, 2, [("contact_level", "brief", "multiple"), ("attitude", 0, 1)]),
    ("multiple", 1, 2, [("contact_level", "multiple", "in_depth"), ("attitude", 1, 2)]),
    ("in_depth", 0, 0, []),
    ("in_depth", 2, 1, []),        # a good meeting does not demote a champion
    ("in_depth", 2, -2, [("attitude", 2, 1)]),
    ("in_depth", 1, -1, [("attitude", 1, 0)]),
    ("in_depth", -1, -2, [("attitude", -1, -2)]),
    ("in_depth", -2, -2, []),      # never below -2
    ("in_depth", -2, 1, [("attitude", -2, -1)]),
    ("in_depth", -1, -1, []),
    ("in_depth", 0, 1, [("attitude", 0, 1)]),
])
def test_proposed_map_changes(level, attitude, mood, expected):
    changes = proposed_map_changes(attendee(level, attitude), mood)
    assert [(c.field, c.old, c.new) for c in changes] == expected
    assert all(isinstance(c, MapChange) and c.stakeholder_id == 7 and c.reason for c in changes)


def test_proposed_map_changes_reasons_are_readable():
    changes = proposed_map_changes(attendee("brief", 0), 2)
    assert changes[0].reason == "A meeting with Ana Ruiz was logged, so contact goes from brief contact to multiple contacts."
    assert changes[1].reason == ("The meeting read as positive (+2), so Ana Ruiz's attitude moves one step "
                                 "from 0 neutral to +1 positive.")


@pytest.mark.parametrize("last_contact, meeting_date, proposed", [
    (None, d(11, 20), True),
    (d(11, 1), d(11, 20), True),
    (d(11, 21), d(11, 20), False),  # an older meeting does not move last contact back
    (d(11, 20), d(11, 20), False),
])
def test_proposed_map_changes_last_contact(last_contact, meeting_date, proposed):
    changes = proposed_map_changes(attendee("in_depth", 0, last_contact), 0, meeting_date)
    assert [(c.field, c.new) for c in changes] == ([("last_contact", meeting_date)] if proposed else [])


# --------------------------------------------------------------------------- properties

_FRAGMENTS = st.sampled_from([
    "met", "Met", "Ana Ruiz", "(CFO)", "Tom Berg,", "Head of IT", "with", "and", "today", "yesterday",
    "last Tuesday", "on Friday", "by Friday", "12/11/2026", "31/02", "2026-13-45", "12 Nov", "Nov 31",
    "the 31st", "0/0", "99/99/9999", "keen", "not happy", "very", "no", "threatened to leave", ";", ",", ".",
    "next step:", "send", "we'll", "need to", "in 999 weeks", "in 3 months", "3 days ago", "9999 days ago",
    "end of month", "EOW", "the CFO", "van der", "O'Neill", "(", ")", "-", "\n", "José", "ÉMILE", "May",
    "sat", "a fortnight ago", "promised to", "TODO:",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_parse_meeting_log_never_raises_on_arbitrary_text(text):
    draft = parse_meeting_log(text, TODAY, KNOWN)
    assert -2 <= draft.sentiment <= 2
    assert isinstance(draft.date, date)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=25).map(" ".join),
       st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_parse_meeting_log_never_raises_on_log_like_text(text, today):
    draft = parse_meeting_log(text, today, KNOWN)
    assert -2 <= draft.sentiment <= 2
    assert draft.date_was_given or draft.date == today
    if draft.next_step:
        assert draft.next_step.text and (draft.next_step.due is None or isinstance(draft.next_step.due, date))


@given(st.sampled_from(list(ContactLevel)), st.integers(-2, 2), st.integers(-2, 2))
def test_proposed_map_changes_stay_in_range(level, attitude, mood):
    view = attendee(level, attitude)
    for change in proposed_map_changes(view, mood, TODAY - timedelta(days=1)):
        if change.field == "attitude":
            assert -2 <= change.new <= 2 and abs(change.new - attitude) == 1
            assert (change.new - attitude) * mood > 0  # always toward the meeting's mood
        elif change.field == "contact_level":
            assert change.new == ContactLevel(level).next_level() != level
        else:
            assert change.field == "last_contact"
