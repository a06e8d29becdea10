"""`/kam draft` over Slack and at the console: proposals with Accept / Reject per point, a click puts
the point into the plan and shows the decision in place, a forged button writes nothing."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from drafting_data import seed
from kam_domain.models import Objective, PlanSection
from support import signing

WAIT = 60


@pytest.fixture
def seeded(engine):
    with Session(engine) as session:
        return seed(session)


def buttons(reply) -> list[dict]:
    return [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]


def click(scenario, element, value=None, message=None, name="click", user_id="U_ALICE"):
    payload = signing.block_action_payload(element["action_id"], value or element["value"], user_id=user_id,
                                           team_id="T_ALPHA", channel_id="C_GENERAL", message=message,
                                           response_url=scenario.fake.response_url(name))
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def test_plan_draft_points_are_accepted_from_slack(engine, drafting_scenario, offline, embedder, seeded):
    scenario = drafting_scenario(engine, drafter=offline, embedder=embedder)
    scenario.command("plan-draft borealis")
    reply = scenario.replies(timeout=WAIT)[0]
    text = json.dumps(reply["blocks"])
    assert "Plan draft: Borealis Logistics GmbH" in text and "Objectives by horizon" in text
    assert "Source: note #" in text and "SECRET" not in text
    accepts = [b for b in buttons(reply) if b["action_id"] == "plan_draft:accept"]
    original = {"type": "message", "ts": "1700000000.000200", "text": reply["text"], "blocks": reply["blocks"]}

    click(scenario, accepts[0], message=original, name="accept")

    updated = scenario.replies(count=2, timeout=WAIT)[1]
    assert updated["replace_original"] is True and "Accepted by" in json.dumps(updated["blocks"])
    point = accepts[0]["value"].split(":")[1]
    assert f"plan_draft:{point}" not in [b.get("block_id") for b in updated["blocks"]]
    with Session(engine) as session:  # the first point is the first customer-business proposal
        [written] = session.exec(select(PlanSection)).all()
        assert written.updated_by == "U_ALICE" and "note #" in written.body
        assert session.exec(select(Objective)).all() == []
    scenario.command("plan-draft borealis")
    again = scenario.replies(count=3, timeout=WAIT)[2]
    assert accepts[0]["value"] not in {b["value"] for b in buttons(again)}


def test_a_forged_or_foreign_plan_draft_button_writes_nothing(engine, drafting_scenario, offline, embedder, seeded):
    scenario = drafting_scenario(engine, drafter=offline, embedder=embedder)
    scenario.command("plan-draft borealis")
    accept = next(b for b in buttons(scenario.replies(timeout=WAIT)[0]) if b["action_id"] == "plan_draft:accept")

    click(scenario, accept, value=f"{seeded.beta_id}:{accept['value'].split(':')[1]}", name="foreign")
    click(scenario, accept, value="12:not a point", name="forged")

    answers = [json.dumps(r) for r in scenario.replies(count=3, timeout=WAIT)[1:]]
    assert "no longer exists in this workspace" in answers[0] or "no longer exists in this workspace" in answers[1]
    assert any("not valid any more" in a for a in answers)
    with Session(engine) as session:
        assert session.exec(select(PlanSection)).all() == [] and session.exec(select(Objective)).all() == []


def test_the_console_numbers_points_and_decides_by_number(engine, tmp_path, seeded):
    from bot.bootstrap import Container
    from bot.console import answer_line
    from bot.settings import load_settings
    from kam_domain.clock import FixedClock
    from support.constants import NOW

    container = Container(load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA"), engine=engine,
                          clock=FixedClock(NOW))
    shown = answer_line(container, "plan-draft borealis")
    assert "Objectives by horizon:" in shown and "  1. [" in shown and "Source: note #" in shown
    first = shown.split("  1. ", 1)[1].split("\n", 1)[0].split("] ", 1)[1]

    done = answer_line(container, "plan-draft borealis accept 1")
    assert done.startswith("Plan draft of Borealis Logistics GmbH:") and f"Accepted: {first}" in done
    assert first not in answer_line(container, "plan-draft borealis")
    assert "there is no point 99" in answer_line(container, "plan-draft borealis accept 99")
