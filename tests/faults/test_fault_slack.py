"""Slack's Web API failing: 429 (Retry-After honoured), 5xx, timeouts and Slack unreachable.

Reminders (the outbox) and replies reach Slack exactly once; what could not be sent stays in
the outbox and a later pass sends it. Waits of the sender are recorded, not slept (`slept`);
Slack's answers come from the fake server, scripted per method."""
from __future__ import annotations

import json

import pytest
from slack_sdk.errors import SlackApiError

from datetime import date, datetime, timezone

from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from sqlalchemy import update
from sqlmodel import Session, select

from bot.app import create_app
from bot.http import create_web_app
from bot.scheduler import run_due
from bot.slack_client import MAY_NOT_HAVE_ARRIVED, make_web_client
from faults_support import (
    assert_each_once, at, build_container, enable_history, key_account, posted, wait_until, warm_person,
)
from kam_domain.models import Delivery
from support.app_server import ServerThread, SlackScenario, free_port
from support.builders import add_account

MONDAY_9 = at("2026-11-23T09:00:00Z")


def _reminders(engine, *channels: str) -> None:
    with Session(engine, expire_on_commit=False) as session:
        for n, channel in enumerate(channels):
            warm_person(session, key_account(session, f"Account {n}", channel=channel, review_due=date(2026, 11, 26)))
        session.commit()


def _rows(engine) -> list[Delivery]:
    with Session(engine, expire_on_commit=False) as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)).all())


def _backoff_passed(engine) -> None:
    """The retry time is wall-clock; move it into the past rather than wait for it."""
    with Session(engine) as session:
        session.exec(update(Delivery).where(Delivery.retry_at.is_not(None))
                     .values(retry_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        session.commit()


# ---------------------------------------------------------------------------- reminders (the outbox)


def test_a_429_is_retried_after_the_retry_after_slack_asked_for(sqlite_engine, fake, tmp_path, slept):
    _reminders(sqlite_engine, "C_ONE", "C_TWO")
    fake.fail_next("chat.postMessage", status=429, retry_after=7)
    report = run_due(build_container(sqlite_engine, fake, tmp_path), MONDAY_9)
    assert [c.outcome for c in fake.calls("chat.postMessage")] == ["ratelimited", "ok", "ok"]
    assert 7 <= slept[0] < 8, slept  # Slack's Retry-After, waited (recorded here, not slept)
    assert len(report.send.sent) == 2 and not report.send.failed
    assert len(assert_each_once(fake)) == 2


def test_slack_5xx_for_a_while_keeps_the_reminder_until_a_later_pass_sends_it_once(engine, fake, tmp_path, slept):
    _reminders(engine, "C_ONE")
    container = build_container(engine, fake, tmp_path)
    fake.fail_next("chat.postMessage", status=503, times=10)
    report = run_due(container, MONDAY_9)
    assert report.send.failed and not report.send.sent
    [row] = _rows(engine)
    assert row.status == "pending" and row.last_error.startswith("slack 503") and row.retry_at
    assert fake.calls("conversations.history")  # looked for the key before posting again
    assert posted(fake) == []

    fake.reset()
    enable_history(fake)
    run_due(container, at("2026-11-23T09:05:00Z"))  # still backing off: nothing
    assert posted(fake) == []
    _backoff_passed(engine)
    report = run_due(container, at("2026-11-23T09:10:00Z"))
    assert len(report.send.sent) == 1
    assert len(assert_each_once(fake)) == 1 and _rows(engine)[0].status == "sent"


def test_a_post_that_timed_out_but_reached_slack_is_not_posted_again(sqlite_engine, fake, tmp_path, slept):
    """The worst case: the client gave up, yet Slack stored the message a moment later."""
    _reminders(sqlite_engine, "C_ONE")
    impatient = make_web_client("xoxb-test", fake.base_url)
    impatient.timeout = 0.5
    container = build_container(sqlite_engine, fake, tmp_path, client=impatient)
    fake.delay("chat.postMessage", 1.5)
    report = run_due(container, MONDAY_9)
    assert report.send.failed and not report.send.sent
    fake.wait_idle()  # Slack finishes what the client gave up on
    fake.delay("chat.postMessage", 0)
    assert len(posted(fake)) == 1
    [row] = _rows(sqlite_engine)
    assert row.status == "pending" and row.last_error == "TimeoutError"
    _backoff_passed(sqlite_engine)
    run_due(container, at("2026-11-23T09:10:00Z"))
    [row] = _rows(sqlite_engine)
    assert row.status == "sent" and row.slack_ts == posted(fake)[0].response["ts"]
    fake.wait_idle()
    assert len(fake.calls("chat.postMessage")) == 1, fake.methods()  # found in the history: never posted twice
    assert_each_once(fake)


def test_slack_unreachable_then_back_sends_each_reminder_once(sqlite_engine, fake, tmp_path, slept):
    _reminders(sqlite_engine, "C_ONE", "C_TWO")
    # Our retry handlers, without their real backoff between connection attempts (it is slack_sdk's).
    dead = make_web_client("xoxb-test", f"http://127.0.0.1:{free_port()}/api/")
    for handler in dead.retry_handlers:
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0)
    report = run_due(build_container(sqlite_engine, fake, tmp_path, client=dead), MONDAY_9)
    assert len(report.send.failed) == 2 and report.enqueued == 2
    assert {r.status for r in _rows(sqlite_engine)} == {"pending"}
    _backoff_passed(sqlite_engine)
    report = run_due(build_container(sqlite_engine, fake, tmp_path), at("2026-11-23T09:05:00Z"))
    assert len(report.send.sent) == 2 and report.enqueued == 0
    assert len(assert_each_once(fake)) == 2


# ---------------------------------------------------------------------------- replies


def _app(engine, fake, tmp_path):
    container = build_container(engine, fake, tmp_path)
    port = free_port()
    server = ServerThread(create_web_app(create_app(container), container), port)
    server.start()
    return server, SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container)


