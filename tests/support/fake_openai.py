"""An OpenAI-compatible HTTP server on a loopback port, for the real LangChain/OpenAI client path.

`LoopbackOpenAI(answer)` records every request body (`requests`) and answers each POST with
`answer(path, body) -> (status, payload)`; `mode` makes it fail as servers do: "error" (HTTP 500),
"garbage" (200 with a body that is not JSON), "hang" (never answers until the server closes: the
client's timeout fires; no sleeping). `ScriptedChat` answers chat completions from a script of
replies, each a message dict or a function of the request body (to answer what the client sent).
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

Answer = Callable[[str, dict], tuple[int, Any]]


class LoopbackOpenAI:
    def __init__(self, answer: Answer):
        self.answer = answer
        self.mode = "ok"
        self.requests: list[dict] = []
        self.released = threading.Event()  # set on close: a hanging answer gives up then
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def respond(self, path: str, body: dict) -> tuple[int, Any]:
        self.requests.append(body)
        if self.mode == "error":
            return 500, {"error": {"message": "overloaded", "type": "server_error"}}
        if self.mode == "garbage":
            return 200, b"<html>502 Bad Gateway</html> {not json"
        if self.mode == "hang":
            self.released.wait()
            return 500, {"error": {"message": "closed", "type": "server_error"}}
        return self.answer(path, body)

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def _handler(fake: LoopbackOpenAI):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            status, payload = fake.respond(self.path, body)
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
                pass

        def log_message(self, *args):
            pass

    return Handler


def chat_completion(model: str, message: dict, finish_reason: str = "stop") -> dict:
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model,
            "choices": [{"index": 0, "finish_reason": finish_reason, "message": message}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def tool_calls(*calls: tuple[str, dict]) -> dict:
    """An assistant message calling tools, as OpenAI sends it (arguments as a JSON string)."""
    return {"role": "assistant", "content": None, "tool_calls": [
        {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
        for i, (name, args) in enumerate(calls, start=1)]}


def words(text: str) -> dict:
    return {"role": "assistant", "content": text}


class ScriptedChat(LoopbackOpenAI):
    """The assistant's tool-calling conversation from a script: its n-th request gets the n-th reply.
    Other requests (a drafter's structured output, on the same KAM_LLM) are refused with an HTTP 400,
    so the drafter falls back offline and the script stays the conversation's."""

    def __init__(self, *script: dict | Callable[[dict], dict], marker_tool: str = "propose_write"):
        self.script = list(script)
        self.marker_tool = marker_tool
        self.conversation: list[dict] = []
        super().__init__(self._next)

    def _next(self, path: str, body: dict) -> tuple[int, Any]:
        offered = {t.get("function", {}).get("name") for t in body.get("tools") or []}
        if not path.endswith("/chat/completions") or self.marker_tool not in offered or not self.script:
            return 400, {"error": {"message": "this server only answers the scripted conversation",
                                   "type": "invalid_request_error"}}
        self.conversation.append(body)
        reply = self.script.pop(0)
        message = reply(body) if callable(reply) else reply
        return 200, chat_completion(body["model"], message, "tool_calls" if message.get("tool_calls") else "stop")

    def tool_messages(self, request: int) -> list[dict]:
        """The `tool` messages the client sent in the conversation's `request`-th request (0-based)."""
        return [m for m in self.conversation[request]["messages"] if m.get("role") == "tool"]
