"""Questions `kam doctor` asks Slack, as the port `kam_domain.services.doctor` expects."""
from __future__ import annotations

from typing import Callable

from slack_sdk.errors import SlackApiError

from kam_domain.services.doctor import MEMBER, NOT_FOUND, NOT_MEMBER


def channel_membership(client) -> Callable[[str], str]:
    """`channel_id -> MEMBER | NOT_MEMBER | NOT_FOUND` over conversations.info, or Slack's error code
    (`missing_scope`...), which the doctor reports as not checked. A private channel without the bot
    in it is not found, as Slack says."""

    def membership(channel_id: str) -> str:
        try:
            channel = client.conversations_info(channel=channel_id)["channel"]
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else None
            if error == "channel_not_found":
                return NOT_FOUND
            return f"Slack said {error or 'nothing'}"
        return MEMBER if channel.get("is_member") else NOT_MEMBER

    return membership
