"""The real app (Bolt on Starlette under uvicorn) on a loopback port, wired to a fake Slack."""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass

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


@dataclass
class SlackScenario:
    """Sends requests signed as Slack signs them; the fake records what the app sent back."""

    url: str
    fake: FakeSlack
    container: Container
    team_id: str = "T_ALPHA"

    def command(self, text: str, user_id: str = "U_ALICE", team_id: str | None = None, channel_id: str = "C_GENERAL",
                timestamp: int | None = None, headers: dict | None = None):
        body, content_type = signing.slash_command_body(
            text, team_id=team_id or self.team_id, user_id=user_id, channel_id=channel_id,
            response_url=self.fake.response_url(f"cmd-{time.monotonic_ns()}"))
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET, timestamp=timestamp,
                                   extra_headers=headers)

    def event(self, event: dict, team_id: str | None = None, event_id: str | None = None, headers: dict | None = None):
        body, content_type = signing.event_body(event, team_id=team_id or self.team_id, event_id=event_id)
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET, extra_headers=headers)

    def interaction(self, payload: dict):
        body, content_type = signing.interaction_body(payload)
        return signing.post_signed(self.url, body, content_type, SIGNING_SECRET)

    def replies(self, count: int = 1, timeout: float = 10.0):
        """What the app answered through response_url, waiting for `count` of them."""
        return [c.args for c in self.fake.wait_for("response_url", count=count, timeout=timeout)]
