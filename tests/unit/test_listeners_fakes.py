"""Listener functions called directly, as Slack's starter template tests them: a fake `ack`,
`respond` and Web API `client` (Slack's edge), and everything else real (the container over
SQLite, the services, the renderers). The signed-HTTP scenarios (tests/scenario) cover Bolt's
wiring of the same functions.
"""
from __future__ import annotations

import json
import logging
import re
from types import SimpleNamespace

import pytest
from sqlmodel import select

from bot.bootstrap import Container
from bot.context import RequestContext
from bot.listeners import actions, commands, plans, reviews
from bot.listeners.reply import NOTHING_TO_SEND, deliver
from bot.render import plans_common as plan_ids
from bot.render import reviews as review_ids
from bot.render.blocks import RUN_ACTION
from bot.settings import load_settings
from kam_domain.clock import FixedClock
from kam_domain.models import Review
from kam_domain.services.authz import Actor
from kam_domain.store.engine import make_engine
from support.builders import add_account, add_stakeholder
from support.constants import NOW

ADMIN = Actor(team_id="T_ALPHA", user_id="U0ADMIN", is_admin=True)
RESPONSE_URL = "https://hooks.slack.com/actions/T_ALPHA/1/abc"
REFERENCE = re.compile(r"reference `([0-9A-F]{8})`")


class Recorder:
    """A fake `ack` or `respond`: records the keyword arguments of each call."""

    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, **kwargs):
        self.calls.append(kwargs)


class FakeClient:
    """A fake Web API client: records each method called with its arguments and answers ok."""

    def __init__(self):
        self.calls: list[tuple[str, dict]] = []

    def __getattr__(self, method: str):
        if method.startswith("_"):
            raise AttributeError(method)

        def call(**kwargs):
            self.calls.append((method, kwargs))
            return {"ok": True}

        return call

    def made(self, method: str) -> list[dict]:
        return [kwargs for name, kwargs in self.calls if name == method]


def _container(engine, tmp_path) -> Container:
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA", KAM_ADMINS="U0ADMIN")
    return Container(settings, engine=engine, clock=FixedClock(NOW))


