"""`/kam` over real HTTP into the real app; assertions on what reached the fake Slack."""
from __future__ import annotations

import json
import time

from sqlalchemy import text
from sqlmodel import Session, select

from bot.errors import apology

from kam_domain.models import Account, ProcessedEvent
from support import signing
from support.builders import add_account, two_workspaces_with_borealis


def _seed(engine):
    with Session(engine) as session:
        two_workspaces_with_borealis(session)
        add_account(session, "T_ALPHA", "Vantor Energy AS", tier="key")
        add_account(session, "T_ALPHA", "Vantor Health Ltd")
        session.commit()


def _texts(blocks) -> str:
    return json.dumps(blocks)


def test_signed_account_command_is_acked_fast_and_the_card_reaches_slack(engine, scenario):
    _seed(engine)
    started = time.monotonic()
    status, _headers, body = scenario.command("account borealis")
    ack_seconds = time.monotonic() - started
    assert status == 200
    assert ack_seconds < 3.0  # Slack's limit; the benchmark measures the real figure
    reply = scenario.replies()[0]
    assert reply["response_type"] == "ephemeral"
    rendered = _texts(reply["blocks"])
    assert "Borealis Logistics GmbH" in rendered
    assert "Key account" in rendered
    assert "Secret Beta Industry" not in rendered  # the other workspace's same-named account
    assert "Logistics" in rendered


def test_unsigned_and_replayed_requests_get_401_and_run_nothing(engine, scenario):
    _seed(engine)
    body, content_type = signing.slash_command_body("account borealis", team_id="T_ALPHA",
                                                     response_url=scenario.fake.response_url("x"))
    status, _, _ = signing.post_signed(scenario.url, body, content_type, "wrong-secret")
    assert status == 401
    status, _, _ = scenario.command("account borealis", timestamp=int(time.time()) - 6 * 60)
    assert status == 401
    import urllib.request

    request = urllib.request.Request(scenario.url, data=body.encode(), headers={"Content-Type": content_type})
    try:
        urllib.request.urlopen(request, timeout=5)
        raise AssertionError("an unsigned request was accepted")
    except urllib.error.HTTPError as exc:
        assert exc.code == 401
    scenario.settle()  # a wrongly started lazy listener would have answered by now
    assert scenario.fake.calls("response_url") == []


def test_usage_error_is_answered_in_the_ack_and_nothing_else_happens(engine, scenario):
    _seed(engine)
    status, _, body = scenario.command("accounts sideways")
    assert status == 200
    answer = json.loads(body)
    assert answer["response_type"] == "ephemeral"
    assert "Usage: `/kam accounts" in answer["text"]
    status, _, body = scenario.command("acount borealis")
    assert "Did you mean `account`" in json.loads(body)["text"]


def test_ambiguous_account_asks_which_one_and_the_button_answers(engine, scenario):
    _seed(engine)
    scenario.command("account vantor")
    reply = scenario.replies()[0]
    actions = [b for b in reply["blocks"] if b["type"] == "actions"][0]["elements"]
    assert [e["text"]["text"] for e in actions] == ["Vantor Energy AS", "Vantor Health Ltd"]
    chosen = actions[1]
    payload = signing.block_action_payload(chosen["action_id"], chosen["value"], team_id="T_ALPHA",
                                           channel_id="C_GENERAL", response_url=scenario.fake.response_url("btn"))
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    card = scenario.replies(count=2)[1]
    assert "Vantor Health Ltd" in _texts(card["blocks"])


def test_a_button_cannot_reach_another_workspaces_account(engine, scenario):
    _seed(engine)
    with Session(engine) as session:
        beta_id = session.exec(select(Account.id).where(Account.team_id == "T_BETA")).first()
    payload = signing.block_action_payload("kam_run:open:1", f"account #{beta_id}", team_id="T_ALPHA",
                                           response_url=scenario.fake.response_url("forged"))
    scenario.interaction(payload)
    reply = scenario.replies()[0]
    assert "no longer exists in this workspace" in reply["text"]
    assert "Secret Beta" not in _texts(reply["blocks"])


def test_unknown_failure_gets_an_apology_with_a_reference_not_the_exception(engine, scenario):
    _seed(engine)
    # a fault at the edge, not a patched function: the database loses a table the card reads
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE stakeholder RENAME TO stakeholder_hunter2"))
    try:
        scenario.command("account borealis")
        reply = scenario.replies()[0]
    finally:
        with engine.begin() as connection:
            connection.execute(text("ALTER TABLE stakeholder_hunter2 RENAME TO stakeholder"))
    assert apology("").split(" (reference")[0] in reply["text"] and "(reference `" in reply["text"]
    leaked = json.dumps(reply).lower()
    assert "hunter2" not in leaked and "stakeholder" not in leaked and "sql" not in leaked


def test_app_home_lists_my_accounts(engine, scenario):
    _seed(engine)
    status, _, _ = scenario.event({"type": "app_home_opened", "user": "U_ALICE", "channel": "D1", "tab": "home"})
    assert status == 200
    published = scenario.fake.wait_for("views.publish")[0].args
    assert published["user_id"] == "U_ALICE"
    rendered = _texts(published["view"])
    assert "Borealis Logistics GmbH" in rendered and "you are the KAM" in rendered
    assert "Vantor" not in rendered  # not hers


def test_mention_is_answered_in_thread_and_a_retried_event_only_once(engine, scenario):
    _seed(engine)
    event = {"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> account borealis", "channel": "C_SALES",
             "ts": "1700000001.000100"}
    scenario.event(event, event_id="Ev_ONCE")
    scenario.event(event, event_id="Ev_ONCE", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    scenario.fake.wait_for("chat.postMessage")
    scenario.settle()  # every listener the two deliveries started has finished
    posted = scenario.fake.calls("chat.postMessage")
    assert len(posted) == 1
    assert posted[0].args["thread_ts"] == "1700000001.000100"
    assert "Borealis Logistics GmbH" in _texts(posted[0].args["blocks"])
    with Session(engine) as session:
        assert len(session.exec(select(ProcessedEvent)).all()) == 1


def test_bot_messages_are_ignored(engine, scenario):
    _seed(engine)
    scenario.event({"type": "message", "channel_type": "im", "user": "U_OTHERBOT", "bot_id": "B_OTHER",
                    "text": "account borealis", "channel": "D_ALICE", "ts": "1700000002.000100"})
    scenario.event({"type": "message", "channel_type": "im", "user": "U_ALICE", "text": "account borealis",
                    "channel": "D_ALICE", "ts": "1700000003.000100"})
    posted = scenario.fake.wait_for("chat.postMessage")
    scenario.settle()
    assert len(scenario.fake.calls("chat.postMessage")) == 1
    assert posted[0].args["channel"] == "D_ALICE"
