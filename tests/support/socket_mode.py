"""A local websocket endpoint on loopback that plays Slack's side of Socket Mode.

Slack's protocol (docs.slack.dev/apis/events-api/using-socket-mode): the app asks
``apps.connections.open`` (app-level token) for a ``wss://`` url and connects; Slack sends
``{"type": "hello", ...}``; then envelopes ``{"envelope_id", "type": "slash_commands" |
"events_api" | "interactive", "payload", "accepts_response_payload"}``; the app acknowledges each
with ``{"envelope_id": ..., "payload": {...}?}`` within 3 seconds.

slack_sdk's builtin SocketModeClient (what ``slack_bolt.adapter.socket_mode.SocketModeHandler``
uses) speaks plain ``ws://`` to a port other than 443, so the fake Slack's
``apps.connections.open`` answers :attr:`SocketModeSlack.url`.
"""
from __future__ import annotations

import asyncio
import json
import threading
import uuid
from typing import Any

from websockets.asyncio.server import serve


class SocketModeSlack:
    """Start with ``with SocketModeSlack() as slack:``; ``send_*`` an envelope, ``ack_of`` its ack."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="SocketModeSlack", daemon=True)
        self._changed = threading.Condition()
        self._connections: list[Any] = []
        self.acks: dict[str, dict[str, Any]] = {}
        self.received: list[Any] = []  # every message the app sent, decoded
        self._server = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> "SocketModeSlack":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _start(self) -> None:
        self._server = await serve(self._session, self._host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        self._server.close()
        await self._server.wait_closed()

    @property
    def url(self) -> str:
        return f"ws://{self._host}:{self.port}/link/?ticket={uuid.uuid4()}&app_id=A_KAM"

    # ------------------------------------------------------------------ Slack's side

    async def _session(self, connection) -> None:
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        await connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                          "debug_info": {"host": "applink-fake", "approximate_connection_time": 3600},
                                          "connection_info": {"app_id": "A_KAM"}}))
        try:
            async for message in connection:
                data = json.loads(message)
                with self._changed:
                    self.received.append(data)
                    if isinstance(data, dict) and data.get("envelope_id"):
                        self.acks[data["envelope_id"]] = data
                    self._changed.notify_all()
        except Exception:  # noqa: BLE001 - the app hung up
            pass
        finally:
            with self._changed:
                self._connections.remove(connection)
                self._changed.notify_all()

    def wait_connected(self, timeout: float = 60.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self._connections, timeout=timeout):
                raise AssertionError(f"the app did not connect over Socket Mode within {timeout}s")

    def send(self, kind: str, payload: dict[str, Any], accepts_response_payload: bool = False) -> str:
        """Send one envelope to the connected app; returns its envelope_id."""
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": accepts_response_payload}
        if kind == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        with self._changed:
            connection = self._connections[-1]
        asyncio.run_coroutine_threadsafe(connection.send(json.dumps(envelope)), self._loop).result(timeout=10)
        return envelope_id

    def send_command(self, payload: dict[str, Any]) -> str:
        return self.send("slash_commands", payload, accepts_response_payload=True)

    def send_event(self, event_callback: dict[str, Any]) -> str:
        return self.send("events_api", event_callback)

    def send_interaction(self, payload: dict[str, Any]) -> str:
        return self.send("interactive", payload)

    def ack_of(self, envelope_id: str, timeout: float = 3.0) -> dict[str, Any]:
        """The app's ack of this envelope (Slack wants it within 3 seconds)."""
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self.acks, timeout=timeout):
                raise AssertionError(f"no ack of envelope {envelope_id} within {timeout}s; got {self.received}")
            return self.acks[envelope_id]
