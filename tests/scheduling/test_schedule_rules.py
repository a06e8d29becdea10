"""Pure rules: review cadence by tier and quadrant, working hours and time zones. Table-driven."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kam_domain.rules.cadence import default_review_cadence_days, parse_cadence_settings, review_cadence_days
from kam_domain.rules.quiet_hours import (
    WorkingHours, first_working_day, is_quiet, parse_working_hours, person_zone, send_at, todays_window,
)
from kam_domain.rules.scoring import Quadrant

BERLIN, TOKYO, NEW_YORK = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")


@pytest.mark.parametrize("tier, box, override, defaults, expected", [
    ("key", Quadrant.STRATEGIC, None, None, 30),
    ("key", "star", None, None, 30),
    ("key", "Status", None, None, 90),
    ("key", "streamline", None, None, 90),
    ("key", None, None, None, 30),  # not placed yet: monthly
    ("key", "nonsense", None, None, 30),
    ("candidate", None, None, None, 90),
    ("candidate", "strategic", None, None, 90),
    ("regular", "strategic", None, None, None),  # watched by the numbers
    ("key", "strategic", 7, None, 7),  # the account's own cadence wins
    ("regular", None, 45, None, 45),
    ("key", "strategic", None, {"strategic": 14}, 14),
    ("key", "status", None, {"strategic": 14}, 90),
    ("key", None, None, {"key": 21}, 21),
    ("candidate", None, None, {"candidate": 60}, 60),
    ("regular", None, None, {"regular": 180}, 180),
])
def test_review_cadence_by_tier_quadrant_override_and_workspace_defaults(tier, box, override, defaults, expected):
    assert review_cadence_days(tier, box, override, defaults) == expected


def test_default_cadence_keeps_its_signature():
    assert default_review_cadence_days("key", "strategic") == 30
    assert default_review_cadence_days("candidate", None) == 90
    assert default_review_cadence_days("regular", None) is None


@pytest.mark.parametrize("raw, message", [
    ({"strategc": 14}, "Unknown cadence 'strategc'"),
    ({"star": "weekly"}, "whole number of days"),
    ({"star": 0}, "1 to 366 days"),
    ({"star": True}, "whole number of days"),
    ([14], "must map"),
])
def test_bad_cadence_settings_say_what_to_fix(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_cadence_settings(raw)


def test_cadence_settings_accept_strings_and_case():
    assert parse_cadence_settings({"Strategic": "14", "candidate": 60}) == {"strategic": 14, "candidate": 60}


@pytest.mark.parametrize("raw, expected", [
    (None, WorkingHours()),
    ({"start": "8:30", "end": "16"}, WorkingHours(time(8, 30), time(16), frozenset(range(5)))),
    ({"days": "sun-thu"}, WorkingHours(weekdays=frozenset({6, 0, 1, 2, 3}))),
    ({"days": ["mon", "wed"]}, WorkingHours(weekdays=frozenset({0, 2}))),
])
def test_working_hours_parse(raw, expected):
    assert parse_working_hours(raw) == expected


@pytest.mark.parametrize("raw", [{"start": "25:00"}, {"start": "17:00", "end": "09:00"}, {"days": "funday"}])
def test_bad_working_hours_are_refused(raw):
    with pytest.raises(ValueError):
        parse_working_hours(raw)


@pytest.mark.parametrize("tz, offset, expected", [
    ("Asia/Tokyo", 32400, TOKYO),
    ("Not/AZone", 3600, timezone(timedelta(hours=1))),
    (None, -18000, timezone(timedelta(hours=-5))),
    (None, None, BERLIN),
])
def test_person_zone_from_users_info(tz, offset, expected):
    assert person_zone(tz, offset, BERLIN) == expected


@pytest.mark.parametrize("nominal, expected", [
    (date(2026, 11, 23), date(2026, 11, 23)),  # Monday
    (date(2026, 11, 28), date(2026, 11, 30)),  # Saturday -> Monday
    (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday -> Monday
])
def test_first_working_day(nominal, expected):
    assert first_working_day(nominal) == expected


@pytest.mark.parametrize("nominal, zone, expected_utc", [
    (date(2026, 11, 23), BERLIN, "2026-11-23T08:00:00+00:00"),  # CET, UTC+1
    (date(2026, 7, 6), BERLIN, "2026-07-06T07:00:00+00:00"),  # CEST, UTC+2
    (date(2026, 11, 23), TOKYO, "2026-11-23T00:00:00+00:00"),
    (date(2026, 11, 28), NEW_YORK, "2026-11-30T14:00:00+00:00"),  # Saturday -> Monday 9:00 EST
])
def test_send_at_is_nine_local_on_a_working_day(nominal, zone, expected_utc):
    assert send_at(nominal, zone).isoformat() == expected_utc


@pytest.mark.parametrize("instant, zone, quiet, window_start", [
    ("2026-11-23T18:00:00+00:00", TOKYO, True, "2026-11-24T00:00:00+00:00"),  # 03:00 Tuesday in Tokyo
    ("2026-11-24T00:00:00+00:00", TOKYO, False, "2026-11-24T00:00:00+00:00"),  # 09:00 in Tokyo
    ("2026-11-23T15:30:00+00:00", BERLIN, False, "2026-11-23T08:00:00+00:00"),  # 16:30 in Berlin
    ("2026-11-23T17:00:00+00:00", BERLIN, True, None),  # 18:00 Berlin: today's window has closed
    ("2026-11-28T10:00:00+00:00", BERLIN, True, None),  # Saturday
])
def test_quiet_hours_and_todays_window(instant, zone, quiet, window_start):
    moment = datetime.fromisoformat(instant)
    window = todays_window(moment, zone)
    if window_start is None:
        assert window is None
    else:
        assert window[0].isoformat() == window_start
    assert is_quiet(moment, zone) is quiet
