"""The strict fake Slack refuses what Slack refuses, with Slack's error (support/slack_rules.py)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from support import slack_rules
from support.fake_slack import FakeSlack
from support.web_api import client, refused


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def button(**fields) -> dict:
    return {"type": "button", "text": plain("Open"), "action_id": "open", **fields}


def modal(**fields) -> dict:
    return {"type": "modal", "title": plain("Log a meeting"), "blocks": [], **fields}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(channels=("C_SALES",)) as server:
        yield server


# --------------------------------------------------------------------------- Block Kit rules


@pytest.mark.parametrize("blocks, broken", [
    ([{"type": "header", "text": mrkdwn("*Acme*")}], "blocks[0].text must be plain_text"),
    ([{"type": "header", "text": plain("x" * 151)}], "at most 150"),
    ([{"type": "section", "text": mrkdwn("x" * 3001)}], "at most 3000"),
    ([{"type": "section", "fields": [mrkdwn("f")] * 11}], "at most 10"),
    ([{"type": "section", "fields": [mrkdwn("x" * 2001)]}], "at most 2000"),
    ([{"type": "section"}], "needs text or fields"),
    ([{"type": "section", "text": mrkdwn("")}], "non-empty"),
    ([{"type": "actions", "elements": [button(text=mrkdwn("Open"))]}], "must be plain_text"),
    ([{"type": "actions", "elements": [button(text=plain("x" * 76))]}], "at most 75"),
    ([{"type": "actions", "elements": [button(value="v" * 2001)]}], "value must be at most 2000"),
    ([{"type": "actions", "elements": [button(action_id="a" * 256)]}], "action_id must be at most 255"),
    ([{"type": "actions", "elements": [button()] * 26}], "1..25"),
    ([{"type": "context", "elements": [mrkdwn("c")] * 11}], "1..10"),
    ([{"type": "section", "text": mrkdwn("s"), "block_id": "b" * 256}], "block_id must be at most 255"),
    ([{"type": "carousel"}], "not a Block Kit block"),
    ([{"type": "actions", "elements": [{"type": "slider"}]}], "not allowed here"),
    ([{"type": "divider"}] * 51, "at most 50 blocks"),
])
def test_message_blocks_slack_refuses(blocks, broken) -> None:
    error, reason = slack_rules.check_message({"text": "t", "blocks": blocks})
    assert error == "invalid_blocks" and broken in reason


def test_message_blocks_slack_accepts() -> None:
    blocks = [{"type": "header", "text": plain("x" * 150)},
              {"type": "section", "text": mrkdwn("x" * 3000), "fields": [mrkdwn("y" * 2000)] * 10,
               "accessory": button(value="v" * 2000)},
              {"type": "context", "elements": [mrkdwn("c")] * 10},
              {"type": "actions", "elements": [button(action_id=f"a{i}") for i in range(25)]},
              {"type": "divider"}]
    assert slack_rules.check_message({"text": "t", "blocks": blocks + [{"type": "divider"}] * 45}) is None


@pytest.mark.parametrize("view, broken", [
    (modal(title=plain("x" * 25)), "view.title.text must be at most 24"),
    (modal(title=mrkdwn("Plan")), "view.title must be plain_text"),
    (modal(title=None), "view.title is required"),
    (modal(submit=plain("x" * 25)), "view.submit.text must be at most 24"),
    (modal(close=plain("x" * 25)), "view.close.text must be at most 24"),
    (modal(callback_id="c" * 256), "callback_id must be at most 255"),
    (modal(private_metadata="m" * 3001), "private_metadata must be at most 3000"),
    (modal(blocks=[{"type": "divider"}] * 101), "at most 100 blocks"),
    (modal(blocks=[{"type": "input", "label": plain("Notes"), "element": {"type": "plain_text_input"}}]),
     "submit is required"),
    ({"type": "dialog", "blocks": []}, "modal or home"),
])
def test_views_slack_refuses(view, broken) -> None:
    reason = slack_rules.check_view(view)
    assert reason and broken in reason


def test_views_slack_accepts() -> None:
    assert slack_rules.check_view(modal(title=plain("x" * 24), submit=plain("s" * 24), private_metadata="m" * 3000,
                                        blocks=[{"type": "divider"}] * 100)) is None
    assert slack_rules.check_view({"type": "home", "blocks": [{"type": "divider"}] * 100}) is None


def test_scopes_come_from_the_manifest() -> None:
    scopes = slack_rules.manifest_bot_scopes()
    assert {"chat:write", "im:history", "users:read.email"} <= scopes and "team:read" not in scopes
    assert slack_rules.scope_for("conversations.history", {"channel": "G1"}) == "groups:history"


# --------------------------------------------------------------------------- the fake answers like Slack


def test_invalid_blocks_and_views_answered_like_slack(fake: FakeSlack) -> None:
    web = client(fake)
    body = refused(fake, lambda: web.chat_postMessage(channel="C_SALES", text="t",
                                                      blocks=[{"type": "header", "text": mrkdwn("x")}]),
                   "invalid_blocks")
    assert "plain_text" in body["response_metadata"]["messages"][0]
    refused(fake, lambda: web.views_open(trigger_id=fake.new_trigger_id(), view=modal(title=plain("x" * 25))),
            "invalid_arguments")


def test_unknown_method_tokens_and_scopes(fake: FakeSlack) -> None:
    refused(fake, lambda: client(fake).api_call("chat.postMassage"), "unknown_method")
    refused(fake, lambda: WebClient(base_url=fake.base_url).auth_test(), "not_authed")
    refused(fake, lambda: client(fake, "xoxb-stolen").auth_test(), "invalid_auth")
    fake.set_token("xoxb-narrow", "T_ALPHA", scopes=["chat:write"])
    body = refused(fake, lambda: client(fake, "xoxb-narrow").users_info(user="U1"), "missing_scope")
    assert body["needed"] == "users:read"
    fake.revoke_token("xoxb-test")
    refused(fake, lambda: client(fake).auth_test(), "invalid_auth")


def test_leniency_is_asked_for_by_name() -> None:
    with FakeSlack().allow("unknown_method") as lenient:
        assert client(lenient).api_call("admin.unknownThing")["ok"] is True
    with FakeSlack(strict=False) as loose:
        assert client(loose, "xoxb-anything").chat_postMessage(channel="C_ANY", text="t")["ok"] is True
    with pytest.raises(ValueError, match="no such rule"):
        FakeSlack().allow("everything")


def test_required_arguments_channels_and_messages(fake: FakeSlack) -> None:
    web = client(fake)
    refused(fake, lambda: web.chat_postMessage(channel="C_SALES"), "no_text")
    refused(fake, lambda: web.api_call("chat.postMessage", json={"text": "t"}), "channel_not_found")
    refused(fake, lambda: web.chat_postMessage(channel="G_PRIVATE", text="t"), "channel_not_found")
    refused(fake, lambda: web.chat_postMessage(channel="C_ELSEWHERE", text="t"), "not_in_channel")
    fake.set_channel("C_PUBLIC", is_member=False)
    refused(fake, lambda: web.chat_postMessage(channel="C_PUBLIC", text="t"), "not_in_channel")
    assert web.conversations_info(channel="C_PUBLIC")["channel"]["is_member"] is False
    assert web.conversations_info(channel="C_SALES")["channel"]["is_member"] is True
    refused(fake, lambda: web.api_call("chat.postEphemeral", json={"channel": "C_SALES", "text": "t"}),
            "invalid_arguments")
    refused(fake, lambda: web.chat_update(channel="C_SALES", ts="1.000001", text="t"), "message_not_found")
    ts = web.chat_postMessage(channel="C_SALES", text="first")["ts"]
    assert web.chat_update(channel="C_SALES", ts=ts, text="second")["ok"]
    assert web.chat_postMessage(channel="U_ALICE", text="a DM")["channel"] == "DU_ALICE"
    opened = web.conversations_open(users="U_BOB,U_CAROL")["channel"]["id"]
    assert web.chat_postMessage(channel=opened, text="group DM")["ok"]
    assert [m["text"] for m in fake.history("C_SALES")] == ["second"]


def test_trigger_ids_expire_and_are_good_once(fake: FakeSlack) -> None:
    web = client(fake)
    trigger = fake.new_trigger_id()
    assert web.views_open(trigger_id=trigger, view=modal())["ok"]
    refused(fake, lambda: web.views_open(trigger_id=trigger, view=modal()), "exchanged_trigger_id")
    late = fake.new_trigger_id()
    fake.advance(3.5)
    refused(fake, lambda: web.views_open(trigger_id=late, view=modal()), "expired_trigger_id")
    refused(fake, lambda: web.views_open(trigger_id="t1", view=modal()), "invalid_trigger_id")


def _post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_response_url_five_uses_in_thirty_minutes(fake: FakeSlack) -> None:
    url = fake.response_url("cmd")
    assert [_post_json(url, {"text": f"reply {i}"})[0] for i in range(5)] == [200] * 5
    assert _post_json(url, {"text": "sixth"}) == (404, {"ok": False, "error": "used_url", "response_metadata": {
        "messages": ["[ERROR] use 6 of a response_url good for 5"]}})
    late = fake.response_url("late")
    fake.advance(31 * 60)
    assert _post_json(late, {"text": "too late"})[1]["error"] == "expired_url"
    fresh = fake.response_url("fresh")
    assert _post_json(fresh, {"text": "t", "blocks": [{"type": "header", "text": mrkdwn("x")}]})[1]["error"] == "invalid_blocks"
    fake.expect_refusal("used_url", "expired_url", "invalid_blocks")
    assert [c.outcome for c in fake.refusals()] == ["error:used_url", "error:expired_url", "error:invalid_blocks"]


def test_unexpected_refusal_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="invalid_blocks"):
        with FakeSlack(channels=("C1",)) as strict:
            with pytest.raises(SlackApiError):
                client(strict).chat_postMessage(channel="C1", text="t", blocks=[{"type": "nope"}])


def test_history_honours_oldest_latest_limit_cursor_and_metadata(fake: FakeSlack) -> None:
    web = client(fake)
    start = fake.now()
    sent = []
    for i in range(5):
        sent.append(web.chat_postMessage(channel="C_SALES", text=f"m{i}",
                                         metadata={"event_type": "kam", "event_payload": {"key": f"k{i}"}})["ts"])
        fake.advance(60)
    page = web.conversations_history(channel="C_SALES", limit=2)
    assert [m["text"] for m in page["messages"]] == ["m4", "m3"] and page["has_more"]
    assert all("metadata" not in m for m in page["messages"])
    rest = web.conversations_history(channel="C_SALES", limit=2, cursor=page["response_metadata"]["next_cursor"],
                                     include_all_metadata=True)
    assert [m["metadata"]["event_payload"]["key"] for m in rest["messages"]] == ["k2", "k1"]
    window = web.conversations_history(channel="C_SALES", oldest=sent[1], latest=sent[3])
    assert [m["text"] for m in window["messages"]] == ["m2"]
    inclusive = web.conversations_history(channel="C_SALES", oldest=sent[1], latest=sent[3], inclusive=True)
    assert [m["text"] for m in inclusive["messages"]] == ["m3", "m2", "m1"]
    assert web.conversations_history(channel="C_SALES", oldest=f"{start + 365 * 86400:.6f}")["messages"] == []
    refused(fake, lambda: web.conversations_history(channel="C_SALES", cursor="garbage"), "invalid_cursor")
    refused(fake, lambda: web.conversations_history(channel="C_ELSEWHERE"), "not_in_channel")
