"""A meeting logged from the Workflow Builder step "Log a key-account meeting".

The same log as `/kam log` and its form (`meetings.log_meeting`, with its rights check and
validation): the step's fields arrive already split (account, customer attendees, notes, next
step), so only the attendees' names are matched against the account's map. Every problem is a
UserError naming the step field to fix, and nothing is written until all of them are right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from kam_domain.errors import FieldErrors, NeedsChoice, UserError
from kam_domain.models import Account
from kam_domain.rules.meeting_log import name_candidates
from kam_domain.services import meetings, queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.meetings import MeetingInput, MeetingLogged, NewPerson
from kam_domain.services.stakeholders import people_of
from kam_domain.store.uow import UnitOfWork

NOTHING_LOGGED = "Nothing was logged."
MAX_ATTENDEES = 30
# The step's field for each field the meeting form validates.
STEP_FIELDS = {"notes": "Notes", "next_step": "Next step", "new_people": "Attendees", "attendees": "Attendees"}


@dataclass(frozen=True)
class MeetingStep:
    """What the workflow passed in. `colleagues` are our people who attended, by name."""

    account: str
    notes: str
    attendees: str = ""
    colleagues: tuple[str, ...] = ()
    next_step: str = ""


@dataclass
class StepLogged:
    logged: MeetingLogged
    channel_id: str | None  # the account's channel for the confirmation; None: tell the logger by DM


def log_from_step(uows: Callable[[], UnitOfWork], actor: Actor, step: MeetingStep, today: date,
                  now: datetime) -> StepLogged:
    """Log the meeting dated `today`, or raise a UserError that says which step field to fix."""
    with uows() as uow:
        account = _account(uow.session, actor, step.account)
        require(uow.session, actor, Permission.WRITE, account)
        notes = _notes(step)
        attendee_ids, new_people = _attendees([(p.id, p.name, p.title) for p in people_of(uow.session, account)],
                                              step.attendees)
        account_id, channel_id = account.id, None if account.restricted else account.channel_id
    meeting = MeetingInput(occurred_on=today, notes=notes, attendee_ids=attendee_ids, new_people=new_people,
                           next_step=step.next_step.strip() or None)
    try:
        logged = meetings.log_meeting(uows(), actor, account_id, meeting, today, now)
    except FieldErrors as exc:
        raise UserError(" ".join(f"{STEP_FIELDS.get(k, k)}: {v}" for k, v in exc.errors.items())
                        + f" {NOTHING_LOGGED}") from None
    return StepLogged(logged, channel_id)


def _account(session, actor: Actor, text: str) -> Account:
    if not (text or "").strip():
        raise UserError(f"The step's Account field is empty: put the account's name in it. {NOTHING_LOGGED}")
    try:
        return queries.resolve_account(session, actor.team_id, text, "log")
    except NeedsChoice as exc:
        names = [c.label for c in exc.choices[:5]]
        listed = "" if all(n in exc.question for n in names) else f" It could be {' or '.join(names)}."
        raise UserError(f"{exc.question}{listed} Write the account's full name in the step's Account field. "
                        f"{NOTHING_LOGGED}") from None
    except UserError as exc:
        raise UserError(f"{exc.message} Fix the step's Account field. {NOTHING_LOGGED}") from None


def _notes(step: MeetingStep) -> str:
    notes = (step.notes or "").strip()
    if not notes:
        raise UserError("The step's Notes field is empty: map it to what happened in the meeting (a form "
                        f"answer, for example). {NOTHING_LOGGED}")
    if step.colleagues:
        notes += f"\n\nOur side: {', '.join(step.colleagues)}."
    return notes


def _attendees(known: list[tuple[int, str, str | None]], text: str) -> tuple[list[int], list[NewPerson]]:
    """'Ana Ruiz, Tom Berg (Head of IT)': people on the map by id; anyone else is added to it."""
    named = [_person(chunk) for chunk in re.split(r"[,;\n]+|\s+and\s+", text or "") if chunk.strip()]
    if len(named) > MAX_ATTENDEES:
        raise UserError(f"The step's Attendees field names {len(named)} people; keep it to {MAX_ATTENDEES}. "
                        f"{NOTHING_LOGGED}")
    ids: list[int] = []
    new: list[NewPerson] = []
    for person in named:
        found = {c.id: c for c in name_candidates(person.name, known)}
        if len(found) > 1:
            names = " or ".join(c.name for c in list(found.values())[:4])
            raise UserError(f"“{person.name}” in the step's Attendees field could be {names}: write the full "
                            f"name. {NOTHING_LOGGED}")
        if found:
            ids.append(int(next(iter(found))))
        else:
            new.append(person)
    return ids, new


def _person(chunk: str) -> NewPerson:
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", chunk.strip())
    return NewPerson(match.group(1).strip(), match.group(2).strip()) if match else NewPerson(chunk.strip())
