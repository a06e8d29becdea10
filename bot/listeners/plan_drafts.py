"""Buttons of the plan draft: Accept / Reject on one proposed point (`/kam plan-draft ACCOUNT`).

The click is acked at once; the service drafts again and acts only on the point whose id the
button names, after checking the clicker may change that account's plan. The message then shows
the decision in place of the point's buttons.
"""
from __future__ import annotations

import re

from slack_bolt import App

from bot.context import RequestContext
from bot.listeners.reply import NOTHING_TO_SEND
from bot.listeners.toolkit import acknowledge, on_click
from bot.render.escape import slack_escape
from bot.render.plan_drafts import ACCEPT_ACTION, REJECT_ACTION, mark_decided, parse_point_value
from bot.wiring import to_message
from kam_domain.services import plan_draft_decisions

SHORTCUTS: list[str] = []
POINT_ACTIONS = re.compile(rf"^(?:{re.escape(ACCEPT_ACTION)}|{re.escape(REJECT_ACTION)})$")


def decide(body, action, actor, container, client, respond):
    clicked = on_click(lambda ctx, action, body: _decide(ctx, action, body, respond),
                       action.get("action_id", "plan_draft_point"))
    clicked(body, action, actor, container, client, respond)


def _decide(ctx: RequestContext, action: dict, body: dict, respond):
    account_id, point_id = parse_point_value(action.get("value"))
    result = plan_draft_decisions.decide(ctx.uow, ctx.actor, account_id, [point_id],
                                         action.get("action_id") == ACCEPT_ACTION, ctx.today, ctx.container.clock.now())
    message = body.get("message") or {}
    if not (body.get("response_url") and message.get("blocks")):
        return result
    decision = result.decisions[0]
    line = (f"{':white_check_mark: Accepted' if decision.accepted else ':x: Rejected'} by <@{ctx.actor.user_id}>: "
            f"{slack_escape(decision.outcome)}")
    respond(text=message.get("text") or to_message(result).text,
            blocks=mark_decided(message["blocks"], point_id, line), replace_original=True)
    return NOTHING_TO_SEND


def register(app: App) -> None:
    app.action(POINT_ACTIONS)(ack=acknowledge, lazy=[decide])
