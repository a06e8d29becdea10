"""Ids, button values and small formatting helpers shared by the plans renderers, forms and listeners."""
from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from bot.render.blocks import button
from bot.render.escape import slack_escape as esc, user_ref
from kam_domain.rules.next_actions import human_day
from kam_domain.rules.relationships import ATTITUDE_LABELS

# Buttons and menus (block_actions). Every value is re-checked by the service it reaches.
ACCEPT = "plans:accept"  # one proposed map change (value: the proposal token)
ACCEPT_ALL = "plans:accept_all"  # every proposal of a log (value: list of tokens)
ADD_PERSON = "plans:add_person"  # an unknown attendee of a log -> the map
EDIT_LOG = "plans:edit_log"  # the log form, filled in
LOG_OPEN = "plans:log_open"  # the log form for an account (optionally with attendees)
PERSON_EDIT = "plans:person_edit"  # the stakeholder form for one person
PERSON_ADD = "plans:person_add"  # the stakeholder form for a new person (optionally a role)
SECTION_EDIT = "plans:section_edit"  # a plan section's form
OBJECTIVE_ADD = "plans:objective_add"
OBJECTIVE_MENU = "plans:objective_menu"  # overflow: add action, edit, edit actions, achieved, drop
ACTION_DONE = "plans:action_done"
ACTIONS_EDIT = "plans:actions_edit"  # reassign / reschedule open actions
ADOPT = "plans:adopt"  # a suggested next action -> an action on the plan
ATTENDEES = "plans:attendees"  # the log form's attendee picker (updates the form)
ACCOUNT_PICK = "plans:account_pick"  # external select of accounts (options load)

# Modal callback ids.
LOG_FORM = "plans_log"
LOG_MESSAGE_FORM = "plans_log_message"
PERSON_FORM = "plans_person"
SECTION_FORM = "plans_section"
OBJECTIVE_FORM = "plans_objective"
ACTION_FORM = "plans_action"
ACTIONS_FORM = "plans_actions_edit"

# The message shortcut (manifest: features.shortcuts).
LOG_SHORTCUT = "log_as_meeting"

VALUE = "value"  # the action_id of every input element in our forms

ATTITUDE_EMOJI = {-2: ":no_entry:", -1: ":small_red_triangle_down:", 0: ":white_circle:",
                  1: ":large_green_circle:", 2: ":star:"}
SENTIMENT_EMOJI = {-2: ":rage:", -1: ":slightly_frowning_face:", 0: ":neutral_face:",
                   1: ":slightly_smiling_face:", 2: ":star-struck:"}
PRIORITY_EMOJI = {1: ":rotating_light:", 2: ":small_orange_diamond:", 3: ":small_blue_diamond:", 4: ":white_small_square:"}
ROLE_WORD = {"kam": "Key account manager", "sponsor": "Executive sponsor", "member": "Team member",
             "specialist": "Specialist"}
# What each colour means under the one coverage rule (kam_domain.rules.relationships.coverage);
# a map's own reason ("held back by a gap: key people gone cold") is shown where there is one.
COVERAGE_MEANING = {
    "green": "supportive decision makers and no open gap",
    "amber": "supportive key players, or supportive decision makers held back by a gap",
    "red": "no supportive key player, no one who signs off known, or one who signs off against us",
}


def encode(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)


def decode(raw: str | None) -> Any:
    try:
        return json.loads(raw or "null")
    except ValueError:
        return None


def attitude_text(attitude: int) -> str:
    number = int(attitude)
    label = ATTITUDE_LABELS.get(number, str(number)).lower()
    return f"{number:+d} {label}" if number else "0 neutral"


def day(d: date | None, today: date) -> str:
    """'today', 'yesterday', 'tomorrow' or 'Fri 27 Nov'."""
    if d is None:
        return "no date"
    delta = (d - today).days
    return {0: "today", -1: "yesterday", 1: "tomorrow"}.get(delta, human_day(d, today))


def ago(days: int | None) -> str:
    if days is None:
        return "never"
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def due_text(d: date | None, today: date) -> str:
    if d is None:
        return "no due date"
    delta = (d - today).days
    if delta < 0:
        return f":warning: was due {day(d, today)} ({-delta} day{'s' if delta != -1 else ''} overdue)"
    return f"due {day(d, today)}"


def mention_ids(text: str, user_ids: list[str]) -> str:
    """Escape `text`, then turn the validated user ids it contains into mentions."""
    escaped = esc(text)
    for uid in user_ids or []:
        if re.fullmatch(r"[UW][A-Z0-9_]{2,}", uid or ""):
            escaped = re.sub(rf"\b{re.escape(uid)}\b", user_ref(uid), escaped)
    return escaped


def plain_ids(text: str, user_ids: list[str]) -> str:
    """For the console: '@U123' where Slack shows a mention."""
    for uid in user_ids or []:
        text = re.sub(rf"(?<!@)\b{re.escape(uid)}\b", f"@{uid}", text)
    return text


def small_button(label: str, action_id: str, value: Any, style: str | None = None) -> dict:
    return button(label, action_id, value if isinstance(value, str) else encode(value), style)


def truncate(text: str | None, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
