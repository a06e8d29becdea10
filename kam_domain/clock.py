"""Time comes from here, never from datetime.now() in rules or services."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime: ...
    def today(self) -> date: ...


class SystemClock:
    def __init__(self, tz: str = "UTC"):
        self.tz = ZoneInfo(tz)

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def today(self) -> date:
        return self.now().astimezone(self.tz).date()


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime, tz: str = "UTC"):
        self._now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
        self.tz = ZoneInfo(tz)

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone(self.tz).date()

    def set(self, now: datetime) -> None:
        self._now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self._now = self._now + timedelta(**delta)

