"""Cell values from CRM exports: money, dates, periods, emails, plain text. Pure functions.

Every parser takes the raw cell text and returns a clean value, `None` for an empty cell,
or raises `ValueError` whose message says what is wrong and how to write it instead
(the importer prefixes it with the line and the column).
"""
from __future__ import annotations

import math
import html
import re
from datetime import date
from decimal import Decimal, InvalidOperation

MONEY_HINT = "use 1200000, 1,200,000 or $1.2M"
DATE_HINT = "use 2026-11-03, 11/03/2026 or 3 Nov 2026"
PERIOD_HINT = "use 2026-Q3, Q3 2026 or 2026-09"

# Cells that mean "no value" in CRM and spreadsheet exports.
_EMPTY_MARKERS = {"", "-", "\u2013", "\u2014", "n/a", "na", "null", "none", "nil", "#n/a"}

# Spaces that spreadsheets put inside numbers ("1 200 000", "€ 3.4k").
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")


def _show(text: str, limit: int = 40) -> str:
    """The cell as quoted in an error message, shortened."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def is_empty(text: str | None) -> bool:
    return text is None or text.strip().lower() in _EMPTY_MARKERS


def clean_text(text: str | None) -> str | None:
    """A one-line value: trimmed, inner whitespace collapsed, NULs dropped; empty -> None."""
    if text is None:
        return None
    value = " ".join(text.replace("\x00", "").split())
    return value or None


def clean_body(text: str | None) -> str | None:
    """A multi-line value (a note): newlines normalised to \\n, outer whitespace trimmed; a body a CRM
    exported as HTML (HubSpot's notes) becomes its text."""
    if text is None:
        return None
    value = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if _HTML_TAG.search(value):
        value = html_to_text(value)
    return value or None


_HTML_TAG = re.compile(r"</?(?:p|br|div|span|ul|ol|li|b|strong|i|em|u|a|h[1-6]|table|tr|td)\b[^<>]*>", re.IGNORECASE)
_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def html_to_text(value: str) -> str:
    """'<p>Met <b>Ana</b>.</p><ul><li>Budget &amp; scope</li></ul>' -> 'Met Ana.\\n- Budget & scope'."""
    value = re.sub(r"<li\b[^<>]*>", "\n- ", value, flags=re.IGNORECASE)
    value = _ANY_TAG.sub("", _BLOCK_END.sub("\n", value))
    lines = [" ".join(line.split()) for line in html.unescape(value).replace("\u00a0", " ").split("\n")]
    return "\n".join(line for line in lines if line).strip()


# --------------------------------------------------------------------------- money

_CURRENCY = re.compile(
    r"^(?:us\$|usd|eur|gbp|chf|jpy|cad|aud|nzd|sek|nok|dkk|pln|czk|inr|cny|rmb|brl|mxn|zar|sgd|hkd"
    r"|[$\u20ac\u00a3\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa\u20b1])",
    re.IGNORECASE,
)
_CURRENCY_END = re.compile(
    r"(?:usd|eur|gbp|chf|jpy|cad|aud|nzd|sek|nok|dkk|pln|czk|inr|cny|rmb|brl|mxn|zar|sgd|hkd|kr|zl"
    r"|[$\u20ac\u00a3\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa\u20b1])$",
    re.IGNORECASE,
)
_MULTIPLIERS = {
    "k": 3, "thousand": 3, "tsd": 3,
    "m": 6, "mm": 6, "mn": 6, "mio": 6, "million": 6, "millions": 6,
    "b": 9, "bn": 9, "bln": 9, "billion": 9, "billions": 9, "mrd": 9,
}
_SUFFIX = re.compile(r"(?i)(?<=[\d.,\s])(" + "|".join(sorted(_MULTIPLIERS, key=len, reverse=True)) + r")\.?$")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")


def parse_money(text: str | None) -> float | None:
    """An amount as CRMs and spreadsheets write it; empty -> None.

    Accepts `1,200,000`, `$1.2M`, `1200000.00`, `€ 3.4k`, `1.2bn`, `USD 1,000`,
    `1.200.000,50`, `1'200'000`, `(1,000)` and `-1,000` (negative). Separators: when both
    `,` and `.` appear, the last one is the decimal mark; a lone `,` followed by exactly
    three digits groups thousands (`1,200` = 1200), otherwise it is a decimal comma
    (`1,5` = 1.5); a lone `.` is a decimal point (`1.200` = 1.2).
    """
    if is_empty(text):
        return None
    raw = str(text)
    body, negative = _strip_sign_and_currency(_SPACES.sub(" ", raw.strip()))
    exponent = 0
    suffix = _SUFFIX.search(body)
    if suffix:
        exponent = _MULTIPLIERS[suffix.group(1).lower()]
        body = body[: suffix.start()].strip()
    number = _to_plain_number(_SPACES.sub("", body).replace("'", "").replace("\u2019", ""))
    if number is None:
        raise ValueError(f"'{_show(raw)}' is not an amount ({MONEY_HINT})")
    try:
        value = float(Decimal(number).scaleb(exponent))
    except (InvalidOperation, OverflowError):
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"'{_show(raw)}' is too large to be an amount ({MONEY_HINT})")
    return -value if negative and value else value


