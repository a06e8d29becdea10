"""Modal forms of the plans feature: meeting log, stakeholder, plan section, objective, actions.

Block ids are the service's field names, so per-field errors land on the right input.
"""
from __future__ import annotations

from datetime import date

from bot.results import OpenModal
from bot.render.plans_common import (
    ACCOUNT_PICK,
    ACTION_FORM,
    ACTIONS_FORM,
    ATTENDEES,
    LOG_FORM,
    LOG_MESSAGE_FORM,
    OBJECTIVE_FORM,
    PERSON_FORM,
    SECTION_FORM,
    VALUE,
    attitude_text,
    encode,
    truncate,
)
from kam_domain.rules.plan_health import Horizon
from kam_domain.rules.relationships import INFLUENCE_LABELS
from kam_domain.services.meetings import LogForm
from kam_domain.services.plans import ActionForm, ObjectiveForm, SectionForm
from kam_domain.services.stakeholders import StakeholderForm, contact_choices, role_choices

MAX_OPTIONS = 100
MAX_INPUT = 3000
AUTO = "auto"


# --------------------------------------------------------------------------- element helpers


def text(value: str, limit: int = 75) -> dict:
    return {"type": "plain_text", "text": truncate(value, limit) or " ", "emoji": True}


def option(label: str, value: str) -> dict:
    return {"text": text(label), "value": str(value)[:150]}


def modal(title: str, callback_id: str, blocks: list[dict], metadata: dict, submit: str = "Save") -> dict:
    return {"type": "modal", "callback_id": callback_id, "title": text(title, 24), "submit": text(submit, 24),
            "close": text("Cancel", 24), "private_metadata": encode(metadata)[:3000], "blocks": blocks[:100]}


def field(block_id: str, label: str, element: dict, optional: bool = False, hint: str | None = None,
          dispatch: bool = False) -> dict:
    block = {"type": "input", "block_id": block_id, "label": text(label, 2000), "element": element,
             "optional": optional}
    if hint:
        block["hint"] = text(hint, 2000)
    if dispatch:
        block["dispatch_action"] = True
    return block


