"""@mentions and direct messages: answered in the thread of the question."""
from __future__ import annotations

import re

from slack_bolt import App

from bot.commands import clean_slack_text
from bot.context import RequestContext
from bot.handlers.conversation import answer
from bot.listeners import streaming
from bot.listeners.reply import deliver, thread_sender
from bot.listeners.toolkit import acknowledge

EVENTS = ["app_mention", "message.im"]
_LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9_]+(\|[^>]*)?>[\s,:]*")


def answer_question(event, actor, container, context, client):
    if event.get("bot_id") or event.get("subtype") or _from_this_bot(event, context):
        return  # ourselves, other bots, edits, joins: never a question
    text = clean_slack_text(_LEADING_MENTION.sub("", event.get("text") or ""))
    thread_ts = event.get("thread_ts") or event.get("ts")
    ctx = RequestContext(container, actor, channel_id=event.get("channel"), thread_ts=thread_ts, client=client)
    send = thread_sender(client, event.get("channel"), thread_ts, user_id=actor.user_id, team_id=actor.team_id,
                         container=container)
    deliver(ctx, lambda: answer(ctx, text), send, event.get("type", "event"))


def register(app: App) -> None:
    app.event("app_mention")(ack=acknowledge, lazy=[answer_question])
    app.event({"type": "message", "channel_type": "im"})(ack=acknowledge, lazy=[answer_question])
    # Other message events (channels the bot is in) are not questions to it.
    app.event("message")(ack=acknowledge, lazy=[])
    streaming.register(app)  # the feedback control under streamed answers


def _from_this_bot(event: dict, context) -> bool:
    """Our own message (Slack marks it with bot_id; the user id is checked too, should a payload lack it)."""
    own = context.get("bot_user_id") if context is not None else None
    return bool(own) and event.get("user") == own