def test_a_reply_rate_limited_then_failing_is_not_posted_blindly_again(sqlite_engine, fake, tmp_path):
    with Session(sqlite_engine) as session:
        add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    server, scenario = _app(sqlite_engine, fake, tmp_path)
    try:
        fake.fail_next("chat.postMessage", status=429, retry_after=1)
        fake.fail_next("chat.postMessage", status=503)
        scenario.event({"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> account borealis",
                        "channel": "C_SALES", "ts": "1700000001.000100"}, event_id="Ev_FAULT")
        fake.wait_for("chat.postMessage", count=1, ok=True, timeout=20)
        calls = fake.calls("chat.postMessage")
    finally:
        server.stop()
    # the 429 is waited out; the 503 is not retried (Slack may have stored the post): the thread is
    # told the answer may not have arrived instead
    assert [c.outcome for c in calls] == ["ratelimited", "http_503", "ok"]
    assert calls[1].time - calls[0].time >= 1.0  # Retry-After honoured
    assert "Borealis" in calls[1].args["text"]
    assert calls[2].args == {"channel": "C_SALES", "thread_ts": "1700000001.000100", "text": MAY_NOT_HAVE_ARRIVED}


def test_a_nomination_while_slack_cannot_post_is_kept_and_sent_once_later(sqlite_engine, fake, tmp_path, slept):
    with Session(sqlite_engine) as session:
        add_account(session, "T_ALPHA", "Helios Foods AG", owner_user_id="U_ALICE", sponsor_user_id="U_SPONSOR",
                    channel_id="C_HELIOS")
        session.commit()
    server, scenario = _app(sqlite_engine, fake, tmp_path)
    try:
        fake.fail_next("chat.postMessage", status=503, times=20)
        scenario.command("nominate helios new plant doubles their volume")
        reply = scenario.replies()[0]
        requests = wait_until(lambda: [r for r in _rows(sqlite_engine) if r.last_error], what="the failed request DM")
    finally:
        server.stop()
    assert "sent for approval" in reply["text"], reply
    assert "Slack did not take the message to the approvers yet" in json.dumps(reply), reply
    assert requests[0].status == "pending" and requests[0].target == "U_SPONSOR"
    assert posted(fake) == []
    fake.reset()
    enable_history(fake)
    _backoff_passed(sqlite_engine)
    run_due(build_container(sqlite_engine, fake, tmp_path), MONDAY_9)
    assert [c.args["channel"] for c in posted(fake)] == ["U_SPONSOR"]
    assert_each_once(fake)


# ---------------------------------------------------------------------------- direct replies after a 5xx
#
# Slack can store a post and still answer 5xx. A reply posted through the Web API is therefore
# never retried blindly: at most one copy lands, and the conversation is told when it may be missing.


def _thread_posts(fake, channel: str, text: str) -> list[dict]:
    return [m for m in fake.history(channel) if text in m.get("text", "")]


