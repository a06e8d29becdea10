"""Plain language through the real app: signed `app_mention` and `message.im` events in, the
replies the fake Slack recorded out; buttons clicked as Slack posts them."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from kam_domain.models import ConversationMemory, Interaction, InteractionAttendee
from support import signing

pytestmark = pytest.mark.slow
WAIT = 60.0  # the first message encodes the exemplars


def _said(message_args) -> str:
    return json.dumps(message_args.get("blocks") or []) + (message_args.get("text") or "")


def _dm(scenario, text, ts=None, thread_ts=None):
    event = signing.message_event(text, user_id="U_ALICE", channel_id="D_ALICE", ts=ts, thread_ts=thread_ts,
                                  channel_type="im")
    scenario.event(event)
    return event


def _mention(scenario, text, channel="C_SALES", ts=None, thread_ts=None):
    event = signing.message_event(f"<@U_BOT> {text}", user_id="U_ALICE", channel_id=channel, ts=ts,
                                  thread_ts=thread_ts, event_type="app_mention")
    scenario.event(event)
    return event


def _posted(scenario, count):
    return [c.args for c in scenario.fake.wait_for("chat.postMessage", count=count, timeout=WAIT)][count - 1]


def _buttons(message_args) -> list[dict]:
    return [e for b in message_args["blocks"] if b["type"] == "actions" for e in b["elements"]]


def _click(scenario, element, name):
    payload = signing.block_action_payload(element["action_id"], element["value"], user_id="U_ALICE",
                                           team_id="T_ALPHA", channel_id="D_ALICE",
                                           response_url=scenario.fake.response_url(name))
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def _interactions(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Interaction)).one()


def test_a_dm_with_a_typo_gets_the_account_card_in_its_thread(language_scenario):
    scenario, _store = language_scenario
    event = _dm(scenario, "tell me about borealsi logistics")
    reply = _posted(scenario, 1)
    assert reply["channel"] == "D_ALICE" and reply["thread_ts"] == event["ts"]
    assert "Borealis Logistics GmbH" in _said(reply)


def test_a_mention_asking_for_the_economic_buyer_names_the_person(language_scenario):
    scenario, _store = language_scenario
    _mention(scenario, "who's the EB at vantor energy?")
    said = _said(_posted(scenario, 1))
    assert "Erik Dahl" in said and "Economic buyer at Vantor Energy AS" in said


def test_an_ambiguous_account_gets_buttons_and_the_click_answers(language_scenario):
    scenario, _store = language_scenario
    _mention(scenario, "who's the EB at vantor?")
    question = _posted(scenario, 1)
    assert "Which account do you mean" in question["text"]
    buttons = _buttons(question)
    assert [b["text"]["text"] for b in buttons] == ["Vantor Energy AS", "Vantor Health Ltd"]
    _click(scenario, buttons[1], "choice")
    answer = scenario.replies()[0]
    said = json.dumps(answer["blocks"])
    assert "Economic buyer at Vantor Health Ltd: Sofia Rossi" in said


def test_a_logged_meeting_is_confirmed_before_it_is_written(language_scenario, engine):
    scenario, store = language_scenario
    _dm(scenario, "met Ana Ruiz today, she's keen, send contract Fri")
    confirm = _posted(scenario, 1)
    assert "Log a meeting at Acme Retail Group" in confirm["text"]
    yes, cancel = _buttons(confirm)[:2]
    assert yes["text"]["text"] == "Yes, do it" and cancel["text"]["text"] == "Cancel"
    assert yes["value"] == f"log #{store.accounts['acme']} Met Ana Ruiz today, she's keen, send contract Fri"
    assert _interactions(engine) == 0  # nothing written yet
    _click(scenario, yes, "confirm")
    scenario.replies()
    assert _interactions(engine) == 1
    with Session(engine) as session:
        logged = session.exec(select(Interaction)).one()
        attendees = session.exec(select(InteractionAttendee.stakeholder_id)).all()
    assert logged.account_id == store.accounts["acme"]
    assert attendees == [store.people["Ana Ruiz"]]


def test_cancel_writes_nothing(language_scenario, engine):
    scenario, _store = language_scenario
    _dm(scenario, "nominate helios foods, their new plant doubles volume")
    _yes, cancel = _buttons(_posted(scenario, 1))[:2]
    _click(scenario, cancel, "cancel")
    assert "nothing was written" in scenario.replies()[0]["text"]


def test_a_thread_keeps_the_account_and_the_person(language_scenario, engine):
    scenario, store = language_scenario
    first = _dm(scenario, "who's the CFO at acme?")
    assert "Ana Ruiz" in _said(_posted(scenario, 1))
    _dm(scenario, "and who's their champion?", thread_ts=first["ts"])
    assert "Jonas Berg" in _said(_posted(scenario, 2))
    _dm(scenario, "log that I called her today", thread_ts=first["ts"])
    confirm = _posted(scenario, 3)
    assert confirm["thread_ts"] == first["ts"]
    yes = _buttons(confirm)[0]
    assert yes["value"] == f"log #{store.accounts['acme']} I called Ana Ruiz today"
    with Session(engine) as session:
        memory = session.get(ConversationMemory, ("T_ALPHA", "D_ALICE", first["ts"]))
    assert memory.account_id == store.accounts["acme"] and memory.last_intent == "log"


def test_a_question_in_an_account_channel_is_about_that_account(language_scenario):
    scenario, _store = language_scenario
    _mention(scenario, "who's the EB here?", channel="C_ACME")
    assert "Ana Ruiz" in _said(_posted(scenario, 1))


def test_nonsense_gets_what_i_can_do(language_scenario):
    scenario, _store = language_scenario
    _dm(scenario, "bananas are yellow")
    said = _said(_posted(scenario, 1))
    assert "I'm not sure what you mean" in said and "plan" in said


def test_a_retried_event_is_answered_once_and_bots_are_never_answered(language_scenario, engine):
    from kam_domain.models import ProcessedEvent

    scenario, _store = language_scenario
    mention = signing.message_event("<@U_BOT> who's the EB at vantor energy?", user_id="U_ALICE", channel_id="C_SALES",
                                    event_type="app_mention")
    scenario.event(mention, event_id="Ev_LANG_ONCE")
    assert "Erik Dahl" in _said(_posted(scenario, 1))
    status, _, _ = scenario.event(mention, event_id="Ev_LANG_ONCE",
                                  headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert status == 200
    own = signing.message_event("who's the EB at vantor energy?", user_id="U_BOT", channel_id="D_ALICE",
                                channel_type="im")
    scenario.event(own)  # our own words in the DM, even without a bot_id
    scenario.event(dict(own, bot_id="B_BOT"))
    scenario.event(dict(signing.message_event("<@U_BOT> plan for acme", user_id="U_OTHERBOT", channel_id="C_SALES",
                                              event_type="app_mention"), bot_id="B_OTHER"))
    scenario.event(dict(signing.message_event("tell me about acme", user_id="U_ALICE", channel_id="D_ALICE",
                                              channel_type="im"), subtype="message_changed"))
    _dm(scenario, "who's the CFO at acme?")  # a person asks next: the only other answer
    assert "Ana Ruiz" in _said(_posted(scenario, 2))
    assert len(scenario.fake.calls("chat.postMessage")) == 2
    with Session(engine) as session:
        assert len(session.exec(select(ProcessedEvent).where(ProcessedEvent.event_id == "Ev_LANG_ONCE")).all()) == 1


def test_an_unclear_ask_gets_a_question_with_buttons_and_the_click_answers(language_scenario):
    scenario, store = language_scenario
    _dm(scenario, "kestrel renewal")
    question = _posted(scenario, 1)
    assert question["text"] == "What would you like for Kestrel Aerospace Inc?"
    buttons = {b["text"]["text"]: b for b in _buttons(question)}
    assert len(buttons) >= 2 and "Account card" in buttons
    assert buttons["Account card"]["value"] == f"account #{store.accounts['kestrel']}"
    _click(scenario, buttons["Account card"], "choice")
    assert "Kestrel Aerospace Inc" in json.dumps(scenario.replies()[0])


def test_a_mention_with_typos_then_a_thread_follow_up_by_title(language_scenario):
    scenario, store = language_scenario
    first = _mention(scenario, "who's the champoin at acme retial?")
    answer = _posted(scenario, 1)
    assert answer["thread_ts"] == first["ts"] and "Jonas Berg" in _said(answer)
    _mention(scenario, "and the CFO?", thread_ts=first["ts"])
    follow = _posted(scenario, 2)
    assert follow["thread_ts"] == first["ts"] and "Ana Ruiz" in _said(follow)
    _mention(scenario, "had lunch with her today, she wants the 3 year deal", thread_ts=first["ts"])
    confirm = _posted(scenario, 3)
    assert _buttons(confirm)[0]["value"] == \
        f"log #{store.accounts['acme']} Had lunch with Ana Ruiz today, she wants the 3 year deal"
