"""`/kam accounts all` over signed HTTP: a table of 40 rows and a Show more button; clicking it brings 41-60 of 60."""
from __future__ import annotations

import json

from sqlmodel import Session

from support import signing
from support.builders import add_account


def _seed(engine) -> None:
    with Session(engine) as session:
        for n in range(60):
            add_account(session, "T_ALPHA", f"Customer {n:02d} Ltd", tier="key" if n < 5 else "regular",
                        owner_user_id="U_ALICE")
        add_account(session, "T_BETA", "Beta Secret Customer")
        session.commit()


def _rows(reply) -> list[str]:
    """The table's rows as "number. account" (issue 19: one table block a message)."""
    tables = [b for b in reply["blocks"] if b["type"] == "table"]
    assert len(tables) == 1
    return [f"{row[0]['text']}. {row[1]['text']}" for row in tables[0]["rows"][1:]]


def test_show_more_brings_the_next_page_to_whoever_clicks(engine, scenario):
    _seed(engine)
    status, _, _ = scenario.command("accounts all")
    assert status == 200
    first = scenario.replies()[0]
    assert len(first["blocks"]) < 50
    rows = _rows(first)
    assert len(rows) == 40 and rows[0].startswith("1. ") and rows[-1].startswith("40. ")
    assert "1-40 of 60" in json.dumps(first["blocks"])
    more = [b for b in first["blocks"] if b["type"] == "actions"][-1]["elements"][0]
    assert more["text"]["text"] == "Show more"

    payload = signing.block_action_payload(more["action_id"], more["value"], team_id="T_ALPHA",
                                           channel_id="C_GENERAL", response_url=scenario.fake.response_url("more"))
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    second = scenario.replies(count=2)[1]
    rows = _rows(second)
    assert len(rows) == 20 and rows[0].startswith("41. ") and rows[-1].startswith("60. ")
    rendered = json.dumps(second["blocks"])
    assert "41-60 of 60" in rendered and "Show more" not in rendered
    assert "Beta Secret" not in rendered
    shown = {r.split(". ", 1)[1] for r in _rows(first) + rows}
    assert len(shown) == 60  # every account, once


def test_a_bad_page_is_answered_with_the_usage_in_the_ack(engine, scenario):
    _seed(engine)
    status, _, body = scenario.command("accounts all page zero")
    assert status == 200
    answer = json.loads(body)
    assert "`zero` is not a page number" in answer["text"]
    assert "Usage: `/kam accounts [key|candidates|regular|all] [page N]`" in answer["text"]
    status, _, _ = scenario.command("accounts all page 9")
    reply = scenario.replies()[0]
    assert "There is no page 9: the list has 60 accounts on 2 pages." in reply["text"]
