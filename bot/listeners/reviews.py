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

from bot.bootstrap import Container
from bot.errors import apology, log_unexpected
from bot.handlers.reviews import renderers
from bot.listeners.reply import form_int, form_metadata, form_problems
from bot.render.blocks import section, to_message
from bot.render.escape import safe_text, slack_escape as esc
from bot.views import build_view
from kam_domain.errors import FieldErrors, UserError
from kam_domain.services import reminders, reviews

SHORTCUTS: list[str] = []
FOLLOW_UP = "kam_review_follow_up"


def register(app: App, container: Container) -> None:
    render = renderers()

    def ack_only(ack):
        ack()

    def start_review(body, action, context, client, respond):
        actor = context["actor"]
        try:
            checklist = reviews.review_checklist(container.uow(), actor, int(action.get("value") or 0),
                                                 container.clock.today())
            if not checklist.can_record:
                raise UserError("Only the account team, its executive sponsor or an admin can record this review.")
            modal = render.review_modal(checklist, (body.get("channel") or {}).get("id"))
            client.views_open(trigger_id=body["trigger_id"], view=build_view(modal))
        except Exception as exc:  # noqa: BLE001 - told to the clicker, never raised into Bolt
            _tell(client, respond, body, actor.user_id, exc, "review:start")

    def submit_review(ack, view, context) -> dict | None:
        meta = form_metadata(view)
        problems = form_problems(view)
        if problems:
            ack(response_action="errors", errors=problems)
            return None
        actor = context["actor"]
        try:
            fields = reviews.parse_review_fields(form_values(view))
            recorded = reviews.record_review(container.uow(), actor, form_int(meta.get("account_id")), fields,
                                             container.clock.now(), container.clock.today())
        except FieldErrors as exc:
            ack(response_action="errors", errors=exc.errors)
            return None
        except Exception as exc:  # noqa: BLE001 - shown on the outcome field; nothing was written
            ack(response_action="errors", errors={"outcome": _message(exc, "review form")})
            return None
        ack()
        return {"recorded": recorded, "user_id": actor.user_id}

    def confirm(spec: dict, client) -> None:
        try:
            message = to_message(spec["recorded"])
            client.chat_postMessage(channel=spec["user_id"], text=safe_text(message.text, message.blocks), blocks=message.blocks)
        except Exception as exc:  # noqa: BLE001 - the review is saved; only the confirmation is missing
            log_unexpected(exc, "review confirmation")

    def review_ack(ack, view, context, client):
        spec = submit_review(ack, view, context)
        if spec is None:
            return
        if app.process_before_response:
            context[FOLLOW_UP] = spec  # the lazy listener gets a copy of the context
        else:
            confirm(spec, client)

    def review_lazy(context, client):
        if context.get(FOLLOW_UP):
            confirm(context[FOLLOW_UP], client)

    def answer_nudge(body, action, context, client, respond):
        actor = context["actor"]
        subject = action.get("value", "")
        try:
            if action["action_id"].startswith(render.NUDGE_DONE):
                kind, _, raw_id = subject.partition(":")
                if kind != "action" or not raw_id.isdigit():
                    raise UserError("That button is out of date.")
                answer = reminders.mark_action_done(container.uow(), actor, int(raw_id), container.clock.now())
            else:
                answer = reminders.snooze(container.uow(), actor, subject, container.clock.today())
        except Exception as exc:  # noqa: BLE001
            _tell(client, respond, body, actor.user_id, exc, "nudge:answer")
            return
        blocks = (body.get("message") or {}).get("blocks")
        block_id = action.get("block_id", "")
        if blocks and body.get("response_url"):
            respond(text=safe_text(answer.text), blocks=render.answered_blocks(blocks, block_id, answer.text),
                    replace_original=True)
            return
        message = to_message(answer)
        _send(client, respond, body, actor.user_id, message.text, message.blocks)

    app.action(render.START_REVIEW)(ack=ack_only, lazy=[start_review])
    app.view(render.REVIEW_FORM)(ack=review_ack, lazy=[review_lazy])
    app.action(re.compile(rf"^({render.NUDGE_DONE}|{render.NUDGE_SNOOZE})(:\d+)?$"))(ack=ack_only, lazy=[answer_nudge])


def form_values(view: dict) -> dict[str, str | None]:
    """{block_id: value} from a submitted modal, whatever the input type."""
    values = {}
    for block_id, actions in ((view.get("state") or {}).get("values") or {}).items():
        element = next(iter(actions.values()), None) or {}
        chosen = element.get("selected_option") or {}
        values[block_id] = chosen.get("value") if chosen else element.get("value")
    return values


def _message(exc: Exception, where: str) -> str:
    if isinstance(exc, UserError):
        return exc.message[:1900]
    return apology(log_unexpected(exc, where))


def _tell(client, respond, body: dict, user_id: str, exc: Exception, where: str) -> None:
    text = _message(exc, where)
    _send(client, respond, body, user_id, text, [section(esc(text))])


def _send(client, respond, body: dict, user_id: str, text: str, blocks: list[dict]) -> None:
    if body.get("response_url"):
        respond(text=safe_text(text, blocks), blocks=blocks, response_type="ephemeral", replace_original=False)
    else:
        client.chat_postMessage(channel=user_id, text=safe_text(text, blocks), blocks=blocks)
