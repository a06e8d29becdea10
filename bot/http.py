"""`kam serve`: Slack's HTTP endpoints on Starlette, with Bolt's dispatch in a thread pool.

Bolt's stock Starlette handler runs `dispatch` on the event loop, which serialises
concurrent requests; running it in the pool keeps acks fast under load.
"""
from __future__ import annotations

import hashlib
import hmac
import time

from slack_bolt import App, BoltRequest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.bootstrap import Container
from bot.errors import log_unexpected

MAX_BODY_BYTES = 1_000_000  # Slack's payloads are far smaller; anything larger is not Slack
REPLAY_WINDOW_SECONDS = 60 * 5  # as Bolt's own check, which still runs after ours


def create_web_app(bolt: App, container: Container) -> Starlette:
    secret = container.settings.slack_signing_secret

    async def slack_events(request: Request) -> Response:
        body = await _bounded_body(request)
        if body is None:
            return Response("payload too large", status_code=413)
        # The signature is checked on the raw bytes before anything is parsed: an unsigned request
        # gets 401 whatever its body, and garbage is never parsed for a stranger.
        if secret and not _signed(secret, body, request.headers):
            return Response("invalid request signature", status_code=401)
        try:
            decoded = body.decode("utf-8")
            bolt_request = BoltRequest(body=decoded, query=request.query_params, headers=request.headers)
        except UnicodeDecodeError:
            return Response("body must be UTF-8", status_code=400)
        except (ValueError, AttributeError, TypeError):  # JSON that does not parse, or not an object
            return Response("malformed body", status_code=400)
        problem = _malformed(bolt_request.body)
        if problem:
            return Response(f"malformed body: {problem}", status_code=400)
        try:
            bolt_response = await run_in_threadpool(bolt.dispatch, bolt_request)
        except Exception as exc:  # noqa: BLE001 - a payload Bolt cannot take apart is the sender's error
            log_unexpected(exc, "dispatch of a signed request")
            return Response("malformed body", status_code=400)
        return Response(status_code=bolt_response.status, content=bolt_response.body,
                        headers=bolt_response.first_headers_without_set_cookie())

    async def healthz(_request: Request) -> Response:
        try:
            await run_in_threadpool(_database_ok, container)
        except Exception:  # noqa: BLE001 - health says what is down, not why
            return JSONResponse({"ok": False, "database": "unreachable"}, status_code=503)
        return JSONResponse({"ok": True, "database": "ok"})

    async def oauth(request: Request) -> Response:
        flow = bolt.oauth_flow
        bolt_request = BoltRequest(body="", query=request.query_params, headers=request.headers)
        handle = flow.handle_installation if request.url.path == flow.install_path else flow.handle_callback
        bolt_response = await run_in_threadpool(handle, bolt_request)
        response = Response(status_code=bolt_response.status, content=bolt_response.body,
                            headers=bolt_response.first_headers_without_set_cookie())
        for cookie in bolt_response.cookies():
            for name, morsel in cookie.items():
                response.set_cookie(key=name, value=morsel.value, max_age=morsel.get("max-age") or None,
                                    path=morsel.get("path") or "/", secure=True, httponly=True)
        return response

    routes = [Route("/slack/events", slack_events, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    if bolt.oauth_flow is not None:
        routes += [Route(bolt.oauth_flow.install_path, oauth, methods=["GET"]),
                   Route(bolt.oauth_flow.redirect_uri_path, oauth, methods=["GET"])]
    return Starlette(routes=routes)


# The parts of a payload Bolt takes apart before any listener of ours runs, and the type Slack sends.
_OBJECTS = ("view", "event", "team", "user", "channel", "container", "message", "enterprise", "state")


def _malformed(body) -> str | None:
    """What makes a signed body unusable for Bolt (which would fail with a 500), or None."""
    if not isinstance(body, dict):
        return "expected a JSON object or form fields"
    for key in _OBJECTS:
        if body.get(key) is not None and not isinstance(body[key], dict):
            return f"`{key}` must be an object"
    if "event" in body and not isinstance(body["event"], dict):  # Bolt's own middleware reads it as an object
        return "`event` must be an object"
    if "type" in body and body["type"] is not None and not isinstance(body["type"], str):
        return "`type` must be a string"
    actions = body.get("actions")
    if actions is not None and not (isinstance(actions, list)
                                    and all(isinstance(a, dict) and isinstance(a.get("action_id", ""), str)
                                            and isinstance(a.get("block_id", ""), str) for a in actions)):
        return "`actions` must be a list of actions"
    if body.get("type") in ("block_actions", "interactive_message") and not actions:
        return "no actions"
    if body.get("type") == "block_actions" and not all(isinstance(a.get("action_id"), str) for a in actions):
        return "an action without an action_id"
    if body.get("type") in ("view_submission", "view_closed") and not isinstance(body.get("view"), dict):
        return "no view"
    return None


async def _bounded_body(request: Request) -> bytes | None:
    """The body, or None when it is over MAX_BODY_BYTES: refused on its declared length before a
    byte is read, and a chunked one is cut off as soon as it passes the limit (never read whole)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.strip().isdigit() or int(declared) > MAX_BODY_BYTES):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _signed(secret: str, body: bytes, headers) -> bool:
    """Slack's v0 signature over the raw bytes (any bytes, not only UTF-8), within the 5-minute window."""
    timestamp, signature = headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
    if not timestamp or not signature or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    if abs(time.time() - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return False
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def _database_ok(container: Container) -> None:
    with container.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
