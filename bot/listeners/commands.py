"""The one slash command, `/kam`: parse in the ack (fast, pure), run the rest lazily."""
from __future__ import annotations

from slack_bolt import App

from bot.commands import UsageError
from bot.context import RequestContext
from bot.dispatch import run_invocation
from bot.listeners.reply import deliver, responder
from bot.render.escape import slack_escape

COMMANDS = ["/kam"]


def ack_kam(ack, command, container):
    """A line that does not parse is answered in the ack, with what to fix."""
    try:
        container.wiring.registry.parse(command.get("text", ""))
    except UsageError as exc:
        ack(text=slack_escape(exc.message), response_type="ephemeral")
        return
    ack()


def run_kam(command, actor, container, client, respond):
    try:
        invocation = container.wiring.registry.parse(command.get("text", ""))
    except UsageError:
        return  # already answered in the ack
    ctx = RequestContext(container, actor, channel_id=command.get("channel_id"),
                         trigger_id=command.get("trigger_id"), client=client)
    deliver(ctx, lambda: run_invocation(ctx, invocation), responder(respond), "/kam")


def register(app: App) -> None:
    app.command("/kam")(ack=ack_kam, lazy=[run_kam])
