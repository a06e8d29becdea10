"""Buttons and modals of the selection feature.

- Approve / Reject / Override buttons on approval requests (`tier_decision:*`).
- The reason forms of Reject and Override, and the score form: validated in the ack (per-field
  errors go back in it, nothing is written); what follows a success (sending the outbox,
  updating the request message, confirming to the user) runs after the ack: lazily over HTTP,
  right after the ack in Socket Mode, where the ack has already gone out.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.bootstrap import Container
from bot.context import RequestContext
from bot.errors import apology, log_unexpected
from bot.results import OpenModal
from bot.handlers.selection import decide, flush_outbox, renderers
from bot.listeners.reply import form_int, form_metadata, form_problems
from bot.render import selection as render
from bot.render import selection_views as forms
from bot.render.blocks import section, to_message
from bot.render.escape import safe_text, slack_escape as esc
from bot.views import build_view
from kam_domain.errors import UserError
from kam_domain.services import selection, tier_changes

SHORTCUTS: list[str] = []
FOLLOW_UP = "kam_selection_follow_up"


def register(app: App, container: Container) -> None:
    renderers()

    def ack_only(ack):
        ack()

    def approve(body, action, context, client, respond):
        ctx = _ctx(container, context, body, client)
        try:
            decision = decide(ctx, int(action.get("value", "0")), approve=True)
        except tier_changes.CapExceeded as exc:
            blocks = [section(esc(exc.message))] + ([render.override_button(exc.tier_change_id)]
                                                    if exc.can_override else [])
            respond(text=safe_text(exc.message, blocks), blocks=blocks, response_type="ephemeral", replace_original=False)
            return
        except Exception as exc:  # noqa: BLE001 - told to the clicker, never raised into Bolt
            _tell(respond, exc, "tier_decision:approve")
            return
        message = to_message(decision)
        respond(text=safe_text(message.text, message.blocks), blocks=message.blocks, replace_original=True)

    def open_reason_form(body, action, context, client, respond):
        ctx = _ctx(container, context, body, client)
        mode = action.get("action_id", "").rsplit(":", 1)[-1]
        try:
            request = tier_changes.pending_for_decision(ctx.uow(), ctx.actor, int(action.get("value", "0")))
            modal = OpenModal(forms.REJECT_FORM if mode == "reject" else forms.OVERRIDE_FORM, "", "", data={
                "tier_change_id": request.tier_change_id, "kind": request.kind, "account_name": request.account_name,
                "channel_id": (body.get("channel") or {}).get("id"),
                "message_ts": _updatable_message_ts(body) if mode == "reject" else None,
            })
            client.views_open(trigger_id=body["trigger_id"], view=build_view(modal))
        except Exception as exc:  # noqa: BLE001
            _tell(respond, exc, f"tier_decision:{mode}")

    def submit_reason(ack, view, context, client) -> dict | None:
        meta = form_metadata(view)
        problems = form_problems(view)
        if problems:
            ack(response_action="errors", errors={forms.REASON_BLOCK: next(iter(problems.values()))})
            return None
        reason = _value(view, forms.REASON_BLOCK)
        overriding = view.get("callback_id") == forms.OVERRIDE_FORM
        actor = context["actor"]
        try:
            decision = tier_changes.decide(
                container.uow(), actor, form_int(meta.get("tier_change_id")), approve=overriding,
                now=container.clock.now(), today=container.clock.today(),
                reason=None if overriding else reason, override_reason=reason if overriding else None,
                fallback_channel=container.settings.digest_channel)
        except Exception as exc:  # noqa: BLE001 - shown on the reason field
            ack(response_action="errors", errors={forms.REASON_BLOCK: _field_message(exc, "tier decision form")})
            return None
        ack()
        return {"kind": "decision", "decision": decision, "channel_id": meta.get("channel_id"),
                "message_ts": meta.get("message_ts"), "user_id": actor.user_id}

    def submit_scores(ack, view, context, client) -> dict | None:
        meta = form_metadata(view)
        problems = form_problems(view)
        if problems:
            ack(response_action="errors", errors=problems)
            return None
        values = _scores(view)
        blocks = [b for b in (view.get("state") or {}).get("values", {}) if b.startswith(forms.SCORE_BLOCK)]
        shown = [b.get("block_id") for b in view.get("blocks") or []
                 if isinstance(b, dict) and str(b.get("block_id") or "").startswith(forms.SCORE_BLOCK)]
        first = (blocks or shown or [forms.SCORE_BLOCK])[0]
        if not values:
            ack(response_action="errors", errors={first: "Enter at least one score from 1 to 10."})
            return None
        actor = context["actor"]
        try:
            card = selection.set_scores(container.uow(), actor, form_int(meta.get("account_id")), values,
                                        container.clock.now())
        except selection.InvalidScores as exc:
            errors = {}
            for key, message in exc.errors.items():
                block = forms.SCORE_BLOCK + key
                errors[block if block in blocks else first] = message
            ack(response_action="errors", errors=errors)
            return None
        except Exception as exc:  # noqa: BLE001
            ack(response_action="errors", errors={first: _field_message(exc, "score form")})
            return None
        ack()
        return {"kind": "scores", "card": card, "user_id": actor.user_id}

    def follow_up(spec: dict, client) -> None:
        try:
            if spec["kind"] == "scores":
                message = to_message(spec["card"])
                client.chat_postMessage(channel=spec["user_id"], text=safe_text(message.text, message.blocks), blocks=message.blocks)
                return
            decision = spec["decision"]
            flush_outbox(RequestContext(container, None, client=client), decision.delivery_ids)
            message = to_message(decision)
            if spec.get("channel_id") and spec.get("message_ts"):
                try:  # the request message loses its buttons and shows the decision
                    client.chat_update(channel=spec["channel_id"], ts=spec["message_ts"], text=message.text,
                                       blocks=message.blocks)
                    return
                except SlackApiError as exc:
                    log_unexpected(exc, "selection follow-up (chat.update)")
            client.chat_postMessage(channel=spec["user_id"], text=safe_text(message.text, message.blocks), blocks=message.blocks)
        except Exception as exc:  # noqa: BLE001 - the change is saved; only the confirmation is missing
            log_unexpected(exc, f"selection follow-up ({spec.get('kind')})")

    def two_phase(submit: Callable[..., dict | None]):
        """An ack function that validates and saves, and a lazy one that does what follows."""

        def ack_function(ack, view, context, client):
            spec = submit(ack, view, context, client)
            if spec is None:
                return
            if app.process_before_response:
                context[FOLLOW_UP] = spec  # the lazy listener gets a copy of the context
            else:
                follow_up(spec, client)

        def lazy_function(context, client):
            spec = context.get(FOLLOW_UP)
            if spec:
                follow_up(spec, client)

        return {"ack": ack_function, "lazy": [lazy_function]}

    app.action(render.APPROVE_ACTION)(ack=ack_only, lazy=[approve])
    app.action(re.compile(r"^tier_decision:(reject|override)$"))(ack=ack_only, lazy=[open_reason_form])
    app.view(forms.REJECT_FORM)(**two_phase(submit_reason))
    app.view(forms.OVERRIDE_FORM)(**two_phase(submit_reason))
    app.view(forms.SCORE_FORM)(**two_phase(submit_scores))


def _ctx(container: Container, context, body: dict, client) -> RequestContext:
    return RequestContext(container, context["actor"], channel_id=(body.get("channel") or {}).get("id"),
                          trigger_id=body.get("trigger_id"), client=client)


def _updatable_message_ts(body: dict) -> str | None:
    """The ts of the message a button sits on, when it can be updated (not an ephemeral one)."""
    container = body.get("container") or {}
    return None if container.get("is_ephemeral") else container.get("message_ts")


def _value(view: dict, block_id: str) -> str:
    actions = (view.get("state") or {}).get("values", {}).get(block_id) or {}
    return ((actions.get(forms.VALUE) or {}).get("value") or "").strip()


def _scores(view: dict) -> dict[str, Any]:
    values = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        if not block_id.startswith(forms.SCORE_BLOCK):
            continue
        raw = (actions.get(forms.VALUE) or {}).get("value")
        if raw not in (None, ""):
            values[block_id[len(forms.SCORE_BLOCK):]] = raw
    return values


def _field_message(exc: Exception, where: str) -> str:
    if isinstance(exc, UserError):
        return exc.message[:1900]
    return apology(log_unexpected(exc, where))


def _tell(respond, exc: Exception, where: str) -> None:
    text = exc.message if isinstance(exc, UserError) else apology(log_unexpected(exc, where))
    respond(text=esc(text), blocks=[section(esc(text))], response_type="ephemeral", replace_original=False)