def _strip_sign_and_currency(text: str) -> tuple[str, bool]:
    """Peel currency marks and one sign ((), leading or trailing minus, plus) off both ends.

    Two signs make the text invalid (returned as '')."""
    minus = plus = 0
    for _ in range(4):  # "-$ 1,000", "$-1,000", "USD (1,000)"
        before = text
        text = _CURRENCY_END.sub("", _CURRENCY.sub("", text).strip()).strip()
        if len(text) > 1 and text.startswith("(") and text.endswith(")"):
            minus, text = minus + 1, text[1:-1].strip()
        elif text[:1] in ("-", "\u2212"):
            minus, text = minus + 1, text[1:].strip()
        elif text[-1:] in ("-", "\u2212"):
            minus, text = minus + 1, text[:-1].strip()
        elif text[:1] == "+":
            plus, text = plus + 1, text[1:].strip()
        if text == before:
            break
    if minus + plus > 1:
        return "", False
    return text, minus == 1
def _to_plain_number(text: str) -> str | None:
    """'1,200,000.50' -> '1200000.50'; None when it is not a number."""
    if not text or not re.fullmatch(r"[\d.,]+", text):
        return None
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        if text.count(decimal_mark) > 1 or not _grouped(text.rsplit(decimal_mark, 1)[0], group_mark):
            return None
        text = text.replace(group_mark, "").replace(decimal_mark, ".")
    elif commas:
        text = _one_mark(text, ",")
    elif dots > 1:
        text = text.replace(".", "") if _grouped(text, ".") else None
    if text is None or not _PLAIN_NUMBER.fullmatch(text):
        return None
    return text


def _one_mark(text: str, mark: str) -> str | None:
    """Only `mark` separates: thousands groups (1,200,000) or a decimal mark (1,5)."""
    head, _, tail = text.partition(mark)
    if text.count(mark) > 1:
        return text.replace(mark, "") if _grouped(text, mark) else None
    if len(tail) == 3 and head not in ("", "0"):
        return head + tail
    return f"{head or '0'}.{tail}" if tail else None


def _grouped(text: str, mark: str) -> bool:
    """True for '1,200,000': a 1-3 digit head, then groups of exactly three."""
    parts = text.split(mark)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 and p.isdigit() for p in parts[1:]) and parts[0].isdigit()


# --------------------------------------------------------------------------- dates

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_TIME = re.compile(
    r"(?:[T\s]+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{3,4})?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]+)\.?,?[\s\-/.]*(\d{4}|\d{2})", re.IGNORECASE)
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4}|\d{2})", re.IGNORECASE)
_ISO_MONTH_NAME = re.compile(r"(\d{4})[\s\-/.]+([a-z]+)\.?[\s\-/.]+(\d{1,2})", re.IGNORECASE)

MIN_YEAR, MAX_YEAR = 1900, 2199


