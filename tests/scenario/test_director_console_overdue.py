"""Issue 15, very overdue actions in Slack (signed HTTP, the fake Slack records the replies): a 517-day-overdue
action stands out on `/kam next`, `/kam plan` and App Home, first, with Done and Snooze 1 week buttons that go
through the existing listeners (plan's action-done, the nudge's snooze); `/kam plan ... close action N` and
`/kam swot ... accept N` work from the slash command too."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import Session, select

from bot.render.plans_common import ACTION_DONE
from kam_domain.models import Action, AuditEntry
from support import signing
from support.builders import add_account
from support.constants import TODAY

SNOOZE = "kam_nudge_snooze"


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        ancient = Action(team_id="T_ALPHA", account_id=borealis.id, title="Send the ISO certificate", status="open",
                         owner_user_id="U_ALICE", due_on=TODAY - timedelta(days=517), source="manual")
        recent = Action(team_id="T_ALPHA", account_id=borealis.id, title="Call Lars back", status="open",
                        owner_user_id="U_ALICE", due_on=TODAY - timedelta(days=2), source="manual")
        session.add_all([ancient, recent])
        session.commit()
        return {"borealis": borealis.id, "ancient": ancient.id, "recent": recent.id}


def _action(engine, action_id: int) -> Action:
    with Session(engine) as session:
        return session.get(Action, action_id)


def _buttons(blocks: list[dict]) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b.get("type") == "actions" for e in b["elements"]}


def test_next_lists_the_very_overdue_action_first_with_done_and_snooze(engine, scenario):
    ids = _seed(engine)
    scenario.command("next borealis")
    blocks = scenario.replies()[0]["blocks"]
    items = [b["text"]["text"] for b in blocks if b.get("type") == "section" and "Chase" in b["text"]["text"]
             or b.get("type") == "section" and "Call Lars" in b["text"]["text"]]
    assert "1. Chase: Send the ISO certificate" in items[0]
    assert ":rotating_light: *517 days overdue*" in items[0]
    assert "Call Lars back" in items[1] and "days overdue*" not in items[1]  # 2 days late: urgent, not marked
    buttons = _buttons(blocks)
    assert buttons[ACTION_DONE]["value"] == str(ids["ancient"])
    assert buttons[f"{SNOOZE}:{ids['ancient']}"]["value"] == f"action:{ids['ancient']}"

    status, _, _ = scenario.interaction(signing.block_action_payload(
        f"{SNOOZE}:{ids['ancient']}", f"action:{ids['ancient']}", user_id="U_ALICE", channel_id="C_GENERAL",
        block_id=f"overdue_action_{ids['ancient']}", message={"type": "message", "ts": signing.new_ts(),
                                                              "text": "Next actions", "blocks": blocks}))
    assert status == 200
    scenario.settle()
    assert _action(engine, ids["ancient"]).snoozed_until == TODAY + timedelta(days=7)

    status, _, _ = scenario.interaction(signing.block_action_payload(
        ACTION_DONE, str(ids["ancient"]), user_id="U_ALICE", channel_id="C_GENERAL",
        block_id=f"overdue_action_{ids['ancient']}"))
    assert status == 200
    scenario.settle()
    assert _action(engine, ids["ancient"]).status == "done"
    with Session(engine) as session:
        actions = {e.action for e in session.exec(select(AuditEntry).where(AuditEntry.entity_id == ids["ancient"]))}
    assert {"action.nudge_snoozed", "action.status"} <= actions


def test_the_plan_and_app_home_mark_it_and_offer_to_close_it(engine, scenario):
    ids = _seed(engine)
    scenario.command("plan borealis")
    blocks = scenario.replies()[0]["blocks"]
    rendered = json.dumps(blocks, ensure_ascii=False)
    assert ":rotating_light: *517 days overdue*" in rendered
    assert f"{SNOOZE}:{ids['ancient']}" in _buttons(blocks)

    scenario.event({"type": "app_home_opened", "user": "U_ALICE", "channel": "D1", "tab": "home"})
    view = scenario.fake.wait_for("views.publish")[0].args["view"]
    sections = [b["text"]["text"] for b in view["blocks"] if b.get("type") == "section"]
    mine = [s for s in sections if "Send the ISO certificate" in s or "Call Lars back" in s]
    assert mine[0].startswith(":rotating_light: *517 days overdue*: Send the ISO certificate")
    assert ":rotating_light:" not in mine[1]
    assert f"{SNOOZE}:{ids['ancient']}" in _buttons(view["blocks"])


def test_the_slash_command_closes_and_re_dates_actions(engine, scenario):
    ids = _seed(engine)
    scenario.command(f"plan borealis close action {ids['recent']}")
    assert "Done: Call Lars back" in json.dumps(scenario.replies()[0], ensure_ascii=False)
    assert _action(engine, ids["recent"]).status == "done"
    scenario.command(f"plan borealis redate action {ids['ancient']} due=2027-01-15", user_id="U_STRANGER")
    assert "Only the account team" in json.dumps(scenario.replies(2)[1], ensure_ascii=False)
    assert _action(engine, ids["ancient"]).due_on == TODAY - timedelta(days=517)
