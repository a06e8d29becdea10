"""Build and sign inbound Slack requests (slash commands, events, interactions).

Body builders return ``(body, content_type)``; payload builders return dicts to
pass to :func:`interaction_body`. Sign with :func:`sign`, send with
:func:`post_signed`.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
VERIFICATION_TOKEN = "legacy-verification-token"
DEFAULT_APP_ID = "A_KAM"
DEFAULT_TEAM = "T_ALPHA"
DEFAULT_USER = "U_ALICE"
DEFAULT_CHANNEL = "C_GENERAL"

_sequence = itertools.count(1)


# --------------------------------------------------------------------------- signing


def signature(body: str | bytes, secret: str, timestamp: int) -> str:
    """Slack's v0 signature: ``v0=`` + hex HMAC-SHA256 of ``v0:{ts}:{body}``."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    base = f"v0:{timestamp}:{text}".encode("utf-8")
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def sign(body: str | bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers ``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` for ``body``."""
    ts = int(time.time()) if timestamp is None else int(timestamp)
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": signature(body, secret, ts)}


def signed_headers(
    body: str | bytes, content_type: str, secret: str, timestamp: int | None = None
) -> dict[str, str]:
    """Signature headers plus Content-Type (e.g. for ``BoltRequest(headers=...)``)."""
    return {"Content-Type": content_type, **sign(body, secret, timestamp)}


# --------------------------------------------------------------------------- ids


def _unique(prefix: str = "") -> str:
    return f"{prefix}{next(_sequence):06d}"


def new_trigger_id() -> str:
    """A unique trigger_id shaped like Slack's, issued now: ``<epoch ms>.<n>.<hex>`` (the fake Slack reads
    the issue time from it: a trigger is good for 3 seconds)."""
    return f"{int(time.time() * 1000)}.{next(_sequence)}.{secrets.token_hex(16)}"


def new_ts() -> str:
    """A unique message ts like ``1700000123.000045``."""
    n = next(_sequence)
    return f"{1_700_000_000 + n // 1000}.{(n % 1000) * 100:06d}"


def _default_response_url(team_id: str) -> str:
    return f"https://hooks.slack.com/commands/{team_id}/{_unique()}/{_unique('x')}"


def _team(team_id: str) -> dict[str, Any]:
    return {"id": team_id, "domain": team_id.lower().replace("_", "-")}


def _user(user_id: str, team_id: str) -> dict[str, Any]:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


# --------------------------------------------------------------------------- slash commands & events


def slash_command_body(
    text: str,
    command: str = "/kam",
    team_id: str = DEFAULT_TEAM,
    user_id: str = DEFAULT_USER,
    channel_id: str = DEFAULT_CHANNEL,
    response_url: str | None = None,
    trigger_id: str | None = None,
    channel_name: str | None = None,
    user_name: str | None = None,
    api_app_id: str = DEFAULT_APP_ID,
    enterprise_id: str | None = None,
) -> tuple[str, str]:
    """Form-encoded slash command exactly as Slack posts it."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": _team(team_id)["domain"],
        **({"enterprise_id": enterprise_id} if enterprise_id else {}),
        "channel_id": channel_id,
        "channel_name": channel_name or ("directmessage" if channel_id[:1] == "D" else channel_id.lower()),
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url or _default_response_url(team_id),
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return urlencode(fields), FORM


def event_body(
    event: dict[str, Any],
    team_id: str = DEFAULT_TEAM,
    event_id: str | None = None,
    api_app_id: str = DEFAULT_APP_ID,
    event_time: int | None = None,
    bot_user_id: str = "U_BOT",
    is_ext_shared_channel: bool = False,
) -> tuple[str, str]:
    """Events API ``event_callback`` envelope (JSON) around ``event``."""
    envelope = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or _unique("Ev"),
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {"enterprise_id": None, "team_id": team_id, "user_id": bot_user_id,
             "is_bot": True, "is_enterprise_install": False}
        ],
        "is_ext_shared_channel": is_ext_shared_channel,
        "event_context": _unique("4-ctx"),
    }
    return json.dumps(envelope), JSON


def message_event(
    text: str,
    user_id: str = DEFAULT_USER,
    channel_id: str = DEFAULT_CHANNEL,
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str | None = None,
    team_id: str = DEFAULT_TEAM,
    event_type: str = "message",
) -> dict[str, Any]:
    """A ``message`` (or, with event_type="app_mention", mention) event dict."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": event_type, "user": user_id, "text": text, "ts": ts, "event_ts": ts,
        "channel": channel_id, "team": team_id,
    }
    if event_type == "message":
        event["channel_type"] = channel_type or ("im" if channel_id[:1] == "D" else "channel")
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def url_verification_body(challenge: str = "challenge-token") -> tuple[str, str]:
    """The Events API ``url_verification`` handshake body."""
    return json.dumps({"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}), JSON


# --------------------------------------------------------------------------- interactivity


def interaction_body(payload: dict[str, Any]) -> tuple[str, str]:
    """Form-encoded ``payload=<json>`` as Slack posts interactions."""
    return urlencode({"payload": json.dumps(payload)}), FORM


def block_action_payload(
    action_id: str,
    value: str,
    user_id: str = DEFAULT_USER,
    team_id: str = DEFAULT_TEAM,
    channel_id: str | None = None,
    view: dict[str, Any] | None = None,
    response_url: str | None = None,
    trigger_id: str | None = None,
    block_id: str = "actions",
    action_type: str = "button",
    message: dict[str, Any] | None = None,
    api_app_id: str = DEFAULT_APP_ID,
) -> dict[str, Any]:
    """A ``block_actions`` payload from a message (channel_id) or a view (view)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": _team(team_id),
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [_action(action_id, value, block_id, action_type)],
        "state": {"values": {}},
    }
    if view is not None:
        payload["view"] = {"id": _unique("V"), "team_id": team_id, "type": "modal", **view}
        payload["container"] = {"type": "view", "view_id": payload["view"]["id"]}
    if channel_id is not None:
        msg = message or {"type": "message", "user": "U_BOT", "bot_id": "B_BOT", "text": "", "ts": new_ts()}
        payload["channel"] = {"id": channel_id, "name": channel_id.lower()}
        payload["message"] = msg
        payload["container"] = {"type": "message", "message_ts": msg["ts"], "channel_id": channel_id,
                                "is_ephemeral": False}
        payload["response_url"] = response_url or _default_response_url(team_id)
    elif response_url is not None:
        payload["response_url"] = response_url
    return payload


def _action(action_id: str, value: str, block_id: str, action_type: str) -> dict[str, Any]:
    action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "type": action_type,
                              "action_ts": f"{time.time():.6f}"}
    if action_type == "button":
        action.update(value=value, text={"type": "plain_text", "text": value})
    elif action_type in ("static_select", "external_select", "overflow", "radio_buttons"):
        action["selected_option"] = {"text": {"type": "plain_text", "text": value}, "value": value}
    else:
        action["value"] = value
    return action


def plain_text_state(values: dict[str, dict[str, str]]) -> dict[str, Any]:
    """``{block_id: {action_id: text}}`` -> Slack's view ``state.values`` shape."""
    return {
        block_id: {action_id: {"type": "plain_text_input", "value": text} for action_id, text in actions.items()}
        for block_id, actions in values.items()
    }


def view_submission_payload(
    callback_id: str,
    state_values: dict[str, Any],
    user_id: str = DEFAULT_USER,
    team_id: str = DEFAULT_TEAM,
    private_metadata: str = "",
    view_id: str | None = None,
    trigger_id: str | None = None,
    response_urls: list[dict[str, Any]] | None = None,
    api_app_id: str = DEFAULT_APP_ID,
) -> dict[str, Any]:
    """A ``view_submission`` payload; ``state_values`` in Slack's state.values shape."""
    view_id = view_id or _unique("V")
    return {
        "type": "view_submission",
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": {
            "id": view_id, "team_id": team_id, "type": "modal", "blocks": [],
            "private_metadata": private_metadata, "callback_id": callback_id,
            "state": {"values": state_values}, "hash": f"{int(time.time())}.abc",
            "title": {"type": "plain_text", "text": "KAM"}, "root_view_id": view_id,
            "previous_view_id": None, "app_id": api_app_id, "external_id": "",
            "app_installed_team_id": team_id, "bot_id": "B_BOT",
        },
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def message_shortcut_payload(
    callback_id: str,
    message_text: str,
    user_id: str = DEFAULT_USER,
    team_id: str = DEFAULT_TEAM,
    channel_id: str = DEFAULT_CHANNEL,
    message_ts: str | None = None,
    message_user: str = "U_BOB",
    response_url: str | None = None,
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A ``message_action`` (message shortcut) payload."""
    ts = message_ts or new_ts()
    return {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "channel": {"id": channel_id, "name": channel_id.lower()},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
        "response_url": response_url or _default_response_url(team_id),
        "message_ts": ts,
        "message": {"type": "message", "user": message_user, "ts": ts, "text": message_text, "team": team_id},
    }


def global_shortcut_payload(
    callback_id: str, user_id: str = DEFAULT_USER, team_id: str = DEFAULT_TEAM, trigger_id: str | None = None
) -> dict[str, Any]:
    """A global ``shortcut`` payload."""
    return {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": f"{time.time():.6f}",
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
    }


# --------------------------------------------------------------------------- client


def post_signed(
    url: str,
    body: str | bytes,
    content_type: str,
    secret: str,
    timestamp: int | None = None,
    extra_headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[int, dict[str, str], str]:
    """POST a signed request; returns ``(status, headers, body)`` even for 4xx/5xx."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {**signed_headers(data, content_type, secret, timestamp), **(extra_headers or {})}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read().decode("utf-8")