def parse_date(text: str | None, *, day_first: bool = False) -> date | None:
    """A calendar date from a CRM cell; empty -> None. A time part is dropped.

    Ambiguity rule for numbers with the year last: a dot (`03.11.2026`) is always
    day.month.year (European); a slash or dash (`11/03/2026`) is month/day/year as
    Salesforce exports in the US locale, unless the first number is over 12 (then it can
    only be day/month). `day_first=True` flips the default for day/month exports.
    Two-digit years: 00-69 are 20xx, 70-99 are 19xx.
    """
    if is_empty(text):
        return None
    raw = str(text)
    cell = _WEEKDAY.sub("", _TIME.sub("", raw.strip())).strip()
    try:
        parsed = _date_parts(cell, day_first)
    except (ValueError, KeyError, OverflowError):
        parsed = None
    if parsed is None:
        raise ValueError(f"'{_show(raw)}' is not a date ({DATE_HINT})")
    year, month, day = parsed
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"'{_show(raw)}' has the year {year}, outside {MIN_YEAR}-{MAX_YEAR} ({DATE_HINT})")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{_show(raw)}' is not a real date ({DATE_HINT})") from None


def _date_parts(cell: str, day_first: bool) -> tuple[int, int, int] | None:
    """(year, month, day) read from a date without its time; None if no form fits."""
    if m := _ISO.fullmatch(cell) or _COMPACT.fullmatch(cell):
        groups = [g for g in m.groups() if g not in ("-", "/", ".")]
        return int(groups[0]), int(groups[1]), int(groups[2])
    if m := _YEAR_LAST.fullmatch(cell):
        first, sep, second, year = m.groups()
        return _full_year(year), *_month_day(int(first), int(second), sep, day_first)
    if m := _DAY_MONTH_NAME.fullmatch(cell):
        return _full_year(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))
    if m := _MONTH_NAME_DAY.fullmatch(cell):
        return _full_year(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))
    if m := _ISO_MONTH_NAME.fullmatch(cell):
        return int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    return None


def _month_day(first: int, second: int, separator: str, day_first: bool) -> tuple[int, int]:
    """Apply the ambiguity rule to the two leading numbers: (month, day)."""
    if separator == "." or first > 12:
        return second, first
    if day_first and second <= 12:
        return second, first
    return first, second


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


# --------------------------------------------------------------------------- periods

_QUARTER_FORMS = (
    re.compile(r"(?P<y>\d{4})\s*[-/ ]?\s*q(?P<q>[1-4])", re.IGNORECASE),       # 2026-Q3, 2026Q3
    re.compile(r"q(?P<q>[1-4])\s*[-/ ']?\s*(?P<y>\d{4}|\d{2})", re.IGNORECASE),  # Q3 2026, Q3-26
    re.compile(r"(?P<q>[1-4])q\s*[-/ ']?\s*(?P<y>\d{4})", re.IGNORECASE),        # 3Q 2026
)
_MONTH_FORMS = (
    re.compile(r"(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})"),                         # 2026-09
    re.compile(r"(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})"),                         # 09/2026
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),                                      # 202609
    re.compile(r"(?P<n>[a-z]+)\.?\s*[-/ ']?\s*(?P<y>\d{4}|\d{2})", re.IGNORECASE),  # Sep 2026
    re.compile(r"(?P<y>\d{4})\s*[-/ ]?\s*(?P<n>[a-z]+)\.?", re.IGNORECASE),        # 2026 Sep
)


def parse_period(text: str | None) -> str | None:
    """A financial period normalised to `YYYY-Qn` or `YYYY-MM`; empty -> None.

    Accepts `2026-Q3`, `Q3 2026`, `2026Q3`, `3Q 2026`, `Q3-26`, `2026-09`, `09/2026`,
    `202609`, `Sep 2026`, `September 2026`, `Sep-26`.
    """
    if is_empty(text):
        return None
    raw = str(text)
    cell = " ".join(raw.split())
    period = _quarter(cell) or _month(cell)
    if period is None:
        raise ValueError(f"'{_show(raw)}' is not a period ({PERIOD_HINT})")
    year = int(period[:4])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"'{_show(raw)}' has the year {year}, outside {MIN_YEAR}-{MAX_YEAR} ({PERIOD_HINT})")
    return period


