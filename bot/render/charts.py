"""Slack's `data_visualization` block: an account's revenue and profit per quarter as a line chart.

slack_sdk has no model for this block yet, so it is sent as a dict. Slack's limits: a title of at
most 50 characters, 1..6 series with unique names, each with one numeric point per category of
`axis_config`, in the categories' order. The title is short, so the period and the source of the
figures go in a context line under the chart.
"""
from __future__ import annotations

import re
from typing import Protocol, Sequence

from bot.render.escape import slack_escape as esc

MAX_TITLE = 50
MAX_POINTS = 12  # three years of quarters: more points than that and a line chart stops being readable
SOURCE = "the imported financials"
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PeriodMoney(Protocol):
    """What one period of an account's financials needs to show (kam_domain's QuarterMoney has it)."""
    period: str
    revenue: float | None

    @property
    def profit(self) -> float | None: ...


def period_label(period: str) -> str:
    """"2026-Q3" -> "Q3 2026", "2026-09" -> "Sep 2026"; anything else as it was imported."""
    if m := _QUARTER.match(period.strip()):
        return f"Q{m.group(2)} {m.group(1)}"
    if (m := _MONTH.match(period.strip())) and 1 <= int(m.group(2)) <= 12:
        return f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    return period.strip()


def _unit(periods: Sequence[str]) -> str:
    if all(_QUARTER.match(p.strip()) for p in periods):
        return "quarter"
    if all(_MONTH.match(p.strip()) for p in periods):
        return "month"
    return "period"


def money_trend_blocks(periods: Sequence[PeriodMoney]) -> list[dict]:
    """A line chart of Revenue and Profit per period and the line naming period and source; nothing
    when fewer than two periods have figures (one point is not a trend)."""
    known = [p for p in periods if p.revenue is not None][-MAX_POINTS:]
    if len(known) < 2:
        return []
    labels = [period_label(p.period) for p in known]
    unit = _unit([p.period for p in known])
    chart = {"type": "line",
             "series": [_series("Revenue", labels, [p.revenue for p in known]),
                        _series("Profit", labels, [p.profit for p in known])],
             "axis_config": {"categories": labels, "x_label": unit.capitalize(), "y_label": "Amount"}}
    title = f"Revenue and profit per {unit}"[:MAX_TITLE]
    caption = f"{title}, {labels[0]}–{labels[-1]}, from {SOURCE}."
    gaps = len([p for p in periods if p.revenue is None])
    if gaps:
        caption += f" {gaps} {unit}{'s' if gaps != 1 else ''} without figures left out."
    return [{"type": "data_visualization", "title": title, "chart": chart},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": esc(caption)}]}]


def _series(name: str, labels: list[str], values: list[float | None]) -> dict:
    return {"name": name, "data": [{"label": label, "value": round(float(value or 0.0), 2)}
                                   for label, value in zip(labels, values)]}
