"""A fake Slack Web API server on a loopback port, recording every call.

Usage::

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.base_url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.last("chat.postMessage").args["text"] == "hi"

Recorded pseudo-methods besides real API methods:
``"upload"`` (bytes POSTed to an ``upload_url``) and ``"response_url"``
(JSON POSTed to a :meth:`FakeSlack.response_url`).

The fake is strict by default: it refuses what Slack refuses, with the error Slack gives (the rules
are in support/slack_rules.py): ``unknown_method``; ``not_authed`` / ``invalid_auth`` for a missing
or unregistered token (:data:`DEFAULT_TOKENS` and tokens given to :meth:`set_token` or issued by
``oauth.v2.access`` are registered); ``missing_scope`` against the manifest's bot scopes;
``invalid_blocks`` / ``invalid_arguments`` for Block Kit and views Slack refuses; required
arguments (``channel_not_found``, ``no_text``); ``message_not_found`` for a ``chat.update`` of a
message the fake never saw (seed one with :meth:`add_message`); ``channel_not_found`` /
``not_in_channel`` for channels the bot was not put in (:meth:`join`, :meth:`set_channel`; DMs,
user ids and conversations opened with ``conversations.open`` are fine); trigger ids that expire
after 3 s by the fake's clock and are good once; response_urls good 5 times for 30 minutes.
``conversations.history`` answers what was really posted, honouring ``oldest``, ``latest``,
``inclusive``, ``limit``, ``cursor`` and ``include_all_metadata``. Message timestamps come from the
fake's clock (the wall clock, like Slack's, unless the test gives one; :meth:`advance` moves it).

Slack's newer surfaces (assistant threads, streamed messages, channel canvases, custom-step functions)
are in support/fake_surfaces.py, with their test helpers (``start_assistant_thread``, ``stream``,
``channel_canvas``, ``edit_canvas_as_user``, ``function_executed_event``, ``grant_scopes``, ``deny_feature``).

A test that needs leniency asks for it by name: ``FakeSlack(strict=False)`` turns every rule off,
``fake.allow("unknown_method", "invalid_blocks")`` turns off the rules answering those errors.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs, urlsplit

from support import fake_surfaces, slack_rules

JSON_FIELDS = frozenset(
    {
        "attachments",
        "blocks",
        "changes",
        "chunks",
        "criteria",
        "document_content",
        "files",
        "inputs",
        "metadata",
        "outputs",
        "profile",
        "prompts",
        "unfurls",
        "user_auth_blocks",
        "view",
    }
)
"""Form fields that Slack clients send as JSON strings; decoded into ``Call.args``."""

DEFAULT_TOKENS = frozenset({"xoxb-test", "xoxb-x", "xoxb-socket", "xoxb-cli", "xoxb-e2e", "xoxb-helix",
                            "xoxb-alpha-installed", "xoxb-beta-installed", "xoxb-beta"})
"""Bot tokens the fake knows without being told (the ones the suite's tests configure the app with)."""
APP_TOKEN_PREFIX = "xapp-"
TRIGGER_TTL = 3.0  # seconds a trigger_id is good for (docs.slack.dev: "expire after 3 seconds")
RESPONSE_URL_USES = 5  # "You can use a response_url up to 5 times within 30 minutes"
RESPONSE_URL_TTL = 30 * 60.0
TS_EPOCH_FLOOR = 1_000_000_000.0
RULES = frozenset({"unknown_method", "not_authed", "invalid_auth", "missing_scope", "not_allowed_token_type",
                   "invalid_blocks", "invalid_arguments", "msg_too_long", "no_text", "channel_not_found",
                   "not_in_channel", "message_not_found", "invalid_trigger_id", "expired_trigger_id",
                   "exchanged_trigger_id", "used_url", "expired_url", "invalid_cursor", "is_archived"}
                  ) | fake_surfaces.RULES
"""The rules a test can turn off by name with :meth:`FakeSlack.allow`."""

UPLOAD_METHOD = "upload"
RESPONSE_URL_METHOD = "response_url"

Responder = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Call:
    """One HTTP request received by the fake, and what it answered."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]  # lower-cased header names
    time: float
    raw_args: dict[str, Any] = field(default_factory=dict)
    body: bytes = b""
    status: int = 200
    response: Any = None  # dict for JSON answers, str for plain text
    outcome: str = "ok"  # "ok" | "ratelimited" | "http_<status>" | "error:<code>"
    refused: bool = False  # refused by a rule of the strict fake (not an injected fault)

    @property
    def ok(self) -> bool:
        """True when the call was answered with HTTP 200 and ``ok: true``."""
        return self.outcome == "ok"

    @property
    def token(self) -> str | None:
        """Bearer token from the Authorization header, or the ``token`` arg."""
        return _token_of(self.headers, self.args)


@dataclass
class _Fault:
    status: int
    body: Any
    retry_after: int | None
    error: str | None
    times: int
    landed: bool = False  # the call takes effect (a post is stored) and the error is answered anyway


@dataclass
class _Answer:
    status: int
    body: Any
    outcome: str
    headers: dict[str, str] = field(default_factory=dict)
    refused: bool = False


@dataclass
class _Request:
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


# --------------------------------------------------------------------------- parsing


def _flatten(multi: dict[str, list[str]]) -> dict[str, Any]:
    """parse_qs output -> single values, lists only for repeated keys."""
    return {k: v[0] if len(v) == 1 else v for k, v in multi.items()}


def _parse_multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """Parse multipart/form-data: text parts -> str, file parts -> bytes."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    result: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is None:
            result[str(name)] = payload.decode("utf-8", errors="replace")
        else:
            result[str(name)] = payload
            result.setdefault("_filenames", {})[str(name)] = part.get_filename()
    return result


def parse_args(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    """Merge query-string and body arguments, whatever the body encoding."""
    args: dict[str, Any] = _flatten(parse_qs(query, keep_blank_values=True))
    media_type = content_type.split(";")[0].strip().lower()
    if not body:
        return args
    if media_type == "application/json":
        try:
            decoded = json.loads(body.decode("utf-8"))
        except ValueError:
            decoded = {"_invalid_json": body.decode("utf-8", errors="replace")}
        args.update(decoded if isinstance(decoded, dict) else {"_json": decoded})
    elif media_type == "multipart/form-data":
        args.update(_parse_multipart(body, content_type))
    elif media_type in ("application/x-www-form-urlencoded", ""):
        text = body.decode("utf-8")
        args.update(_flatten(parse_qs(text, keep_blank_values=True)))
    return args


def decode_json_fields(args: dict[str, Any]) -> dict[str, Any]:
    """Copy of ``args`` with JSON-string fields (see JSON_FIELDS) decoded."""
    decoded = dict(args)
    for key in JSON_FIELDS & decoded.keys():
        value = decoded[key]
        if isinstance(value, str) and value[:1] in ("{", "["):
            try:
                decoded[key] = json.loads(value)
            except ValueError:
                pass
    return decoded


def _upload_bytes(body: bytes, content_type: str) -> bytes:
    """The file content of an upload: raw body, or the file part of a multipart."""
    if not content_type.lower().startswith("multipart/form-data"):
        return body
    parts = _parse_multipart(body, content_type)
    files = [v for k, v in parts.items() if isinstance(v, bytes)]
    if files:
        return files[0]
    text = parts.get("file") or parts.get("content") or ""
    return str(text).encode("utf-8")


# --------------------------------------------------------------------------- server


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = self.server.fake._dispatch(_Request(parts.path, parts.query, headers, body))
        self._write(answer)

    def _write(self, answer: _Answer) -> None:
        if isinstance(answer.body, (dict, list)):
            payload = json.dumps(answer.body).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        elif isinstance(answer.body, bytes):
            payload, content_type = answer.body, "application/octet-stream"
        else:
            payload = str(answer.body).encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        self.send_response(answer.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silence the default stderr access log."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: "FakeSlack"


# --------------------------------------------------------------------------- fake


class FakeSlack(fake_surfaces.SurfaceHelpers):
    """Slack Web API fake; use as a context manager or via start()/stop()."""

    def __init__(
        self,
        team_id: str = "T_ALPHA",
        team_name: str = "Alpha Corp",
        bot_user_id: str = "U_BOT",
        bot_id: str = "B_BOT",
        host: str = "127.0.0.1",
        strict: bool = True,
        channels: Iterable[str] = (),
        clock: Callable[[], float] | None = None,
        scopes: Iterable[str] | None = None,
        grant: Iterable[str] = (),
    ) -> None:
        self.team_id = team_id
        self.strict = strict
        self._initial_channels = tuple(channels)
        self._clock = clock or time.time
        self._clock_offset = 0.0
        self.scopes = frozenset(scopes) if scopes is not None else slack_rules.manifest_bot_scopes()
        self.scopes |= frozenset(grant)  # scopes the manifest lacks, granted by the test (e.g. assistant:write)
        self.socket_url: str | None = None  # what apps.connections.open answers (a ws:// url)
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self._host = host
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._reset_state()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> "FakeSlack":
        """Bind a free loopback port and serve in a background thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self._host, 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="FakeSlack", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> "FakeSlack":
        return self.start()

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.stop()
        if exc_type is None:
            self.assert_no_refusals()

    def expect_refusal(self, *errors: str) -> "FakeSlack":
        """Say that this test makes the app send what Slack refuses with these errors (and checks what
        the app does then): :meth:`assert_no_refusals` lets them through."""
        with self._lock:
            self._expected.update(errors)
        return self

    def refusals(self) -> list[Call]:
        """Calls the strict rules refused."""
        with self._lock:
            return [c for c in self._calls if c.refused]

    def assert_no_refusals(self) -> None:
        """Fail when the app sent anything Slack would refuse (and the test did not expect it); runs when
        a ``with FakeSlack()`` block ends without an error, so a product that swallows Slack's refusal
        still fails its tests."""
        with self._lock:
            unexpected = [c for c in self._calls if c.refused and c.outcome.split(":", 1)[-1] not in self._expected]
        if unexpected:
            lines = [f"{c.method} -> {c.outcome}: {_reason(c)}" for c in unexpected[:10]]
            raise AssertionError("the app sent what Slack refuses:\n  " + "\n  ".join(lines))

    @property
    def port(self) -> int:
        """The bound port (server must be started)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Base URL for ``WebClient(base_url=...)``: ``http://127.0.0.1:PORT/api/``."""
        return f"{self.origin}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url whose POSTs are recorded as method ``"response_url"``; like Slack's it is good
        for 5 uses within 30 minutes of being issued (by the fake's clock)."""
        with self._lock:
            self._response_urls.setdefault(name, [self.now(), 0])
        return f"{self.origin}/respond/{name}"

    # ------------------------------------------------------------------ clock

    def now(self) -> float:
        """The fake's clock (epoch seconds): message ts, trigger and response_url ages come from it."""
        return self._clock() + self._clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward (expire a trigger_id or a response_url)."""
        with self._lock:
            self._clock_offset += seconds

    def new_trigger_id(self) -> str:
        """A trigger_id issued now by the fake's clock (good once, for 3 seconds)."""
        trigger = f"{int(self.now() * 1000)}.{self._next('trigger')}.{uuid.uuid4().hex}"
        with self._lock:
            self._triggers[trigger] = self.now()
        return trigger

    # ------------------------------------------------------------------ leniency

    def allow(self, *rules: str) -> "FakeSlack":
        """Stop refusing what breaks the named rules (error codes in :data:`RULES`), e.g.
        ``fake.allow("unknown_method")``. For tests that need leniency, by name, never by default."""
        unknown = set(rules) - RULES
        if unknown:
            raise ValueError(f"no such rule: {sorted(unknown)}; rules are {sorted(RULES)}")
        with self._lock:
            self._allowed.update(rules)
        return self

    def _enforces(self, rule: str) -> bool:
        return self.strict and rule not in self._allowed

    # ------------------------------------------------------------------ configuration

    def set_user(self, user_id: str, **fields: Any) -> None:
        """Override users.info fields for one user (``profile`` is merged)."""
        with self._lock:
            current = self._users.setdefault(user_id, {})
            profile = {**current.get("profile", {}), **fields.pop("profile", {})}
            current.update(fields)
            if profile:
                current["profile"] = profile

    def add_user(self, user_id: str, real_name: str | None = None, display_name: str | None = None,
                 email: str | None = None, **fields: Any) -> None:
        """Put a user in the workspace directory (``users.list``, ``users.lookupByEmail``; ``users.info``
        answers the same). ``fields`` are user-object fields: ``is_bot``, ``deleted``, ``is_restricted``..."""
        profile = {"real_name": real_name or "", "display_name": display_name or "", "email": email}
        self.set_user(user_id, real_name=real_name or "", profile=profile, **fields)
        with self._lock:
            if user_id not in self._listed:
                self._listed.append(user_id)

    def set_channel(self, channel_id: str, **fields: Any) -> None:
        """Declare a channel (conversations.info answers it, with these fields overridden). The bot is in
        it unless ``is_member=False`` (then posting answers ``not_in_channel``)."""
        with self._lock:
            self._channels.setdefault(channel_id, {}).update(fields)

    def join(self, *channel_ids: str) -> "FakeSlack":
        """Put the bot in these channels (as inviting it would)."""
        for channel_id in channel_ids:
            self.set_channel(channel_id, is_member=True)
        return self

    def set_token(self, token: str, team_id: str, user_id: str | None = None, bot_id: str | None = None,
                  scopes: Iterable[str] | None = None) -> None:
        """Register a token (auth.test answers this workspace for it); ``scopes`` default to the manifest's."""
        with self._lock:
            self._tokens[token] = {
                "team_id": team_id,
                "user_id": user_id or self.bot_user_id,
                "bot_id": bot_id or self.bot_id,
            }
            if scopes is not None:
                self._token_scopes[token] = frozenset(scopes)

    def revoke_token(self, token: str) -> None:
        """Forget a token: its calls now answer ``invalid_auth`` (as after tokens_revoked)."""
        with self._lock:
            self._tokens.pop(token, None)
            self._revoked.add(token)

    def add_message(self, channel: str, ts: str | None = None, **fields: Any) -> dict[str, Any]:
        """Put a message in a conversation's history (one the app may update or find); returns it."""
        with self._lock:
            stamp = ts or self._next_ts()
            message = {"type": "message", "ts": stamp, "text": "", **fields}
            self._history.setdefault(self._dm_or_channel(channel), []).append(message)
            return message

    def history(self, channel: str) -> list[dict[str, Any]]:
        """What the conversation holds, oldest first (after updates and deletes)."""
        with self._lock:
            return [dict(m) for m in sorted(self._history.get(self._dm_or_channel(channel), []),
                                            key=lambda m: float(m["ts"]))]

    def set_response(self, method: str, response: dict[str, Any] | Responder) -> None:
        """Replace the default answer of a method (a dict, or a function of args)."""
        with self._lock:
            self._responses[method] = response

    def fail_next(
        self, method: str, status: int = 429, retry_after: int = 1, body: Any = None, times: int = 1
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an HTTP error."""
        retry = retry_after if status == 429 else None
        self._add_fault(method, _Fault(status, body, retry, None, times))

    def fail_after_next(self, method: str, status: int = 500, times: int = 1) -> None:
        """Carry out the next ``times`` calls of ``method`` (a post is stored) and still answer
        them with HTTP ``status``, as Slack sometimes does."""
        self._add_fault(method, _Fault(status, None, None, None, times, landed=True))

    def error_next(self, method: str, error: str = "channel_not_found", times: int = 1) -> None:
        """Answer the next ``times`` calls with HTTP 200 ``{"ok": false, "error": error}``."""
        self._add_fault(method, _Fault(200, None, None, error, times))

    def delay(self, method: str, seconds: float) -> None:
        """Make every call of ``method`` wait ``seconds`` before answering (0 clears)."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = seconds
            else:
                self._delays.pop(method, None)

    def reset(self) -> None:
        """Forget calls, uploads, faults, delays and overrides."""
        with self._lock:
            self._reset_state()
            self._changed.notify_all()

    # ------------------------------------------------------------------ inspection

    def calls(self, method: str | None = None, ok: bool | None = None) -> list[Call]:
        """Recorded calls, optionally filtered by method and by success."""
        with self._lock:
            return [c for c in self._calls if _matches(c, method, ok)]

    def last(self, method: str | None = None) -> Call:
        """The most recent call of ``method``; AssertionError if there is none."""
        found = self.calls(method)
        if not found:
            raise AssertionError(f"no {method or 'call'} recorded; saw {self.methods()}")
        return found[-1]

    def methods(self) -> list[str]:
        """Recorded method names in order (handy in assertion messages)."""
        with self._lock:
            return [c.method for c in self._calls]

    def wait_for(
        self, method: str | None, count: int = 1, timeout: float = 5.0, ok: bool | None = None
    ) -> list[Call]:
        """Block until ``count`` matching calls are recorded; return them all."""
        with self._changed:
            done = self._changed.wait_for(lambda: self._count(method, ok) >= count, timeout=timeout)
            found = [c for c in self._calls if _matches(c, method, ok)]
            if not done:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} x {method}; "
                    f"got {len(found)}; saw {[c.method for c in self._calls]}"
                )
            return found

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Block until no request is being answered (delayed ones included): after a client gave
        up on a slow call, this is when the fake has recorded everything that reached it."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._in_flight == 0, timeout=timeout):
                raise AssertionError(f"timed out after {timeout}s: {self._in_flight} request(s) still in flight")

    def in_flight(self, method: str | None = None) -> int:
        """Requests (of ``method``) received and not yet answered: e.g. a post that is "with Slack" while
        a delay holds it, the moment to kill the process that sent it."""
        with self._lock:
            return self._in_flight if method is None else self._in_flight_by_method.get(method, 0)

    def wait_in_flight(self, method: str, count: int = 1, timeout: float = 10.0) -> None:
        """Block until ``count`` requests of ``method`` are being answered."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._in_flight_by_method.get(method, 0) >= count, timeout=timeout):
                raise AssertionError(f"timed out after {timeout}s: no {method} in flight; saw {self.methods()}")

    def uploaded_files(self) -> dict[str, bytes]:
        """file_id -> bytes received on the upload URL."""
        with self._lock:
            return dict(self._uploads)

    # ------------------------------------------------------------------ internals

    def _reset_state(self) -> None:
        self._calls: list[Call] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        self._responses: dict[str, dict[str, Any] | Responder] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._listed: list[str] = []  # the directory users.list pages through, in order (add_user)
        self._channels: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, dict[str, str]] = {}
        self._uploads: dict[str, bytes] = {}
        self._file_meta: dict[str, dict[str, Any]] = {}
        self._counters: dict[str, int] = {}
        self._allowed: set[str] = set()
        self._expected: set[str] = set()
        self._token_scopes: dict[str, frozenset[str]] = {}
        self._revoked: set[str] = set()
        self._opened: set[str] = set()  # conversation ids conversations.open answered
        self._history: dict[str, list[dict[str, Any]]] = {}  # conversation id -> messages
        self._triggers: dict[str, float] = {}  # issued by new_trigger_id -> when
        self._used_triggers: set[str] = set()
        self._response_urls: dict[str, list[float]] = {}  # name -> [issued at, uses]
        self._surfaces = fake_surfaces.Surfaces()  # assistant threads, streams, canvases, function executions
        self._last_ts = 0.0
        for channel_id in getattr(self, "_initial_channels", ()):
            self._channels[channel_id] = {"is_member": True}
        self._in_flight = getattr(self, "_in_flight", 0)
        self._in_flight_by_method: dict[str, int] = getattr(self, "_in_flight_by_method", {})  # requests being answered survive a reset()

    def _count(self, method: str | None, ok: bool | None) -> int:
        return sum(1 for c in self._calls if _matches(c, method, ok))

    def _next(self, name: str) -> int:
        with self._lock:
            self._counters[name] = self._counters.get(name, 0) + 1
            return self._counters[name]

    def _next_ts(self) -> str:
        """A unique, increasing message ts from the fake's clock (microsecond steps)."""
        with self._lock:
            stamp = max(round(self.now(), 6), round(self._last_ts + 0.000001, 6))
            self._last_ts = stamp
            return f"{stamp:.6f}"

    def _add_fault(self, method: str, fault: _Fault) -> None:
        with self._lock:
            self._faults.setdefault(method, []).append(fault)

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(method) or []
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def _dispatch(self, request: _Request) -> _Answer:
        """Route one HTTP request, apply faults/delays, record it, answer it."""
        with self._changed:
            self._in_flight += 1
        try:
            return self._dispatch_one(request)
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    def _dispatch_one(self, request: _Request) -> _Answer:
        received = time.time()
        method, raw_args = self._route(request)
        with self._changed:
            self._in_flight_by_method[method] = self._in_flight_by_method.get(method, 0) + 1
            self._changed.notify_all()
        try:
            return self._dispatch_routed(request, received, method, raw_args)
        finally:
            with self._changed:
                self._in_flight_by_method[method] -= 1
                self._changed.notify_all()

    def _dispatch_routed(self, request: _Request, received: float, method: str, raw_args: dict[str, Any]) -> _Answer:
        upload = raw_args.pop("_data", b"")
        args = decode_json_fields(raw_args)
        with self._lock:
            delay = self._delays.get(method, 0.0)
        if delay:
            self._stopping.wait(delay)
        fault = self._take_fault(method)
        if fault and fault.landed:
            self._answer(method, args, request)
            answer = _fault_answer(fault)
        elif fault:
            answer = _fault_answer(fault)
        elif method == UPLOAD_METHOD:
            answer = self._store_upload(args["file_id"], upload)
        elif method == RESPONSE_URL_METHOD:
            answer = self._respond(args)
        else:
            answer = self._answer(method, args, request)
        self._record(
            Call(method, args, request.headers, received, raw_args, request.body,
                 answer.status, answer.body, answer.outcome, answer.refused)
        )
        return answer

    def _route(self, request: _Request) -> tuple[str, dict[str, Any]]:
        content_type = request.headers.get("content-type", "")
        prefix, _, name = request.path.lstrip("/").partition("/")
        if prefix == "upload":
            data = _upload_bytes(request.body, content_type)
            return UPLOAD_METHOD, {"file_id": name, "length": len(data), "_data": data}
        if prefix == "respond":
            args = parse_args(request.query, request.body, content_type or "application/json")
            return RESPONSE_URL_METHOD, {**args, "_name": name}
        if prefix == "api" and name:
            return name, parse_args(request.query, request.body, content_type)
        return request.path, parse_args(request.query, request.body, content_type)  # 404

    def _answer(self, method: str, args: dict[str, Any], request: _Request) -> _Answer:
        if method.startswith("/"):
            return _Answer(404, "Not Found", "http_404")
        with self._lock:
            override = self._responses.get(method)
        handler = _API_HANDLERS.get(method)
        refusal = self._refusal(method, args, request, known=override is not None or handler is not None)
        if refusal is not None:
            return _Answer(200, refusal, f"error:{refusal['error']}", refused=True)
        if override is not None:
            body = override(args) if callable(override) else dict(override)
        else:
            body = handler(self, args, request) if handler else {"ok": True}
        body.setdefault("ok", True)
        if method == "oauth.v2.access" and body["ok"] and body.get("access_token"):
            team = (body.get("team") or {}).get("id") or self.team_id
            self.set_token(str(body["access_token"]), team, body.get("bot_user_id"))
        outcome = "ok" if body["ok"] else f"error:{body.get('error', 'unknown')}"
        return _Answer(200, body, outcome)

    # ------------------------------------------------------------------ what Slack refuses

    def _refusal(self, method: str, args: dict[str, Any], request: _Request, known: bool) -> dict[str, Any] | None:
        """Slack's error answer for this call, or None when Slack would accept it."""
        if not self.strict:
            return None
        if not known:
            return self._refuse("unknown_method")
        if method in NO_TOKEN_METHODS:
            return None
        token = _token_of(request.headers, args)
        if not token:
            return self._refuse("not_authed")
        if (method == "apps.connections.open") != token.startswith(APP_TOKEN_PREFIX):
            return self._refuse("not_allowed_token_type")
        if not token.startswith(APP_TOKEN_PREFIX):
            with self._lock:
                registered = token in self._tokens or (token in DEFAULT_TOKENS and token not in self._revoked)
                scopes = self._token_scopes.get(token, self.scopes)
            if not registered:
                return self._refuse("invalid_auth")
            needed = slack_rules.scope_for(method, args)
            if needed and needed not in scopes and self._enforces("missing_scope"):
                return {"ok": False, "error": "missing_scope", "needed": needed, "provided": ",".join(sorted(scopes))}
        check = _CHECKS.get(method)
        return check(self, args) if check else None

    def _refuse(self, error: str, reason: str | None = None) -> dict[str, Any] | None:
        if not self._enforces(error):
            return None
        body: dict[str, Any] = {"ok": False, "error": error}
        if reason:
            body["response_metadata"] = {"messages": [f"[ERROR] {reason}"]}
        return body

    def _channel_refusal(self, channel: str) -> dict[str, Any] | None:
        if channel[:1] in ("U", "W", "D") and len(channel) > 1:
            return None
        with self._lock:
            if channel in self._opened:
                return None
            info = self._channels.get(channel)
        if not channel or (info is None and channel[:1] != "C"):
            return self._refuse("channel_not_found", f"no conversation {channel or '(none)'} the bot can see")
        if info is None:  # a public channel exists for Slack whether or not the bot is in it
            return self._refuse("not_in_channel", f"the bot was never put in {channel} (fake.join it)")
        if info.get("is_archived"):
            return self._refuse("is_archived")
        if info.get("is_member") is False:
            return self._refuse("not_in_channel")
        return None

    def _message_refusal(self, args: dict[str, Any], needs_text: bool = True) -> dict[str, Any] | None:
        if needs_text and not any(args.get(k) for k in ("text", "blocks", "attachments")):
            return self._refuse("no_text")
        broken = slack_rules.check_message(args)
        return self._refuse(*broken) if broken else None

    def _known_message(self, channel: str, ts: str) -> bool:
        with self._lock:
            return any(m["ts"] == ts for m in self._history.get(self._dm_or_channel(channel), []))

    def _check_post(self, args: dict[str, Any]) -> dict[str, Any] | None:
        channel = str(args.get("channel") or "")
        if not channel:
            return self._refuse("channel_not_found", "channel is required")
        return self._channel_refusal(channel) or self._message_refusal(args)

    def _check_ephemeral(self, args: dict[str, Any]) -> dict[str, Any] | None:
        if not args.get("user"):
            return self._refuse("invalid_arguments", "missing required field: user")
        return self._check_post(args)

    def _check_update(self, args: dict[str, Any]) -> dict[str, Any] | None:
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        refusal = self._channel_refusal(channel) if channel else self._refuse("channel_not_found")
        if refusal:
            return refusal
        if not self._known_message(channel, ts):
            return self._refuse("message_not_found", f"no message {ts or '(no ts)'} in {channel}")
        return self._message_refusal(args)

    def _check_delete(self, args: dict[str, Any]) -> dict[str, Any] | None:
        channel, ts = str(args.get("channel") or ""), str(args.get("ts") or "")
        if not self._known_message(channel, ts):
            return self._refuse("message_not_found")
        return None

    def _check_trigger(self, args: dict[str, Any]) -> dict[str, Any] | None:
        trigger = str(args.get("trigger_id") or args.get("interactivity_pointer") or "")
        with self._lock:
            issued = self._triggers.get(trigger)
            used = trigger in self._used_triggers
            self._used_triggers.add(trigger)
        if issued is None:
            issued = _trigger_issued_at(trigger)
        if issued is None:
            return self._refuse("invalid_trigger_id", f"trigger_id {trigger!r} was never issued")
        if used:
            return self._refuse("exchanged_trigger_id")
        if self.now() - issued > TRIGGER_TTL:
            return self._refuse("expired_trigger_id", f"issued {self.now() - issued:.1f}s ago")
        return None

    def _check_view_args(self, args: dict[str, Any]) -> dict[str, Any] | None:
        reason = slack_rules.check_view(args.get("view"))
        return self._refuse("invalid_arguments", reason) if reason else None

    def _check_open(self, args: dict[str, Any]) -> dict[str, Any] | None:
        return self._check_view_args(args) or self._check_trigger(args)

    def _check_publish(self, args: dict[str, Any]) -> dict[str, Any] | None:
        if not args.get("user_id"):
            return self._refuse("invalid_arguments", "missing required field: user_id")
        view = args.get("view")
        if isinstance(view, dict) and view.get("type") != "home":
            return self._refuse("invalid_arguments", "views.publish takes a home view")
        return self._check_view_args(args)

    def _check_history(self, args: dict[str, Any]) -> dict[str, Any] | None:
        return self._channel_refusal(str(args.get("channel") or ""))

    def _check_info(self, args: dict[str, Any]) -> dict[str, Any] | None:
        channel = str(args.get("channel") or "")
        if channel[:1] in ("C", "D") or channel in self._opened:
            return None  # public channels answer whether or not the bot is in them (is_member says)
        with self._lock:
            known = channel in self._channels
        return None if known else self._refuse("channel_not_found")

    def _respond(self, args: dict[str, Any]) -> _Answer:
        """A POST to a response_url: 5 uses within 30 minutes, a message Slack accepts."""
        name = str(args.get("_name"))
        with self._lock:
            entry = self._response_urls.setdefault(name, [self.now(), 0])
            entry[1] += 1
            issued, uses = entry
        refusal = None
        if self.strict and self.now() - issued > RESPONSE_URL_TTL:
            refusal = self._refuse("expired_url")
        if refusal is None and self.strict and uses > RESPONSE_URL_USES:
            refusal = self._refuse("used_url", f"use {uses} of a response_url good for {RESPONSE_URL_USES}")
        if refusal is None and self.strict and not args.get("delete_original"):
            refusal = self._message_refusal(args)
        if refusal is not None:
            status = 404 if refusal["error"] in ("expired_url", "used_url") else 400
            return _Answer(status, refusal, f"error:{refusal['error']}", refused=True)
        return _Answer(200, {"ok": True}, "ok")

    def _store_upload(self, file_id: str, data: bytes) -> _Answer:
        with self._lock:
            self._uploads[file_id] = data
        return _Answer(200, f"OK - {len(data)}", "ok")

    # ------------------------------------------------------------------ default API answers

    def _auth_test(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        token = _token_of(request.headers, args) or ""
        ident = self._tokens.get(token, {"team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id})
        return {
            "url": "https://alpha.slack.com/",
            "team": self.team_name,
            "user": "kam-bot",
            "team_id": ident["team_id"],
            "user_id": ident["user_id"],
            "bot_id": ident["bot_id"],
            "is_enterprise_install": False,
        }

    def _dm_or_channel(self, channel: str) -> str:
        return f"D{channel}" if channel[:1] in ("U", "W") else channel

    def _message(self, args: dict[str, Any], ts: str) -> dict[str, Any]:
        message = {"type": "message", "user": self.bot_user_id, "bot_id": self.bot_id, "ts": ts,
                   "text": args.get("text", ""), "team": self.team_id}
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if key in args:
                message[key] = args[key]
        return message

    def _post_message(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        with self._lock:
            ts = self._next_ts()
            channel = self._dm_or_channel(str(args.get("channel", "")))
            message = self._message(args, ts)
            self._history.setdefault(channel, []).append(message)
        return {"channel": channel, "ts": ts, "message": message}

    def _post_ephemeral(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        return {"message_ts": self._next_ts()}

    def _chat_update(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        ts = str(args.get("ts") or self._next_ts())
        message = self._message(args, ts)
        with self._lock:
            for stored in self._history.get(self._dm_or_channel(str(args.get("channel", ""))), []):
                if stored["ts"] == ts:
                    stored.update({k: v for k, v in message.items() if k in ("text", "blocks", "attachments", "metadata")})
        return {"channel": args.get("channel"), "ts": ts, "text": args.get("text", ""), "message": message}

    def _chat_delete(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        with self._lock:
            key = self._dm_or_channel(str(args.get("channel", "")))
            self._history[key] = [m for m in self._history.get(key, []) if m["ts"] != args.get("ts")]
        return {"channel": args.get("channel"), "ts": args.get("ts")}

    def _conversations_history(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        """Newest first, as Slack pages it: ``oldest``/``latest`` bounds (exclusive unless ``inclusive``),
        ``limit`` (default 100, at most 999), ``cursor`` from ``next_cursor``; metadata only with
        ``include_all_metadata``."""
        channel = str(args.get("channel") or "")
        oldest = float(args.get("oldest") or 0)
        latest = float(args.get("latest") or "inf")
        inclusive = _truthy(args.get("inclusive"))
        limit = max(1, min(int(args.get("limit") or 100), 999))
        cursor = str(args.get("cursor") or "")
        start = _cursor_offset(cursor)
        if start is None:
            return self._refuse("invalid_cursor") or {"messages": [], "has_more": False}
        with self._lock:
            messages = [dict(m) for m in self._history.get(self._dm_or_channel(channel), [])]
        in_range = [m for m in messages
                    if (oldest <= float(m["ts"]) <= latest if inclusive else oldest < float(m["ts"]) < latest)]
        in_range.sort(key=lambda m: float(m["ts"]), reverse=True)
        page = in_range[start:start + limit]
        if not _truthy(args.get("include_all_metadata")):
            for message in page:
                message.pop("metadata", None)
        more = start + limit < len(in_range)
        return {"messages": page, "has_more": more, "pin_count": 0,
                "response_metadata": {"next_cursor": _cursor_for(start + limit) if more else ""}}

    def _apps_connections_open(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        if not self.socket_url:
            return {"ok": False, "error": "internal_error"}
        return {"url": self.socket_url}

    def _get_permalink(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        ts = str(args.get("message_ts", "")).replace(".", "")
        return {"channel": args.get("channel"),
                "permalink": f"https://alpha.slack.com/archives/{args.get('channel')}/p{ts}"}

    def _view(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        view = args.get("view") if isinstance(args.get("view"), dict) else {}
        view_id = args.get("view_id") or f"V{self._next('view'):08d}"
        result = {
            "id": view_id, "team_id": self.team_id, "type": view.get("type", "modal"),
            "callback_id": view.get("callback_id", ""), "private_metadata": view.get("private_metadata", ""),
            "external_id": args.get("external_id") or view.get("external_id", ""),
            "blocks": view.get("blocks", []), "title": view.get("title"), "state": {"values": {}},
            "hash": f"{self._next('hash')}.abcdef", "root_view_id": view_id,
            "app_id": "A_KAM", "bot_id": self.bot_id,
        }
        if "user_id" in args:
            result["user_id"] = args["user_id"]
        return {"view": result}

    def _users_info(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        return {"user": self._user_object(str(args.get("user", "")))}

    def _users_list(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        """Cursor pages of the directory: ``limit`` (default: all), ``cursor`` from ``next_cursor``."""
        with self._lock:
            listed = list(self._listed)
        cursor = str(args.get("cursor") or "")
        if cursor and not (cursor.startswith("dXNlcj") and cursor[6:].isdigit()):
            return {"ok": False, "error": "invalid_cursor"}
        start = int(cursor[6:]) if cursor else 0
        limit = int(args.get("limit") or 0) or len(listed) or 1
        end = start + limit
        members = [self._user_object(uid) for uid in listed[start:end]]
        next_cursor = f"dXNlcj{end}" if end < len(listed) else ""
        return {"members": members, "cache_ts": int(time.time()), "response_metadata": {"next_cursor": next_cursor}}

    def _users_lookup_by_email(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        wanted = str(args.get("email") or "").strip().lower()
        with self._lock:
            listed = list(self._listed)
            emails = {uid: str(self._users.get(uid, {}).get("profile", {}).get("email") or "").lower()
                      for uid in listed}
        for uid in listed:
            if wanted and emails[uid] == wanted:
                return {"user": self._user_object(uid)}
        return {"ok": False, "error": "users_not_found"}

    def _user_object(self, user_id: str) -> dict[str, Any]:
        user = {
            "id": user_id, "team_id": self.team_id, "name": user_id.lower(), "real_name": f"User {user_id}",
            "tz": "Europe/Berlin", "tz_label": "Central European Time", "tz_offset": 3600,
            "is_bot": False, "deleted": False, "is_admin": False, "is_restricted": False,
            "profile": {"real_name": f"User {user_id}", "display_name": user_id.lower(),
                        "email": f"{user_id.lower()}@example.com"},
        }
        with self._lock:
            custom = json.loads(json.dumps(self._users.get(user_id, {})))
        user["profile"].update(custom.pop("profile", {}))
        user.update(custom)
        return user

    def _conversations_info(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        channel_id = str(args.get("channel", ""))
        channel = {
            "id": channel_id, "name": channel_id.lower(), "is_channel": channel_id[:1] == "C",
            "is_group": False, "is_im": channel_id[:1] == "D", "is_private": channel_id[:1] == "G",
            "is_archived": False, "is_member": (channel_id[:1] == "D" or channel_id in self._opened
                                                or self._channels.get(channel_id, {}).get("is_member", channel_id in self._channels)),
            "is_shared": False, "is_ext_shared": False,
            "is_org_shared": False, "context_team_id": self.team_id,
        }
        with self._lock:
            channel.update(self._channels.get(channel_id, {}))
        return {"channel": channel}

    def _conversations_open(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        if args.get("channel"):
            channel_id = str(args["channel"])
        else:
            users = [u for u in str(args.get("users", "")).split(",") if u]
            channel_id = f"D{users[0]}" if len(users) == 1 else "G" + "_".join(users)
        with self._lock:
            self._opened.add(channel_id)
        return {"channel": {"id": channel_id}}

    def _get_upload_url(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        file_id = f"F{self._next('file'):08d}"
        with self._lock:
            self._file_meta[file_id] = {"name": args.get("filename", ""), "length": args.get("length")}
        return {"upload_url": f"{self.origin}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, args: dict[str, Any], request: _Request) -> dict[str, Any]:
        files = args.get("files") if isinstance(args.get("files"), list) else []
        channels = [c for c in str(args.get("channels") or args.get("channel_id") or "").split(",") if c]
        return {"files": [self._file_info(f, channels) for f in files]}

    def _file_info(self, item: dict[str, Any], channels: list[str]) -> dict[str, Any]:
        file_id = str(item.get("id"))
        with self._lock:
            meta = self._file_meta.get(file_id, {})
            size = len(self._uploads.get(file_id, b""))
        name = meta.get("name", "")
        return {
            "id": file_id, "name": name, "title": item.get("title") or name, "size": size,
            "url_private": f"https://files.slack.com/files-pri/{self.team_id}-{file_id}/{name}",
            "permalink": f"https://alpha.slack.com/files/{self.bot_user_id}/{file_id}/{name}",
            "channels": channels,
        }


def _token_of(headers: dict[str, str], args: dict[str, Any]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:]
    return args.get("token")


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes")


def _cursor_for(offset: int) -> str:
    return base64.b64encode(f"next:{offset}".encode()).decode()


def _cursor_offset(cursor: str) -> int | None:
    if not cursor:
        return 0
    try:
        prefix, _, number = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        return int(number) if prefix == "next" else None
    except ValueError:
        return None


def _trigger_issued_at(trigger: str) -> float | None:
    """When a trigger_id shaped ``<epoch ms>.<n>.<hex>`` (support.signing.new_trigger_id) was issued."""
    head = trigger.split(".", 1)[0]
    if not head.isdigit() or len(head) != 13:
        return None
    return int(head) / 1000


def _reason(call: Call) -> str:
    body = call.response if isinstance(call.response, dict) else {}
    messages = (body.get("response_metadata") or {}).get("messages") or []
    return "; ".join(messages) or str(body.get("needed") or "")


def _matches(call: Call, method: str | None, ok: bool | None) -> bool:
    return (method is None or call.method == method) and (ok is None or call.ok == ok)


def _fault_answer(fault: _Fault) -> _Answer:
    """The HTTP answer for an injected fault."""
    if fault.error is not None:
        return _Answer(200, {"ok": False, "error": fault.error}, f"error:{fault.error}")
    if fault.status == 429:
        body = fault.body if fault.body is not None else {"ok": False, "error": "ratelimited"}
        return _Answer(429, body, "ratelimited", {"Retry-After": str(fault.retry_after or 0)})
    body = fault.body if fault.body is not None else f"{fault.status} Server Error"
    return _Answer(fault.status, body, f"http_{fault.status}")


NO_TOKEN_METHODS = frozenset({"oauth.v2.access", "api.test"})

_CHECKS: dict[str, Callable[[FakeSlack, dict[str, Any]], dict[str, Any] | None]] = {
    "chat.postMessage": FakeSlack._check_post,
    "chat.postEphemeral": FakeSlack._check_ephemeral,
    "chat.update": FakeSlack._check_update,
    "chat.delete": FakeSlack._check_delete,
    "views.open": FakeSlack._check_open,
    "views.push": FakeSlack._check_open,
    "views.update": FakeSlack._check_view_args,
    "views.publish": FakeSlack._check_publish,
    "conversations.history": FakeSlack._check_history,
    "conversations.info": FakeSlack._check_info,
    **fake_surfaces.CHECKS,
}
"""Per-method argument checks of the strict fake (after token and scope)."""

_API_HANDLERS: dict[str, Callable[[FakeSlack, dict[str, Any], _Request], dict[str, Any]]] = {
    "api.test": lambda fake, args, request: {"args": args},
    "apps.connections.open": FakeSlack._apps_connections_open,
    "conversations.history": FakeSlack._conversations_history,
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": FakeSlack._post_ephemeral,
    "chat.update": FakeSlack._chat_update,
    "chat.delete": FakeSlack._chat_delete,
    "chat.getPermalink": FakeSlack._get_permalink,
    "views.open": FakeSlack._view,
    "views.update": FakeSlack._view,
    "views.push": FakeSlack._view,
    "views.publish": FakeSlack._view,
    "users.info": FakeSlack._users_info,
    "users.list": FakeSlack._users_list,
    "users.lookupByEmail": FakeSlack._users_lookup_by_email,
    "conversations.info": FakeSlack._conversations_info,
    "conversations.open": FakeSlack._conversations_open,
    "files.getUploadURLExternal": FakeSlack._get_upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
    **fake_surfaces.HANDLERS,
}
