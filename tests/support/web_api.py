"""Calling the fake Slack as the app would: slack_sdk's WebClient, and a call Slack must refuse."""
from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from support.fake_slack import FakeSlack


def client(fake: FakeSlack, token: str = "xoxb-test") -> WebClient:
    return WebClient(token=token, base_url=fake.base_url, timeout=5)


def refused(fake: FakeSlack, call, error: str) -> dict:
    """Run `call`, which Slack answers with `error`; the refusal is expected, so it fails no test."""
    with pytest.raises(SlackApiError) as raised:
        call()
    assert raised.value.response["error"] == error, raised.value.response.data
    fake.expect_refusal(error)
    return raised.value.response.data
