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


_MARKUP = re.compile(r"<[^<>]*>")


def safe_text(text: str | None, blocks: list | None = None) -> str:
    """The `text` of a message: Slack parses mentions there too (notifications, screen readers).

    Renderers build it from data without escaping. Markup we built ourselves (a mention from
    `user_ref`, a link) also appears as-is in the blocks, where every piece of data is escaped;
    any other `<...>` came from data and is escaped here, and @channel/@here/@everyone defused.
    """
    if not text:
        return ""
    allowed = {markup for shown in _mrkdwn(blocks) for markup in _MARKUP.findall(shown)}
    text = _MARKUP.sub(lambda m: m.group(0) if m.group(0) in allowed else slack_escape(m.group(0)), str(text))
    return _BROADCAST.sub(lambda m: "@\u200b" + m.group(1), text)


def _mrkdwn(value) -> list[str]:
    """The mrkdwn texts of blocks (what Slack renders), not button values or plain_text."""
    if isinstance(value, list):
        return [text for item in value for text in _mrkdwn(item)]
    if not isinstance(value, dict) or value.get("type") == "plain_text":
        return []
    found = [value["text"]] if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str) else []
    for key, item in value.items():
        if key not in ("value", "private_metadata") and isinstance(item, (dict, list)):
            found += _mrkdwn(item)
    return found


def user_ref(user_id: str | None, fallback: str = "—") -> str:
    """A mention we build ourselves from a validated id; never from free text."""
    if user_id and re.fullmatch(r"[UW][A-Z0-9_]{2,}", user_id):
        return f"<@{user_id}>"
    return slack_escape(user_id) if user_id else fallback


def channel_ref(channel_id: str | None, fallback: str = "none") -> str:
    """A channel link we build ourselves from a validated id; never from free text."""
    if channel_id and re.fullmatch(r"[CG][A-Z0-9_]{2,}", channel_id):
        return f"<#{channel_id}>"
    return slack_escape(channel_id) if channel_id else fallback


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
