"""Buttons and modals of the selection feature.

- Approve / Reject / Override buttons on approval requests (`tier_decision:*`).
- The reason forms of Reject and Override, and the score form: validated and saved in the ack
  (per-field errors go back in it, nothing is written); what follows a success (sending the
  outbox, updating the request message, confirming to the user) runs after the ack
  (bot/listeners/toolkit.py).
"""
from __future__ import annotations

import re

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.context import RequestContext
from bot.errors import log_unexpected
from bot.handlers.selection import decide, flush_outbox
from bot.listeners import submitted as form
from bot.listeners.reply import NOTHING_TO_SEND
from bot.listeners.toolkit import acknowledge, modal_submission, on_click, post_to_submitter
from bot.render import selection as render
from bot.render import selection_views as forms
from bot.render.blocks import section
from bot.render.escape import safe_text, slack_escape as esc
from bot.results import OpenModal
from bot.wiring import to_message
from kam_domain.errors import FieldErrors, UserError
from kam_domain.services import selection, tier_changes

SHORTCUTS: list[str] = []
REASON_ACTIONS = re.compile(r"^tier_decision:(reject|override)$")


def approve(body, action, actor, container, client, respond):
    """The request message shows the decision in place; over the cap, an admin is offered Override."""
    clicked = on_click(lambda ctx, action, body: _approve(ctx, action, respond), render.APPROVE_ACTION)
    clicked(body, action, actor, container, client, respond)


def _approve(ctx: RequestContext, action: dict, respond):
    try:
        decision = decide(ctx, form.form_int(action.get("value")), approve=True)
    except tier_changes.CapExceeded as exc:
        blocks = [section(esc(exc.message))] + ([render.override_button(exc.tier_change_id)] if exc.can_override
                                                else [])
        respond(text=safe_text(exc.message, blocks), blocks=blocks, response_type="ephemeral", replace_original=False)
        return NOTHING_TO_SEND
    message = to_message(decision)
    respond(text=safe_text(message.text, message.blocks), blocks=message.blocks, replace_original=True)
    return NOTHING_TO_SEND


def open_reason_form(ctx: RequestContext, action: dict, body: dict) -> OpenModal:
    rejecting = action.get("action_id", "").endswith(":reject")
    request = tier_changes.pending_for_decision(ctx.uow(), ctx.actor, form.form_int(action.get("value")))
    return OpenModal(forms.REJECT_FORM if rejecting else forms.OVERRIDE_FORM, "", "", data={
        "tier_change_id": request.tier_change_id, "kind": request.kind, "account_name": request.account_name,
        "channel_id": ctx.channel_id, "message_ts": _updatable_message_ts(body) if rejecting else None,
    })


def save_decision(container, actor, view: dict) -> tier_changes.TierDecision:
    reason = form.text(form.form_state(view), forms.REASON_BLOCK) or ""
    overriding = view.get("callback_id") == forms.OVERRIDE_FORM
    return tier_changes.decide(
        container.uow(), actor, form.form_int(form.form_metadata(view).get("tier_change_id")), approve=overriding,
        now=container.clock.now(), today=container.clock.today(),
        reason=None if overriding else reason, override_reason=reason if overriding else None,
        fallback_channel=container.settings.digest_channel)


def announce_decision(container, actor, view: dict, decision: tier_changes.TierDecision, client) -> None:
    """Send what the decision queued; the request message loses its buttons and shows the decision."""
    flush_outbox(RequestContext(container, None, client=client), decision.delivery_ids)
    meta = form.form_metadata(view)
    if meta.get("channel_id") and meta.get("message_ts"):
        message = to_message(decision)
        try:
            client.chat_update(channel=meta["channel_id"], ts=meta["message_ts"], text=message.text,
                               blocks=message.blocks)
            return
        except SlackApiError as exc:
            log_unexpected(exc, "selection follow-up (chat.update)")
    post_to_submitter(container, actor, view, decision, client)


def save_scores(container, actor, view: dict) -> selection.ScoreCard:
    state = form.form_state(view)
    values = {block[len(forms.SCORE_BLOCK):]: form.text(state, block) for block in state
              if block.startswith(forms.SCORE_BLOCK) and form.text(state, block)}
    if not values:
        raise UserError("Enter at least one score from 1 to 10.")
    try:
        return selection.set_scores(container.uow(), actor, form.form_int(form.form_metadata(view).get("account_id")),
                                    values, container.clock.now())
    except selection.InvalidScores as exc:  # per criterion key; the form's fields are per block
        raise FieldErrors({forms.SCORE_BLOCK + key: message for key, message in exc.errors.items()}) from None


ask_reason = on_click(open_reason_form, "tier_decision:reason")
DECISION_SUBMISSION = modal_submission(save_decision, anchor=(forms.REASON_BLOCK,), follow_up=announce_decision)
SCORES_SUBMISSION = modal_submission(save_scores, anchor=(forms.SCORE_BLOCK,))


def register(app: App) -> None:
    app.action(render.APPROVE_ACTION)(ack=acknowledge, lazy=[approve])
    app.action(REASON_ACTIONS)(ack=acknowledge, lazy=[ask_reason])
    app.view(forms.REJECT_FORM)(**DECISION_SUBMISSION)
    app.view(forms.OVERRIDE_FORM)(**DECISION_SUBMISSION)
    app.view(forms.SCORE_FORM)(**SCORES_SUBMISSION)


def _updatable_message_ts(body: dict) -> str | None:
    """The ts of the message a button sits on, when it can be updated (not an ephemeral one)."""
    container = body.get("container") or {}
    return None if container.get("is_ephemeral") else container.get("message_ts")