@pytest.fixture
def world(sqlite_engine, tmp_path):
    container = _container(sqlite_engine, tmp_path)
    with container.uow() as uow:
        account = add_account(uow.session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U0ADMIN")
        person = add_stakeholder(uow.session, account, "Lars Henriksen", title="COO", owner_user_id="U0ADMIN")
        uow.commit()
        ids = SimpleNamespace(account=account.id, person=person.id)
    return SimpleNamespace(container=container, ids=ids, client=FakeClient(), respond=Recorder(), ack=Recorder())


def _done_reviews(container) -> list[tuple[str, int]]:
    with container.uow() as uow:
        return [(r.outcome, r.engagement_rating) for r in uow.session.exec(select(Review)).all() if r.done_at]


# --------------------------------------------------------------------------- the slash command


def test_slash_command_that_does_not_parse_is_answered_in_the_ack(world):
    commands.ack_kam(ack=world.ack, command={"text": "frobnicate Borealis"}, container=world.container)

    assert len(world.ack.calls) == 1
    answer = world.ack.calls[0]
    assert answer["response_type"] == "ephemeral" and "frobnicate" in answer["text"]


def test_slash_command_runs_lazily_and_answers_through_the_response_url(world):
    command = {"text": "account Borealis", "channel_id": "C_KAM", "trigger_id": "1.2.3"}
    commands.ack_kam(ack=world.ack, command=command, container=world.container)
    commands.run_kam(command=command, actor=ADMIN, container=world.container, client=world.client,
                     respond=world.respond)

    assert world.ack.calls == [{}]
    assert len(world.respond.calls) == 1
    reply = world.respond.calls[0]
    assert reply["text"].startswith("Borealis Logistics GmbH")
    assert any("Borealis" in json.dumps(block) for block in reply["blocks"])


def test_an_unexpected_failure_is_an_apology_with_the_logged_reference_never_the_exception(tmp_path, caplog):
    broken = make_engine(f"sqlite:///{tmp_path}/no-such-folder/kam.sqlite3")  # fails at first use
    container = _container(broken, tmp_path)
    respond = Recorder()
    with caplog.at_level(logging.ERROR, logger="kam"):
        commands.run_kam(command={"text": "account Borealis", "channel_id": "C_KAM"}, actor=ADMIN,
                         container=container, client=FakeClient(), respond=respond)
    broken.dispose()

    (reply,) = respond.calls
    reference = REFERENCE.search(reply["text"]).group(1)
    assert "Sorry, something went wrong" in reply["text"]
    assert "no-such-folder" not in json.dumps(reply) and "OperationalError" not in json.dumps(reply)
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info is not None


# --------------------------------------------------------------------------- buttons


def test_kam_run_button_on_app_home_answers_by_dm(world):
    """App Home clicks come without a response_url: the answer goes to the clicker's DM."""
    body = {"view": {"type": "home"}, "trigger_id": "1.2.3"}
    action = {"action_id": f"{RUN_ACTION}:0", "value": "account Borealis"}
    actions.run_button(body=body, action=action, actor=ADMIN, container=world.container, client=world.client,
                       respond=world.respond)

    assert world.respond.calls == []
    (posted,) = world.client.made("chat_postMessage")
    assert posted["channel"] == "U0ADMIN" and posted["text"].startswith("Borealis Logistics GmbH")


def test_start_review_button_opens_the_review_form(world):
    body = {"channel": {"id": "C_KAM"}, "trigger_id": "1.2.3", "response_url": RESPONSE_URL}
    reviews.start_review(body=body, action={"action_id": review_ids.START_REVIEW, "value": str(world.ids.account)},
                         actor=ADMIN, container=world.container, client=world.client, respond=world.respond)

    (opened,) = world.client.made("views_open")
    assert opened["trigger_id"] == "1.2.3"
    assert opened["view"]["callback_id"] == review_ids.REVIEW_FORM
    assert world.respond.calls == []


def test_a_button_from_another_workspace_is_told_it_no_longer_exists(world):
    stranger = Actor(team_id="T_BETA", user_id="U0BETA", is_admin=True)
    body = {"channel": {"id": "C_KAM"}, "trigger_id": "1.2.3", "response_url": RESPONSE_URL}
    reviews.start_review(body=body, action={"action_id": review_ids.START_REVIEW, "value": str(world.ids.account)},
                         actor=stranger, container=world.container, client=world.client, respond=world.respond)

    assert world.client.made("views_open") == []
    (reply,) = world.respond.calls
    assert "no longer exists in this workspace" in reply["text"] and reply["response_type"] == "ephemeral"


def test_log_as_meeting_shortcut_opens_the_log_form_with_the_message(world):
    """A shortcut is no action: its payload arrives as `shortcut`."""
    shortcut = {"type": "message_action", "callback_id": plan_ids.LOG_SHORTCUT, "trigger_id": "1.2.3",
                "channel": {"id": "C_KAM"}, "response_url": RESPONSE_URL,
                "message": {"ts": str(NOW.timestamp()), "text": "Met Lars: renewal is on track."}}
    plans.open_log_from_message(body=shortcut, shortcut=shortcut, actor=ADMIN, container=world.container,
                                client=world.client, respond=world.respond)

    (opened,) = world.client.made("views_open")
    assert opened["view"]["callback_id"] == plan_ids.LOG_MESSAGE_FORM
    assert "Met Lars: renewal is on track." in json.dumps(opened["view"])
    assert world.respond.calls == []


# --------------------------------------------------------------------------- "nothing to send"


def test_nudge_answer_replaces_the_item_and_sends_nothing_more(world):
    item = {"type": "section", "block_id": "nudge_item_1", "text": {"type": "mrkdwn", "text": "Call Lars"}}
    body = {"response_url": RESPONSE_URL, "message": {"text": "Check-ins", "blocks": [item]}}
    action = {"action_id": review_ids.NUDGE_SNOOZE, "value": f"stakeholder:{world.ids.person}",
              "block_id": "nudge_item_1"}
    reviews.answer_nudge(body=body, action=action, actor=ADMIN, container=world.container, client=world.client,
                         respond=world.respond)

    (replaced,) = world.respond.calls  # the message in place, and no second reply
    assert replaced["replace_original"] is True
    assert "Snoozed the check-in with Lars Henriksen" in json.dumps(replaced["blocks"])
    assert world.client.calls == []


def test_deliver_sends_nothing_for_nothing_to_send(world):
    sent = []
    ctx = RequestContext(world.container, ADMIN, client=world.client)

    assert deliver(ctx, lambda: NOTHING_TO_SEND, sent.append, "test") is NOTHING_TO_SEND
    assert sent == [] and world.client.calls == []


# --------------------------------------------------------------------------- a modal submission


def _review_view(container, account_id: int, **answers) -> dict:
    """The review form as the real builder makes it, with the person's answers in its state."""
    from bot.render.reviews import review_modal
    from kam_domain.services import reviews as review_service

    checklist = review_service.review_checklist(container.uow(), ADMIN, account_id, container.clock.today())
    view = container.wiring.build_view(review_modal(checklist, "C_KAM"))
    values = {}
    for block, answer in answers.items():
        kind = "selected_option" if block in ("plan", "objectives", "coverage") else "value"
        values[block] = {"value": {kind: {"value": answer} if kind == "selected_option" else answer}}
    return {**view, "id": "V1", "state": {"values": values}}


def test_review_form_with_field_errors_is_refused_on_those_fields_and_writes_nothing(world):
    view = _review_view(world.container, world.ids.account, engagement="9", loyalty="3", outcome="  ")
    context: dict = {}
    reviews.REVIEW_SUBMISSION["ack"](ack=world.ack, view=view, actor=ADMIN, container=world.container,
                                     context=context, client=world.client)

    (refused,) = world.ack.calls
    assert refused["response_action"] == "errors"
    assert set(refused["errors"]) == {"engagement", "outcome"}
    assert refused["errors"]["outcome"].startswith("Write the outcome")
    assert _done_reviews(world.container) == [] and context == {}
    reviews.REVIEW_SUBMISSION["lazy"][0](view=view, actor=ADMIN, container=world.container, context=context,
                                         client=world.client)
    assert world.client.calls == []


def test_review_form_saved_in_the_ack_and_confirmed_after_it(world):
    view = _review_view(world.container, world.ids.account, plan="yes", objectives="on_track", coverage="good",
                        engagement="4", loyalty="3", outcome="Renewal agreed; Lars sends the PO.")
    context: dict = {}
    reviews.REVIEW_SUBMISSION["ack"](ack=world.ack, view=view, actor=ADMIN, container=world.container,
                                     context=context, client=world.client)

    assert world.ack.calls == [{}]
    assert world.client.calls == []  # over HTTP the confirmation waits for the lazy listener
    assert _done_reviews(world.container) == [("Renewal agreed; Lars sends the PO.", 4)]

    reviews.REVIEW_SUBMISSION["lazy"][0](view=view, actor=ADMIN, container=world.container, context=context,
                                         client=world.client)
    (confirmation,) = world.client.made("chat_postMessage")
    assert confirmation["channel"] == "U0ADMIN" and "Borealis" in confirmation["text"]


def test_in_socket_mode_the_confirmation_follows_the_ack_at_once(world):
    """Socket Mode acks as soon as `ack()` is called, so the follow-up runs in the ack listener."""
    view = _review_view(world.container, world.ids.account, plan="yes", objectives="on_track", coverage="good",
                        engagement="4", loyalty="3", outcome="Renewal agreed.")
    context = {"listener_runner": SimpleNamespace(process_before_response=False)}
    reviews.REVIEW_SUBMISSION["ack"](ack=world.ack, view=view, actor=ADMIN, container=world.container,
                                     context=context, client=world.client)

    assert world.ack.calls == [{}]
    assert len(world.client.made("chat_postMessage")) == 1