def note(markdown: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": markdown[:3000]}]}


def text_input(initial: str | None = None, multiline: bool = False, placeholder: str | None = None,
               max_length: int = MAX_INPUT) -> dict:
    element = {"type": "plain_text_input", "action_id": VALUE, "multiline": multiline, "max_length": max_length}
    if initial:
        element["initial_value"] = initial[:max_length]
    if placeholder:
        element["placeholder"] = text(placeholder, 150)
    return element


def date_input(initial: date | None = None) -> dict:
    element = {"type": "datepicker", "action_id": VALUE}
    if initial:
        element["initial_date"] = initial.isoformat()
    return element


def select(options: list[tuple[str, str]], initial: str | None = None, action_id: str = VALUE,
           placeholder: str = "Choose") -> dict:
    opts = [option(label, value) for value, label in options][:MAX_OPTIONS]
    element = {"type": "static_select", "action_id": action_id, "options": opts, "placeholder": text(placeholder)}
    chosen = next((o for o in opts if o["value"] == str(initial)), None) if initial is not None else None
    if chosen:
        element["initial_option"] = chosen
    return element


def user_input(initial: str | None = None) -> dict:
    element = {"type": "users_select", "action_id": VALUE, "placeholder": text("Pick someone")}
    if initial:
        element["initial_user"] = initial
    return element


ATTITUDES = [(str(v), attitude_text(v)) for v in (2, 1, 0, -1, -2)]
INFLUENCES = [(str(v), f"{v} {INFLUENCE_LABELS[v].lower()}") for v in (5, 4, 3, 2, 1)]
SENTIMENTS = [(AUTO, "Read it from the notes")] + [(v, label.replace("champion", "very positive"))
                                                     for v, label in ATTITUDES]


# --------------------------------------------------------------------------- meeting log


def log_blocks(form: LogForm, selected: list[int] | None = None) -> list[dict]:
    blocks = [note(f"*{form.account_name}* · the note is kept for drafts, attendees' last contact moves to the "
                   "meeting date, and a next step becomes an action of yours.")]
    blocks.append(field("date", "When did you meet?", date_input(form.occurred_on)))
    people = form.people[:MAX_OPTIONS]
    chosen = selected if selected is not None else form.attendee_ids
    if people:
        element = {"type": "multi_static_select", "action_id": ATTENDEES, "placeholder": text("Who was there?"),
                   "options": [option(label, str(pid)) for pid, label, _ in people]}
        initial = [o for o in element["options"] if int(o["value"]) in set(chosen)]
        if initial:
            element["initial_options"] = initial
        blocks.append(field("attendees", "Attendees", element, optional=True, dispatch=True,
                            hint="People on the map. Pick them and you can record how their attitude changed."))
    blocks.append(field("new_people", "People not on the map yet", text_input(
        placeholder="Tom Berg, Head of IT; Lea Vogt (CTO)", max_length=500), optional=True,
        hint="Name and title, one person per line or separated by ;"))
    blocks.append(field("notes", "What happened?", text_input(form.notes, multiline=True,
                                                              placeholder="Keen on the 3-year deal; worried about "
                                                                          "the onboarding timeline.")))
    sentiment = AUTO if form.sentiment is None else str(form.sentiment)
    blocks.append(field("sentiment", "How did it go?", select(SENTIMENTS, sentiment), optional=True))
    blocks.append(field("next_step", "Next step", text_input(form.next_step, placeholder="Send the draft contract",
                                                              max_length=300), optional=True,
                        hint="It becomes an action you own."))
    blocks.append(field("due", "Next step due", date_input(form.due_on), optional=True))
    attitudes = {pid: (label, attitude) for pid, label, attitude in people}
    for pid in chosen:
        if pid in attitudes:
            label, attitude = attitudes[pid]
            blocks.append(field(f"attitude_{pid}", f"Attitude now: {label}", select(ATTITUDES, str(attitude)),
                                optional=True))
    return blocks


def log_view(modal: OpenModal) -> dict:
    form: LogForm = modal.data["form"]
    title = "Edit meeting log" if form.interaction_id else "Log a meeting"
    return modal_view_for_log(form, title, home=bool(modal.data.get("home")))


def modal_view_for_log(form: LogForm, title: str = "Log a meeting", selected: list[int] | None = None,
                       home: bool = False) -> dict:
    metadata = {"a": form.account_id, "i": form.interaction_id, "c": form.channel_id}
    if home:
        metadata["h"] = 1  # opened from the App Home: refresh it after the log
    return modal(title, LOG_FORM, log_blocks(form, selected), metadata,
                 submit="Save" if form.interaction_id else "Log it")


def log_message_view(modal_request: OpenModal) -> dict:
    data = modal_request.data
    picker = {"type": "external_select", "action_id": ACCOUNT_PICK, "min_query_length": 0,
              "placeholder": text("Type an account name")}
    if data.get("account"):
        account_id, name = data["account"]
        picker["initial_option"] = option(name, str(account_id))
    blocks = [
        note("Log this message as a meeting. I read attendees, sentiment and the next step from the text."),
        field("account", "Account", picker),
        field("date", "When did you meet?", date_input(data.get("date"))),
        field("notes", "What happened?", text_input(data.get("notes") or "", multiline=True)),
    ]
    metadata = {"c": data.get("channel_id"), "ts": data.get("message_ts")}
    return modal("Log as meeting", LOG_MESSAGE_FORM, blocks, metadata, submit="Log it")


# --------------------------------------------------------------------------- stakeholder


def person_view(modal_request: OpenModal) -> dict:
    form: StakeholderForm = modal_request.data["form"]
    p = form.person
    role = p.role if p else (form.role or "unknown")
    blocks = [
        note(f"*{form.account_name}* stakeholder map"),
        field("name", "Name", text_input(form.name, max_length=200)),
        field("title", "Title", text_input(p.title if p else None, max_length=200, placeholder="CFO"), optional=True),
        field("role", "Role in the decision", select([(v, label) for v, label in role_choices()], role)),
        field("influence", "Influence on the decision", select(INFLUENCES, str(p.influence if p else 3))),
        field("attitude", "Attitude to us", select(ATTITUDES, str(p.attitude if p else 0))),
        field("contact", "How well we know them", select(contact_choices(), p.contact_level if p else "none")),
        field("owner", "Our relationship owner", user_input(p.owner_user_id if p else None), optional=True),
    ]
    if form.others:
        choices = [("none", "Nobody on the map")] + [(str(i), label) for i, label in form.others[:MAX_OPTIONS - 1]]
        initial = str(p.reports_to_id) if p and p.reports_to_id else "none"
        blocks.append(field("reports_to", "Reports to", select(choices, initial), optional=True))
    blocks.append(field("email", "Email", text_input(p.email if p else None, max_length=254), optional=True))
    metadata = {"a": form.account_id, "s": p.id if p else None}
    return modal("Edit stakeholder" if p else "Add a stakeholder", PERSON_FORM, blocks, metadata)


# --------------------------------------------------------------------------- plan


def section_view(modal_request: OpenModal) -> dict:
    form: SectionForm = modal_request.data["form"]
    blocks = [note(f"*{form.account_name}* account plan · {form.hint}"),
              field("body", form.label, text_input(form.body, multiline=True), optional=True,
                    hint="Leave it empty to clear the section.")]
    if form.section == "account_goals":
        initial = f"{form.potential:,.0f}" if form.potential is not None else None
        blocks.append(field("potential", "Potential annual value with us", text_input(initial, max_length=40,
                                                                                        placeholder="2,500,000 or 2.5M"),
                            optional=True, hint="What they could spend with us a year; the plan shows what is untapped."))
    return modal(truncate(form.label, 24), SECTION_FORM, blocks, {"a": form.account_id, "k": form.section})


HORIZONS = [(h.value, f"{h.term} ({h.label})") for h in Horizon]


def objective_view(modal_request: OpenModal) -> dict:
    form: ObjectiveForm = modal_request.data["form"]
    blocks = [note(f"*{form.account_name}* account plan"),
              field("title", "Objective", text_input(form.title, max_length=300,
                                                     placeholder="Win the 2027 framework agreement")),
              field("horizon", "Horizon", select(HORIZONS, form.horizon)),
              field("owner", "Owner", user_input(form.owner_user_id)),
              field("due", "Due", date_input(form.due_on), optional=True)]
    title = "Edit objective" if form.objective_id else "Add an objective"
    return modal(title, OBJECTIVE_FORM, blocks, {"a": form.account_id, "o": form.objective_id})


def action_view(modal_request: OpenModal) -> dict:
    form: ActionForm = modal_request.data["form"]
    under = f" · under *{form.objective_title}*" if form.objective_title else ""
    blocks = [note(f"*{form.account_name}* account plan{under}"),
              field("title", "Action", text_input(max_length=300, placeholder="Book a site visit with the COO")),
              field("owner", "Owner", user_input(form.owner_user_id)),
              field("due", "Due", date_input(), optional=True)]
    return modal("Add an action", ACTION_FORM, blocks, {"a": form.account_id, "o": form.objective_id})


def actions_view(modal_request: OpenModal) -> dict:
    form: ActionForm = modal_request.data["form"]
    under = f"under *{form.objective_title}*" if form.objective_title else "not under an objective"
    blocks = [note(f"*{form.account_name}*: open actions {under}. Change owners, dates or wording.")]
    for a in form.actions:
        blocks += [field(f"title_{a.id}", "Action", text_input(a.title, max_length=300)),
                   field(f"owner_{a.id}", "Owner", user_input(a.owner_user_id), optional=True),
                   field(f"due_{a.id}", "Due", date_input(a.due_on), optional=True)]
    metadata = {"a": form.account_id, "o": form.objective_id, "ids": [a.id for a in form.actions]}
    return modal("Edit actions", ACTIONS_FORM, blocks, metadata)


VIEWS = {
    LOG_FORM: log_view,
    LOG_MESSAGE_FORM: log_message_view,
    PERSON_FORM: person_view,
    SECTION_FORM: section_view,
    OBJECTIVE_FORM: objective_view,
    ACTION_FORM: action_view,
    ACTIONS_FORM: actions_view,
}
