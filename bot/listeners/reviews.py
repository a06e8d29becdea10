"""Buttons and modal of reviews and check-in nudges.

- Start review (on reminders, escalations and the checklist) opens the review modal.
- The review modal is validated and saved in the ack: per-field errors go back in it and
  nothing is written; after a success the reviewer gets a confirmation DM.
- Done and Snooze 1 week on a nudge change the action (or snooze the nudge) and replace that
  item's buttons with what was done. Log meeting is a `kam_run` button (`log #ACCOUNT`).
"""
from __future__ import annotations

import re

from slack_bolt import App

from bot.context import RequestContext
from bot.listeners import submitted as form
from bot.listeners.reply import NOTHING_TO_SEND
from bot.listeners.toolkit import acknowledge, modal_submission, on_click
from bot.render import reviews as render
from bot.render.escape import safe_text
from kam_domain.errors import UserError
from kam_domain.services import reminders, reviews

SHORTCUTS: list[str] = []
NUDGE_ACTIONS = re.compile(rf"^({render.NUDGE_DONE}|{render.NUDGE_SNOOZE})(:\d+)?$")


def open_review(ctx: RequestContext, action: dict, body: dict):
    checklist = reviews.review_checklist(ctx.uow(), ctx.actor, form.form_int(action.get("value")), ctx.today)
    if not checklist.can_record:
        raise UserError("Only the account team, its executive sponsor or an admin can record this review.")
    return render.review_modal(checklist, ctx.channel_id)


def save_review(container, actor, view: dict):
    state = form.form_state(view)
    fields = reviews.parse_review_fields({block: form.answer(state, block) for block in state})
    return reviews.record_review(container.uow(), actor, form.form_int(form.form_metadata(view).get("account_id")),
                                 fields, container.clock.now(), container.clock.today())


start_review = on_click(open_review, "review:start")
REVIEW_SUBMISSION = modal_submission(save_review, anchor=("outcome",))


def answer_nudge(body, action, actor, container, client, respond):
    clicked = on_click(lambda ctx, action, body: _answer(ctx, action, body, respond), "nudge:answer")
    clicked(body, action, actor, container, client, respond)


def _answer(ctx: RequestContext, action: dict, body: dict, respond):
    """Done or Snooze; the nudge's item shows what was done when Slack sent the message."""
    subject = action.get("value", "")
    if action.get("action_id", "").startswith(render.NUDGE_DONE):
        kind, _, raw_id = subject.partition(":")
        if kind != "action" or not raw_id.isdigit():
            raise UserError("That button is out of date.")
        answer = reminders.mark_action_done(ctx.uow(), ctx.actor, int(raw_id), ctx.container.clock.now())
    else:
        answer = reminders.snooze(ctx.uow(), ctx.actor, subject, ctx.today)
    blocks = (body.get("message") or {}).get("blocks")
    if not (blocks and body.get("response_url")):
        return answer
    respond(text=safe_text(answer.text), blocks=render.answered_blocks(blocks, action.get("block_id", ""), answer.text),
            replace_original=True)
    return NOTHING_TO_SEND


def register(app: App) -> None:
    app.action(render.START_REVIEW)(ack=acknowledge, lazy=[start_review])
    app.view(render.REVIEW_FORM)(**REVIEW_SUBMISSION)
    app.action(NUDGE_ACTIONS)(ack=acknowledge, lazy=[answer_nudge])
