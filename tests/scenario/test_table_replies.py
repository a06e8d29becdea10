"""Issue 19, tables and charts: replies over signed HTTP that people compare row by row.

`/kam stakeholders X`, `/kam accounts all` (paged) and the account card's revenue/profit chart, as the
strict fake Slack accepts them, with the text fallback listing the same rows; and a workspace or
client that refuses the table gets the same rows as text.
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.listeners.reply import poster
from bot.render.blocks import SlackMessage
from bot.render.tables import Column, table_block
from support import signing
from support.builders import add_account, add_financials, add_stakeholder, two_workspaces_with_borealis
from support.web_api import client

QUARTERS = [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]


def _table(reply: dict) -> dict:
    tables = [b for b in reply["blocks"] if b["type"] == "table"]
    assert len(tables) == 1
    return tables[0]


def _first_cells(table: dict) -> list[str]:
    return [row[0]["text"] for row in table["rows"][1:]]


def test_the_stakeholder_map_is_a_table_and_its_text_lists_the_same_people(engine, scenario):
    with Session(engine) as session:
        alpha, _beta = two_workspaces_with_borealis(session)
        for n, name in enumerate(("Katrin Vogel", "Dieter Brandt", "Ola <Nordmann>")):
            add_stakeholder(session, alpha, name, title="Head of IT", role="influencer", influence=3 + n % 2,
                            attitude=0, owner_user_id="U_ALICE", last_contact_on=date(2026, 11, 1))
        session.commit()
    status, _, _ = scenario.command("stakeholders borealis")
    assert status == 200
    reply = scenario.replies()[0]
    people = _first_cells(_table(reply))
    assert {"Katrin Vogel", "Dieter Brandt", "Ola <Nordmann>"} <= set(people)  # raw text: shown as written
    assert "Beta Secret Person" not in json.dumps(reply)
    text_lines = reply["text"].splitlines()
    for person in people:
        escaped = person.replace("<", "&lt;").replace(">", "&gt;")  # the text is parsed by Slack: escaped
        assert sum(1 for line in text_lines if line.startswith(escaped)) == 1
    assert not scenario.fake.refusals()


def test_150_accounts_come_in_pages_of_at_most_99_rows_each_once(engine, scenario):
    with Session(engine) as session:
        for n in range(150):
            add_account(session, "T_ALPHA", f"Customer {n:03d} Ltd", owner_user_id="U_ALICE")
        session.commit()
    scenario.command("accounts all")
    replies = [scenario.replies()[0]]
    while True:
        more = [e for b in replies[-1]["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["text"]["text"] == "Show more"]
        if not more:
            break
        payload = signing.block_action_payload(more[0]["action_id"], more[0]["value"], team_id="T_ALPHA",
                                               channel_id="C_GENERAL",
                                               response_url=scenario.fake.response_url(f"more{len(replies)}"))
        scenario.interaction(payload)
        replies.append(scenario.replies(count=len(replies) + 1)[-1])
    tables = [_table(r) for r in replies]
    assert all(2 <= len(t["rows"]) <= 100 for t in tables) and len(tables) >= 2
    names = [row[1]["text"] for t in tables for row in t["rows"][1:]]
    assert len(names) == 150 and len(set(names)) == 150  # every account, once
    assert [row[0]["text"] for row in tables[1]["rows"][1:2]] == [str(len(tables[0]["rows"]))]  # numbering goes on
    for reply, table in zip(replies, tables):
        assert all(row[1]["text"] in reply["text"] for row in table["rows"][1:])  # the fallback: the same rows
        opened = [e["value"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
                  if e["action_id"].startswith("kam_run:open:")]
        assert len(opened) == len(table["rows"]) - 1
    assert not scenario.fake.refusals()


def _account_with(engine, quarters: list[str]) -> None:
    with Session(engine) as session:
        account = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        add_financials(session, account, [(p, 100_000.0 + 5_000 * i, 70_000.0) for i, p in enumerate(quarters)])
        session.commit()


def test_the_account_card_charts_revenue_and_profit_per_quarter(engine, scenario):
    _account_with(engine, QUARTERS)
    scenario.command("account borealis")
    reply = scenario.replies()[0]
    charts = [b for b in reply["blocks"] if b["type"] == "data_visualization"]
    assert len(charts) == 1 and charts[0]["chart"]["type"] == "line"
    assert [s["name"] for s in charts[0]["chart"]["series"]] == ["Revenue", "Profit"]
    assert charts[0]["chart"]["axis_config"]["categories"][-1] == "Q4 2026"
    assert "Q1 2025–Q4 2026, from the imported financials" in json.dumps(reply["blocks"], ensure_ascii=False)
    assert not scenario.fake.refusals()


def test_an_account_with_one_quarter_or_none_has_no_chart(engine, scenario):
    _account_with(engine, ["2026-Q4"])
    scenario.command("account borealis")
    reply = scenario.replies()[0]
    assert reply["blocks"][0]["text"]["text"] == "Borealis Logistics GmbH"
    assert not any(b["type"] == "data_visualization" for b in reply["blocks"])


def test_a_refused_table_is_sent_again_as_text_once(engine, scenario):
    with Session(engine) as session:
        for n in range(3):
            add_account(session, "T_ALPHA", f"Customer {n} Ltd", tier="key", owner_user_id="U_ALICE")
        session.commit()
    # a client or plan without table blocks: Slack answers the response_url with invalid_blocks
    scenario.fake.fail_next("response_url", status=400, body={"ok": False, "error": "invalid_blocks"})
    scenario.command("accounts key")
    first, second = scenario.replies(count=2)
    assert any(b["type"] == "table" for b in first["blocks"])
    assert not any(b["type"] == "table" for b in second["blocks"])
    rows = "".join(b["text"]["text"] for b in second["blocks"] if b["type"] == "section")
    assert all(f"Customer {n} Ltd" in rows for n in range(3))
    assert any(e["action_id"].startswith("kam_run:open:") for b in second["blocks"] if b["type"] == "actions"
               for e in b["elements"])  # the buttons stay
    scenario.settle()
    assert len(scenario.fake.calls("response_url")) == 2  # nothing sent a third time


def test_a_posted_table_refused_by_slack_is_posted_as_text(fake_slack):
    send = poster(client(fake_slack), "U_ALICE")
    message = SlackMessage("Accounts\nBorealis", [table_block([Column("Account")], [["Borealis"]])])
    fake_slack.error_next("chat.postMessage", "invalid_blocks")
    send(message)
    posts = fake_slack.calls("chat.postMessage")
    assert [p.outcome for p in posts] == ["error:invalid_blocks", "ok"]
    assert "Borealis" in json.dumps(posts[1].args["blocks"]) and "table" not in json.dumps(posts[1].args["blocks"])
    fake_slack.error_next("chat.postMessage", "channel_not_found")  # anything else is not a table's fault
    with pytest.raises(SlackApiError):
        send(message)
    assert len(fake_slack.calls("chat.postMessage")) == 3
