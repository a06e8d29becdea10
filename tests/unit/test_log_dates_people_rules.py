"""Issue 15, dates and people in logs: impossible dates refused with the likely day, far or future
dates asked about, first names and surnames matched when unique, colleagues kept off customer maps,
and next steps owned by the colleague they name."""
from __future__ import annotations

from datetime import date

import pytest

from kam_domain.rules.colleagues import Colleague, colleague_candidates, is_colleague, step_owner
from kam_domain.rules.log_dates import confirm_suffix, confirmed_date, needs_confirmation, unreadable_date
from kam_domain.rules.meeting_log import name_candidates, parse_meeting_log

TODAY = date(2026, 11, 23)  # a Monday


# --------------------------------------------------------------------------- impossible dates


@pytest.mark.parametrize("text, phrase, why, suggested", [
    ("met Lars Henriksen on 31 Feb, fine", "31 Feb", "February has 28 days in 2026", [date(2026, 2, 28), date(2026, 3, 3)]),
    ("met Lars on Feb 30th", "Feb 30th", "February has 28 days in 2026", [date(2026, 2, 28), date(2026, 3, 2)]),
    ("met on 29 February 2027", "29 February 2027", "February has 28 days in 2027",
     [date(2027, 2, 28), date(2027, 3, 1)]),
    ("next step: send it by 30 Feb", "30 Feb", "February has 28 days in 2027", [date(2027, 2, 28), date(2027, 3, 2)]),
    ("met on 31 April", "31 April", "April has 30 days", [date(2026, 4, 30), date(2026, 5, 1)]),
    ("met on 32 Dec", "32 Dec", "December has 31 days", [date(2025, 12, 31), date(2026, 1, 1)]),
    ("met on 2026-13-05", "2026-13-05", "there is no month 13", [date(2026, 5, 13)]),
    ("met on 2026-02-30", "2026-02-30", "February has 28 days in 2026", [date(2026, 2, 28), date(2026, 3, 2)]),
    ("met on 31/04/2026", "31/04/2026", "April has 30 days", [date(2026, 4, 30), date(2026, 5, 1)]),
    ("met on 0 March", "0 March", "there is no day 0", [date(2026, 3, 1)]),
])
def test_an_impossible_date_is_named_with_the_likely_day(text, phrase, why, suggested):
    problem = unreadable_date(text, TODAY)
    assert problem is not None and problem.phrase == phrase and why in problem.why
    assert list(problem.suggestions) == suggested
    message = problem.message(TODAY)
    assert message.startswith(f"I could not read the date '{phrase}'") and "Nothing was logged" in message


@pytest.mark.parametrize("text", [
    "met Lars on 28 Feb", "met on 29 Feb 2028", "met on 2026-11-20", "met on 30/04/2026", "yesterday, fine",
    "bought 120 March units", "revenue up 3.5% in Q3", "volume 2-3 trucks", "met Ana today",
])
def test_real_dates_and_numbers_are_not_problems(text):
    assert unreadable_date(text, TODAY) is None


# --------------------------------------------------------------------------- dates to confirm


@pytest.mark.parametrize("value, asks, words", [
    (date(1999, 1, 1), True, "about 28 years ago"),
    (date(2025, 11, 22), True, "366 days ago"),
    (date(2025, 11, 23), False, None),  # exactly a year: still fine
    (TODAY, False, None),
    (date(2026, 11, 24), True, "tomorrow"),
    (date(2026, 11, 27), True, "in 4 days"),
])
def test_a_date_in_the_future_or_over_a_year_back_asks_for_confirmation(value, asks, words):
    reason = needs_confirmation(value, TODAY)
    assert (reason is not None) == asks
    if asks:
        assert words in reason


@pytest.mark.parametrize("text, expected, phrase", [
    ("met Lars Henriksen next Friday, fine", date(2026, 11, 27), "next Friday"),
    ("met Lars tomorrow", date(2026, 11, 24), "tomorrow"),
    ("met Lars yesterday", date(2026, 11, 22), "yesterday"),
    ("met Lars last Tuesday", date(2026, 11, 17), "last Tuesday"),
    ("met Lars on Monday", date(2026, 11, 16), "Monday"),
    ("met Lars on 15 Dec", date(2025, 12, 15), "15 Dec"),
    ("met Lars on 1999-01-01, fine", date(1999, 1, 1), "1999-01-01"),
])
def test_relative_dates_are_read_against_the_clock_never_as_today(text, expected, phrase):
    draft = parse_meeting_log(text, TODAY)
    assert (draft.date, draft.date_was_given, draft.date_phrase) == (expected, True, phrase)


def test_a_deadline_is_not_the_meeting_day():
    draft = parse_meeting_log("met Lars, fine; send the offer by next Friday", TODAY)
    assert draft.date_was_given is False and draft.next_step.due == date(2026, 11, 27)


