"""The one slash command, `/kam`: parse in the ack (fast, pure), run the rest lazily."""
from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Container
from bot.commands import REGISTRY, UsageError
from bot.context import RequestContext
from bot.handlers import run_invocation
from bot.listeners.reply import deliver, responder
from bot.render.escape import slack_escape

COMMANDS = ["/kam"]


def register(app: App, container: Container) -> None:
    def ack_kam(ack, command):
        try:
            REGISTRY.parse(command.get("text", ""))
        except UsageError as exc:
            ack(text=slack_escape(exc.message), response_type="ephemeral")
            return
        ack()

    def run_kam(command, context, client, respond):
        try:
            invocation = REGISTRY.parse(command.get("text", ""))
        except UsageError:
            return  # already answered in the ack
        ctx = RequestContext(container, context["actor"], channel_id=command.get("channel_id"),
                             trigger_id=command.get("trigger_id"), client=client)
        deliver(ctx, lambda: run_invocation(ctx, invocation), responder(respond), "/kam")

    app.command("/kam")(ack=ack_kam, lazy=[run_kam])
