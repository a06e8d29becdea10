"""How late an open action is, in classes a KAM acts on.

Pure. An action more than `VERY_OVERDUE_DAYS` past its due date is *very overdue*: it is listed
first and offered to close or re-date, since a promise that old is either done and not recorded,
dropped, or needs a new date the customer has been told.
"""
from __future__ import annotations

from datetime import date
from enum import Enum

VERY_OVERDUE_DAYS = 30
DUE_SOON_DAYS = 7  # the same window as rules.next_actions.DUE_SOON_DAYS


class Lateness(str, Enum):
    NO_DATE = "no_date"
    LATER = "later"
    DUE_SOON = "due_soon"  # today .. DUE_SOON_DAYS ahead
    OVERDUE = "overdue"  # 1 .. VERY_OVERDUE_DAYS days late
    VERY_OVERDUE = "very_overdue"  # more than VERY_OVERDUE_DAYS days late


def days_overdue(due: date | None, today: date) -> int:
    """Whole days past the due date (0 when not due yet or no date)."""
    return max(0, (today - due).days) if due is not None else 0


def lateness(due: date | None, today: date, status: str = "open") -> Lateness:
    if due is None or status != "open":
        return Lateness.NO_DATE if due is None else Lateness.LATER
    late = (today - due).days
    if late > VERY_OVERDUE_DAYS:
        return Lateness.VERY_OVERDUE
    if late > 0:
        return Lateness.OVERDUE
    return Lateness.DUE_SOON if -late <= DUE_SOON_DAYS else Lateness.LATER


def is_very_overdue(due: date | None, today: date, status: str = "open") -> bool:
    return lateness(due, today, status) == Lateness.VERY_OVERDUE


def overdue_words(due: date | None, today: date) -> str:
    """"517 days overdue", "1 day overdue"; "" when not overdue."""
    late = days_overdue(due, today)
    if not late:
        return ""
    return f"{late} day{'s' if late != 1 else ''} overdue"


def very_overdue_first(items, due_of, today: date) -> list:
    """The same items, very overdue ones first (oldest first), the rest in their order (stable)."""
    items = list(items)
    very = sorted((i for i in items if is_very_overdue(due_of(i), today)), key=lambda i: due_of(i))
    return very + [i for i in items if not is_very_overdue(due_of(i), today)]
