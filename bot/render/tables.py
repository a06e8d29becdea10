"""Slack's `table` block for results people compare row by row, with the text notifications show.

Slack allows one table per message, at most 100 rows (the header row included) of at most 20
cells. A longer result is cut into pages by its caller (`table_pages`); every cell is raw text, so
nothing in the data can turn into a mention or a link. `table_text` is the same rows as aligned
plain text: the message's `text`, which notifications, screen readers and old clients show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

MAX_ROWS = 100  # Slack's limit, the header row included
MAX_CELLS = 20
MAX_CELL_TEXT = 500  # our own cap: a table is for comparing, a long note belongs elsewhere


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


def _cell(value: object) -> dict:
    return {"type": "raw_text", "text": _plain(value) or " "}


def _plain(value: object) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def _pad(value: str, width: int, align: str) -> str:
    return value.rjust(width) if align == "right" else value.ljust(width)
