"""The plans feature's forms: meeting logs, people, plan sections, objectives and actions.

Each `save_*` reads a submitted form and calls its service, which re-checks every id in the
form's metadata against the submitter's workspace and rights; `*_SUBMISSION` are their Bolt
listeners (validated and saved in the ack, confirmed after it: bot/listeners/toolkit.py).
"""
from __future__ import annotations

import re
from typing import Any

from bot.handlers.plans import index_soon
from bot.listeners import submitted as form
from bot.listeners.home import publish_home
from bot.listeners.toolkit import FollowUp, modal_submission, post_to_submitter
from bot.render.plans_views import AUTO
from kam_domain.errors import FieldErrors
from kam_domain.services import meetings, plans, stakeholders
from kam_domain.services.meetings import MeetingInput, NewPerson


def confirm(index: bool = False) -> FollowUp:
    """What follows a saved form: the confirmation by DM, the notes index brought up to date
    (a meeting log), and the Home tab redrawn when the form was opened from it."""

    def follow_up(container, actor, view: dict, saved: object, client) -> None:
        post_to_submitter(container, actor, view, saved, client)
        if index:
            index_soon(container, actor.team_id)
        if form.form_metadata(view).get("h"):
            publish_home(container, client, actor, "plans: home refresh")

    return follow_up


def meeting_input(container, state: dict) -> MeetingInput:
    sentiment = form.choice(state, "sentiment")
    return MeetingInput(
        occurred_on=form.day(state, "date") or container.clock.today(),
        notes=form.text(state, "notes") or "",
        attendee_ids=[form.form_int(v) for v in form.choices(state, "attendees")],
        new_people=new_people(form.text(state, "new_people") or ""),
        sentiment=None if sentiment in (None, AUTO) else form.form_int(sentiment),
        next_step=form.text(state, "next_step"),
        due_on=form.day(state, "due"),
        attitudes={form.form_int(block[len("attitude_"):]): form.form_int(form.choice(state, block))
                   for block in state if block.startswith("attitude_") and form.choice(state, block) is not None},
    )


def save_log(container, actor, view: dict):
    meta = form.form_metadata(view)
    meeting = meeting_input(container, form.form_state(view))
    now, today = container.clock.now(), container.clock.today()
    if meta.get("i"):
        return meetings.update_meeting(container.uow(), actor, form.form_int(meta["i"]), meeting, today, now)
    return meetings.log_meeting(container.uow(), actor, form.form_int(meta.get("a")), meeting, today, now)


def save_message_log(container, actor, view: dict):
    state = form.form_state(view)
    account = form.choice(state, "account")
    if not account:
        raise FieldErrors({"account": "Pick the account this meeting was with."})
    return meetings.log_text(container.uow(), actor, form.form_int(account), form.text(state, "notes") or "",
                             container.clock.today(), container.clock.now(), occurred_on=form.day(state, "date"))


def save_person(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    fields: dict[str, Any] = {"name": form.text(state, "name") or "", "title": form.text(state, "title") or ""}
    for key in ("role", "influence", "attitude", "contact"):
        if form.choice(state, key) is not None:
            fields[key] = form.choice(state, key)
    if "owner" in state:
        fields["owner"] = form.user(state, "owner") or ""
    if "reports_to" in state:
        fields["reports_to"] = form.choice(state, "reports_to") or "none"
    if "email" in state:
        fields["email"] = form.text(state, "email") or ""
    return stakeholders.save_person(container.uow(), actor, form.form_int(meta.get("a")),
                                    form.form_int(meta.get("s")) or None, fields, container.clock.today(),
                                    container.clock.now())


def save_section(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    return plans.save_section(container.uow(), actor, form.form_int(meta.get("a")), str(meta.get("k") or ""),
                              form.text(state, "body") or "", container.clock.now(),
                              potential=form.text(state, "potential") if "potential" in state else None)


def save_objective(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    return plans.save_objective(container.uow(), actor, form.form_int(meta.get("a")),
                                form.form_int(meta.get("o")) or None, form.text(state, "title") or "",
                                form.choice(state, "horizon"), form.user(state, "owner"), form.day(state, "due"),
                                container.clock.today(), container.clock.now())


def save_action(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    return plans.add_action(container.uow(), actor, form.form_int(meta.get("a")), form.form_int(meta.get("o")) or None,
                            form.text(state, "title") or "", form.user(state, "owner"), form.day(state, "due"),
                            container.clock.today(), container.clock.now())


def save_actions(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    changes = {}
    for action_id in (form.form_int(raw) for raw in meta.get("ids") or []):
        changes[action_id] = {"title": form.text(state, f"title_{action_id}") or "",
                              "owner": form.user(state, f"owner_{action_id}"),
                              "due_on": form.day(state, f"due_{action_id}")}
    return plans.update_actions(container.uow(), actor, form.form_int(meta.get("a")), changes,
                                container.clock.today(), container.clock.now())


def new_people(raw: str) -> list[NewPerson]:
    """'Tom Berg, Head of IT; Lea Vogt (CTO)' -> two people with their titles."""
    people = []
    for chunk in re.split(r"[;\n]+", raw or ""):
        chunk = chunk.strip(" ,")
        if not chunk:
            continue
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", chunk)
        name, title = (match.group(1), match.group(2)) if match else (chunk.partition(",")[0], chunk.partition(",")[2])
        people.append(NewPerson(name.strip(), title.strip() or None))
    return people


LOG_SUBMISSION = modal_submission(save_log, anchor=("notes",), follow_up=confirm(index=True))
MESSAGE_LOG_SUBMISSION = modal_submission(save_message_log, anchor=("notes",), follow_up=confirm(index=True))
PERSON_SUBMISSION = modal_submission(save_person, anchor=("name",), follow_up=confirm())
SECTION_SUBMISSION = modal_submission(save_section, anchor=("body",), follow_up=confirm())
OBJECTIVE_SUBMISSION = modal_submission(save_objective, anchor=("title",), follow_up=confirm())
ACTION_SUBMISSION = modal_submission(save_action, anchor=("title",), follow_up=confirm())
ACTIONS_SUBMISSION = modal_submission(save_actions, anchor=("title",), follow_up=confirm())
