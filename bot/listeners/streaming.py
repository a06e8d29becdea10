"""Streamed thread replies: a draft whose renderer filled `SlackMessage.stream` is written into the
thread as it is produced (chat.startStream, one chat.appendStream per chunk, then chat.stopStream with
the draft's buttons and a feedback control). Anything else, and any thread that cannot stream, gets
the ordinary message.

Failures never lose or repeat content: Slack refusing the stream for the workspace (scope, plan,
setting) posts the ordinary message and tells an admin once (bot/surfaces.py); an append failing stops
the stream and posts only what had not arrived, with the buttons, as an ordinary reply. Feedback clicks
are acknowledged and written to the log (logger `bot.listeners.streaming`), not stored.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from slack_bolt import App

from bot.errors import log_unexpected
from bot.render.blocks import SlackMessage
from bot.render.markdown import MAX_MARKDOWN, split_markdown
from bot.surfaces import tell_admin_once, unavailable_error

log = logging.getLogger(__name__)

Send = Callable[[SlackMessage], None]
FEEDBACK_ACTION = "kam_feedback"
MAX_BLOCKS = 50


@dataclass(frozen=True)
class StreamTarget:
    """Where a stream goes and who it is for (Slack needs the recipient outside DMs)."""

    client: object
    channel: str
    thread_ts: str
    user_id: str | None
    team_id: str | None
    container: object | None = None

    @property
    def recipients(self) -> dict[str, str] | None:
        """The recipient arguments, or None when this thread cannot be streamed to."""
        if self.user_id and self.team_id:
            return {"recipient_user_id": self.user_id, "recipient_team_id": self.team_id}
        return {} if self.channel[:1] == "D" else None


def streaming_sender(target: StreamTarget, post: Send) -> Send:
    """Stream messages that carry chunks; `post` everything else (and whatever cannot stream)."""

    def send(message: SlackMessage) -> None:
        if not message.stream or target.recipients is None:
            post(message)
            return
        stream(target, message, post)

    return send


def stream(target: StreamTarget, message: SlackMessage, post: Send) -> None:
    client = target.client
    try:
        started = client.chat_startStream(channel=target.channel, thread_ts=target.thread_ts, **target.recipients)
    except Exception as exc:  # noqa: BLE001 - nothing was streamed: the ordinary message instead
        _not_streamed(target, exc)
        post(message)
        return
    channel, ts = started.get("channel") or target.channel, started["ts"]
    chunks = split_markdown(message.stream)
    for sent, chunk in enumerate(chunks):
        try:
            client.chat_appendStream(channel=channel, ts=ts, markdown_text=chunk)
        except Exception as exc:  # noqa: BLE001 - end the stream where it is; the rest goes as a reply
            log_unexpected(exc, "chat.appendStream")
            _stop_quietly(client, channel, ts)
            _post_rest(message, chunks[sent:], post)
            return
    try:
        client.chat_stopStream(channel=channel, ts=ts, blocks=closing_blocks(message))
    except Exception as exc:  # noqa: BLE001 - the text arrived; its buttons come as a reply
        log_unexpected(exc, "chat.stopStream")
        post(SlackMessage(message.text, closing_blocks(message), message.ephemeral))


def closing_blocks(message: SlackMessage) -> list[dict]:
    """What ends a streamed draft: its buttons, then the feedback control."""
    buttons = message.stream_blocks
    if buttons is None:
        buttons = [b for b in message.blocks if b.get("type") == "actions"]
    return list(buttons)[:MAX_BLOCKS - 1] + [feedback_block()]


def feedback_block() -> dict:
    def side(label: str, value: str, spoken: str) -> dict:
        return {"text": {"type": "plain_text", "text": label}, "value": value, "accessibility_label": spoken}

    return {"type": "context_actions", "elements": [{
        "type": "feedback_buttons", "action_id": FEEDBACK_ACTION,
        "positive_button": side("👍", "good", "This draft is useful"),
        "negative_button": side("👎", "bad", "This draft is not useful")}]}


def _not_streamed(target: StreamTarget, exc: Exception) -> None:
    error = unavailable_error(exc)
    if error is None:
        log_unexpected(exc, "chat.startStream")
        return
    if target.container is None or not target.team_id:
        log.warning("streaming refused (%s) and no workspace to tell", error)
        return
    tell_admin_once(target.container, target.client, target.team_id, "streaming", error)


def _stop_quietly(client, channel: str, ts: str) -> None:
    try:
        client.chat_stopStream(channel=channel, ts=ts)
    except Exception:  # noqa: BLE001 - Slack ends an abandoned stream by itself
        log.warning("could not stop the stream %s in %s", ts, channel, exc_info=True)


def _post_rest(message: SlackMessage, rest: list[str], post: Send) -> None:
    """What the stream did not carry, as ordinary replies (markdown blocks), the buttons on the last."""
    closing = closing_blocks(message)
    parts = _markdown_parts(rest)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        blocks = [{"type": "markdown", "text": part}]
        if last and len(closing) < MAX_BLOCKS:
            blocks += closing
            closing = []
        post(SlackMessage(f"{message.text} (continued)", blocks, message.ephemeral))
    if closing:
        post(SlackMessage(message.text, closing, message.ephemeral))


def _markdown_parts(chunks: list[str]) -> list[str]:
    """Chunks joined into as few parts as fit one message's markdown limit."""
    parts: list[str] = []
    for chunk in chunks:
        if parts and len(parts[-1]) + len(chunk) <= MAX_MARKDOWN:
            parts[-1] += chunk
        else:
            parts.append(chunk)
    return parts


def record_feedback(ack, body, action, actor) -> None:
    """A 👍 / 👎 on a streamed draft: acknowledged, and one log line (who, where, which message)."""
    ack()
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id")
    log.info("draft feedback %s from %s in %s (%s, message %s)", action.get("value"), getattr(actor, "user_id", None),
             getattr(actor, "team_id", None), channel,
             message.get("ts") or (body.get("container") or {}).get("message_ts"))


def register(app: App) -> None:
    app.action(FEEDBACK_ACTION)(record_feedback)
