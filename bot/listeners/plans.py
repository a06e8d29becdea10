"""Buttons, menus, the "Log as meeting" shortcut and the account picker of the plans feature;
its forms are in bot/listeners/plans_forms.py.

Buttons ack at once and do their work lazily (`on_click`), so a failure is told to the clicker.
Every id that arrives in a button value is re-checked by the service against the clicker's
workspace and rights.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from slack_bolt import App

from bot.context import RequestContext
from bot.errors import log_unexpected
from bot.handlers.plans import log_modal, person_modal
from bot.listeners import plans_forms, submitted as form
from bot.listeners.home import publish_home
from bot.listeners.reply import NOTHING_TO_SEND
from bot.listeners.toolkit import acknowledge, on_click
from bot.render import plans_common as ids
from bot.render.blocks import context
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.plans_views import AUTO, modal_view_for_log
from bot.results import OpenModal
from kam_domain.errors import UserError
from kam_domain.models import Objective
from kam_domain.services import meetings, next_actions, plans, stakeholders
from kam_domain.services.queries import row_in_workspace

SHORTCUTS: list[str] = [ids.LOG_SHORTCUT]


# =========================================================================== buttons


def accept_one(ctx: RequestContext, action: dict, body: dict):
    token = ids.decode(action.get("value"))
    result = meetings.accept_changes(ctx.uow(), ctx.actor, [token] if isinstance(token, dict) else [],
                                     ctx.container.clock.now())
    return _replace_or(ctx, body, result, [action.get("block_id")])


def accept_all(ctx: RequestContext, action: dict, body: dict):
    tokens = ids.decode(action.get("value"))
    tokens = [t for t in tokens if isinstance(t, dict)] if isinstance(tokens, list) else []
    result = meetings.accept_changes(ctx.uow(), ctx.actor, tokens, ctx.container.clock.now())
    proposals = [b.get("block_id") for b in ((body.get("message") or {}).get("blocks") or [])
                 if str(b.get("block_id", "")).startswith("proposal_")]
    return _replace_or(ctx, body, result, proposals, drop_action=ids.ACCEPT_ALL)


def _replace_or(ctx: RequestContext, body: dict, result, block_ids: list, drop_action: str | None = None):
    """Mark the accepted proposals in the log message when Slack sent it (then nothing more is
    said, unless some were skipped); else answer with a new message."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    blocks = message.get("blocks")
    if not blocks or not channel or not message.get("ts") or not result.applied:
        return result
    done = context(":white_check_mark: " + esc("; ".join(result.applied)) + f" (by {user_ref(ctx.actor.user_id)})")
    updated = []
    for block in blocks:
        if block.get("block_id") in block_ids:
            if done is not None:
                updated.append(done)
                done = None
            continue
        if drop_action and block.get("type") == "actions":
            block = {**block, "elements": [e for e in block.get("elements", []) if e.get("action_id") != drop_action]}
        updated.append(block)
    ctx.client.chat_update(channel=channel, ts=message["ts"], text=message.get("text") or "Meeting logged",
                           blocks=updated)
    return NOTHING_TO_SEND if not result.skipped else result


def add_person(ctx: RequestContext, action: dict, body: dict):
    value = ids.decode(action.get("value")) or {}
    if not isinstance(value, dict):
        raise UserError("That button no longer makes sense.")
    return meetings.add_person_from_log(ctx.uow(), ctx.actor, form.form_int(value.get("i")),
                                        str(value.get("n") or ""), str(value.get("t") or "") or None, ctx.today,
                                        ctx.container.clock.now())


def edit_log(ctx: RequestContext, action: dict, body: dict):
    return log_modal(meetings.form_for_edit(ctx.uow(), ctx.actor, form.form_int(action.get("value")), ctx.today))


def open_log(ctx: RequestContext, action: dict, body: dict):
    value = ids.decode(action.get("value")) or {}
    value = value if isinstance(value, dict) else {"a": value}
    modal = log_modal(meetings.form_for(ctx.uow(), ctx.actor, form.form_int(value.get("a")), ctx.today,
                                        attendee_ids=[form.form_int(s) for s in value.get("s") or []]))
    if _from_home(body):
        modal.data["home"] = True
    return modal


