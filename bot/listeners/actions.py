"""Buttons. `kam_run:*` buttons carry a /kam command line and run it for whoever clicks."""
from __future__ import annotations

import re

from slack_bolt import App

from bot.bootstrap import Container
from bot.context import RequestContext
from bot.handlers import run_command
from bot.listeners.reply import deliver, poster, responder
from bot.render.blocks import RUN_ACTION


def register(app: App, container: Container) -> None:
    def ack_only(ack):
        ack()

    def run_button(body, action, context, client, respond):
        message = body.get("message") or {}
        thread_ts = message.get("thread_ts") or message.get("ts")
        ctx = RequestContext(container, context["actor"], channel_id=(body.get("channel") or {}).get("id"),
                             thread_ts=thread_ts, trigger_id=body.get("trigger_id"), client=client)
        # A confirmation is answered in place, so it cannot be clicked twice.
        replace = action.get("action_id", "").startswith((f"{RUN_ACTION}:confirm", f"{RUN_ACTION}:cancel"))
        send = (responder(respond, replace_original=replace) if body.get("response_url")
                else poster(client, context["actor"].user_id))
        deliver(ctx, lambda: run_command(ctx, action.get("value", "")), send, action.get("action_id", RUN_ACTION))

    app.action(re.compile(rf"^{RUN_ACTION}(:.*)?$"))(ack=ack_only, lazy=[run_button])
