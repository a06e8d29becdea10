"""Dates in a meeting log that must not be guessed. Pure: today is always passed in.

- An impossible date ("31 Feb", "2026-13-05", "31/04/2026", "32 Dec") is refused with the words
  that could not be read and the likely day(s) meant: it never becomes today.
- A meeting date in the future, or more than a year ago, is asked about before anything is written
  (`needs_confirmation`); the person confirms it (a button in Slack, `confirm-date=YYYY-MM-DD` typed
  after the log anywhere) and the log is stored with that date.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

CONFIRM_AFTER_DAYS = 365  # a meeting further back than this is asked about
CONFIRM_WORD = "confirm-date"
_CONFIRM = re.compile(rf"(?:^|\s){CONFIRM_WORD}=(\S*)", re.IGNORECASE)

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
             r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ORD = r"(?:st|nd|rd|th)?"
_F = re.IGNORECASE
_DAY_MONTH = re.compile(rf"\b(\d{{1,3}}){_ORD}(?:\s+of)?\s+({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}})\b)?", _F)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,3}}){_ORD}\b(?!\s*(?:%|k\b|m\b))(?:,?\s+(\d{{4}})\b)?",
                        _F)
_ISO = re.compile(r"(?<![\w\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w\-])")
_NUMERIC = re.compile(r"(?<![\w/.\-])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/\-])")
_FUTURE_BEFORE = re.compile(r"\b(?:by|until|till|before|due|next|coming|from)\s*$", _F)


@dataclass(frozen=True)
class DateProblem:
    """Words that look like a date but name no day, and what to write instead."""

    phrase: str
    why: str
    suggestions: tuple[date, ...] = ()

    def message(self, today: date) -> str:
        text = f"I could not read the date '{self.phrase}' ({self.why})"
        if self.suggestions:
            text += ": did you mean " + " or ".join(short_day(d) for d in self.suggestions) + "?"
        else:
            text += "."
        return text + (f" Write the day you met, e.g. {today.isoformat()}, {short_day(today, year=False)}, "
                       "yesterday or last Tuesday. Nothing was logged.")


def short_day(d: date, year: bool | None = None) -> str:
    """'Fri 28 Feb 2026' (the year shown when asked, or when it is not obvious)."""
    text = f"{d.strftime('%a')} {d.day} {d.strftime('%b')}"
    return f"{text} {d.year}" if year or year is None else text


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _overflow(year: int, month: int, day: int) -> DateProblem | None:
    """Day `day` of a real month that has fewer days: the month's last day and the rolled-over day."""
    last = _days_in(year, month)
    if 1 <= day <= last:
        return None
    name = calendar.month_name[month]
    if day < 1:
        return DateProblem("", f"there is no day 0 in {name}", (date(year, month, 1),))
    why = (f"{name} has {last} days in {year}" if month == 2 else f"{name} has {last} days")
    end = date(year, month, last)
    rolled = end + timedelta(days=day - last) if day - last <= 3 else None
    return DateProblem("", why, tuple(d for d in (end, rolled) if d))


def _year_for(month: int, today: date, future: bool) -> int:
    """The year a yearless day of `month` falls in: the most recent one, or the next one for a deadline."""
    if future:
        return today.year if month >= today.month else today.year + 1
    return today.year if month <= today.month else today.year - 1


def _with_phrase(problem: DateProblem | None, phrase: str) -> DateProblem | None:
    return None if problem is None else DateProblem(phrase, problem.why, problem.suggestions)


def unreadable_date(text: str, today: date) -> DateProblem | None:
    """The first date-looking phrase in the text that names no real day, else None."""
    found: list[tuple[int, DateProblem]] = []
    for m in _ISO.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 <= month <= 12:
            swapped = (date(year, day, month),) if 1 <= day <= 12 and month <= _days_in(year, day) else ()
            found.append((m.start(), DateProblem(m.group(0), f"there is no month {month}; write year-month-day",
                                                 swapped)))
        elif not 1 <= year <= 9999:
            found.append((m.start(), DateProblem(m.group(0), "that year is not a year")))
        elif problem := _overflow(year, month, day):
            found.append((m.start(), _with_phrase(problem, m.group(0))))
    for m in _NUMERIC.finditer(text):
        day, month, raw_year = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(raw_year) + 2000 if len(raw_year) == 2 else int(raw_year)
        if month > 12 and day <= 12:
            day, month = month, day  # 11/23/2026 is month first
        if not 1 <= month <= 12:
            found.append((m.start(), DateProblem(m.group(0), f"there is no month {month}")))
        elif problem := _overflow(year, month, day):
            found.append((m.start(), _with_phrase(problem, m.group(0))))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            day, month = int(m.group(day_group)), _MONTHS[m.group(month_group).lower().rstrip(".")]
            future = bool(_FUTURE_BEFORE.search(text[max(0, m.start() - 20): m.start()]))
            year = int(m.group(3)) if m.group(3) else _year_for(month, today, future)
            if day > 99:
                continue  # "120 Mar" is not a day: a quantity
            if problem := _overflow(year, month, day):
                phrase = re.sub(r"\s+", " ", m.group(0)).strip(" .,")
                found.append((m.start(), _with_phrase(problem, phrase)))
    found.sort(key=lambda item: item[0])
    return found[0][1] if found else None


def needs_confirmation(value: date, today: date, phrase: str | None = None) -> str | None:
    """Why a meeting date should be confirmed before it is logged, else None."""
    said = f"'{phrase}' is " if phrase else ""
    if value > today:
        days = (value - today).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        return (f"{said}{short_day(value)}, {when}: a log is for a meeting that happened. "
                "Log it with that date only if it is right; otherwise write the day you met (e.g. last Friday).")
    age = (today - value).days
    if age > CONFIRM_AFTER_DAYS:
        years = age / 365.25
        ago = f"about {round(years)} years ago" if years >= 1.5 else f"{age} days ago"
        return (f"{said}{short_day(value)}, {ago}: more than a year back. "
                "Log it with that date only if it is right; otherwise write the day you met.")
    return None


def confirmed_date(text: str) -> tuple[str, date | None, bool]:
    """(the text without `confirm-date=…`, the date it confirms, whether the word was there at all)."""
    match = _CONFIRM.search(text or "")
    if match is None:
        return text, None, False
    rest = (text[: match.start()] + " " + text[match.end():]).strip()
    try:
        return rest, date.fromisoformat(match.group(1)), True
    except ValueError:
        return rest, None, True


def confirm_suffix(value: date) -> str:
    return f"{CONFIRM_WORD}={value.isoformat()}"
