"""Slack Web API clients: every call honours SLACK_API_URL and retries 429/5xx/timeouts."""
from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

DEFAULT_TIMEOUT = 15


def retry_handlers() -> list:
    # RateLimitErrorRetryHandler sleeps for the Retry-After the server sent.
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=3),
    ]


def make_web_client(token: str | None, base_url: str) -> WebClient:
    return WebClient(token=token, base_url=base_url, timeout=DEFAULT_TIMEOUT, retry_handlers=retry_handlers())
