"""`POST /slack/events` under random bodies, headers, content types and sizes, over real HTTP.

Never a 500; unsigned or wrongly signed -> 401 before the body is parsed; a body over the limit
-> 413 without the server reading it whole; and nothing is written by a rejected request."""
from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import socket
import time
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import example, given, strategies as st

from bot.app import create_app
from bot.http import MAX_BODY_BYTES, create_web_app
from fuzzing import APOLOGY, DATABASES, fuzz, fuzz_engine, row_counts, unwatch, watch_errors
from support import signing
from support.app_server import SIGNING_SECRET, ServerThread, free_port
from support.builders import add_account
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container


@pytest.fixture(scope="module", params=DATABASES)
def server(request, sqlite_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-http")
    engine = fuzz_engine(request, sqlite_template, directory)
    from sqlmodel import Session

    with Session(engine) as session:
        add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        session.commit()
    errors = watch_errors()
    with FakeSlack(team_id="T_ALPHA") as fake:
        container = build_container(engine, fake, directory)
        port = free_port()
        thread = ServerThread(create_web_app(create_app(container), container), port)
        thread.start()
        try:
            yield {"host": "127.0.0.1", "port": port, "engine": engine, "errors": errors, "fake": fake}
        finally:
            thread.stop()
            unwatch(errors)
            engine.dispose()


def post(server, body: bytes, headers: dict[str, str], path: str = "/slack/events"):
    connection = http.client.HTTPConnection(server["host"], server["port"], timeout=20)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def signed(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature over the raw bytes (the support helper wants UTF-8 text)."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": "v0=" + digest}


CONTENT_TYPES = ["application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data",
                 "application/json; charset=utf-8", "application/x-www-form-urlencoded; charset=latin-1", "",
                 "application/xml", "\u00e9/\u00e9"]

bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda s: s.encode("utf-8")),
    st.sampled_from([b"{", b"[]", b"[1,2]", b"null", b"1", b"\"x\"", b"{}", b"{\"type\": 1}",
                     b"{\"type\":\"event_callback\",\"event\":\"x\"}", b"{\"type\":\"url_verification\"}",
                     b"payload=", b"payload={", b"payload=[1]", b"payload=null", b"payload=%7B%7D",
                     b"payload=" + json.dumps({"type": "view_submission", "view": None}).encode(),
                     b"payload=" + json.dumps({"type": "block_actions", "actions": "x"}).encode(),
                     b"payload=" + json.dumps({"type": "block_actions", "actions": [{}]}).encode(),
                     b"command=/kam&text=%00", b"command=/kam", b"command=/nope&text=x",
                     b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00", b"a=%ZZ&b", b"\x00" * 50]),
    st.dictionaries(st.sampled_from(["type", "command", "text", "team_id", "user_id", "payload", "event",
                                     "challenge", "token", "trigger_id", "response_url", "channel_id"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(),
                              st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=5),
                                                                                     st.text(max_size=5),
                                                                                     max_size=2)),
                    max_size=6).flatmap(lambda d: st.sampled_from([
                        json.dumps(d).encode(),
                        urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in d.items()}).encode()])),
)

header_values = st.one_of(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
                          st.sampled_from(["", "0", "-1", "99999999999999999999", "1e9", " 1 ", "v0=", "v1=abc",
                                           "nan", str(int(time.time()))]))


@fuzz(60)
@given(bodies, st.sampled_from(CONTENT_TYPES), st.fixed_dictionaries({}, optional={
    "X-Slack-Request-Timestamp": header_values, "X-Slack-Signature": header_values,
    "X-Slack-Retry-Num": header_values, "X-Slack-Retry-Reason": header_values}))
