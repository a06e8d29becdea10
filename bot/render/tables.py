"""Slack's `table` block for results people compare row by row, with the text notifications show.

Slack allows one table per message, at most 100 rows (the header row included) of at most 20
cells. A longer result is cut into pages by its caller (`table_pages`); every cell is raw text, so
nothing in the data can turn into a mention or a link, except a `Person` cell, which we build from a
validated user id as a rich_text user element (Slack shows the name). `table_text` is the same rows as
aligned plain text: the message's `text`, which notifications, screen readers and old clients show.
`rows_as_text` turns a message's table and chart blocks back into text blocks, for a workspace or
client that refuses them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bot.render.escape import slack_escape

MAX_ROWS = 100  # Slack's limit, the header row included
MAX_CELLS = 20
MAX_CELL_TEXT = 500  # our own cap: a table is for comparing, a long note belongs elsewhere
MAX_SECTION_TEXT = 3000
MAX_BLOCKS = 50  # in a message
MAX_MESSAGE_TEXT = 39_000  # Slack refuses a message text over 40,000 characters (msg_too_long)
NEWER_BLOCKS = ("table", "data_visualization")
_USER_ID = re.compile(r"[UW][A-Z0-9_]{2,}")


@dataclass(frozen=True)
class Person:
    """A cell naming a Slack user: a mention in the table, `fallback` (or the id) in text."""
    user_id: str | None
    fallback: str = "—"

    def __str__(self) -> str:
        return f"@{self.user_id}" if self.user_id else self.fallback


@dataclass(frozen=True)
class Column:
    title: str
    align: str = "left"  # left | center | right (numbers)
    wrap: bool = False


def table_block(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> dict:
    """One table block: a header row and up to 99 data rows (raise if the caller did not page)."""
    if not columns or len(columns) > MAX_CELLS:
        raise ValueError(f"a table has 1..{MAX_CELLS} columns, not {len(columns)}")
    if len(rows) > MAX_ROWS - 1:
        raise ValueError(f"a table page holds at most {MAX_ROWS - 1} rows; page with table_pages()")
    body = [[_cell(c.title) for c in columns]]
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row has {len(row)} cells for {len(columns)} columns")
        body.append([_cell(value) for value in row])
    return {"type": "table", "rows": body,
            "column_settings": [{"align": c.align, "is_wrapped": c.wrap} for c in columns]}


def table_pages(rows: Sequence[Sequence[object]], per_page: int = MAX_ROWS - 1) -> list[Sequence[Sequence[object]]]:
    """Rows cut into pages a table block can hold (at least one page, possibly empty)."""
    per_page = max(1, min(per_page, MAX_ROWS - 1))
    return [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [rows[:0]]


def table_text(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> str:
    """The rows as aligned plain text, for the message's `text` and for the console."""
    cells = [[c.title for c in columns]] + [[_plain(v) for v in row] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = ["  ".join(_pad(value, widths[i], columns[i].align) for i, value in enumerate(line)).rstrip()
             for line in cells]
    return "\n".join(lines)


def message_text(title: str, columns: Sequence[Column], rows: Sequence[Sequence[object]], tail: str = "") -> str:
    """A message's `text`: the title, the rows as aligned text and the tail, cut at a whole line (saying
    how many rows are left out) to stay within Slack's limit."""
    lines = table_text(columns, rows).splitlines() if rows else []
    end = [tail] if tail else []
    text = "\n".join([title, *lines, *end])
    while len(text) > MAX_MESSAGE_TEXT and len(lines) > 1:
        lines = lines[:max(1, len(lines) * 3 // 4)]
        cut = [f"… {len(rows) + 1 - len(lines)} more rows in the table above"]
        text = "\n".join([title, *lines, *cut, *end])
    return text[:MAX_MESSAGE_TEXT]


def _cell(value: object) -> dict:
    if isinstance(value, Person) and value.user_id and _USER_ID.fullmatch(value.user_id):
        return {"type": "rich_text", "elements": [
            {"type": "rich_text_section", "elements": [{"type": "user", "user_id": value.user_id}]}]}
    return {"type": "raw_text", "text": _plain(value) or " "}


def has_newer_blocks(blocks: Sequence[dict]) -> bool:
    return any(isinstance(b, dict) and b.get("type") in NEWER_BLOCKS for b in blocks)


def rows_as_text(blocks: Sequence[dict]) -> list[dict]:
    """The blocks with each table and chart replaced by its rows as preformatted text sections; the
    other blocks (buttons, paging) are kept, so a long table gives up its last rows first."""
    spare = MAX_BLOCKS - len(blocks)
    out: list[dict] = []
    for block in blocks:
        if block.get("type") == "table":
            sections = _text_sections(_table_lines(block))
        elif block.get("type") == "data_visualization":
            sections = _text_sections([block.get("title", "")] + _chart_lines(block.get("chart") or {}))
        else:
            out.append(block)
            continue
        room = 1 + max(0, spare)
        spare -= min(len(sections), room) - 1
        out += sections[:room]
    return out[:MAX_BLOCKS]


def _table_lines(block: dict) -> list[str]:
    rows = [[_cell_text(c) for c in row] for row in block.get("rows") or []]
    settings = block.get("column_settings") or []
    columns = [Column(title, (settings[i] if i < len(settings) else {}).get("align", "left"))
               for i, title in enumerate(rows[0] if rows else [])]
    return table_text(columns, rows[1:]).splitlines() if columns else []


def _cell_text(cell: dict) -> str:
    if cell.get("type") == "raw_text":
        return str(cell.get("text", "")).strip()
    users = [e.get("user_id") for section in cell.get("elements") or [] for e in section.get("elements") or []
             if e.get("type") == "user"]
    return " ".join(f"@{u}" for u in users)


def _chart_lines(chart: dict) -> list[str]:
    if chart.get("type") == "pie":
        return [f"{s.get('label')}: {_number(s.get('value'))}" for s in chart.get("segments") or []]
    categories = (chart.get("axis_config") or {}).get("categories") or []
    columns = [Column("")] + [Column(str(s.get("name")), "right") for s in chart.get("series") or []]
    rows = [[str(label)] + [_number(s["data"][i].get("value")) for s in chart.get("series") or []]
            for i, label in enumerate(categories)]
    return table_text(columns, rows).splitlines()


def _number(value: object) -> str:
    return f"{value:,.0f}" if isinstance(value, (int, float)) else str(value)


def _text_sections(lines: list[str]) -> list[dict]:
    """Lines in code blocks, aligned before escaping (Slack shows `&lt;` as one character), each section
    within Slack's 3,000 characters."""
    sections, chunk = [], []
    for line in (slack_escape(line)[:MAX_SECTION_TEXT - 10] for line in lines):
        if chunk and sum(len(x) + 1 for x in chunk) + len(line) > MAX_SECTION_TEXT - 10:
            sections.append(chunk)
            chunk = []
        chunk.append(line)
    if chunk:
        sections.append(chunk)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "```" + "\n".join(c) + "```"}} for c in sections]


def _plain(value: object) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def _pad(value: str, width: int, align: str) -> str:
    return value.rjust(width) if align == "right" else value.ljust(width)
