"""Slack Web API clients: every call honours SLACK_API_URL, waits out 429s and retries reads
after a 5xx or a dropped connection.

A post is different: Slack can store a message and still answer 500, or drop the connection
after storing it, so a blind retry can land the same reply twice. A posting method is retried
only when it provably did not land: the connection was refused (nothing was sent), or the post
carries our metadata key and the conversation's history does not hold it. Otherwise it is not
retried, and for a new message the conversation is told, once, that the answer may not have
arrived. The rules live in the retry handlers because Bolt copies them into the client it makes
for every request.
"""
from __future__ import annotations

import json
import logging
import time
from urllib.error import URLError
from urllib.parse import parse_qsl

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

DEFAULT_TIMEOUT = 15
POSTING_METHODS = frozenset({
    "chat.postMessage", "chat.postEphemeral", "chat.meMessage", "chat.scheduleMessage", "chat.update",
    "views.open", "views.push", "views.update", "views.publish", "files.completeUploadExternal",
})
NEW_MESSAGE_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral"})
MAY_NOT_HAVE_ARRIVED = ("Slack answered my reply with an error, so it may not have arrived. "
                        "If you don't see my answer here, ask me again.")
HISTORY_WINDOW_SECONDS = 300
log = logging.getLogger("kam")


def retry_handlers() -> list:
    # RateLimitErrorRetryHandler sleeps for the Retry-After the server sent.
    return [
        PostSafeConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        PostSafeServerErrorRetryHandler(max_retry_count=3),
    ]


def make_web_client(token: str | None, base_url: str) -> WebClient:
    return WebClient(token=token, base_url=base_url, timeout=DEFAULT_TIMEOUT, retry_handlers=retry_handlers())


class PostSafeServerErrorRetryHandler(ServerErrorRetryHandler):
    """Retries a 5xx of a read; of a post only after the history shows it did not land."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if response is not None and response.status_code >= 500 and _method(request) in POSTING_METHODS:
            return _post_may_be_repeated(request)  # any 5xx: the post may have landed
        return super()._can_retry(state=state, request=request, response=response, error=error)


class PostSafeConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
    """Retries a dropped connection of a read; of a post only when it was refused (nothing sent)."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        if _method(request) not in POSTING_METHODS:
            return True
        if isinstance(error, URLError) and isinstance(error.reason, ConnectionRefusedError):
            return True
        return _post_may_be_repeated(request)


def _post_may_be_repeated(request) -> bool:
    method = _method(request)
    if method not in POSTING_METHODS:
        return True
    args = _args(request)
    key = _metadata_key(args) if method == "chat.postMessage" else None
    if key is not None:
        landed = _landed(request, args, key)
        if landed is False:
            return True
        if landed:
            return False
    if method in NEW_MESSAGE_METHODS:
        _tell_may_not_have_arrived(request, method, args)
    return False


# ---------------------------------------------------------------------------- reading the request


def _method(request) -> str:
    return request.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _args(request) -> dict:
    data = request.data or b""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    try:
        parsed = json.loads(text)
        return parsed if isinstance(parsed, dict) else {}
    except ValueError:
        return dict(parse_qsl(text))


def _metadata_key(args: dict) -> tuple[str, str] | None:
    metadata = args.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return None
    if not isinstance(metadata, dict) or not metadata.get("event_type"):
        return None
    return metadata["event_type"], json.dumps(metadata.get("event_payload") or {}, sort_keys=True)


def _client_like(request) -> WebClient:
    """A client with the request's token and base URL that retries nothing but 429s."""
    authorization = next((v for k, v in request.headers.items() if k.lower() == "authorization"), [""])
    token = (authorization[0] if isinstance(authorization, list) else authorization).removeprefix("Bearer ")
    base_url = request.url.split("?", 1)[0].rsplit("/", 1)[0] + "/"
    return WebClient(token=token or None, base_url=base_url, timeout=DEFAULT_TIMEOUT,
                     retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])


# ---------------------------------------------------------------------------- checking and telling


def _landed(request, args: dict, key: tuple[str, str]) -> bool | None:
    """Whether our message with this metadata is in the conversation; None when Slack can't say."""
    channel = args.get("channel")
    if not channel:
        return None
    oldest = f"{time.time() - HISTORY_WINDOW_SECONDS:.6f}"
    try:
        page = _client_like(request).conversations_history(channel=channel, oldest=oldest, limit=200,
                                                           include_all_metadata=True)
    except (SlackApiError, OSError) as exc:
        log.warning("could not check Slack history after a failed post (%s)", exc.__class__.__name__)
        return None
    for message in page.get("messages", []) or []:
        metadata = message.get("metadata") or {}
        if (metadata.get("event_type"), json.dumps(metadata.get("event_payload") or {}, sort_keys=True)) == key:
            return True
    return False


def _tell_may_not_have_arrived(request, method: str, args: dict) -> None:
    """One notice in the same place, never retried: the answer itself is not sent twice."""
    channel = args.get("channel")
    if not channel:
        return
    notice = {"channel": channel, "text": MAY_NOT_HAVE_ARRIVED}
    try:
        client = _client_like(request)
        if method == "chat.postEphemeral" and args.get("user"):
            client.chat_postEphemeral(user=args["user"], **notice)
        elif method == "chat.postMessage":
            client.chat_postMessage(thread_ts=args.get("thread_ts") or None, **notice)
    except (SlackApiError, OSError) as exc:
        log.warning("could not tell the conversation a reply may not have arrived (%s)", exc.__class__.__name__)
