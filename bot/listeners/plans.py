"""Buttons, menus, modal submissions, the "Log as meeting" shortcut and the account picker of
the plans feature.

Buttons ack at once and do their work lazily, through `deliver`, so a failure is told to the
clicker. Form submissions validate and save in the ack (per-field errors go back in it and
nothing is written); the confirmation follows after the ack: lazily over HTTP, inline in
Socket Mode. Every id that arrives in a button value or form metadata is re-checked by the
service against the clicker's workspace and rights.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Callable

from slack_bolt import App

from bot.bootstrap import Container
from bot.context import RequestContext
from bot.errors import apology, log_unexpected
from bot.handlers import plans as plan_handlers
from bot.handlers.plans import log_modal, person_modal
from bot.results import OpenModal
from bot.listeners.reply import deliver, form_int, form_metadata, form_problems, poster, responder
from bot.render.blocks import SlackMessage, context, to_message
from bot.render.escape import safe_text, slack_escape as esc, user_ref
from bot.render import plans_common as ids
from bot.render.plans_views import AUTO, modal_view_for_log
from bot.views import build_view
from kam_domain.errors import FieldErrors, UserError
from kam_domain.services import home, meetings, next_actions, plans, stakeholders
from kam_domain.services.meetings import MeetingInput, NewPerson

SHORTCUTS: list[str] = [ids.LOG_SHORTCUT]
FOLLOW_UP = "kam_plans_follow_up"


def register(app: App, container: Container) -> None:
    def ack_only(ack):
        ack()

    def button(work: Callable[[RequestContext, dict, dict], Any], where: str):
        """A lazy listener that runs `work(ctx, action, body)` and answers the clicker."""

        def lazy(body, action, context, client, respond):
            ctx = _ctx(container, context, body, client)
            send = _sender(body, respond, client, context["actor"].user_id)
            result = deliver(ctx, lambda: work(ctx, action, body), send, where)
            if result is not None and not isinstance(result, OpenModal) and _from_home(body):
                _publish_home(container, client, context["actor"])

        return lazy

    for action_id, work in {
        ids.ACCEPT: _accept_one, ids.ACCEPT_ALL: _accept_all, ids.ADD_PERSON: _add_person,
        ids.EDIT_LOG: _edit_log, ids.LOG_OPEN: _open_log, ids.PERSON_EDIT: _edit_person,
        ids.PERSON_ADD: _add_person_form, ids.SECTION_EDIT: _edit_section, ids.OBJECTIVE_ADD: _add_objective,
        ids.OBJECTIVE_MENU: _objective_menu, ids.ACTION_DONE: _action_done, ids.ACTIONS_EDIT: _edit_actions,
        ids.ADOPT: _adopt,
    }.items():
        app.action(action_id)(ack=ack_only, lazy=[button(work, action_id)])

    def update_attendees(body, action, context, client):
        try:
            _refresh_log_form(container, context["actor"], body, action, client)
        except Exception as exc:  # noqa: BLE001 - the form stays as it was; the person can still submit it
            log_unexpected(exc, ids.ATTENDEES)

    app.action(ids.ATTENDEES)(ack=ack_only, lazy=[update_attendees])
    app.action(ids.ACCOUNT_PICK)(ack_only)  # choosing an account in the shortcut's form needs no answer

    def account_options(ack, body, context):
        try:
            found = meetings.account_options(container.uow(), context["actor"], body.get("value") or "")
        except Exception as exc:  # noqa: BLE001 - an empty list; the person can type again
            log_unexpected(exc, ids.ACCOUNT_PICK)
            found = []
        ack(options=[{"text": {"type": "plain_text", "text": name[:75]}, "value": str(account_id)}
                     for account_id, name in found])

    app.options(ids.ACCOUNT_PICK)(account_options)

    def open_log_from_message(body, shortcut, context, client, respond):
        message = shortcut.get("message") or {}
        when = _message_day(message.get("ts"), container)
        data = {"notes": (message.get("text") or "")[:3000], "date": when,
                "channel_id": (shortcut.get("channel") or {}).get("id"), "message_ts": message.get("ts")}
        modal = OpenModal(ids.LOG_MESSAGE_FORM, "Log as meeting", "", data=data)
        try:
            client.views_open(trigger_id=shortcut["trigger_id"], view=build_view(modal))
        except Exception as exc:  # noqa: BLE001
            reference = log_unexpected(exc, ids.LOG_SHORTCUT)
            if shortcut.get("response_url"):
                respond(text=apology(reference), response_type="ephemeral", replace_original=False)

    app.shortcut(ids.LOG_SHORTCUT)(ack=ack_only, lazy=[open_log_from_message])

    def follow_up(spec: dict, client) -> None:
        try:
            message = to_message(spec["result"])
            client.chat_postMessage(channel=spec["user_id"], text=safe_text(message.text, message.blocks), blocks=message.blocks,
                                    unfurl_links=False, unfurl_media=False)
            if spec.get("index"):
                plan_handlers.index_soon(container, spec["actor"].team_id)
            if spec.get("home"):
                _publish_home(container, client, spec["actor"])
        except Exception as exc:  # noqa: BLE001 - the change is saved; only the confirmation is missing
            log_unexpected(exc, "plans follow-up")

    def two_phase(submit: Callable[[Container, Any, dict], Any], anchor: str, index: bool = False):
        def ack_function(ack, body, view, context, client):
            actor = context["actor"]
            problems = form_problems(view)
            if problems:
                ack(response_action="errors", errors=_on_blocks(view, problems, anchor))
                return
            try:
                result = submit(container, actor, view)
            except FieldErrors as exc:
                ack(response_action="errors", errors=_on_blocks(view, exc.errors, anchor))
                return
            except UserError as exc:
                ack(response_action="errors", errors={_anchor(view, anchor): exc.message[:1900]})
                return
            except Exception as exc:  # noqa: BLE001 - told on the form, never raised into Bolt
                ack(response_action="errors", errors={_anchor(view, anchor): apology(log_unexpected(exc, anchor))})
                return
            ack()
            spec = {"result": result, "user_id": actor.user_id, "actor": actor, "index": index,
                    "home": bool(form_metadata(view).get("h"))}
            if app.process_before_response:
                context[FOLLOW_UP] = spec  # the lazy listener gets a copy of the context
            else:
                follow_up(spec, client)

        def lazy_function(context, client):
            spec = context.get(FOLLOW_UP)
            if spec:
                follow_up(spec, client)

        return {"ack": ack_function, "lazy": [lazy_function]}

    app.view(ids.LOG_FORM)(**two_phase(_submit_log, "notes", index=True))
    app.view(ids.LOG_MESSAGE_FORM)(**two_phase(_submit_message_log, "notes", index=True))
    app.view(ids.PERSON_FORM)(**two_phase(_submit_person, "name"))
    app.view(ids.SECTION_FORM)(**two_phase(_submit_section, "body"))
    app.view(ids.OBJECTIVE_FORM)(**two_phase(_submit_objective, "title"))
    app.view(ids.ACTION_FORM)(**two_phase(_submit_action, "title"))
    app.view(ids.ACTIONS_FORM)(**two_phase(_submit_actions, "title"))


# =========================================================================== buttons


def _accept_one(ctx: RequestContext, action: dict, body: dict):
    token = ids.decode(action.get("value"))
    result = meetings.accept_changes(ctx.uow(), ctx.actor, [token] if isinstance(token, dict) else [],
                                     ctx.container.clock.now())
    return _replace_or(ctx, body, result, [action.get("block_id")])


def _accept_all(ctx: RequestContext, action: dict, body: dict):
    tokens = ids.decode(action.get("value"))
    tokens = [t for t in tokens if isinstance(t, dict)] if isinstance(tokens, list) else []
    result = meetings.accept_changes(ctx.uow(), ctx.actor, tokens, ctx.container.clock.now())
    proposals = [b.get("block_id") for b in ((body.get("message") or {}).get("blocks") or [])
                 if str(b.get("block_id", "")).startswith("proposal_")]
    return _replace_or(ctx, body, result, proposals, drop_action=ids.ACCEPT_ALL)


def _replace_or(ctx: RequestContext, body: dict, result, block_ids: list, drop_action: str | None = None):
    """Mark the accepted proposals in the log message when Slack sent it; else answer with a new message."""
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
    return _Quiet(result) if not result.skipped else result


class _Quiet:
    """Nothing more to say: the original message now shows the change."""

    def __init__(self, result):
        self.result = result


def _add_person(ctx: RequestContext, action: dict, body: dict):
    value = ids.decode(action.get("value")) or {}
    if not isinstance(value, dict):
        raise UserError("That button no longer makes sense.")
    return meetings.add_person_from_log(ctx.uow(), ctx.actor, _int(value.get("i")), str(value.get("n") or ""),
                                        str(value.get("t") or "") or None, ctx.today, ctx.container.clock.now())


def _edit_log(ctx: RequestContext, action: dict, body: dict):
    form = meetings.form_for_edit(ctx.uow(), ctx.actor, _int(action.get("value")), ctx.today)
    return log_modal(form)


def _open_log(ctx: RequestContext, action: dict, body: dict):
    value = ids.decode(action.get("value")) or {}
    value = value if isinstance(value, dict) else {"a": value}
    form = meetings.form_for(ctx.uow(), ctx.actor, _int(value.get("a")), ctx.today,
                             attendee_ids=[_int(s) for s in value.get("s") or []])
    modal = log_modal(form)
    if _from_home(body):
        modal.data["home"] = True
    return modal


def _edit_person(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    form = stakeholders.form_for(ctx.uow(), ctx.actor, _int(value.get("a")), ctx.today,
                                 stakeholder_id=_int(value.get("s")))
    return person_modal(form)


def _add_person_form(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    form = stakeholders.form_for(ctx.uow(), ctx.actor, _int(value.get("a")), ctx.today, role=value.get("r"))
    return person_modal(form)


def _edit_section(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    form = plans.section_form(ctx.uow(), ctx.actor, _int(value.get("a")), str(value.get("k") or ""))
    return OpenModal(ids.SECTION_FORM, form.label, f"Edit it in Slack: /kam plan {form.account_name}",
                     data={"form": form})


def _add_objective(ctx: RequestContext, action: dict, body: dict):
    form = plans.objective_form(ctx.uow(), ctx.actor, _int(action.get("value")))
    return OpenModal(ids.OBJECTIVE_FORM, "Add an objective", "", data={"form": form})


def _objective_menu(ctx: RequestContext, action: dict, body: dict):
    choice = ((action.get("selected_option") or {}).get("value") or "")
    verb, _, raw_id = choice.partition(":")
    objective_id = _int(raw_id)
    now = ctx.container.clock.now()
    if verb in ("done", "drop"):
        return plans.set_objective_status(ctx.uow(), ctx.actor, objective_id, "done" if verb == "done" else "dropped",
                                          now)
    account_id = _objective_account(ctx, objective_id)
    if verb == "edit":
        form = plans.objective_form(ctx.uow(), ctx.actor, account_id, objective_id)
        return OpenModal(ids.OBJECTIVE_FORM, "Edit objective", "", data={"form": form})
    if verb == "add_action":
        form = plans.action_form(ctx.uow(), ctx.actor, account_id, objective_id)
        return OpenModal(ids.ACTION_FORM, "Add an action", "", data={"form": form})
    if verb == "actions":
        form = plans.action_form(ctx.uow(), ctx.actor, account_id, objective_id, editing=True, today=ctx.today)
        return OpenModal(ids.ACTIONS_FORM, "Edit actions", "", data={"form": form})
    raise UserError("I don't know that menu item; run `/kam plan` again.")


def _objective_account(ctx: RequestContext, objective_id: int) -> int:
    from kam_domain.models import Objective

    with ctx.uow() as uow:
        objective = uow.session.get(Objective, objective_id)
        if objective is None or objective.team_id != ctx.actor.team_id:
            raise UserError("That objective no longer exists in this workspace.")
        return objective.account_id


def _action_done(ctx: RequestContext, action: dict, body: dict):
    return plans.set_action_status(ctx.uow(), ctx.actor, _int(action.get("value")), "done", ctx.container.clock.now())


def _edit_actions(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    form = plans.action_form(ctx.uow(), ctx.actor, _int(value.get("a")), _int(value.get("o")) or None, editing=True,
                             today=ctx.today)
    return OpenModal(ids.ACTIONS_FORM, "Edit actions", "", data={"form": form})


def _adopt(ctx: RequestContext, action: dict, body: dict):
    value = _dict(action)
    return next_actions.adopt(ctx.uow(), ctx.actor, _int(value.get("a")), str(value.get("k") or ""), ctx.today,
                              ctx.container.clock.now())


def _refresh_log_form(container: Container, actor, body: dict, action: dict, client) -> None:
    """Attendees picked: the form grows an attitude field per attendee (views.update)."""
    view = body.get("view") or {}
    meta = ids.decode(view.get("private_metadata")) or {}
    selected = [_int(o.get("value")) for o in action.get("selected_options") or []]
    form = meetings.form_for(container.uow(), actor, _int(meta.get("a")), container.clock.today(),
                             attendee_ids=selected)
    state = _state(view)
    form.interaction_id, form.channel_id = meta.get("i"), meta.get("c")
    form.notes = _text(state, "notes") or ""
    form.next_step = _text(state, "next_step") or ""
    form.occurred_on = _date(state, "date") or form.occurred_on
    form.due_on = _date(state, "due")
    sentiment = _choice(state, "sentiment")
    form.sentiment = None if sentiment in (None, AUTO) else int(sentiment)
    updated = modal_view_for_log(form, (view.get("title") or {}).get("text") or "Log a meeting", selected)
    updated["private_metadata"] = view.get("private_metadata") or updated["private_metadata"]
    client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=updated)


# =========================================================================== form submissions


def _submit_log(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    meeting = MeetingInput(
        occurred_on=_date(state, "date") or container.clock.today(),
        notes=_text(state, "notes") or "",
        attendee_ids=[_int(v) for v in _choices(state, "attendees")],
        new_people=_new_people(_text(state, "new_people") or ""),
        sentiment=None if _choice(state, "sentiment") in (None, AUTO) else _int(_choice(state, "sentiment")),
        next_step=_text(state, "next_step"),
        due_on=_date(state, "due"),
        attitudes={_int(block[len("attitude_"):]): _int(_choice(state, block))
                   for block in state if block.startswith("attitude_") and _choice(state, block) is not None},
    )
    now, today = container.clock.now(), container.clock.today()
    if meta.get("i"):
        return meetings.update_meeting(container.uow(), actor, _int(meta["i"]), meeting, today, now)
    return meetings.log_meeting(container.uow(), actor, _int(meta.get("a")), meeting, today, now)


def _submit_message_log(container: Container, actor, view: dict):
    state = _state(view)
    account = _choice(state, "account")
    if not account:
        raise FieldErrors({"account": "Pick the account this meeting was with."})
    when = _date(state, "date")
    return meetings.log_text(container.uow(), actor, _int(account), _text(state, "notes") or "",
                             container.clock.today(), container.clock.now(), occurred_on=when)


def _submit_person(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    fields: dict[str, Any] = {"name": _text(state, "name") or "", "title": _text(state, "title") or ""}
    for key in ("role", "influence", "attitude", "contact"):
        if _choice(state, key) is not None:
            fields[key] = _choice(state, key)
    if "owner" in state:
        fields["owner"] = _user(state, "owner") or ""
    if "reports_to" in state:
        fields["reports_to"] = _choice(state, "reports_to") or "none"
    if "email" in state:
        fields["email"] = _text(state, "email") or ""
    return stakeholders.save_person(container.uow(), actor, _int(meta.get("a")), _int(meta.get("s")) or None, fields,
                                    container.clock.today(), container.clock.now())


def _submit_section(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    potential = _text(state, "potential") if "potential" in state else None
    return plans.save_section(container.uow(), actor, _int(meta.get("a")), str(meta.get("k") or ""),
                              _text(state, "body") or "", container.clock.now(),
                              potential=potential if "potential" in state else None)


def _submit_objective(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    return plans.save_objective(container.uow(), actor, _int(meta.get("a")), _int(meta.get("o")) or None,
                                _text(state, "title") or "", _choice(state, "horizon"), _user(state, "owner"),
                                _date(state, "due"), container.clock.today(), container.clock.now())


def _submit_action(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    return plans.add_action(container.uow(), actor, _int(meta.get("a")), _int(meta.get("o")) or None,
                            _text(state, "title") or "", _user(state, "owner"), _date(state, "due"),
                            container.clock.today(), container.clock.now())


def _submit_actions(container: Container, actor, view: dict):
    meta = form_metadata(view)
    state = _state(view)
    changes = {}
    for action_id in meta.get("ids") or []:
        action_id = _int(action_id)
        changes[action_id] = {"title": _text(state, f"title_{action_id}") or "",
                              "owner": _user(state, f"owner_{action_id}"), "due_on": _date(state, f"due_{action_id}")}
    return plans.update_actions(container.uow(), actor, _int(meta.get("a")), changes, container.clock.today(),
                                container.clock.now())


# =========================================================================== helpers


def _ctx(container: Container, context, body: dict, client) -> RequestContext:
    return RequestContext(container, context["actor"], channel_id=(body.get("channel") or {}).get("id"),
                          trigger_id=body.get("trigger_id"), client=client)


def _sender(body: dict, respond, client, user_id: str):
    inner = responder(respond) if body.get("response_url") else poster(client, user_id)

    def send(message: SlackMessage) -> None:
        if isinstance(message, SlackMessage) and message.text == _QUIET_TEXT:
            return
        inner(message)

    return send


_QUIET_TEXT = "\u200b"


@to_message.register
def _(quiet: _Quiet) -> SlackMessage:
    return SlackMessage(_QUIET_TEXT, [])


def _from_home(body: dict) -> bool:
    return (body.get("view") or {}).get("type") == "home"


def _publish_home(container: Container, client, actor) -> None:
    from bot.render.home import home_view

    try:
        summary = home.my_accounts(container.uow(), actor, container.clock.today())
        client.views_publish(user_id=actor.user_id, view=home_view(summary))
    except Exception as exc:  # noqa: BLE001 - the home tab refreshes next time it is opened
        log_unexpected(exc, "plans: home refresh")


def _state(view: dict) -> dict[str, dict]:
    """block_id -> the state of its (only) element, whatever its action_id."""
    values = (view.get("state") or {}).get("values") or {}
    return {block: next(iter(actions.values()), {}) for block, actions in values.items() if actions}


def _text(state: dict, block: str) -> str | None:
    value = (state.get(block) or {}).get("value")
    return value.strip() if isinstance(value, str) else None


def _date(state: dict, block: str) -> date | None:
    raw = (state.get(block) or {}).get("selected_date")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldErrors({block: "Pick a date from the calendar."}) from None


def _choice(state: dict, block: str) -> str | None:
    return ((state.get(block) or {}).get("selected_option") or {}).get("value")


def _choices(state: dict, block: str) -> list[str]:
    return [o.get("value") for o in (state.get(block) or {}).get("selected_options") or []]


def _user(state: dict, block: str) -> str | None:
    return (state.get(block) or {}).get("selected_user")


def _new_people(raw: str) -> list[NewPerson]:
    """'Tom Berg, Head of IT; Lea Vogt (CTO)' -> two people with their titles."""
    import re

    people = []
    for chunk in re.split(r"[;\n]+", raw or ""):
        chunk = chunk.strip(" ,")
        if not chunk:
            continue
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", chunk)
        name, title = (match.group(1), match.group(2)) if match else (chunk.partition(",")[0], chunk.partition(",")[2])
        people.append(NewPerson(name.strip(), title.strip() or None))
    return people


def _int(raw: Any) -> int:
    return form_int(raw)


def _dict(action: dict) -> dict:
    value = ids.decode(action.get("value"))
    if not isinstance(value, dict):
        raise UserError("That button no longer makes sense; run the command again.")
    return value


def _input_blocks(view: dict) -> list[str]:
    """Where Slack can show an error: the form's input blocks (else, what was submitted)."""
    inputs = [b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"]
    return inputs or list(_state(view))


def _anchor(view: dict, preferred: str) -> str:
    blocks = _input_blocks(view)
    return preferred if preferred in blocks or not blocks else blocks[0]


def _on_blocks(view: dict, errors: dict[str, str], anchor: str) -> dict[str, str]:
    """Service field names are our block ids; an error about anything else goes on the anchor field."""
    known = set(_input_blocks(view))
    placed: dict[str, str] = {}
    for key, message in errors.items():
        block = key if key in known else _anchor(view, anchor)
        placed[block] = (placed[block] + " " + message if block in placed else message)[:1900]
    return placed


def _message_day(ts: str | None, container: Container) -> date:
    try:
        moment = datetime.fromtimestamp(float(ts), tz=timezone.utc)
        return moment.astimezone(container.clock.tz).date() if hasattr(container.clock, "tz") else moment.date()
    except (TypeError, ValueError, OverflowError):
        return container.clock.today()
