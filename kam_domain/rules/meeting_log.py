"""Read a free-text meeting log: when, who, how it went, and what happens next.

    "met Ana Ruiz (CFO) today, keen on the 3-year deal; send draft contract by Friday"

Pure: today's date is always passed in. Common date forms are read by regexes
(fast and predictable); dateparser is a guarded fallback for rarer phrasings, imported
lazily. Numeric dates are read day first (12/11/2026 = 12 Nov 2026) unless that is
impossible (11/23/2026); a reading that could go either way is flagged as ambiguous.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable, NamedTuple

from rapidfuzz import fuzz

from kam_domain.rules.names import LEGAL_SUFFIXES, fold, normalize_account_name
from kam_domain.rules.relationships import (
    ATTITUDE_LABELS,
    ATTITUDE_MAX,
    ATTITUDE_MIN,
    ContactLevel,
    StakeholderView,
)

MAX_TEXT = 4000  # longer input is read up to here (a Slack command is at most ~4,000 characters)

# =========================================================================== dates

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "a couple of": 2, "few": 3, "a few": 3,
}

_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY_ANY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
_COUNT_RE = r"(?:\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_ORD = r"(?:st|nd|rd|th)"
_WD_PREFIX = rf"(?:{_WEEKDAY_ANY}\.?,?\s+(?:the\s+)?)?"

_F = re.IGNORECASE
_ISO = re.compile(r"(?<![\d\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-])")
_NUMERIC = re.compile(r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/\-]|\.\d)")
_DAY_MONTH = re.compile(rf"\b{_WD_PREFIX}(\d{{1,2}}){_ORD}?(?:\s+of)?\s+({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}})\b)?", _F)
_MONTH_DAY = re.compile(rf"\b{_WD_PREFIX}({_MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}}){_ORD}?\b(?:,?\s+(\d{{4}})\b)?", _F)
_ORDINAL_DAY = re.compile(
    rf"\b(?:{_WEEKDAY_ANY}\.?,?\s+(?:the\s+)?|the\s+)(\d{{1,2}}){_ORD}\b(?!\s+(?:of\s+)?{_MONTH_RE}\b)", _F)
_WEEKDAY = re.compile(rf"\b(?:(last|on|this|past|next|coming|by)\s+)?({_WEEKDAY_ANY})\b\.?", _F)

# Words right before a date that make it a deadline, not the day the meeting happened.
_FUTURE_CONTEXT = re.compile(r"\b(?:by|until|till|before|due|next|coming|from)\s*$", _F)
_YEARLESS_NUMERIC_CONTEXT = re.compile(r"\b(?:on|by|before|until|till|due|dated?)\s*$", _F)

_PAST = "past"
_FUTURE = "future"


@dataclass(frozen=True)
class DateHit:
    """A date found in text: where, what it means, and whether it could be read another way."""

    start: int
    end: int
    value: date
    ambiguous: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _shift(today: date, days: int) -> date | None:
    try:
        return today + timedelta(days=days)
    except OverflowError:
        return None


def _add_months(d: date, months: int) -> date | None:
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        return None
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _yearless(day: int, month: int, today: date, direction: str) -> date | None:
    """Most recent (past) or next (future) day/month, today included."""
    step = -1 if direction == _PAST else 1
    for offset in range(0, 9):  # 29 Feb needs up to 8 years
        candidate = _safe_date(today.year + step * offset, month, day)
        if candidate and (candidate <= today if direction == _PAST else candidate >= today):
            return candidate
    return None


def _ordinal_day(day: int, today: date, direction: str) -> date | None:
    """'the 3rd': that day in this month or the nearest month that has it, in the preferred direction."""
    step = -1 if direction == _PAST else 1
    first = today.replace(day=1)
    for offset in range(0, 13):
        month_start = _add_months(first, step * offset)
        candidate = month_start and _safe_date(month_start.year, month_start.month, day)
        if candidate and (candidate <= today if direction == _PAST else candidate >= today):
            return candidate
    return None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    return value + 2000 if len(raw) == 2 else value


def _count(raw: str) -> int:
    key = re.sub(r"\s+", " ", raw.lower()).strip()
    return int(key) if key.isdigit() else _NUMBER_WORDS.get(key, 1)


def _weekday_date(weekday: int, today: date, direction: str, inclusive: bool) -> date:
    if direction == _PAST:
        back = (today.weekday() - weekday) % 7
        return today - timedelta(days=back if (back or inclusive) else 7)
    ahead = (weekday - today.weekday()) % 7
    return today + timedelta(days=ahead if (ahead or inclusive) else 7)


def _numeric_hits(text: str, today: date, direction: str) -> Iterable[DateHit]:
    for m in _NUMERIC.finditer(text):
        first, sep, second, year_raw = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        context = text[max(0, m.start() - 20): m.start()]
        if not year_raw and (sep != "/" or not _YEARLESS_NUMERIC_CONTEXT.search(context)):
            continue  # "3.5", "4/5" and "2-3" are numbers far more often than dates
        day, month = first, second
        if month > 12 and day <= 12:  # 11/23/2026 can only be month first
            day, month = second, first
        ambiguous = first <= 12 and second <= 12 and first != second
        year = _year(year_raw)
        if year:
            value = _safe_date(year, month, day)
        else:
            value = _yearless(day, month, today, direction) if 1 <= month <= 12 and 1 <= day <= 31 else None
        if value:
            yield DateHit(m.start(), m.end(), value, ambiguous)


def _named_month_hits(text: str, today: date, direction: str) -> Iterable[DateHit]:
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            day, month = int(m.group(day_group)), _MONTHS[m.group(month_group).lower().rstrip(".")]
            year = _year(m.group(3))
            value = _safe_date(year, month, day) if year else _yearless(day, month, today, direction)
            if value:
                yield DateHit(m.start(), m.end(), value)


def _fixed_hits(text: str, today: date) -> Iterable[DateHit]:
    for m in _ISO.finditer(text):
        value = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if value:
            yield DateHit(m.start(), m.end(), value)


def _ordinal_hits(text: str, today: date, direction: str) -> Iterable[DateHit]:
    for m in _ORDINAL_DAY.finditer(text):
        value = _ordinal_day(int(m.group(1)), today, direction)
        if value:
            yield DateHit(m.start(), m.end(), value)


def _weekday_hits(text: str, today: date, direction: str) -> Iterable[DateHit]:
    for m in _WEEKDAY.finditer(text):
        prefix, word = (m.group(1) or "").lower(), m.group(2).lower()
        if not prefix and not re.fullmatch(_WEEKDAY_FULL, word):
            continue  # bare "sat", "sun", "wed" are usually words, not days
        if direction == _PAST and prefix in ("next", "coming", "by"):
            continue
        if direction == _FUTURE and prefix in ("last", "past"):
            continue
        start = m.start() if prefix in ("last", "this", "past", "next", "coming") else m.start(2)
        try:
            value = _weekday_date(_WEEKDAYS[word], today, direction, inclusive=prefix == "this")
        except OverflowError:
            continue
        yield DateHit(start, m.end(), value)


_PAST_RELATIVE: tuple[tuple[re.Pattern, int], ...] = (
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", _F), -2),
    (re.compile(r"\byesterday\b|\blast\s+night\b", _F), -1),
    (re.compile(r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", _F), 0),
)
_AGO = re.compile(rf"\b({_COUNT_RE})\s+(days?|weeks?|fortnights?)\s+ago\b", _F)
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


def _past_relative_hits(text: str, today: date) -> Iterable[DateHit]:
    for pattern, offset in _PAST_RELATIVE:
        for m in pattern.finditer(text):
            value = _shift(today, offset)
            if value:
                yield DateHit(m.start(), m.end(), value)
    for m in _AGO.finditer(text):
        value = _shift(today, -_count(m.group(1)) * _UNIT_DAYS[m.group(2).lower().rstrip("s")])
        if value:
            yield DateHit(m.start(), m.end(), value)


_FUTURE_RELATIVE_FIXED: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b", _F), "day_after_tomorrow"),
    (re.compile(r"\btomorrow\b|\btmrw?\b", _F), "tomorrow"),
    (re.compile(r"\b(?:today|tonight|eod|cob|(?:the\s+)?end\s+of\s+(?:the\s+)?day|close\s+of\s+business)\b", _F), "today"),
    (re.compile(r"\b(?:(?:the\s+)?end\s+of\s+next\s+week)\b", _F), "end_of_next_week"),
    (re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week|eow|this\s+week)\b", _F), "end_of_week"),
    (re.compile(r"\bnext\s+week\b", _F), "next_week"),
    (re.compile(r"\b(?:the\s+)?end\s+of\s+next\s+month\b", _F), "end_of_next_month"),
    (re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|eom|month[\s\-]end)\b", _F), "end_of_month"),
    (re.compile(r"\bnext\s+month\b", _F), "next_month"),
    (re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?quarter|eoq|quarter[\s\-]end)\b", _F), "end_of_quarter"),
    (re.compile(r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|eoy|year[\s\-]end)\b", _F), "end_of_year"),
)
_IN_PERIOD = re.compile(rf"\b(?:in|within)\s+({_COUNT_RE})\s+(days?|weeks?|fortnights?|months?)\b", _F)


def _future_fixed(kind: str, today: date) -> date:
    this_friday = today + timedelta(days=(4 - today.weekday()) % 7)
    next_monday = today + timedelta(days=7 - today.weekday())
    last_day = calendar.monthrange(today.year, today.month)[1]
    quarter_end_month = ((today.month - 1) // 3 + 1) * 3
    return {
        "today": today,
        "tomorrow": today + timedelta(days=1),
        "day_after_tomorrow": today + timedelta(days=2),
        "end_of_week": this_friday if today.weekday() <= 4 else today,
        "end_of_next_week": next_monday + timedelta(days=4),
        "next_week": next_monday,
        "end_of_month": today.replace(day=last_day),
        "next_month": _add_months(today.replace(day=1), 1),
        "end_of_next_month": _month_end(_add_months(today.replace(day=1), 1)),
        "end_of_quarter": _month_end(date(today.year, quarter_end_month, 1)),
        "end_of_year": date(today.year, 12, 31),
    }[kind]


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _future_relative_hits(text: str, today: date) -> Iterable[DateHit]:
    for pattern, kind in _FUTURE_RELATIVE_FIXED:
        for m in pattern.finditer(text):
            try:
                yield DateHit(m.start(), m.end(), _future_fixed(kind, today))
            except (ValueError, OverflowError, TypeError):
                continue
    for m in _IN_PERIOD.finditer(text):
        count, unit = _count(m.group(1)), m.group(2).lower().rstrip("s")
        value = _add_months(today, count) if unit == "month" else _shift(today, count * _UNIT_DAYS[unit])
        if value:
            yield DateHit(m.start(), m.end(), value)


def _first_hit(hits: Iterable[DateHit]) -> DateHit | None:
    """Earliest hit; where hits overlap, the longer one is the reading."""
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    return ordered[0] if ordered else None


def _outside(hits: Iterable[DateHit], text: str, direction: str) -> list[DateHit]:
    # A meeting date is never the one after "by", "next", "until"...
    if direction == _FUTURE:
        return list(hits)
    return [h for h in hits if not _FUTURE_CONTEXT.search(text[max(0, h.start - 20): h.start])]


# dateparser is slow to import and sometimes wrong on free text: a guarded fallback only.
_dateparser_search = None


def _search_dates():
    global _dateparser_search
    if _dateparser_search is None:
        from dateparser.search import search_dates

        _dateparser_search = search_dates
    return _dateparser_search


_MONTH_WORD = re.compile(rf"\b{_MONTH_RE}\b", _F)
_AGO_WORD = re.compile(r"\b(?:ago|fortnight)\b", _F)


def _date_evidence(text: str) -> bool:
    """Worth asking dateparser: a month name with a number, or 'ago' / 'fortnight'."""
    return bool(_AGO_WORD.search(text) or (re.search(r"\d", text) and _MONTH_WORD.search(text)))


def _dateparser_hits(text: str, today: date, direction: str) -> list[DateHit]:
    settings = {
        "PREFER_DATES_FROM": direction,
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
    }
    try:
        found = _search_dates()(text, languages=["en"], settings=settings) or []
    except Exception:  # a third-party parser on arbitrary text must never break a log
        return []
    hits, cursor = [], 0
    for phrase, moment in found:
        start = text.find(phrase, cursor)
        if start < 0 or not _date_evidence(phrase):
            continue  # bare words ("may", "sat", "we") and bare numbers are not dates here
        cursor = start + len(phrase)
        value = moment.date()
        has_year = bool(re.search(r"\b(?:19|20)\d\d\b(?!\s*(?:days?|weeks?|months?|years?)\b)", phrase))
        if not has_year and (value > today if direction == _PAST else value < today):
            continue
        hits.append(DateHit(start, cursor, value))
    return hits


def _find_date(text: str, today: date, direction: str) -> DateHit | None:
    text = text[:MAX_TEXT]
    common = [
        *_fixed_hits(text, today),
        *_numeric_hits(text, today, direction),
        *_named_month_hits(text, today, direction),
        *_ordinal_hits(text, today, direction),
        *_weekday_hits(text, today, direction),
        *(_past_relative_hits(text, today) if direction == _PAST else _future_relative_hits(text, today)),
    ]
    hit = _first_hit(_outside(common, text, direction))
    if hit is None and _date_evidence(text):
        hit = _first_hit(_outside(_dateparser_hits(text, today, direction), text, direction))
    return hit


def find_meeting_date(text: str, today: date) -> DateHit | None:
    """The day the meeting happened, as a hit with its span and ambiguity."""
    return _find_date(text, today, _PAST)


_FUTURE_MEETING = re.compile(
    rf"\b(?:(?:next|coming)\s+{_WEEKDAY_ANY}\b\.?|(?:the\s+)?day\s+after\s+tomorrow\b|tomorrow\b)", _F)


def find_future_meeting_date(text: str, today: date) -> DateHit | None:
    """"met Lars next Friday": a meeting day that can only be in the future (never silently today).

    Only when the text names no past day; a day after "by", "until", "due"... is a deadline, not this."""
    for m in _FUTURE_MEETING.finditer(text[:MAX_TEXT]):
        if re.search(r"\b(?:by|until|till|before|due|from)\s*$", text[max(0, m.start() - 20): m.start()], _F):
            continue
        hit = _first_hit(_future_relative_hits(m.group(0), today)) or _first_hit(
            _weekday_hits(m.group(0), today, _FUTURE))
        if hit is not None:
            return DateHit(m.start(), m.end(), hit.value)
    return None


def parse_meeting_date(text: str, today: date) -> tuple[date | None, tuple[int, int] | None]:
    """When the meeting happened: (date, (start, end) of the words read) or (None, None).

    Past-preferring: "Tuesday" and "on Tuesday" are the most recent Tuesday before today
    ("last Tuesday" too); "this Tuesday" may be today; "12 Nov" is the most recent 12 Nov.
    Dates after "by", "next", "until"... are deadlines and skipped.
    """
    hit = find_meeting_date(text, today)
    return (hit.value, hit.span) if hit else (None, None)


def find_due_date(text: str, today: date) -> DateHit | None:
    return _find_date(text, today, _FUTURE)


def parse_due_date(text: str, today: date) -> date | None:
    """When a next step is due; future-preferring.

    "by Friday" / "next Friday" = the first Friday after today; "next week" = next Monday;
    "end of week" = this Friday; "in 2 weeks" = today + 14; "5 Dec" = the next 5 Dec.
    """
    hit = find_due_date(text, today)
    return hit.value if hit else None


def describe_ambiguity(text: str, hit: DateHit) -> str | None:
    """A warning for a numeric date that could be read both ways, else None."""
    if not hit.ambiguous:
        return None
    written = text[hit.start: hit.end]
    return (f"Read '{written}' as {hit.value.day} {calendar.month_abbr[hit.value.month]} {hit.value.year} "
            f"(day first); write {hit.value.isoformat()} to be sure.")


# =========================================================================== people


@dataclass(frozen=True)
class PersonMention:
    """Someone mentioned in a log. `name` is None for a title-only mention ("the CFO")."""

    name: str | None
    title: str | None = None


_DEPT_WORDS = (
    r"it|hr|r&d|sales|marketing|finance|financial|procurement|purchasing|operations|ops|engineering|"
    r"product|products|technology|tech|digital|legal|logistics|supply\s+chain|security|information\s+security|"
    r"data|analytics|strategy|people|customer\s+success|customer\s+service|commercial|business\s+development|"
    r"partnerships|quality|manufacturing|facilities|sourcing|infrastructure|innovation|transformation|"
    r"sustainability|research|development|accounting|treasury|compliance|risk|category|fleet|warehouse|"
    r"warehousing|retail|e-?commerce|communications|design|support|services|programs|projects|platform|"
    r"architecture|software|applications|plant|store|stores|regional|global|group|emea|apac|americas|"
    r"europe|nordics|dach|uk|us|north\s+america|growth|revenue|talent|office|account|project|program|programme"
)
_DEPT_WORD = rf"(?:{_DEPT_WORDS}|(?-i:[A-Z][\w&/\-]*))"
_DEPT = rf"{_DEPT_WORD}(?:\s+(?:&\s+)?{_DEPT_WORD}){{0,2}}"
_ACRONYM = r"(?:ceo|cfo|cio|cto|coo|cmo|cro|cpo|cso|cdo|ciso|chro|cco|cao|cxo|gm|md|svp|evp|avp|vp)"
_ROLE_NOUN = (r"(?:director|manager|lead|head|buyer|engineer|architect|analyst|officer|specialist|"
              r"coordinator|controller|administrator|owner|partner)")
_TITLE = (
    r"(?:(?:senior|sr\.?|executive|group|global|regional|deputy|assistant|interim|acting|associate)\s+)?"
    r"(?:"
    r"chief\s+(?:[a-z&]+\s+){0,3}officer"
    rf"|(?:vice\s+president|s?e?vp|avp)(?:\s*,?\s+(?:of\s+)?{_DEPT})?"
    rf"|head\s+of\s+{_DEPT}"
    rf"|director\s+of\s+{_DEPT}"
    r"|managing\s+director|general\s+manager|country\s+manager"
    rf"|{_DEPT}\s+{_ROLE_NOUN}"
    r"|director|buyer|purchaser|controller|treasurer|co-?founder|founder|president"
    r"|chair(?:man|woman|person)?|board\s+member"
    rf"|{_ACRONYM}"
    r")"
)
_TITLE_AT = re.compile(rf"{_TITLE}(?![\w&])", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SPACES = re.compile(r"[ \t]+")
_PARTICLES = {"van", "von", "de", "del", "della", "der", "den", "da", "di", "du", "la", "le", "dos", "das",
              "ter", "ten", "bin", "al", "el", "st"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"}
_STOP = set("""
i we he she they you it me us him her them my our your his their its the a an this that these those
met meet meeting meetings met with call called calls calling rang phoned emailed email saw seen see visited visit
spoke speak talked talk chatted chat lunch dinner coffee breakfast catch up catchup sync demo workshop qbr review
kickoff kick-off onsite on-site site intro introduction today yesterday tomorrow tonight morning afternoon evening
then next last also and but so or if as at on in of for by to from with about after before when while during
great good bad very really quite just still not no yes ok okay fyi re cc note notes update quick
keen happy unhappy positive negative concerned worried frustrated excited pleased interested
discussed agreed signed renewal renewals pricing price contract deal pilot proposal budget rollout
send sent follow follow-up todo need needs will would should could must may might can
team board procurement finance sales marketing legal operations engineering product support
head director manager chief officer president founder owner partner buyer lead
both all everyone everybody nobody someone customer client account accounts
zoom teams slack google meet phone video office
monday tuesday wednesday thursday friday saturday sunday
january february march july september october november december
feb mar apr jul aug sep sept oct nov dec
q1 q2 q3 q4 h1 h2
""".split())

_TRIGGER_BEFORE = re.compile(
    r"(?:\b(?:met|meet|meeting|met\s+with|with|called|rang|phoned|emailed|saw|visited|"
    r"spoke\s+(?:to|with)|talked\s+(?:to|with)|chatted\s+with|joined\s+by|introduced\s+to|"
    r"lunch|dinner|coffee|breakfast|hosted|cc)\s*[:\-]?\s+)"
    r"(?:(?:mr|mrs|ms|miss|dr|prof)\.?\s+)?$",
    re.IGNORECASE,
)
_CHAIN_GAP = re.compile(r"^\s*(?:,|&|and|,\s*and|as\s+well\s+as|plus|\+)\s*$", re.IGNORECASE)
_PERSON_VERB_AFTER = re.compile(  # used with .match(text, pos)
    r"\s+(?:said|says|asked|told|mentioned|wants|wanted|agreed|promised|confirmed|thinks|thought|"
    r"likes|liked|loves|loved|hates|complained|suggested|explained|introduced|joined|raised|prefers|"
    r"expects|expected|is\s+keen|was\s+keen|is\s+happy|was\s+happy|seemed|sounded|pushed|insisted|"
    r"signed|approved|rejected|declined|reports)\b",
    re.IGNORECASE,
)
_PAREN_TITLE = re.compile(r"^\s*\(([^()]{1,80})\)")
_COMMA_TITLE = re.compile(r"^\s*(?:,|-|–|—|:)?\s*(?:the\s+|our\s+|their\s+|who\s+is\s+(?:the\s+|our\s+|their\s+)?)?",
                          re.IGNORECASE)
_COMPANY_TAIL = re.compile(r"^\s+(?:of|at|from)\s+[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*){0,3}")
# "our CFO" is on our side, so only "the", "their" and "Acme's" introduce a customer's title.
_TITLE_ONLY = re.compile(rf"\b(?:the|their|its|(?-i:[A-Z])[\w&\-]*['’]s)\s+({_TITLE})(?![\w&])", re.IGNORECASE)


@dataclass
class _Run:
    start: int
    end: int
    words: list[str]

    @property
    def name(self) -> str:
        return " ".join(self.words)


# Words that make a capitalised run a company, not a person ("with Acme Logistics").
_COMPANY_WORDS = LEGAL_SUFFIXES | {
    "group", "holding", "holdings", "logistics", "bank", "systems", "solutions", "labs", "technologies",
    "tech", "industries", "international", "partners", "consulting", "services", "software", "energy",
    "foods", "pharma", "motors", "airlines", "capital", "ventures", "networks", "media", "retail",
}


def _is_company(run: _Run) -> bool:
    return any(fold(w) in _COMPANY_WORDS for w in run.words[1:])


def _is_name_word(word: str) -> bool:
    folded = fold(word)
    if not word[0].isupper() or folded in _STOP or folded in _HONORIFICS:
        return False
    return not (len(word) > 1 and word.isupper())  # CFO, IT, EMEA are not names


def _name_runs(text: str) -> list[_Run]:
    """Runs of capitalised words (with particles like 'van der') that could be a name."""
    runs: list[_Run] = []
    current: _Run | None = None
    particles: list[str] = []  # "van", "der" waiting for the name word that follows
    last_end = 0
    for m in _WORD.finditer(text):
        word = re.sub(r"['’]s$", "", m.group())
        possessive = word != m.group()
        adjacent = current is not None and _SPACES.fullmatch(text[last_end: m.start()]) is not None
        if adjacent and word.lower() in _PARTICLES and len(particles) < 2:
            particles.append(word)
        elif adjacent and _is_name_word(word) and len(current.words) + len(particles) < 4:
            current.words += [*particles, word]
            current.end = m.start() + len(word)
            particles = []
        else:
            particles = []
            current = _Run(m.start(), m.start() + len(word), [word]) if _is_name_word(word) else None
            if current:
                runs.append(current)
        if possessive:  # "Ana's team": the name ends here
            current = None
        last_end = m.end()
    return runs


def _title_after(text: str, pos: int) -> tuple[str | None, int]:
    """A title written right after a name: '(CFO)', ', Head of IT', ' - the CFO'. Returns (title, end)."""
    rest = text[pos: pos + 200]
    paren = _PAREN_TITLE.match(rest)
    if paren and _TITLE_AT.search(paren.group(1)) and not re.search(r"\d", paren.group(1)):
        return _clean_title(paren.group(1)), pos + paren.end()
    lead = _COMMA_TITLE.match(rest)  # always matches, possibly empty
    if lead.end() > 0:
        title = _TITLE_AT.match(rest, lead.end())
        if title and (lead.group().strip() or _looks_like_title_word(title.group())):
            end = title.end()
            tail = _COMPANY_TAIL.match(rest[end:])
            return _clean_title(title.group()), pos + end + (tail.end() if tail else 0)
    return None, pos


def _looks_like_title_word(title: str) -> bool:
    # With no comma between name and title ("Ana Ruiz CFO") only unmistakable titles count.
    return bool(re.match(rf"(?:{_ACRONYM}|head\s+of|chief|vice\s+president)\b", title, re.IGNORECASE))


def _clean_title(raw: str) -> str:
    title = re.sub(r"\s+", " ", raw).strip(" ,.-")
    title = re.sub(r"^(?:the|our|their)\s+", "", title, flags=re.IGNORECASE)
    return re.sub(rf"\b{_ACRONYM}\b", lambda m: m.group().upper(), title, flags=re.IGNORECASE)


def extract_people(text: str) -> list[PersonMention]:
    """People mentioned in a log, in order of appearance, with their titles when written.

    A capitalised name counts as a person when a title follows it ("Ana Ruiz (CFO)",
    "Tom Berg, Head of IT"), when it follows a meeting word ("met", "with", "called"), when
    it continues a list of people ("Ana, Tom and Lea"), or when a person's verb follows it
    ("Ana said"). Title-only mentions ("the CFO") come back with name None.
    """
    text = text[:MAX_TEXT]
    mentions: list[PersonMention] = []
    consumed: list[tuple[int, int]] = []
    last_end: int | None = None
    for run in _name_runs(text):
        title, end = _title_after(text, run.end)
        before = text[max(0, run.start - 40): run.start]  # a bounded window keeps long logs linear
        is_person = (
            title is not None
            or bool(_TRIGGER_BEFORE.search(before))
            or (last_end is not None and run.start - last_end < 20
                and bool(_CHAIN_GAP.match(text[last_end: run.start])))
            or bool(_PERSON_VERB_AFTER.match(text, run.end))
            or bool(re.search(r"\b(?:mr|mrs|ms|miss|dr|prof)\.?\s+$", before, re.IGNORECASE))
        )
        if not is_person or (title is None and _is_company(run)):
            continue
        mentions.append(PersonMention(run.name, title))
        consumed.append((run.start, end))
        last_end = end
    for m in _TITLE_ONLY.finditer(text):
        if not any(s <= m.start(1) < e for s, e in consumed):
            mentions.append(PersonMention(None, _clean_title(m.group(1))))
    return _dedupe_mentions(mentions)


def _dedupe_mentions(mentions: list[PersonMention]) -> list[PersonMention]:
    seen: dict[str, int] = {}
    result: list[PersonMention] = []
    named_titles = {_title_key(m.title) for m in mentions if m.name and m.title}
    for mention in mentions:
        if not mention.name and _title_key(mention.title or "") in named_titles:
            continue  # "met Ana Ruiz (CFO) ... the CFO wants" is one person
        key = fold(mention.name) if mention.name else "title:" + _title_key(mention.title or "")
        if key in seen:
            kept = result[seen[key]]
            if kept.title is None and mention.title:
                result[seen[key]] = PersonMention(kept.name, mention.title)
            continue
        seen[key] = len(result)
        result.append(mention)
    return result


# =========================================================================== matching

_TITLE_SYNONYMS = {
    "chief executive officer": "ceo", "chief financial officer": "cfo", "chief information officer": "cio",
    "chief technology officer": "cto", "chief operating officer": "coo", "chief marketing officer": "cmo",
    "chief revenue officer": "cro", "chief procurement officer": "cpo", "chief information security officer": "ciso",
    "chief human resources officer": "chro", "chief data officer": "cdo", "vice president": "vp",
    "managing director": "md", "general manager": "gm",
    "head of it": "it director",  # the same job under two names
}


def _title_key(title: str) -> str:
    key = fold(title)
    key = re.sub(r"^(?:the|our|their)\s+", "", key)
    for long, short in _TITLE_SYNONYMS.items():
        key = re.sub(rf"\b{long}\b", short, key)
    return key


class KnownPerson(NamedTuple):
    id: object
    name: str
    title: str | None


class AttendeeMatch(NamedTuple):
    mention: PersonMention
    stakeholder_id: object


NAME_ACCEPT = 85.0  # fuzzy score for a full name with a typo ("Ana Ruis")
NAME_MARGIN = 5.0  # a rival this close makes the match ambiguous


def _as_known(entry: object) -> KnownPerson:
    if isinstance(entry, StakeholderView):
        return KnownPerson(entry.id, entry.name, entry.title)
    id_, name, title = entry  # type: ignore[misc]
    return KnownPerson(id_, name, title)


def _unique(candidates: list[KnownPerson]) -> KnownPerson | None:
    ids = {c.id for c in candidates}
    return candidates[0] if len(ids) == 1 else None


def _match_name(name: str, known: list[KnownPerson]) -> KnownPerson | None:
    query = fold(name)
    if not query:
        return None
    exact = [k for k in known if fold(k.name) == query]
    if exact:
        return _unique(exact)
    tokens = query.split()
    if len(tokens) == 1:
        by_last = [k for k in known if fold(k.name).split()[-1:] == tokens]
        by_first = [k for k in known if fold(k.name).split()[:1] == tokens]
        if by_last or by_first:  # last name first: it is the more specific of the two
            return _unique(by_last) if by_last else _unique(by_first)
        if len(query) < 5:
            return None
        scored = [(max(fuzz.ratio(query, part) for part in fold(k.name).split()), k) for k in known if k.name]
    else:
        scored = [(fuzz.token_sort_ratio(query, fold(k.name)), k) for k in known if k.name]
    scored.sort(key=lambda sk: -sk[0])
    if not scored or scored[0][0] < NAME_ACCEPT:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - NAME_MARGIN and scored[1][1].id != scored[0][1].id:
        return None
    return scored[0][1]


def _match_title(title: str, known: list[KnownPerson]) -> KnownPerson | None:
    key = _title_key(title)
    same = [k for k in known if k.title and _title_key(k.title) == key]
    if not same:
        same = [k for k in known if k.title and fuzz.ratio(key, _title_key(k.title)) >= 90]
    return _unique(same)


def name_candidates(name: str, known: Iterable[object]) -> list[KnownPerson]:
    """Everyone a typed name could mean: the exact full name, else everyone whose first name or
    surname it is ("katrin" -> Katrin Vogel), else fuzzy near-ties. One entry = a match; two or
    more = ask which; none = someone new."""
    people = [_as_known(k) for k in known]
    query = fold(name or "")
    if not query:
        return []
    exact = [k for k in people if fold(k.name) == query]
    if exact:
        return exact[:1]
    tokens = query.split()
    if len(tokens) == 1:
        by_last = [k for k in people if fold(k.name).split()[-1:] == tokens]
        by_first = [k for k in people if fold(k.name).split()[:1] == tokens]
        if by_last or by_first:  # a surname is the more specific of the two, as in _match_name
            return _distinct(by_last or by_first)
    hit = _match_name(name, people)
    if hit is not None:
        return [hit]
    if len(tokens) == 1 and len(query) < 5:
        return []
    if len(tokens) == 1:
        scored = [(max(fuzz.ratio(query, part) for part in fold(k.name).split()), k) for k in people if k.name]
    else:
        scored = [(fuzz.token_sort_ratio(query, fold(k.name)), k) for k in people if k.name]
    scored.sort(key=lambda sk: -sk[0])
    if not scored or scored[0][0] < NAME_ACCEPT:
        return []
    return _distinct([k for score, k in scored if score >= scored[0][0] - NAME_MARGIN])


def _distinct(people: list[KnownPerson]) -> list[KnownPerson]:
    seen, kept = set(), []
    for person in people:
        if person.id not in seen:
            seen.add(person.id)
            kept.append(person)
    return kept


def match_attendees(mentions: Iterable[PersonMention], known: Iterable[object],
                    ) -> tuple[list[AttendeeMatch], list[PersonMention]]:
    """Match mentions to known stakeholders: full name (typos allowed), last name, first
    name when unique in the account, or a title-only mention when that title is unique.

    `known` holds (id, name, title) tuples or StakeholderViews. A named mention never
    matches by title alone: a different name with the same title may be a new person.
    """
    people = [_as_known(k) for k in known]
    matched: list[AttendeeMatch] = []
    unknown: list[PersonMention] = []
    taken: set = set()
    for mention in mentions:
        hit = _match_name(mention.name, people) if mention.name else (
            _match_title(mention.title, people) if mention.title else None)
        if hit is None:
            unknown.append(mention)
        elif hit.id not in taken:
            taken.add(hit.id)
            matched.append(AttendeeMatch(mention, hit.id))
    return matched, unknown


def _known_names_in_text(text: str, known: list[KnownPerson]) -> list[PersonMention]:
    """Known people named in full anywhere in the text ("Discussed renewal; Ana Ruiz keen")."""
    folded = f" {fold(text)} "
    return [PersonMention(k.name, None) for k in known
            if k.name and len(fold(k.name).split()) > 1 and f" {fold(k.name)} " in folded]


# =========================================================================== sentiment

# Cue -> weight. Longer phrases win over the words inside them.
SENTIMENT_CUES: dict[str, int] = {
    # positive
    "keen": 1, "positive": 1, "happy": 1, "pleased": 1, "satisfied": 1, "interested": 1,
    "supportive": 1, "impressed": 1, "constructive": 1, "productive": 1, "good meeting": 1,
    "great meeting": 2, "went well": 1, "agreed": 1, "on board": 1, "open to": 1, "likes": 1,
    "liked": 1, "praised": 1, "upsell": 1, "expansion": 1, "expand": 1, "go ahead": 1, "go-ahead": 1,
    "warm": 1, "strong relationship": 1, "excited": 2, "enthusiastic": 2, "thrilled": 2, "delighted": 2,
    "loves": 2, "love": 2, "ready to sign": 2, "signed": 2, "green light": 2,
    "great": 1, "good": 1, "productive meeting": 1,
    # negative
    "concerned": -1, "concern": -1, "concerns": -1, "worried": -1, "worry": -1, "worries": -1,
    "frustrated": -1, "frustration": -1, "unhappy": -1, "not happy": -1, "disappointed": -1,
    "dissatisfied": -1, "annoyed": -1, "upset": -1, "sceptical": -1, "skeptical": -1, "complained": -1,
    "complaint": -1, "complaints": -1, "escalation": -1, "escalated": -1, "escalate": -1,
    "pushback": -1, "push back": -1, "pushed back": -1, "too expensive": -1, "price too high": -1,
    "budget cut": -1, "budget cuts": -1, "budget freeze": -1, "no budget": -1, "on hold": -1,
    "delayed": -1, "delay": -1, "delays": -1, "postponed": -1, "issues": -1, "problems": -1,
    "considering alternatives": -1, "looking at alternatives": -1, "looking at competitors": -1,
    "evaluating competitors": -1, "tender": -1, "rfp": -1, "lost interest": -1,
    "angry": -2, "furious": -2, "hostile": -2, "churn": -2, "churning": -2, "cancel": -2,
    "cancelled": -2, "canceled": -2, "cancellation": -2, "threatened to leave": -2,
    "threatening to leave": -2, "threatened to cancel": -2, "switching to": -2, "terminate": -2,
}
_NEGATORS = {"not", "no", "never", "without", "hardly", "barely", "nor", "neither", "longer", "nothing"}
_INTENSIFIERS = {"very", "really", "extremely", "super", "so", "highly", "incredibly", "hugely", "seriously"}
_CUE_RE = re.compile(
    r"\b(" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(SENTIMENT_CUES, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,.;:!?()]|\bbut\b|\bhowever\b|\balthough\b", re.IGNORECASE)


def _words_before(text: str, pos: int, n: int = 3) -> list[str]:
    clause = _CLAUSE_BREAK.split(text[max(0, pos - 60):pos])[-1]
    return re.findall(r"[a-z'’]+", clause.lower())[-n:]


def _is_negated(words: list[str]) -> bool:
    return any(w in _NEGATORS or w.endswith(("n't", "n’t")) for w in words)


def sentiment(text: str) -> int:
    """How the meeting went, -2..+2, from cue words; "not happy" counts against.

    A negated cue flips to one step the other way ("no concerns" = +1, "not keen" = -1);
    an intensifier ("very happy") makes a cue one step stronger.
    """
    text = text[:MAX_TEXT]
    total = 0
    for m in _CUE_RE.finditer(text):
        weight = SENTIMENT_CUES[re.sub(r"\s+", " ", m.group(1).lower())]
        before = _words_before(text, m.start())
        if _is_negated(before) and not m.group(1).lower().startswith(("not ", "no ")):
            weight = -1 if weight > 0 else 1
        elif before and before[-1] in _INTENSIFIERS:
            weight = max(-2, min(2, weight * 2))
        total += weight
    return max(ATTITUDE_MIN, min(ATTITUDE_MAX, total))


# =========================================================================== next step


@dataclass(frozen=True)
class NextStep:
    text: str
    due: date | None = None


_LABELLED_STEP = re.compile(
    r"\b(?:next\s+steps?|to-?dos?|action\s+items?|actions?|follow[\s\-]?ups?)\s*[:\-–—]\s*([^\n]+)",
    re.IGNORECASE,
)
_MAJOR_BREAK = re.compile(r";|\n|(?<=[.!?])\s+(?=\S)|\s[-–—]\s")
_MINOR_BREAK = re.compile(r",\s*|\s+(?:and\s+)?then\s+")
_SUBJECT = r"(?:i|we|you|they|she|he|(?-i:[A-Z][\w\-]*)(?:\s+(?-i:[A-Z][\w\-]*)){0,2})"
_MODAL = (r"(?:will|shall|need(?:s)?\s+to|must|should|ha(?:ve|s)\s+to|promised(?:\s+to)?|"
          r"agreed\s+to|(?:is|are|am)\s+going\s+to|to\s+do|todo)")
_OBJECT = r"(?:a|an|the|our|their|her|him|them|us|back|(?-i:[A-Z])[\w\-]*)"
# Verbs that are also nouns ("Call went well", "Review of the pilot") need an object after them.
_IMPERATIVE = (r"(?:send|follow[\s\-]?up|book|set\s+up|arrange|prepare|share|chase|get\s+back|introduce|"
               r"deliver|organi[sz]e|confirm|loop\s+in|invite|ping|remind|propose|submit|finali[sz]e|"
               rf"(?:call|email|phone|ring|schedule|draft|update|review)\s+{_OBJECT}\b|check\s+(?:with|if|whether))")
_LEAD_IN = r"\s*(?:(?:and|then|so|also|next|please)\s+)*"
# Matched with .match(text, pos): no "^", which would only match at the real start.
_ACTION_START = re.compile(
    rf"{_LEAD_IN}(?:(?:{_SUBJECT}\s+)?{_MODAL}\b|{_SUBJECT}['’]ll\b|{_IMPERATIVE}\b)",
    re.IGNORECASE,
)
_OWN_PREFIX = re.compile(
    rf"{_LEAD_IN}(?:(?:i|we)(?:\s+{_MODAL}|['’]ll)\s+|(?:need(?:s)?\s+to|must|to\s+do|todo)\s*:?\s+)",
    re.IGNORECASE,
)


def _segments(text: str, pattern: re.Pattern, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(text) if end is None else end
    spans, cursor = [], start
    for m in pattern.finditer(text, start, end):
        spans.append((cursor, m.start()))
        cursor = m.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


MAX_STEP = 300  # an action title holds at most this many characters


def _tidy_step(raw: str) -> str:
    own = _OWN_PREFIX.match(raw)
    step = raw[own.end():] if own else raw
    step = re.sub(r"\s+", " ", step).strip(" \t,;.-–—:")
    if len(step) > MAX_STEP:
        step = step[: MAX_STEP - 1].rstrip() + "…"
    return step[:1].upper() + step[1:]


def _find_next_step(text: str, today: date) -> tuple[NextStep | None, tuple[int, int] | None]:
    labelled = _LABELLED_STEP.search(text)
    if labelled:
        step = _tidy_step(labelled.group(1))
        if step:
            return NextStep(step, parse_due_date(step, today)), (labelled.start(), labelled.end())
    for major_start, major_end in _segments(text, _MAJOR_BREAK):
        for minor_start, _ in _segments(text, _MINOR_BREAK, major_start, major_end):
            if _ACTION_START.match(text, minor_start, major_end):
                step = _tidy_step(text[minor_start:major_end])
                if step:
                    return NextStep(step, parse_due_date(step, today)), (minor_start, major_end)
    return None, None


def extract_next_step(text: str, today: date) -> NextStep | None:
    """The follow-up the log promises ("send draft contract by Friday"), with its due date."""
    return _find_next_step(text[:MAX_TEXT], today)[0]


# =========================================================================== the log


@dataclass
class MeetingLogDraft:
    """What a meeting log says, for a person to confirm before anything is written."""

    date: date
    date_was_given: bool
    attendees_matched: list[AttendeeMatch]
    unknown_people: list[PersonMention]
    sentiment: int
    next_step: NextStep | None
    summary: str
    warnings: list[str] = field(default_factory=list)
    date_phrase: str | None = None  # the words the date was read from ("next Friday", "1999-01-01")


def _summary(text: str, cut: tuple[int, int] | None) -> str:
    kept = text if cut is None else text[: cut[0]] + " " + text[cut[1]:]
    summary = re.sub(r"\s+", " ", kept).strip(" \t,;-–—:")
    if not summary:
        summary = re.sub(r"\s+", " ", text).strip()
    return summary[:1].upper() + summary[1:]


def parse_meeting_log(text: str, today: date, known_stakeholders: Iterable[object] = (),
                      account_names: Iterable[str] = ()) -> MeetingLogDraft:
    """The one entry point: date, attendees, sentiment, next step and summary of a log.

    `known_stakeholders` holds (id, name, title) tuples or StakeholderViews of the account;
    `account_names` (the account's name and aliases) are never taken for people.
    The date defaults to today (date_was_given False). Never raises on any text.
    """
    text = (text or "")[:MAX_TEXT]
    known = [_as_known(k) for k in known_stakeholders]
    next_step, step_span = _find_next_step(text, today)
    # The meeting date is read outside the next step, whose dates are deadlines.
    masked = text if step_span is None else text[: step_span[0]] + " " * (step_span[1] - step_span[0]) + text[step_span[1]:]
    hit = find_meeting_date(masked, today) or find_future_meeting_date(masked, today)
    warnings = []
    if hit and (note := describe_ambiguity(text, hit)):
        warnings.append(note)
    if hit and hit.value > today:
        warnings.append(f"The meeting date {hit.value.isoformat()} is in the future; a log is for a meeting that happened.")
    mentions = extract_people(text)
    named = {fold(m.name) for m in mentions if m.name}
    mentions += [m for m in _known_names_in_text(text, known) if fold(m.name) not in named]
    matched, unknown = match_attendees(mentions, known)
    companies = {fold(n) for n in account_names if n} | {normalize_account_name(n) for n in account_names if n}
    unknown = [m for m in unknown if not m.name or fold(m.name) not in companies]
    return MeetingLogDraft(
        date=hit.value if hit else today,
        date_was_given=hit is not None,
        attendees_matched=matched,
        unknown_people=unknown,
        sentiment=sentiment(text),
        next_step=next_step,
        summary=_summary(text, step_span),
        warnings=warnings,
        date_phrase=text[hit.start:hit.end].strip() if hit else None,
    )


# =========================================================================== map changes


@dataclass(frozen=True)
class MapChange:
    """A change to the stakeholder map that a log suggests; a person confirms it."""

    stakeholder_id: object
    field: str  # "contact_level" | "attitude" | "last_contact"
    old: object
    new: object
    reason: str


def _nudged_attitude(attitude: int, meeting_sentiment: int) -> int:
    """One step toward a strong sentiment, never past it: a good meeting does not demote a champion."""
    if meeting_sentiment >= 1 and attitude < meeting_sentiment:
        return min(ATTITUDE_MAX, attitude + 1)
    if meeting_sentiment <= -1 and attitude > meeting_sentiment:
        return max(ATTITUDE_MIN, attitude - 1)
    return attitude


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def proposed_map_changes(attendee: StakeholderView, sentiment: int,
                         meeting_date: date | None = None) -> list[MapChange]:
    """Map updates a meeting suggests for one attendee.

    Contact level goes up one step (in depth stays); attitude moves one step toward a
    strong sentiment (|s| >= 1); last contact moves to the meeting date if that is newer.
    """
    changes: list[MapChange] = []
    level = ContactLevel(attendee.contact_level)
    if level.next_level() != level:
        changes.append(MapChange(attendee.id, "contact_level", level, level.next_level(),
                                 f"A meeting with {attendee.name} was logged, so contact goes from "
                                 f"{level.label.lower()} to {level.next_level().label.lower()}."))
    attitude = max(ATTITUDE_MIN, min(ATTITUDE_MAX, int(attendee.attitude)))
    sentiment = max(ATTITUDE_MIN, min(ATTITUDE_MAX, int(sentiment)))
    nudged = _nudged_attitude(attitude, sentiment)
    if nudged != attitude:
        mood = "positive" if sentiment > 0 else "negative"
        changes.append(MapChange(attendee.id, "attitude", attendee.attitude, nudged,
                                 f"The meeting read as {mood} ({_signed(sentiment)}), so {attendee.name}'s attitude "
                                 f"moves one step from {_signed(attitude)} {ATTITUDE_LABELS[attitude].lower()} to "
                                 f"{_signed(nudged)} {ATTITUDE_LABELS[nudged].lower()}."))
    if meeting_date and (attendee.last_contact is None or meeting_date > attendee.last_contact):
        changes.append(MapChange(attendee.id, "last_contact", attendee.last_contact, meeting_date,
                                 f"Last contact with {attendee.name} becomes the meeting date, {meeting_date.isoformat()}."))
    return changes
