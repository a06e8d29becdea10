"""Reviews and nudges over real HTTP into the real app: the review modal (opened by /kam review and by
the reminder's Start review button), its validation, recording a review, and the Done / Snooze buttons."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import Session, select

from bot.console import answer_line
from bot.scheduler import run_due
from scheduling_support import TEAM, at, key_account, posted, warm_person
from kam_domain.models import Action, AuditEntry, NudgeSnooze, Review
from support import signing
from support.builders import add_stakeholder

TODAY = date(2026, 11, 23)


def seed(engine) -> dict[str, int]:
    with Session(engine, expire_on_commit=False) as session:
        borealis = key_account(session, "Borealis Logistics GmbH", channel="C_BOREALIS", review_due=date(2026, 11, 26),
                               plan_updated_at=at("2026-05-01T09:00:00Z"))
        warm_person(session, borealis)
        cold = add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                               attitude=1, owner_user_id="U_ALICE", last_contact_on=date(2026, 8, 1))
        action = Action(team_id=TEAM, account_id=borealis.id, title="Send the draft contract", owner_user_id="U_ALICE",
                        due_on=date(2026, 11, 20))
        session.add(action)
        session.commit()
        return {"borealis": borealis.id, "cold": cold.id, "action": action.id}


def wait_calls(fake, method: str, count: int = 1, timeout: float = 10.0):
    return fake.wait_for(method, count=count, timeout=timeout)


def review_state(engagement="4", loyalty="3", outcome="Renewal on track; add a second contact in finance.",
                 objectives="at_risk", plan="no") -> dict:
    def number(value):
        return {"value": {"type": "number_input", "value": value}}

    def choice(kind, value):
        return {"value": {"type": kind, "selected_option": {"value": value} if value else None}}

    return {"plan": choice("radio_buttons", plan), "objectives": choice("static_select", objectives),
            "coverage": choice("static_select", "gaps"),
            "risks": {"value": {"type": "plain_text_input", "value": "A competitor is courting their COO."}},
            "engagement": number(engagement), "loyalty": number(loyalty),
            "outcome": {"value": {"type": "plain_text_input", "value": outcome}}}


def submit(scenario, account_id: int, state: dict, user_id: str = "U_ALICE"):
    payload = signing.view_submission_payload("kam_review_form", state, user_id=user_id, team_id=TEAM,
                                              private_metadata=json.dumps({"account_id": account_id}))
    status, _, body = scenario.interaction(payload)
    assert status == 200
    return json.loads(body) if body else {}


def _done_reviews(engine) -> list[Review]:
    with Session(engine) as session:
        return list(session.exec(select(Review).where(Review.done_at.is_not(None))).all())


# ---------------------------------------------------------------------------- the review modal


def test_slash_review_opens_the_review_modal(engine, scenario):
    ids = seed(engine)
    status, _, _ = scenario.command("review borealis", user_id="U_ALICE")
    assert status == 200
    view = wait_calls(scenario.fake, "views.open")[0].args["view"]
    assert view["callback_id"] == "kam_review_form"
    assert json.loads(view["private_metadata"])["account_id"] == ids["borealis"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert {"plan", "objectives", "coverage", "risks", "engagement", "loyalty", "outcome"} <= set(blocks)
    assert blocks["engagement"]["element"]["type"] == "number_input"
    assert blocks["plan"]["element"]["initial_option"]["value"] == "no"  # the plan is stale: we say so
    assert "Borealis Logistics GmbH" in json.dumps(view["blocks"])


def test_a_bad_rating_gets_per_field_errors_and_nothing_is_written(engine, scenario):
    ids = seed(engine)
    answer = submit(scenario, ids["borealis"], review_state(engagement="7", loyalty="great", outcome=""))
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"engagement", "loyalty", "outcome"}
    assert "1 to 5" in answer["errors"]["engagement"] and "“7”" in answer["errors"]["engagement"]
    assert _done_reviews(engine) == []
    with Session(engine) as session:
        assert session.exec(select(AuditEntry)).all() == []
    scenario.settle()  # whatever the submission started has finished
    assert posted(scenario.fake) == []


def test_a_good_review_is_recorded_with_the_next_one_scheduled(engine, scenario):
    ids = seed(engine)
    assert submit(scenario, ids["borealis"], review_state()) == {}
    done = _done_reviews(engine)
    assert len(done) == 1
    review = done[0]
    assert (review.engagement_rating, review.loyalty_rating, review.done_by) == (4, 3, "U_ALICE")
    assert review.due_on == date(2026, 11, 26)
    assert review.checklist["objectives"] == "at_risk" and review.checklist["plan_current"] is False
    assert review.checklist["facts"]["plan_stale"] is True and review.checklist["risks"].startswith("A competitor")
    assert "Renewal on track" in review.outcome
    with Session(engine) as session:
        upcoming = session.exec(select(Review).where(Review.done_at.is_(None))).all()
        assert [r.due_on for r in upcoming] == [TODAY + timedelta(days=30)]
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "review.recorded")).one()
        assert audit.actor == "U_ALICE" and audit.account_id == ids["borealis"]
    confirmation = wait_calls(scenario.fake, "chat.postMessage")[0].args
    assert confirmation["channel"] == "U_ALICE" and "Next review due" in json.dumps(confirmation["blocks"])


def test_someone_outside_the_account_team_cannot_record_it(engine, scenario):
    ids = seed(engine)
    answer = submit(scenario, ids["borealis"], review_state(), user_id="U_STRANGER")
    assert answer["response_action"] == "errors"
    assert "account team" in answer["errors"]["outcome"]
    assert _done_reviews(engine) == []


def test_the_reminders_start_review_button_opens_the_modal(engine, scenario):
    ids = seed(engine)
    run_due(scenario.container, at("2026-11-23T09:00:00Z"))
    reminder = posted(scenario.fake, "C_BOREALIS")[0]
    start = [e for b in reminder.args["blocks"] if b["type"] == "actions" for e in b["elements"]
             if e["action_id"] == "kam_review_start"][0]
    payload = signing.block_action_payload(start["action_id"], start["value"], user_id="U_ALICE", team_id=TEAM,
                                           channel_id="C_BOREALIS", response_url=scenario.fake.response_url("start"))
    assert scenario.interaction(payload)[0] == 200
    view = wait_calls(scenario.fake, "views.open")[0].args["view"]
    assert json.loads(view["private_metadata"])["account_id"] == ids["borealis"]


# ---------------------------------------------------------------------------- Done and Snooze


def _nudge(scenario) -> dict:
    run_due(scenario.container, at("2026-11-23T09:00:00Z"))
    return posted(scenario.fake, "U_ALICE")[0].args


def _click(scenario, nudge: dict, label: str, item_text: str, name: str):
    blocks = nudge["blocks"]
    for n, block in enumerate(blocks):
        if block["type"] == "section" and item_text in json.dumps(block, ensure_ascii=False):
            actions = blocks[n + 1]
            element = [e for e in actions["elements"] if e["text"]["text"] == label][0]
            message = {"type": "message", "user": "U_BOT", "bot_id": "B_BOT", "text": nudge["text"],
                       "ts": "1700000001.000100", "blocks": blocks}
            payload = signing.block_action_payload(element["action_id"], element["value"], user_id="U_ALICE",
                                                   team_id=TEAM, channel_id="DU_ALICE", message=message,
                                                   block_id=actions["block_id"],
                                                   response_url=scenario.fake.response_url(name))
            assert scenario.interaction(payload)[0] == 200
            return element
    raise AssertionError(f"no item {item_text!r} in the nudge")


def test_done_marks_the_action_done_and_updates_the_nudge(engine, scenario):
    ids = seed(engine)
    nudge = _nudge(scenario)
    _click(scenario, nudge, "Done", "Send the draft contract", "done")
    reply = scenario.replies()[0]
    assert reply["replace_original"] is True
    text = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "Done: “Send the draft contract”" in text
    assert "Lars Henriksen" in text  # the other items stay as they were
    with Session(engine) as session:
        action = session.get(Action, ids["action"])
        assert action.status == "done" and action.done_at is not None
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "action.done")).one().actor == "U_ALICE"


def test_snooze_hides_an_action_and_a_cold_person_for_a_week(engine, scenario):
    ids = seed(engine)
    nudge = _nudge(scenario)
    _click(scenario, nudge, "Snooze 1 week", "Send the draft contract", "snooze-action")
    _click(scenario, nudge, "Snooze 1 week", "Lars Henriksen", "snooze-person")
    replies = scenario.replies(count=2)
    assert all("Snoozed" in json.dumps(r["blocks"], ensure_ascii=False) for r in replies)
    with Session(engine) as session:
        assert session.get(Action, ids["action"]).snoozed_until == TODAY + timedelta(days=7)
        snooze = session.exec(select(NudgeSnooze)).one()
        assert (snooze.subject, snooze.until) == (f"stakeholder:{ids['cold']}", TODAY + timedelta(days=7))
    scenario.container.clock.set(at("2026-11-24T09:00:00Z"))
    run_due(scenario.container, at("2026-11-24T09:00:00Z"))
    tomorrow = posted(scenario.fake, "U_ALICE")[-1].args
    text = json.dumps(tomorrow["blocks"], ensure_ascii=False)
    assert "account plan" in text  # still stale, not snoozed
    assert "Send the draft contract" not in text and "Lars Henriksen" not in text


def test_log_meeting_is_the_kam_log_flow_for_the_account(engine, scenario):
    ids = seed(engine)
    nudge = _nudge(scenario)
    buttons = [e for b in nudge["blocks"] if b["type"] == "actions" for e in b["elements"]
               if e["text"]["text"] == "Log meeting"]
    assert buttons and all(e["action_id"].startswith("kam_run") for e in buttons)
    assert {e["value"] for e in buttons} == {f"log #{ids['borealis']}"}


def test_someone_else_cannot_press_done_on_my_action(engine, scenario):
    ids = seed(engine)
    nudge = _nudge(scenario)
    nudge_for_mallory = dict(nudge)
    blocks = nudge_for_mallory["blocks"]
    done = [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == "Done"][0]
    payload = signing.block_action_payload(done["action_id"], done["value"], user_id="U_MALLORY", team_id=TEAM,
                                           channel_id="DU_MALLORY", response_url=scenario.fake.response_url("m"))
    scenario.interaction(payload)
    assert "Only the action's owner" in scenario.replies()[0]["text"]
    with Session(engine) as session:
        assert session.get(Action, ids["action"]).status == "open"


# ---------------------------------------------------------------------------- console and card


def test_console_review_shows_the_checklist_and_records_in_one_line(engine, scenario):
    seed(engine)
    checklist = answer_line(scenario.container, "review borealis")
    assert "Review of Borealis Logistics GmbH" in checklist and "[ ] Plan still current?" in checklist
    assert 'engagement=4 loyalty=3 outcome="what was decided"' in checklist
    refused = answer_line(scenario.container, "review borealis engagement=6 loyalty=3")
    assert "engagement" in refused and "outcome" in refused and _done_reviews(engine) == []
    recorded = answer_line(scenario.container, 'review borealis engagement=5 loyalty=4 outcome="Agreed the QBR agenda"')
    assert "recorded" in recorded and "Next review due" in recorded
    card = answer_line(scenario.container, "account borealis")
    assert "Engagement (reviews, 1-5): 5" in card and "Loyalty (reviews, 1-5): 4" in card
