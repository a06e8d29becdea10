"""Tables and the revenue/profit chart: what Slack's rules accept, the text fallback, the degraded form."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.render.blocks import account_list_message
from bot.render.charts import money_trend_blocks, period_label
from bot.render.plans_map import stakeholder_map_message
from bot.render.reviews import reviews_due_message
from bot.render.tables import (
    Column, Person, has_newer_blocks, message_text, rows_as_text, table_block, table_pages, table_text,
)
from kam_domain.services.accounts import AccountList, AccountRow
from kam_domain.services.reviews import ReviewDue, ReviewsDue
from kam_domain.services.stakeholders import PersonRow, RoleGroup, StakeholderMap
from support.slack_rules import check_message

TODAY = date(2026, 11, 27)


def _accepted(message) -> None:
    assert check_message({"text": message.text, "blocks": message.blocks}) is None
    assert len(message.blocks) <= 50


def _table(message) -> dict:
    tables = [b for b in message.blocks if b["type"] == "table"]
    assert len(tables) == 1
    return tables[0]


def _column(table: dict, title: str) -> list[dict]:
    index = [c["text"] for c in table["rows"][0]].index(title)
    return [row[index] for row in table["rows"][1:]]


def _account(n: int, **extra) -> AccountRow:
    fields = dict(id=n, name=f"Customer {n:03d} <b>", tier="key" if n % 2 else "regular", owner_user_id="U_ALICE",
                  crm_owner_name=None, industry=None, country=None, weighted_score=7.25, quadrant="strategic",
                  revenue=1_250_000.0, profit=300_000.0)
    return AccountRow(**{**fields, **extra})


def _list(rows, which="all", total=None, offset=0, page=1, page_size=40) -> AccountList:
    return AccountList(which, rows, total or len(rows), key_count=3, key_cap=10, periods=["2026-Q3"],
                       offset=offset, page=page, page_size=page_size)


# ----------------------------------------------------------------------------- the builder


def test_a_table_holds_a_header_and_at_most_99_rows_and_refuses_more():
    columns = [Column("Name"), Column("Revenue", "right")]
    block = table_block(columns, [["A", 1], ["B", None]])
    assert block["rows"][0] == [{"type": "raw_text", "text": "Name"}, {"type": "raw_text", "text": "Revenue"}]
    assert block["rows"][2][1] == {"type": "raw_text", "text": " "}  # Slack wants a non-empty cell
    assert block["column_settings"][1] == {"align": "right", "is_wrapped": False}
    with pytest.raises(ValueError, match="table_pages"):
        table_block(columns, [["x", 1]] * 100)
    pages = table_pages([["x", n] for n in range(150)])
    assert [len(p) for p in pages] == [99, 51]


def test_a_person_cell_is_a_mention_only_for_a_real_user_id():
    block = table_block([Column("Owner")], [[Person("U_ALICE")], [Person("<!channel>", "nobody")], [Person(None)]])
    assert block["rows"][1][0]["type"] == "rich_text"
    assert block["rows"][1][0]["elements"][0]["elements"] == [{"type": "user", "user_id": "U_ALICE"}]
    assert block["rows"][2][0] == {"type": "raw_text", "text": "@<!channel>"}  # raw text: never a broadcast
    assert block["rows"][3][0] == {"type": "raw_text", "text": "—"}
    assert table_text([Column("Owner")], [[Person("U_ALICE")], [Person(None, "nobody")]]).splitlines() == [
        "Owner", "@U_ALICE", "nobody"]


def test_table_text_aligns_numbers_right():
    text = table_text([Column("Account"), Column("Score", "right")], [["Borealis", "7.5"], ["Kestrel Foods", "10.0"]])
    assert text.splitlines() == ["Account        Score", "Borealis         7.5", "Kestrel Foods   10.0"]


def test_the_message_text_stays_within_slacks_limit_cut_at_a_whole_row():
    rows = [[f"Account {n}", "why " * 120] for n in range(99)]
    text = message_text("Watch-list: 99", [Column("Account"), Column("Why")], rows, tail="1-99 of 120")
    assert len(text) <= 40_000 and check_message({"text": text, "blocks": []}) is None
    lines = text.splitlines()
    assert lines[0] == "Watch-list: 99" and lines[1].startswith("Account ") and lines[-1] == "1-99 of 120"
    assert lines[-2].startswith("… ") and lines[-2].endswith("more rows in the table above")
    shown = sum(1 for line in lines if line.startswith("Account ") and "why" in line)
    assert lines[-2] == f"… {99 - shown} more rows in the table above"
    assert message_text("Key accounts: 0", [Column("Account")], []) == "Key accounts: 0"


# ----------------------------------------------------------------------------- account lists


def test_an_account_list_is_one_table_with_the_same_rows_in_its_text():
    message = account_list_message(_list([_account(n) for n in range(1, 41)], total=60, page_size=40))
    _accepted(message)
    table = _table(message)
    assert len(table["rows"]) == 41
    assert [c["text"] for c in _column(table, "#")][:2] == ["1", "2"]
    assert _column(table, "Account")[0]["text"] == "Customer 001 <b>"  # raw text: shown as written, never markup
    assert _column(table, "Revenue")[0]["text"] == "1.2M"
    assert table["column_settings"][4] == {"align": "right", "is_wrapped": False}  # the score
    lines = message.text.splitlines()
    assert lines[0] == "All accounts: 60"
    assert sum(1 for line in lines if "Customer " in line) == 40 and lines[-1] == "1-40 of 60"
    # each row keeps its Open button, 25 to an actions block, then Show more
    actions = [b for b in message.blocks if b["type"] == "actions"]
    opened = [e for b in actions for e in b["elements"] if e["action_id"].startswith("kam_run:open:")]
    assert len(opened) == 40 and opened[0]["value"] == "account #1"
    assert all(len(b["elements"]) <= 25 for b in actions)
    assert actions[-1]["elements"][0]["value"] == "accounts all page 2"


def test_the_watch_list_says_why_and_offers_nominate():
    row = _account(5, tier="candidate", reasons=["top 20% by profit", "growing 30%"], derived_only=True)
    message = account_list_message(_list([row], which="candidates"))
    _accepted(message)
    table = _table(message)
    assert _column(table, "Why on the watch-list")[0]["text"] == "top 20% by profit; growing 30%"
    assert _column(table, "Quadrant")[0]["text"] == "strategic (from data)"
    nominate = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert nominate[0]["value"] == "nominate #5" and nominate[0]["style"] == "primary"


def test_a_page_of_99_accounts_fits_one_message_and_an_empty_list_has_no_table():
    message = account_list_message(_list([_account(n) for n in range(1, 120)], total=150, page_size=None))
    _accepted(message)
    assert len(_table(message)["rows"]) == 100
    assert "1-99 of 150" in message.text
    empty = account_list_message(_list([], which="key"))
    _accepted(empty)
    assert not has_newer_blocks(empty.blocks) and empty.text == "Key accounts: 0"


# ----------------------------------------------------------------------------- stakeholder map


def _person(n: int, **extra) -> PersonRow:
    fields = dict(id=n, name=f"Person {n}", title="CFO", role="decision_maker", role_label="Decision maker",
                  influence=5, attitude=1, contact_level="regular", contact_label="Regular", owner_user_id="U_BOB",
                  last_contact_on=None, days_since_contact=40)
    return PersonRow(**{**fields, **extra})


def _map(people: list[PersonRow], can_edit=True) -> StakeholderMap:
    return StakeholderMap(7, "Borealis", "key", "U_ALICE", None, "amber", [], [RoleGroup("decision_maker",
                          "Decision makers", people)] if people else [], len(people), can_edit, TODAY)


def test_the_stakeholder_map_is_a_table_with_an_edit_button_per_person():
    message = stakeholder_map_message(_map([_person(1, cold=True, reports_to_name="CEO"), _person(2, title=None)]))
    _accepted(message)
    table = _table(message)
    assert [c["text"] for c in _column(table, "Person")] == ["Person 1", "Person 2"]
    assert _column(table, "Last contact")[0]["text"] == "40 days ago (cold)"
    assert _column(table, "Reports to")[0]["text"] == "CEO" and _column(table, "Title")[1]["text"] == "—"
    assert _column(table, "Owner")[0]["elements"][0]["elements"][0]["user_id"] == "U_BOB"
    edits = [b["elements"][0] for b in message.blocks if b["type"] == "actions"
             and b["elements"][0]["action_id"] == "plans:person_edit"]
    assert [e["text"]["text"] for e in edits] == ["Edit Person 1", "Edit Person 2"]
    assert "Person 1  CFO    Decision maker" in message.text


def test_a_large_map_stays_within_50_blocks_and_says_how_to_edit_the_rest():
    message = stakeholder_map_message(_map([_person(n) for n in range(1, 61)]))
    _accepted(message)
    assert len(_table(message)["rows"]) == 61
    assert "more without an Edit button here" in str(message.blocks)
    reader = stakeholder_map_message(_map([_person(1)], can_edit=False))
    assert not any(e["action_id"] == "plans:person_edit" for b in reader.blocks if b["type"] == "actions"
                   for e in b["elements"])


def test_an_empty_map_has_no_table():
    message = stakeholder_map_message(_map([]))
    _accepted(message)
    assert not has_newer_blocks(message.blocks)


# ----------------------------------------------------------------------------- reviews due


def test_reviews_due_are_a_table_with_a_checklist_button_each():
    reviews = [ReviewDue(n, f"Account {n}", date(2026, 11, 20 + n), "U_ALICE", None, max(0, 7 - n)) for n in (1, 9)]
    message = reviews_due_message(ReviewsDue(reviews, 14, TODAY, more=3))
    _accepted(message)
    table = _table(message)
    assert [c["text"] for c in _column(table, "When")] == ["6 days overdue", "in 2 days"]
    buttons = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [e["value"] for e in buttons] == ["review #1", "review #9"]
    assert message.text.splitlines()[-1] == "… and 3 more."


# ----------------------------------------------------------------------------- the chart


@dataclass
class Quarter:
    period: str
    revenue: float | None
    cost: float | None

    @property
    def profit(self):
        return None if self.revenue is None else self.revenue - (self.cost or 0)


def test_the_trend_is_a_line_chart_slack_accepts_naming_period_and_source():
    quarters = [Quarter(f"{y}-Q{q}", 100_000 + 1000 * i, 60_000) for i, (y, q) in
                enumerate((y, q) for y in (2025, 2026) for q in (1, 2, 3, 4))]
    blocks = money_trend_blocks(quarters)
    assert check_message({"text": "x", "blocks": blocks}) is None
    chart = blocks[0]
    assert chart["type"] == "data_visualization" and chart["chart"]["type"] == "line"
    assert len(chart["title"]) <= 50 and chart["title"] == "Revenue and profit per quarter"
    assert [s["name"] for s in chart["chart"]["series"]] == ["Revenue", "Profit"]
    assert chart["chart"]["axis_config"]["categories"][0] == "Q1 2025"
    assert chart["chart"]["series"][1]["data"][7] == {"label": "Q4 2026", "value": 47000.0}
    assert blocks[1]["elements"][0]["text"] == (
        "Revenue and profit per quarter, Q1 2025–Q4 2026, from the imported financials.")


def test_no_chart_for_fewer_than_two_quarters_with_figures_and_gaps_are_named():
    assert money_trend_blocks([Quarter("2026-Q3", 5.0, 1.0)]) == []
    assert money_trend_blocks([Quarter("2026-Q2", None, None), Quarter("2026-Q3", 5.0, 1.0)]) == []
    blocks = money_trend_blocks([Quarter("2026-Q1", 4.0, 1.0), Quarter("2026-Q2", None, None),
                                 Quarter("2026-Q3", 5.0, 1.0)])
    assert blocks[0]["chart"]["axis_config"]["categories"] == ["Q1 2026", "Q3 2026"]
    assert "1 quarter without figures left out" in blocks[1]["elements"][0]["text"]
    assert period_label("2026-09") == "Sep 2026" and period_label("FY26") == "FY26"


# ----------------------------------------------------------------------------- degraded: rows as text


def test_rows_as_text_replaces_the_table_and_the_chart_with_text_slack_always_accepts():
    message = account_list_message(_list([_account(n) for n in range(1, 100)], total=99, page_size=None))
    chart = money_trend_blocks([Quarter("2026-Q1", 4000.0, 1000.0), Quarter("2026-Q2", 5000.0, 1000.0)])
    degraded = rows_as_text(message.blocks + chart)
    assert not has_newer_blocks(degraded)
    assert check_message({"text": message.text, "blocks": degraded}) is None
    shown = "".join(b["text"]["text"] for b in degraded if b["type"] == "section")
    assert shown.count("Customer ") == 99 and "&lt;b&gt;" in shown and "@U_ALICE" in shown
    assert "Q2 2026    5,000   4,000" in shown
    assert any(b["type"] == "actions" for b in degraded)  # the buttons stay


def test_rows_as_text_keeps_the_buttons_of_a_full_message_and_gives_up_rows_instead():
    message = stakeholder_map_message(_map([_person(n, title="Chief " * 20) for n in range(1, 61)]))
    assert len(message.blocks) == 50
    degraded = rows_as_text(message.blocks)
    assert len(degraded) == 50 and check_message({"text": message.text, "blocks": degraded}) is None
    assert degraded[-1]["type"] == "actions" and degraded[-1]["elements"][0]["text"]["text"] == "Add person"
    rows = degraded[2]["text"]["text"]  # the one block the table had: as many rows as fit, from the first
    assert rows.startswith("```Person ") and "Person 1 " in rows and "Person 60 " not in rows
