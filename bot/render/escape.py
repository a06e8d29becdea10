"""Escaping for Slack mrkdwn: data (notes, names, model output) never becomes a mention or link."""
from __future__ import annotations

import re

_BROADCAST = re.compile(r"(?i)@(channel|here|everyone)\b")


def slack_escape(text: str | None) -> str:
    """Escape &, <, > as Slack requires, and defuse @channel/@here/@everyone."""
    if text is None:
        return ""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@\u200b" + m.group(1), text)


def user_ref(user_id: str | None, fallback: str = "—") -> str:
    """A mention we build ourselves from a validated id; never from free text."""
    if user_id and re.fullmatch(r"[UW][A-Z0-9_]{2,}", user_id):
        return f"<@{user_id}>"
    return slack_escape(user_id) if user_id else fallback


def money(value: float | None) -> str:
    if value is None:
        return "—"
    sign = "-" if value < 0 else ""
    value = abs(value)
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if value >= limit:
            return f"{sign}{value / limit:.1f}{suffix}"
    return f"{sign}{value:.0f}"


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"
