"""Buttons of the drafts feature: Accept / Reject on a drafted SWOT point.

The click is acked at once; the service then re-checks everything the (unsigned) button
value says: the account is in the clicker's workspace, the clicker may change its plan,
the note belongs to that account. The original message gets the decision in place of the
point's buttons when Slack sends it with the click; otherwise a confirmation is sent.
"""
from __future__ import annotations

import re

from slack_bolt import App

from bot.context import RequestContext
from bot.listeners.reply import NOTHING_TO_SEND
from bot.listeners.toolkit import acknowledge, on_click
from bot.render.drafts import ACCEPT_ACTION, REJECT_ACTION, mark_decided, parse_point_value
from bot.wiring import to_message
from kam_domain.services.drafts import accept_swot_point, reject_swot_point

SHORTCUTS: list[str] = []
POINT_ACTIONS = re.compile(rf"^(?:{re.escape(ACCEPT_ACTION)}|{re.escape(REJECT_ACTION)})$")


def decide(body, action, actor, container, client, respond):
    clicked = on_click(lambda ctx, action, body: _decide(ctx, action, body, respond),
                       action.get("action_id", "swot_point"))
    clicked(body, action, actor, container, client, respond)


def _decide(ctx: RequestContext, action: dict, body: dict, respond):
    ref = parse_point_value(action.get("value"))
    accepting = action.get("action_id") == ACCEPT_ACTION
    decide_point = accept_swot_point if accepting else reject_swot_point
    extra = {"now": ctx.container.clock.now()} if accepting else {}
    decision = decide_point(ctx.uow(), ctx.actor, ref.account_id, ref.note_id, ref.quadrant, ref.point_id, ref.text,
                            **extra)
    message = body.get("message") or {}
    if not (body.get("response_url") and message.get("blocks")):
        return decision
    respond(text=message.get("text") or to_message(decision).text,
            blocks=mark_decided(message["blocks"], ref.point_id, decision), replace_original=True)
    return NOTHING_TO_SEND


def register(app: App) -> None:
    app.action(POINT_ACTIONS)(ack=acknowledge, lazy=[decide])
