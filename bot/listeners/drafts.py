"""Buttons of the drafts feature: Accept / Reject on a drafted SWOT point.

The click is acked at once; the service then re-checks everything the (unsigned) button
value says: the account is in the clicker's workspace, the clicker may change its plan,
the note belongs to that account. The original message gets the decision in place of the
point's buttons when Slack sends it with the click; otherwise a confirmation is posted.
"""
from __future__ import annotations

import re

from slack_bolt import App

from bot.bootstrap import Container
from bot.context import RequestContext
from bot.listeners.reply import deliver, poster
from bot.render.blocks import SlackMessage
from bot.render.escape import safe_text
from bot.render.drafts import ACCEPT_ACTION, REJECT_ACTION, mark_decided, parse_point_value
from kam_domain.services.drafts import SwotDecision, accept_swot_point, reject_swot_point

SHORTCUTS: list[str] = []
POINT_ACTIONS = re.compile(rf"^(?:{re.escape(ACCEPT_ACTION)}|{re.escape(REJECT_ACTION)})$")


def register(app: App, container: Container) -> None:
    def ack_only(ack):
        ack()

    def decide(body, action, context, client, respond):
        actor = context["actor"]
        ctx = RequestContext(container, actor, channel_id=(body.get("channel") or {}).get("id"), client=client)
        original = (body.get("message") or {}).get("blocks")
        decided: dict[str, SwotDecision] = {}

        def work():
            ref = parse_point_value(action.get("value"))
            decide_point = accept_swot_point if action.get("action_id") == ACCEPT_ACTION else reject_swot_point
            extra = {"now": container.clock.now()} if decide_point is accept_swot_point else {}
            decided["decision"] = decide_point(ctx.uow(), actor, ref.account_id, ref.note_id, ref.quadrant,
                                               ref.point_id, ref.text, **extra)
            decided["ref"] = ref.point_id
            return decided["decision"]

        def send(message: SlackMessage) -> None:
            decision = decided.get("decision")
            if not body.get("response_url"):
                poster(client, actor.user_id)(message)
            elif decision is not None and original:
                respond(text=(body.get("message") or {}).get("text") or message.text,
                        blocks=mark_decided(original, decided["ref"], decision), replace_original=True)
            else:
                respond(text=safe_text(message.text, message.blocks), blocks=message.blocks, response_type="ephemeral", replace_original=False)

        deliver(ctx, work, send, action.get("action_id", "swot_point"))

    app.action(POINT_ACTIONS)(ack=ack_only, lazy=[decide])
