"""A read's typed result as a tool's JSON: plain values, ISO dates, no bytes, within the size cap."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum

from bot.language.typed_json import result_json


class Tier(str, Enum):
    KEY = "key"


@dataclass
class Row:
    name: str
    due: date | None
    tier: Tier = Tier.KEY


@dataclass
class Report:
    rows: list[Row]
    png: bytes = b"\x89PNG"
    at: datetime = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
    ratio: float = float("nan")
    by_period: dict[date, float] = field(default_factory=lambda: {date(2026, 9, 30): 1.5})


def test_fields_become_plain_json():
    out = json.loads(result_json(Report([Row("Borealis", date(2026, 12, 1))]), 6000))
    assert out == {"type": "Report", "result": {
        "rows": [{"name": "Borealis", "due": "2026-12-01", "tier": "key"}], "png": None,
        "at": "2026-11-23T09:30:00+00:00", "ratio": None, "by_period": {"2026-09-30": 1.5}}}


def test_a_large_result_is_trimmed_to_the_cap_and_says_so():
    report = Report([Row(f"Account {i} " + "x" * 400, None) for i in range(500)])
    text = result_json(report, 6000)
    out = json.loads(text)
    assert len(text) <= 6000 and out["trimmed"] is True
    assert 0 < len(out["result"]["rows"]) < 500 and out["result"]["rows"][0]["name"].startswith("Account 0 ")


def test_what_cannot_fit_at_all_is_still_json():
    text = result_json(Report([Row("y" * 50, None)]), 60)
    assert len(text) <= 60 + 80 and json.loads(text)["trimmed"] is True
