"""`kam serve`: Slack's HTTP endpoints on Starlette, with Bolt's dispatch in a thread pool.

Bolt's stock Starlette handler runs `dispatch` on the event loop, which serialises
concurrent requests; running it in the pool keeps acks fast under load.
"""
from __future__ import annotations

from slack_bolt import App, BoltRequest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.bootstrap import Container

MAX_BODY_BYTES = 1_000_000  # Slack's payloads are far smaller; anything larger is not Slack


def create_web_app(bolt: App, container: Container) -> Starlette:
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return Response("payload too large", status_code=413)
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError:
            return Response("body must be UTF-8", status_code=400)
        bolt_request = BoltRequest(body=decoded, query=request.query_params, headers=request.headers)
        bolt_response = await run_in_threadpool(bolt.dispatch, bolt_request)
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


def _database_ok(container: Container) -> None:
    with container.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