def _quarter(cell: str) -> str | None:
    for form in _QUARTER_FORMS:
        if m := form.fullmatch(cell):
            return f"{_full_year(m.group('y')):04d}-Q{m.group('q')}"
    return None


def _month(cell: str) -> str | None:
    for form in _MONTH_FORMS:
        m = form.fullmatch(cell)
        if not m:
            continue
        groups = m.groupdict()
        month = MONTHS.get(groups["n"].lower()) if groups.get("n") else int(groups["m"])
        if month and 1 <= month <= 12:
            return f"{_full_year(groups['y']):04d}-{month:02d}"
    return None


# --------------------------------------------------------------------------- emails

_EMAIL = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]{2,}")


def parse_email(text: str | None) -> str | None:
    """An email address, lower-cased; `Ana <ana@x.com>` and `mailto:` are unwrapped."""
    if is_empty(text):
        return None
    raw = str(text)
    cell = raw.strip()
    if m := re.fullmatch(r"[^<>]*<([^<>]+)>", cell):
        cell = m.group(1).strip()
    if cell.lower().startswith("mailto:"):
        cell = cell[7:]
    if not _EMAIL.fullmatch(cell):
        raise ValueError(f"'{_show(raw)}' is not an email address (use name@company.com)")
    return cell.lower()


# --------------------------------------------------------------------------- yes/no, tiers, period range

YES_NO_HINT = "use yes or no (also true/false, 1/0, x or empty)"
_YES = {"yes", "y", "true", "t", "1", "x", "ja", "si", "oui", "key"}
_NO = {"no", "n", "false", "f", "0", "nein", "non"}
_NEGATIONS = {"not", "non", "no"}


def parse_yes_no(text: str | None) -> bool | None:
    """`yes`/`no` as CRMs and spreadsheets write it (a checkbox exports as `1`, `x` or `TRUE`); empty -> None.

    `-` and `n/a` are empty, as everywhere in imports."""
    if is_empty(text):
        return None
    raw = str(text)
    cell = raw.strip().lower().rstrip(".")
    if cell in _YES:
        return True
    if cell in _NO:
        return False
    raise ValueError(f"'{_show(raw)}' is not yes or no ({YES_NO_HINT})")


def says_key(text: str | None) -> bool | None:
    """Does a CRM tier or account type say "key account"? `Key Account`, `Customer - Key`, `Tier: KEY` -> True;
    `Customer - Direct`, `Non-Key`, `Regular` -> False; empty -> None. Never an error: any other type is regular."""
    if is_empty(text):
        return None
    words = re.sub(r"[^a-z0-9]+", " ", str(text).lower()).split()
    if "key" not in words:
        return False
    at = words.index("key")
    return not (at > 0 and words[at - 1] in _NEGATIONS)


FIRST_PERIOD_YEAR = 2000
PERIOD_HORIZON_MONTHS = 12


def period_start(period: str) -> date:
    """The first day of a normalised period (`2026-Q3` -> 2026-07-01, `2026-09` -> 2026-09-01)."""
    year, rest = int(period[:4]), period[5:]
    month = (int(rest[1]) - 1) * 3 + 1 if rest.startswith("Q") else int(rest)
    return date(year, month, 1)


def check_period_range(period: str, today: date) -> None:
    """A financial period from 2000 up to one year ahead of `today`; ValueError saying the range otherwise."""
    months = today.year * 12 + today.month - 1 + PERIOD_HORIZON_MONTHS
    latest = date(months // 12, months % 12 + 1, 1)
    start = period_start(period)
    if start.year < FIRST_PERIOD_YEAR or start > latest:
        where = f"before {FIRST_PERIOD_YEAR}" if start.year < FIRST_PERIOD_YEAR else "more than a year ahead"
        raise ValueError(f"{period} is {where}; periods from {FIRST_PERIOD_YEAR}-01 to {latest:%Y-%m} are accepted")