@example(b"{", "application/json", {})
@example(b"{", "application/json", {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"})
@example(b"\xff\xfe", "text/plain", {})
def test_unsigned_or_wrongly_signed_requests_get_401_and_write_nothing(server, body, content_type, headers):
    before = row_counts(server["engine"])
    status, text = post(server, body, {"Content-Type": content_type, **headers})
    assert status == 401, (status, text)
    assert row_counts(server["engine"]) == before
    assert server["errors"].take() == []


@fuzz(60)
@given(bodies, st.sampled_from(CONTENT_TYPES), st.fixed_dictionaries({}, optional={
    "X-Slack-Retry-Num": header_values, "X-Slack-Retry-Reason": header_values}))
@example(b"{", "application/json", {})
@example(b"[1,2]", "application/json", {})
@example(b"payload={", "application/x-www-form-urlencoded", {})
@example(b"payload=[1]", "application/x-www-form-urlencoded", {})
@example(b"\xff\xfe{\x00}\x00", "application/json", {})
def test_signed_garbage_never_gets_a_500(server, body, content_type, headers):
    status, text = post(server, body, {"Content-Type": content_type, **signed(body), **headers})
    assert status < 500, (status, text)
    assert status in (200, 400, 404), (status, text)
    assert APOLOGY not in text
    assert server["errors"].take() == []


def test_replayed_request_gets_401(server):
    body, content_type = signing.slash_command_body("help")
    data = body.encode()
    status, _ = post(server, data, {"Content-Type": content_type, **signed(data, int(time.time()) - 301)})
    assert status == 401


@pytest.mark.parametrize("size", [MAX_BODY_BYTES + 1, 5 * MAX_BODY_BYTES])
def test_oversized_bodies_get_413_and_write_nothing(server, size):
    before = row_counts(server["engine"])
    body, content_type = signing.slash_command_body("log Borealis " + "x" * size)
    data = body.encode()
    status, _ = post(server, data, {"Content-Type": content_type, **signed(data)})
    assert status == 413
    assert row_counts(server["engine"]) == before


def _raw(server, head: bytes, chunks, read_after: bool = True) -> bytes:
    """Send a request head, then body chunks (stopping at the first failure), and read the answer."""
    with socket.create_connection((server["host"], server["port"]), timeout=20) as sock:
        sock.sendall(head)
        sent = 0
        try:
            for chunk in chunks:
                sock.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(20)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                part = sock.recv(65536)
                if not part:
                    break
                answer += part
        except ConnectionResetError:
            pass
        return answer


def test_a_declared_oversized_body_is_refused_before_it_is_sent(server):
    """Content-Length over the limit: 413 at once, though not one byte of the body arrives."""
    head = (f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {50 * MAX_BODY_BYTES}\r\n\r\n").encode()
    started = time.monotonic()
    answer = _raw(server, head, [])
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 10


def test_a_chunked_body_is_cut_off_at_the_limit(server):
    """No Content-Length (chunked): the server stops reading once the limit is passed, and says 413."""
    head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    piece = b"x" * 65536
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    # 100 MB offered in total; the answer must come long before it could all be read.
    answer = _raw(server, head, (chunk for _ in range(1600)))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def _reply_to(fake, name: str, timeout: float = 20.0) -> dict:
    """What the app posted to the response_url called `name`."""
    deadline = time.monotonic() + timeout
    while True:
        found = [c.args for c in fake.calls("response_url") if c.args.get("_name") == name]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no reply to {name}; saw {fake.methods()}"
        time.sleep(0.02)


@pytest.mark.parametrize("length", [1, 3000, 4000, 4001, 12000])
def test_slash_command_text_up_to_slacks_limit_and_beyond(server, length):
    before = row_counts(server["engine"])
    body, content_type = signing.slash_command_body("account " + "w" * length,
                                                    response_url=server["fake"].response_url(f"len-{length}"))
    data = body.encode()
    status, text = post(server, data, {"Content-Type": content_type, **signed(data)})
    assert status == 200, text
    if len("account ") + length > 4000:  # Slack's limit is on the whole command text
        assert "too long" in text and "under 4000" in text
        reply = text
    else:  # answered after the ack, through the response_url: no account has that name
        reply = json.dumps(_reply_to(server["fake"], f"len-{length}"), ensure_ascii=False)
        assert "No account matches" in reply, reply[:500]
    assert row_counts(server["engine"]) == before
    assert APOLOGY not in text and APOLOGY not in reply


def test_get_and_unknown_paths_are_not_500(server):
    for method, path in (("GET", "/slack/events"), ("POST", "/nowhere"), ("PUT", "/slack/events"),
                         ("GET", "/healthz")):
        connection = http.client.HTTPConnection(server["host"], server["port"], timeout=10)
        connection.request(method, path, body=b"" if method != "GET" else None)
        status = connection.getresponse().status
        connection.close()
        assert status < 500, (method, path, status)