def test_a_reply_slack_stored_but_answered_500_lands_once_and_the_thread_is_told(sqlite_engine, fake, tmp_path):
    with Session(sqlite_engine) as session:
        add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    server, scenario = _app(sqlite_engine, fake, tmp_path)
    try:
        fake.fail_after_next("chat.postMessage", status=500)
        scenario.event({"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> account borealis",
                        "channel": "C_SALES", "ts": "1700000002.000100"}, event_id="Ev_STORED_500")
        fake.wait_for("chat.postMessage", count=2, timeout=20)
        fake.wait_idle()
    finally:
        server.stop()
    assert [c.outcome for c in fake.calls("chat.postMessage")] == ["http_500", "ok"]
    assert len(_thread_posts(fake, "C_SALES", "Borealis Logistics GmbH")) == 1  # the stored one, not a second
    [notice] = _thread_posts(fake, "C_SALES", MAY_NOT_HAVE_ARRIVED)
    assert notice["thread_ts"] == "1700000002.000100"


def _no_backoff(client):
    # our retry handlers, without slack_sdk's real backoff between attempts
    for handler in client.retry_handlers:
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0)
    return client


@pytest.mark.parametrize("method, call", [
    ("chat.postEphemeral", lambda c: c.chat_postEphemeral(channel="C_SALES", user="U_ALICE", text="Your card")),
    ("chat.update", lambda c: c.chat_update(channel="C_SALES", ts=c.chat_postMessage(channel="C_SALES",
                                                                                      text="old")["ts"], text="new")),
    ("views.publish", lambda c: c.views_publish(user_id="U_ALICE", view={"type": "home", "blocks": []})),
])
def test_a_posting_method_answered_500_is_not_retried(fake, method, call):
    client = _no_backoff(make_web_client("xoxb-test", fake.base_url))
    fake.fail_after_next(method, status=500)
    with pytest.raises(SlackApiError):
        call(client)
    assert [c.outcome for c in fake.calls(method) if c.args.get("text") != MAY_NOT_HAVE_ARRIVED] == ["http_500"]
    notices = [c for c in fake.calls() if c.args.get("text") == MAY_NOT_HAVE_ARRIVED]
    if method == "chat.postEphemeral":  # a new message: the person is told, once, in the same place
        assert [(c.method, c.args["user"], c.outcome) for c in notices] == [("chat.postEphemeral", "U_ALICE", "ok")]
    else:  # an update is not a new message: no notice
        assert notices == []


def test_a_read_answered_503_is_retried(fake):
    client = _no_backoff(make_web_client("xoxb-test", fake.base_url))
    fake.fail_next("users.info", status=503)
    assert client.users_info(user="U_ALICE")["ok"]
    assert [c.outcome for c in fake.calls("users.info")] == ["http_503", "ok"]


KEYED = {"event_type": "kam_reply", "event_payload": {"key": "reply-1"}}


def test_a_keyed_post_slack_stored_is_found_in_the_history_and_not_posted_again(fake):
    client = _no_backoff(make_web_client("xoxb-test", fake.base_url))
    fake.fail_after_next("chat.postMessage", status=500)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C_SALES", text="Your card", metadata=KEYED)
    assert [c.method for c in fake.calls()] == ["chat.postMessage", "conversations.history"]
    assert len(_thread_posts(fake, "C_SALES", "Your card")) == 1
    assert _thread_posts(fake, "C_SALES", MAY_NOT_HAVE_ARRIVED) == []  # it did arrive: nothing to tell


def test_a_keyed_post_slack_did_not_store_is_posted_again_once(fake):
    client = _no_backoff(make_web_client("xoxb-test", fake.base_url))
    fake.fail_next("chat.postMessage", status=500)
    assert client.chat_postMessage(channel="C_SALES", text="Your card", metadata=KEYED)["ok"]
    assert [c.method for c in fake.calls()] == ["chat.postMessage", "conversations.history", "chat.postMessage"]
    assert len(_thread_posts(fake, "C_SALES", "Your card")) == 1


def test_a_post_whose_connection_was_refused_is_retried(fake):
    """Nothing was sent: repeating it cannot post twice."""
    refused = _no_backoff(make_web_client("xoxb-test", f"http://127.0.0.1:{free_port()}/api/"))
    answers = []
    connection = refused.retry_handlers[0]
    original = connection._can_retry
    connection._can_retry = lambda **kw: answers.append(original(**kw)) or answers[-1]
    with pytest.raises(OSError):
        refused.chat_postMessage(channel="C_SALES", text="Your card")
    assert answers == [True, True]  # both retries allowed; the third refusal is past max_retry_count