@pytest.mark.parametrize("text, rest, value, present", [
    ("met Lars on 1999-01-01 confirm-date=1999-01-01", "met Lars on 1999-01-01", date(1999, 1, 1), True),
    ("confirm-date=2026-11-27 met Lars next Friday", "met Lars next Friday", date(2026, 11, 27), True),
    ("met Lars confirm-date=soon", "met Lars", None, True),
    ("met Lars on 1999-01-01", "met Lars on 1999-01-01", None, False),
])
def test_the_confirmation_word_is_read_and_taken_out_of_the_notes(text, rest, value, present):
    assert confirmed_date(text) == (rest, value, present)
    if value:
        assert confirm_suffix(value) == f"confirm-date={value.isoformat()}"


# --------------------------------------------------------------------------- customer people by one name

PEOPLE = [(1, "Katrin Vogel", "CFO"), (2, "Lars Henriksen", "COO"), (3, "Eva Lund", None),
          (4, "Eva Brandt", "Buyer"), (5, "Jonas Lund", None)]


@pytest.mark.parametrize("typed, expected", [
    ("katrin", ["Katrin Vogel"]),          # first name, unique
    ("Vogel", ["Katrin Vogel"]),           # surname, unique
    ("Henriksen", ["Lars Henriksen"]),
    ("Katrin Vogel", ["Katrin Vogel"]),
    ("Katrin Vogl", ["Katrin Vogel"]),     # a typo in a full name
    ("Eva", ["Eva Lund", "Eva Brandt"]),   # two Evas: ask which
    ("Lund", ["Eva Lund", "Jonas Lund"]),  # two Lunds: ask which
    ("Petra", []),                         # someone new
    ("Petra Lang", []),
])
def test_one_name_matches_a_person_when_unique_and_asks_when_not(typed, expected):
    assert [k.name for k in name_candidates(typed, PEOPLE)] == expected


# --------------------------------------------------------------------------- colleagues

TEAM = [Colleague("U_ANNA", "Anna Keller", "kam"), Colleague("U_HELENA", "Helena Berg", "sponsor"),
        Colleague("U_TOMASZ", "Tomasz Nowak", "member"), Colleague("U_HELENA2", "Helena Marsh"),
        Colleague("U_DAVID", "David Chen"), Colleague("U_DAVID2", "David Okoro")]


@pytest.mark.parametrize("name, expected", [
    ("Helena Berg", ["U_HELENA"]),
    ("helena", ["U_HELENA"]),       # two Helenas in the workspace: the account's own sponsor wins
    ("Berg", ["U_HELENA"]),
    ("@Anna Keller", ["U_ANNA"]),
    ("Tomasz", ["U_TOMASZ"]),
    ("David", ["U_DAVID", "U_DAVID2"]),  # neither on the team: ambiguous
    ("Katrin Vogel", []),
    ("Anna Kellerman", []),
])
def test_colleagues_are_found_by_full_name_first_name_or_surname(name, expected):
    assert [c.user_id for c in colleague_candidates(name, TEAM)] == expected
    assert is_colleague(name, TEAM) == bool(expected)


def test_a_colleague_named_in_a_log_is_never_offered_as_a_customer_person():
    draft = parse_meeting_log("met Katrin Vogel yesterday, Helena Berg joined; fine", TODAY, PEOPLE)
    unknown = [m.name for m in draft.unknown_people if m.name]
    assert unknown == ["Helena Berg"]  # the parser does not know our people: the service drops her
    assert [m for m in unknown if not is_colleague(m, TEAM)] == []


# --------------------------------------------------------------------------- action owners


@pytest.mark.parametrize("step, owner, note", [
    ("Helena to call her back by 15 Dec", "U_HELENA", False),
    ("Helena Berg will send the volumes", "U_HELENA", False),
    ("Tomasz needs to book the site visit", "U_TOMASZ", False),
    ("Anna'll chase procurement", "U_ANNA", False),
    ("Send the draft contract by Friday", None, False),       # no one named: the logger's
    ("I will send the deck", None, False),
    ("We'll follow up next week", None, False),
    ("Katrin to send the volumes by Friday", None, False),    # a customer person: the logger follows up
    ("Prepare the deck for Helena", None, False),             # for Helena, not by Helena
    ("Send the pricing (Tomasz)", "U_TOMASZ", False),
    ("David to call the CFO", None, True),                    # two Davids: the logger's, with a note
    ("@U_MARCO to book the workshop", "U_MARCO", False),      # a Slack mention
])
def test_a_next_step_is_owned_by_the_colleague_it_names(step, owner, note):
    reading = step_owner(step, TEAM)
    assert reading.user_id == owner
    assert (reading.note is not None) == note
    if note:
        assert "David Chen or David Okoro" in reading.note
