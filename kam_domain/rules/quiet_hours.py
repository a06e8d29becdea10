"""Working hours and time zones: when a person may be nudged.

Pure functions over instants (timezone-aware datetimes) and zones. A DM to a person goes at
the start of their working window on a working day, in their own time zone; a nudge computed
at 03:00 their time waits until the window opens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WorkingHours:
    start: time = time(9, 0)
    end: time = time(17, 0)
    weekdays: frozenset[int] = frozenset(range(5))  # Monday = 0

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays


DEFAULT_HOURS = WorkingHours()


def parse_working_hours(raw: Mapping[str, object] | None) -> WorkingHours:
    """Read {"start": "09:00", "end": "17:00", "days": "mon-fri"} (each part optional)."""
    if not raw:
        return DEFAULT_HOURS
    start = _clock(raw.get("start", "09:00"), "start")
    end = _clock(raw.get("end", "17:00"), "end")
    if end <= start:
        raise ValueError(f"Working hours must end after they start ({start:%H:%M}-{end:%H:%M}).")
    days = _weekdays(raw.get("days", "mon-fri"))
    return WorkingHours(start, end, days)


def _clock(raw: object, name: str) -> time:
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", str(raw).strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise ValueError(f"Working hours {name} must be a time like 09:00, not '{raw}'.")
    return time(int(match.group(1)), int(match.group(2) or 0))


def _weekdays(raw: object) -> frozenset[int]:
    parts = raw if isinstance(raw, (list, tuple)) else str(raw).replace(" ", "").lower().split(",")
    days: set[int] = set()
    for part in parts:
        first, _, last = str(part).strip().lower().partition("-")
        if first[:3] not in WEEKDAYS or (last and last[:3] not in WEEKDAYS):
            raise ValueError(f"Working days must be like mon-fri or mon,tue,thu, not '{raw}'.")
        a, b = WEEKDAYS.index(first[:3]), WEEKDAYS.index((last or first)[:3])
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


def person_zone(tz_name: str | None, tz_offset: int | None, default: tzinfo) -> tzinfo:
    """The person's zone from Slack's users.info: the IANA name, else the fixed offset, else the default."""
    if tz_name:
        try:
            return ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if tz_offset is not None and abs(tz_offset) < 24 * 3600:
        return timezone(timedelta(seconds=tz_offset))
    return default


def local_date(instant: datetime, zone: tzinfo) -> date:
    return instant.astimezone(zone).date()


def window_on(day: date, zone: tzinfo, hours: WorkingHours = DEFAULT_HOURS) -> tuple[datetime, datetime]:
    """The working window of that local day, as UTC instants."""
    start = datetime.combine(day, hours.start, tzinfo=zone)
    end = datetime.combine(day, hours.end, tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def first_working_day(day: date, hours: WorkingHours = DEFAULT_HOURS) -> date:
    """The day itself if people work then, else the next day they do."""
    if not hours.weekdays:
        return day
    while not hours.is_working_day(day):
        day += timedelta(days=1)
    return day


def send_at(nominal_day: date, zone: tzinfo, hours: WorkingHours = DEFAULT_HOURS) -> datetime:
    """When a message meant for that day goes: the window start of the first working day from it."""
    return window_on(first_working_day(nominal_day, hours), zone, hours)[0]


def todays_window(instant: datetime, zone: tzinfo,
                  hours: WorkingHours = DEFAULT_HOURS) -> tuple[datetime, datetime] | None:
    """Today's working window in that zone, unless today is a day off or the window has closed."""
    today = local_date(instant, zone)
    if not hours.is_working_day(today):
        return None
    start, end = window_on(today, zone, hours)
    return None if instant >= end else (start, end)


def is_quiet(instant: datetime, zone: tzinfo, hours: WorkingHours = DEFAULT_HOURS) -> bool:
    """Outside the person's working hours (or on a day off)."""
    window = todays_window(instant, zone, hours)
    return window is None or instant < window[0]
