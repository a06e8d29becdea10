"""The real app (Bolt on Starlette under uvicorn) on a loopback port, wired to a fake Slack."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import uvicorn

from bot.app import create_app
from bot.bootstrap import Container
from bot.http import create_web_app
from support import signing
from support.fake_slack import FakeSlack

SIGNING_SECRET = "test-signing-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    def __init__(self, web_app, port: int):
        self.server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the app server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


def lazy_executor(app):
    """The pool Bolt runs lazy listeners (and, without process_before_response, listeners) on."""
    return app.listener_runner.listener_executor


def lazy_idle(app) -> bool:
    """True when the lazy-listener pool has nothing queued and every worker is idle."""
    executor = lazy_executor(app)
    if not isinstance(executor, ThreadPoolExecutor):
        return True
    with executor._shutdown_lock:
        threads = len(executor._threads)
        return executor._work_queue.empty() and executor._idle_semaphore._value >= threads


def wait_quiet(fake: FakeSlack, app=None, timeout: float = 10.0) -> None:
    """Wait until nothing more can reach the fake Slack: the lazy listeners done and no request in flight
    (twice in a row, as a finishing listener may still be sending its last request)."""
    deadline = time.monotonic() + timeout
    quiet_checks = 0
    while quiet_checks < 2:
        fake.wait_idle(timeout=max(0.1, deadline - time.monotonic()))
        if app is None or lazy_idle(app):
            quiet_checks += 1
        else:
            quiet_checks = 0
        if time.monotonic() > deadline:
            raise AssertionError(f"not quiet after {timeout}s: lazy listeners still running")
        time.sleep(0.01)


def shut_down_lazy(app) -> None:
    """Teardown: let running lazy work finish and stop the pool, so nothing writes after the test."""
    lazy_executor(app).shutdown(wait=True, cancel_futures=True)


@dataclass
class SlackScenario:
    """Sends requests signed as Slack signs them; the fake records what the app sent back."""

    url: str
    fake: FakeSlack
    container: Container
    team_id: str = "T_ALPHA"
    app: Any = None  # the Bolt app, for settle()

    def settle(self, timeout: float = 10.0) -> None:
        """Wait for quiescence: the lazy listeners drained and the fake Slack idle."""
        wait_quiet(self.fake, self.app, timeout)

    def command(self, text: str, user_id: str = "U_ALICE", team_id: str | None = None, channel_id: str = "C_GENERAL",
                timestamp: int | None = None, headers: dict | None = None):
        body, content_type = signing.slash_command_body(
            text, team_id=team_id or self.team_id, user_id=user_id, channel_id=channel_id,
            response_url=self.fake.response_url(f"cmd-{time.monotonic_ns()}"))
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET, timestamp=timestamp,
                                   extra_headers=headers)

    def event(self, event: dict, team_id: str | None = None, event_id: str | None = None, headers: dict | None = None):
        self._slack_saw(event.get("channel"), event if event.get("type") == "message" else None)
        body, content_type = signing.event_body(event, team_id=team_id or self.team_id, event_id=event_id)
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET, extra_headers=headers)

    def interaction(self, payload: dict):
        container = payload.get("container") or {}
        if container.get("type") == "message" and not container.get("is_ephemeral"):
            self._slack_saw(container.get("channel_id"), payload.get("message"))
        body, content_type = signing.interaction_body(payload)
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET)

    def _slack_saw(self, channel: str | None, message: dict | None) -> None:
        """What an event or a click proves about Slack: channel events and message buttons reach the app
        only from conversations the bot is in, and a clicked message exists there. The fake is told so
        (the app may then post there, or update that message)."""
        if not channel:
            return
        if channel[:1] in ("C", "G"):
            self.fake.join(channel)
        if message and message.get("ts") and not any(m["ts"] == message["ts"] for m in self.fake.history(channel)):
            self.fake.add_message(channel, **{k: v for k, v in message.items() if k != "channel"})

    def replies(self, count: int = 1, timeout: float = 10.0):
        """What the app answered through response_url, waiting for `count` of them."""
        return [c.args for c in self.fake.wait_for("response_url", count=count, timeout=timeout)]


@contextmanager
def serving(container: Container, fake: FakeSlack) -> Iterator[SlackScenario]:
    """The real app for `container` on a loopback port, as a SlackScenario; on exit the server stops and
    the lazy work drains (no listener may write after the test)."""
    app = create_app(container)
    port = free_port()
    server = ServerThread(create_web_app(app, container), port)
    server.start()
    try:
        yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container, app=app)
    finally:
        server.stop()
        shut_down_lazy(app)
