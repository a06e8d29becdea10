"""Checking an answer by its content: the names, numbers and dates a case expects
(tests/eval/plain_language/FORMAT.md). Pure; shared by the benchmark and its tests."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

_NUMBER = re.compile(r"(?<![\w.])[-−]?[$€£]?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?([kKmMbB](?:n)?\b|%)?")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}


def normalized(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").lower().split())


def numbers_in(text: str) -> list[float]:
    """Every number the text states, as a value: 1,234,567 / $1.2M / 4.5k / 12% (12.0)."""
    values = []
    for match in _NUMBER.finditer(text):
        whole, decimals, suffix = match.group(1), match.group(2), (match.group(3) or "").lower()
        value = float(whole.replace(",", "") + (f".{decimals}" if decimals else ""))
        value *= _SCALE.get(suffix, 1.0)
        if match.group(0).lstrip().startswith(("-", "−")):
            value = -value
        values.append(value)
    return values


def date_forms(day: date) -> list[str]:
    month = _MONTHS[day.month - 1]
    return [day.isoformat(), f"{day.day} {month[:3]}", f"{month[:3]} {day.day}", f"{day.day} {month}",
            f"{month} {day.day}", f"{day.month}/{day.day}/{day.year}", f"{day.day:02d}/{day.month:02d}/{day.year}"]


def _has_number(values: list[float], expected: float, tolerance: float) -> bool:
    scale = max(abs(expected), 1e-9)
    return any(abs(v - expected) <= tolerance * scale or abs(abs(v) - abs(expected)) <= tolerance * scale
               for v in values)


def check_answer(answer: str, expect: dict) -> list[str]:
    """What the answer lacks (or holds and must not); empty when it meets every expectation."""
    text = normalized(answer)
    problems = [f"lacks {s!r}" for s in expect.get("all", []) if normalized(s) not in text]
    if expect.get("any") and not any(normalized(s) in text for s in expect["any"]):
        problems.append(f"lacks any of {expect['any']!r}")
    problems += [f"holds {s!r}" for s in expect.get("none", []) if normalized(s) in text]
    values = numbers_in(answer)
    for number in expect.get("numbers", []):
        if not _has_number(values, float(number["value"]), float(number.get("tolerance", 0.01))):
            problems.append(f"lacks the number {number['value']}")
    for raw in expect.get("dates", []):
        if not any(form in text for form in date_forms(date.fromisoformat(raw))):
            problems.append(f"lacks the date {raw}")
    return problems
