"""Buttons. `kam_run:*` buttons carry a /kam command line and run it for whoever clicks."""
from __future__ import annotations

import re

from slack_bolt import App

from bot.dispatch import run_command
from bot.listeners.reply import deliver, to_clicker
from bot.listeners.toolkit import acknowledge, click_context
from bot.render.blocks import RUN_ACTION


def run_button(body, action, actor, container, client, respond):
    message = body.get("message") or {}
    ctx = click_context(container, actor, body, client, thread_ts=message.get("thread_ts") or message.get("ts"))
    # A confirmation is answered in place, so it cannot be clicked twice.
    replace = action.get("action_id", "").startswith((f"{RUN_ACTION}:confirm", f"{RUN_ACTION}:cancel"))
    send = to_clicker(body, respond, client, actor.user_id, replace_original=replace)
    deliver(ctx, lambda: run_command(ctx, action.get("value", "")), send, action.get("action_id", RUN_ACTION))


def register(app: App) -> None:
    app.action(re.compile(rf"^{RUN_ACTION}(:.*)?$"))(ack=acknowledge, lazy=[run_button])