def edit_person(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    return person_modal(stakeholders.form_for(ctx.uow(), ctx.actor, form.form_int(value.get("a")), ctx.today,
                                              stakeholder_id=form.form_int(value.get("s"))))


def add_person_form(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    return person_modal(stakeholders.form_for(ctx.uow(), ctx.actor, form.form_int(value.get("a")), ctx.today,
                                              role=value.get("r")))


def edit_section(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    section_form = plans.section_form(ctx.uow(), ctx.actor, form.form_int(value.get("a")), str(value.get("k") or ""))
    return OpenModal(ids.SECTION_FORM, section_form.label, f"Edit it in Slack: /kam plan {section_form.account_name}",
                     data={"form": section_form})


def add_objective(ctx: RequestContext, action: dict, body: dict):
    objective_form = plans.objective_form(ctx.uow(), ctx.actor, form.form_int(action.get("value")))
    return OpenModal(ids.OBJECTIVE_FORM, "Add an objective", "", data={"form": objective_form})


def objective_menu(ctx: RequestContext, action: dict, body: dict):
    verb, _, raw_id = ((action.get("selected_option") or {}).get("value") or "").partition(":")
    objective_id = form.form_int(raw_id)
    if verb in ("done", "drop"):
        return plans.set_objective_status(ctx.uow(), ctx.actor, objective_id, "done" if verb == "done" else "dropped",
                                          ctx.container.clock.now())
    account_id = _objective_account(ctx, objective_id)
    if verb == "edit":
        return OpenModal(ids.OBJECTIVE_FORM, "Edit objective", "",
                         data={"form": plans.objective_form(ctx.uow(), ctx.actor, account_id, objective_id)})
    if verb == "add_action":
        return OpenModal(ids.ACTION_FORM, "Add an action", "",
                         data={"form": plans.action_form(ctx.uow(), ctx.actor, account_id, objective_id)})
    if verb == "actions":
        return OpenModal(ids.ACTIONS_FORM, "Edit actions", "", data={"form": plans.action_form(
            ctx.uow(), ctx.actor, account_id, objective_id, editing=True, today=ctx.today)})
    raise UserError("I don't know that menu item; run `/kam plan` again.")


def _objective_account(ctx: RequestContext, objective_id: int) -> int:
    with ctx.uow() as uow:
        return row_in_workspace(uow.session, Objective, ctx.actor.team_id, objective_id, "objective").account_id


def action_done(ctx: RequestContext, action: dict, body: dict):
    return plans.set_action_status(ctx.uow(), ctx.actor, form.form_int(action.get("value")), "done",
                                   ctx.container.clock.now())


def edit_actions(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    actions_form = plans.action_form(ctx.uow(), ctx.actor, form.form_int(value.get("a")),
                                     form.form_int(value.get("o")) or None, editing=True, today=ctx.today)
    return OpenModal(ids.ACTIONS_FORM, "Edit actions", "", data={"form": actions_form})


def adopt(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    return next_actions.adopt(ctx.uow(), ctx.actor, form.form_int(value.get("a")), str(value.get("k") or ""),
                              ctx.today, ctx.container.clock.now())


BUTTONS = {
    ids.ACCEPT: accept_one, ids.ACCEPT_ALL: accept_all, ids.ADD_PERSON: add_person, ids.EDIT_LOG: edit_log,
    ids.LOG_OPEN: open_log, ids.PERSON_EDIT: edit_person, ids.PERSON_ADD: add_person_form,
    ids.SECTION_EDIT: edit_section, ids.OBJECTIVE_ADD: add_objective, ids.OBJECTIVE_MENU: objective_menu,
    ids.ACTION_DONE: action_done, ids.ACTIONS_EDIT: edit_actions, ids.ADOPT: adopt,
}


def refresh_home(ctx: RequestContext, body: dict, result: object) -> None:
    """A change made from the Home tab shows there at once."""
    if not isinstance(result, OpenModal) and _from_home(body):
        publish_home(ctx.container, ctx.client, ctx.actor, "plans: home refresh")


# =========================================================================== the log form, the shortcut


def update_attendees(body, action, actor, container, client):
    """Attendees picked: the form grows an attitude field per attendee (views.update)."""
    try:
        _refresh_log_form(container, actor, body, action, client)
    except Exception as exc:  # noqa: BLE001 - the form stays as it was; the person can still submit it
        log_unexpected(exc, ids.ATTENDEES)


def _refresh_log_form(container, actor, body: dict, action: dict, client) -> None:
    view = body.get("view") or {}
    meta = ids.decode(view.get("private_metadata")) or {}
    selected = [form.form_int(o.get("value")) for o in action.get("selected_options") or []]
    log_form = meetings.form_for(container.uow(), actor, form.form_int(meta.get("a")), container.clock.today(),
                                 attendee_ids=selected)
    state = form.form_state(view)
    log_form.interaction_id, log_form.channel_id = meta.get("i"), meta.get("c")
    log_form.notes = form.text(state, "notes") or ""
    log_form.next_step = form.text(state, "next_step") or ""
    log_form.occurred_on = form.day(state, "date") or log_form.occurred_on
    log_form.due_on = form.day(state, "due")
    sentiment = form.choice(state, "sentiment")
    log_form.sentiment = None if sentiment in (None, AUTO) else int(sentiment)
    updated = modal_view_for_log(log_form, (view.get("title") or {}).get("text") or "Log a meeting", selected)
    updated["private_metadata"] = view.get("private_metadata") or updated["private_metadata"]
    client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=updated)


def account_options(ack, body, actor, container):
    """The account picker of the shortcut's form: accounts whose name matches what was typed."""
    try:
        found = meetings.account_options(container.uow(), actor, body.get("value") or "")
    except Exception as exc:  # noqa: BLE001 - an empty list; the person can type again
        log_unexpected(exc, ids.ACCOUNT_PICK)
        found = []
    ack(options=[{"text": {"type": "plain_text", "text": name[:75]}, "value": str(account_id)}
                 for account_id, name in found])


def open_log_from_message(body, shortcut, actor, container, client, respond):
    """"Log as meeting" on a message: the log form, filled with the message and its day."""
    on_click(log_message_form, ids.LOG_SHORTCUT)(body, shortcut, actor, container, client, respond)


def log_message_form(ctx: RequestContext, shortcut: dict, body: dict) -> OpenModal:
    message = shortcut.get("message") or {}
    data = {"notes": (message.get("text") or "")[:3000], "date": _message_day(message.get("ts"), ctx.container),
            "channel_id": ctx.channel_id, "message_ts": message.get("ts")}
    return OpenModal(ids.LOG_MESSAGE_FORM, "Log as meeting", "", data=data)


def register(app: App) -> None:
    for action_id, work in BUTTONS.items():
        app.action(action_id)(ack=acknowledge, lazy=[on_click(work, action_id, then=refresh_home)])
    app.action(ids.ATTENDEES)(ack=acknowledge, lazy=[update_attendees])
    app.action(ids.ACCOUNT_PICK)(acknowledge)  # choosing an account in the shortcut's form needs no answer
    app.options(ids.ACCOUNT_PICK)(account_options)
    app.shortcut(ids.LOG_SHORTCUT)(ack=acknowledge, lazy=[open_log_from_message])
    for callback_id, submission in {
        ids.LOG_FORM: plans_forms.LOG_SUBMISSION, ids.LOG_MESSAGE_FORM: plans_forms.MESSAGE_LOG_SUBMISSION,
        ids.PERSON_FORM: plans_forms.PERSON_SUBMISSION, ids.SECTION_FORM: plans_forms.SECTION_SUBMISSION,
        ids.OBJECTIVE_FORM: plans_forms.OBJECTIVE_SUBMISSION, ids.ACTION_FORM: plans_forms.ACTION_SUBMISSION,
        ids.ACTIONS_FORM: plans_forms.ACTIONS_SUBMISSION,
    }.items():
        app.view(callback_id)(**submission)


# =========================================================================== helpers


def _from_home(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def _dict(action: dict) -> dict:
    value = ids.decode(action.get("value"))
    if not isinstance(value, dict):
        raise UserError("That button no longer makes sense; run the command again.")
    return value


def _message_day(ts: str | None, container) -> date:
    try:
        moment = datetime.fromtimestamp(float(ts), tz=timezone.utc)
        return moment.astimezone(container.clock.tz).date() if hasattr(container.clock, "tz") else moment.date()
    except (TypeError, ValueError, OverflowError):
        return container.clock.today()
