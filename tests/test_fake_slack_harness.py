"""Tests of the fake Slack server and the request-signing helpers."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from support import signing
from support.fake_slack import FakeSlack

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
SECRET = "test-signing-secret"
BLOCKS = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Acme* plan"}}]


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(channels=("C_GENERAL", "C1")) as server:
        yield server


def client_for(fake: FakeSlack, **kwargs: object) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url, timeout=5, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Web API


def test_post_message_records_parsed_blocks(fake: FakeSlack) -> None:
    response = client_for(fake).chat_postMessage(channel="C_GENERAL", text="plan", blocks=BLOCKS)

    call = fake.last("chat.postMessage")
    assert call.args["blocks"] == BLOCKS
    assert call.args["text"] == "plan" and call.token == "xoxb-test"
    assert response["channel"] == "C_GENERAL" and abs(float(response["ts"]) - fake.now()) < 5


def test_form_encoded_json_fields_are_decoded(fake: FakeSlack) -> None:
    client_for(fake).api_call("chat.postMessage", params={"channel": "C1", "blocks": json.dumps(BLOCKS)})

    call = fake.last("chat.postMessage")
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert call.args["blocks"] == BLOCKS and call.raw_args["blocks"] == json.dumps(BLOCKS)


def test_ts_values_are_unique_and_increasing(fake: FakeSlack) -> None:
    client = client_for(fake)
    stamps = [client.chat_postMessage(channel="C1", text=str(i))["ts"] for i in range(3)]
    stamps.append(client.chat_postEphemeral(channel="C1", user="U1", text="x")["message_ts"])

    assert stamps == sorted(stamps, key=float) and len(set(stamps)) == 4


def test_json_body_get_and_multipart_are_parsed(fake: FakeSlack) -> None:
    client = client_for(fake)
    client.api_call("views.open", json={"trigger_id": fake.new_trigger_id(), "view": {
        "type": "modal", "callback_id": "cb", "title": {"type": "plain_text", "text": "Plan"}, "blocks": []}})
    client.api_call("users.info", http_verb="GET", params={"user": "U_ALICE"})
    fake.set_response("files.custom", {"ok": True})  # a method the fake does not know, answered as told
    client.api_call("files.custom", data={"note": "hello"}, files={"file": PNG_BYTES})

    assert fake.last("views.open").args["view"]["callback_id"] == "cb"
    assert fake.last("users.info").args == {"user": "U_ALICE"}
    multipart = fake.last("files.custom").args
    assert multipart["note"] == "hello" and multipart["file"] == PNG_BYTES


def test_default_answers(fake: FakeSlack) -> None:
    client = client_for(fake)
    fake.set_user("U_TOKYO", tz="Asia/Tokyo", tz_offset=32400, profile={"email": "t@x.io"})
    fake.set_channel("C_SHARED", is_ext_shared=True)

    assert client.auth_test()["team_id"] == "T_ALPHA"
    assert client.users_info(user="U_ALICE")["user"]["tz"] == "Europe/Berlin"
    tokyo = client.users_info(user="U_TOKYO")["user"]
    assert (tokyo["tz"], tokyo["profile"]["email"], tokyo["is_bot"]) == ("Asia/Tokyo", "t@x.io", False)
    assert client.conversations_info(channel="C_GENERAL")["channel"]["is_ext_shared"] is False
    assert client.conversations_info(channel="C_SHARED")["channel"]["is_ext_shared"] is True
    assert client.conversations_open(users="U_ALICE")["channel"]["id"] == "DU_ALICE"
    assert client.views_publish(user_id="U_ALICE", view={"type": "home", "blocks": []})["view"]["id"]
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("admin.unknownThing")
    fake.expect_refusal("unknown_method")
    assert fake.methods()[-1] == "admin.unknownThing"


def test_set_token_and_set_response(fake: FakeSlack) -> None:
    fake.set_token("xoxb-beta", team_id="T_BETA")
    fake.set_response("users.lookupByEmail", lambda args: {"user": {"id": "U_" + args["email"][:3]}})

    assert WebClient(token="xoxb-beta", base_url=fake.base_url).auth_test()["team_id"] == "T_BETA"
    assert client_for(fake).users_lookupByEmail(email="bob@x.io")["user"]["id"] == "U_bob"


def test_files_upload_v2_stores_bytes(fake: FakeSlack) -> None:
    response = client_for(fake).files_upload_v2(channel="C_GENERAL", content=PNG_BYTES, filename="x.png")

    file_id = response["file"]["id"]
    assert fake.uploaded_files() == {file_id: PNG_BYTES}
    assert fake.last("upload").args["length"] == len(PNG_BYTES)
    complete = fake.last("files.completeUploadExternal")
    assert complete.args["channel_id"] == "C_GENERAL" and complete.args["files"][0]["id"] == file_id
    assert response["file"]["name"] == "x.png" and response["file"]["size"] == len(PNG_BYTES)


def test_multipart_upload_to_upload_url(fake: FakeSlack) -> None:
    url = client_for(fake).files_getUploadURLExternal(filename="a.txt", length=3)["upload_url"]
    boundary = "XyZ"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
        f"Content-Type: text/plain\r\n\r\nabc\r\n--{boundary}--\r\n"
    ).encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200

    assert list(fake.uploaded_files().values()) == [b"abc"]


# --------------------------------------------------------------------------- faults


def test_rate_limit_is_retried_by_slack_sdk(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    client = client_for(fake, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])

    assert client.chat_postMessage(channel="C1", text="hi")["ok"] is True

    attempts = fake.calls("chat.postMessage")
    assert [(c.status, c.outcome) for c in attempts] == [(429, "ratelimited"), (200, "ok")]
    assert len(fake.calls("chat.postMessage", ok=True)) == 1


def test_rate_limit_sends_retry_after_header(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as error:
        client_for(fake).chat_postMessage(channel="C1", text="hi")

    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "7"
    assert error.value.response["error"] == "ratelimited"


def test_server_error_is_retried_by_slack_sdk(fake: FakeSlack) -> None:
    fake.fail_next("chat.update", status=500)
    handler = ServerErrorRetryHandler(max_retry_count=1, interval_calculator=FixedValueRetryIntervalCalculator(0.01))

    fake.add_message("C1", ts="1.2", text="before")
    response = client_for(fake, retry_handlers=[handler]).chat_update(channel="C1", ts="1.2", text="x")

    assert response["ts"] == "1.2" and fake.history("C1")[0]["text"] == "x"
    assert [c.outcome for c in fake.calls("chat.update")] == ["http_500", "ok"]


def test_error_next_answers_ok_false(fake: FakeSlack) -> None:
    fake.error_next("chat.postMessage", error="channel_not_found", times=2)
    client = client_for(fake)

    for _ in range(2):
        with pytest.raises(SlackApiError, match="channel_not_found"):
            client.chat_postMessage(channel="C_GONE", text="x")
    client.chat_postMessage(channel="C1", text="x")

    assert [c.ok for c in fake.calls("chat.postMessage")] == [False, False, True]


def test_delay_makes_client_time_out(fake: FakeSlack) -> None:
    fake.delay("users.info", 1.0)
    client = WebClient(token="xoxb-test", base_url=fake.base_url, timeout=0.2)  # type: ignore[arg-type]

    started = time.monotonic()
    with pytest.raises(TimeoutError):
        client.users_info(user="U1")
    assert time.monotonic() - started < 0.9


# --------------------------------------------------------------------------- recording helpers


def test_wait_for_sees_calls_from_other_threads(fake: FakeSlack) -> None:
    client = client_for(fake)
    worker = threading.Thread(target=lambda: [client.chat_postMessage(channel="C1", text="t") for _ in range(3)])
    worker.start()

    calls = fake.wait_for("chat.postMessage", count=3, timeout=5)
    worker.join()

    assert len(calls) == 3


def test_wait_for_times_out_with_helpful_message(fake: FakeSlack) -> None:
    client_for(fake).auth_test()

    with pytest.raises(AssertionError, match="auth.test"):
        fake.wait_for("chat.postMessage", timeout=0.05)


def test_reset_forgets_calls_and_faults(fake: FakeSlack) -> None:
    fake.fail_next("auth.test", status=500)
    fake.reset()

    assert client_for(fake).auth_test()["ok"] is True
    assert fake.methods() == ["auth.test"]


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    url = fake.response_url("cmd1")

    response = WebhookClient(url).send(text="done", replace_original=True)

    assert response.status_code == 200
    call = fake.last("response_url")
    assert call.args["_name"] == "cmd1" and call.args["text"] == "done" and call.args["replace_original"] is True


# --------------------------------------------------------------------------- signing


def test_signature_verifies_with_slack_sdk() -> None:
    body, _ = signing.slash_command_body("plan acme")
    headers = signing.sign(body, SECRET)
    verifier = SignatureVerifier(SECRET)

    assert verifier.is_valid_request(body, headers)
    assert verifier.is_valid(body.encode(), headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"])
    assert not SignatureVerifier("other-secret").is_valid_request(body, headers)
    assert not verifier.is_valid_request(body, signing.sign(body, SECRET, timestamp=int(time.time()) - 600))


def test_slash_command_body_matches_slack_form() -> None:
    body, content_type = signing.slash_command_body("plan acme", response_url="http://x/r")
    fields = {k: v[0] for k, v in parse_qs(body).items()}

    assert content_type == "application/x-www-form-urlencoded"
    assert fields["command"] == "/kam" and fields["text"] == "plan acme"
    assert {"team_domain", "user_name", "api_app_id", "trigger_id", "channel_name"} <= fields.keys()
    assert fields["response_url"] == "http://x/r"


def test_event_and_interaction_bodies() -> None:
    first, _ = signing.event_body(signing.message_event("hi"))
    second, content_type = signing.event_body({"type": "app_home_opened", "user": "U1"}, team_id="T_BETA")
    envelope = json.loads(second)
    action = signing.block_action_payload("approve", "plan-1", channel_id="C1", response_url="http://x/r")
    body, form = signing.interaction_body(action)

    assert content_type == "application/json" and form == "application/x-www-form-urlencoded"
    assert json.loads(first)["event_id"] != envelope["event_id"]
    assert envelope["authorizations"][0]["team_id"] == "T_BETA"
    assert json.loads(parse_qs(body)["payload"][0])["actions"][0]["value"] == "plan-1"
    state = signing.plain_text_state({"name": {"input": "Acme"}})
    submission = signing.view_submission_payload("plan_modal", state, private_metadata="m")
    assert submission["view"]["state"]["values"]["name"]["input"]["value"] == "Acme"
    shortcut = signing.message_shortcut_payload("summarise", "text", channel_id="C1")
    assert shortcut["message"]["text"] == "text" and shortcut["channel"]["id"] == "C1"


class _EchoHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        valid = SignatureVerifier(SECRET).is_valid_request(body, dict(self.headers.items()))
        self.send_response(200 if valid else 401)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok" if valid else b"no")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_post_signed_reaches_a_real_server() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/slack/events"
    try:
        body, content_type = signing.url_verification_body("c")
        assert signing.post_signed(url, body, content_type, SECRET)[::2] == (200, "ok")
        assert signing.post_signed(url, body, content_type, "wrong")[0] == 401
    finally:
        server.shutdown()
        server.server_close()
