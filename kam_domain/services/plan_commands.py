"""Plan edits typed as a line (`plan ACCOUNT add objective "..."`, `plan ACCOUNT close action 3`):
the console's way to do what Slack's plan buttons and forms do, through the same services
(`plans.save_objective`, `plans.add_action`, `plans.set_action_status`, `plans.set_objective_status`,
`plans.update_actions`, `reminders.snooze`). This module only reads what the line names, checks that
the objective or action belongs to the named account, and refuses bad input before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from kam_domain.errors import FieldErrors, UserError
from kam_domain.importing.values import parse_date
from kam_domain.models import Action, Objective
from kam_domain.rules.overdue import overdue_words
from kam_domain.services import plans, queries, reminders
from kam_domain.services.authz import Actor
from kam_domain.services.plans import PlanChanged
from kam_domain.store.uow import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
STATUS_WORDS = {"done": "done", "close": "done", "closed": "done", "complete": "done", "completed": "done",
                "achieved": "done", "drop": "dropped", "dropped": "dropped", "cancel": "dropped",
                "cancelled": "dropped", "reopen": "open", "open": "open"}
FIELD_NAMES = {"due": "due", "owner": "owner", "horizon": "horizon", "title": "title"}


@dataclass(frozen=True)
class PlanAccount:
    id: int
    name: str


def plan_account(uow: UnitOfWork, actor: Actor, account_text: str) -> PlanAccount:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="plan")
        return PlanAccount(account.id, account.name)


def read_due(raw: str | None) -> date | None:
    """`due=2027-01-31` (or a common CRM form); an unreadable date is refused with what was typed."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_date(raw)
    except ValueError as exc:
        raise UserError(f"due: {exc}. Nothing was changed.") from None


def _refused(exc: FieldErrors) -> UserError:
    parts = [f"{FIELD_NAMES.get(k, k)}: {v}" for k, v in exc.errors.items()]
    return UserError("; ".join(parts) + " Nothing was changed.")


def add_objective(uow: UowFactory, actor: Actor, account: PlanAccount, title: str, horizon: str | None,
                  owner: str | None, due_on: date | None, today: date, now: datetime) -> PlanChanged:
    try:
        return plans.save_objective(uow(), actor, account.id, None, title, horizon, owner, due_on, today, now)
    except FieldErrors as exc:
        raise _refused(exc) from None


def add_action(uow: UowFactory, actor: Actor, account: PlanAccount, title: str, objective_id: int | None,
               owner: str | None, due_on: date | None, today: date, now: datetime) -> PlanChanged:
    if objective_id is not None:
        _objective_of(uow(), actor, account, objective_id)
    try:
        return plans.add_action(uow(), actor, account.id, objective_id, title, owner, due_on, today, now)
    except FieldErrors as exc:
        raise _refused(exc) from None


def set_action_status(uow: UowFactory, actor: Actor, account: PlanAccount, action_id: int, status: str,
                      now: datetime) -> PlanChanged:
    _action_of(uow(), actor, account, action_id)
    return plans.set_action_status(uow(), actor, action_id, status, now)


def set_objective_status(uow: UowFactory, actor: Actor, account: PlanAccount, objective_id: int, status: str,
                         now: datetime) -> PlanChanged:
    _objective_of(uow(), actor, account, objective_id)
    return plans.set_objective_status(uow(), actor, objective_id, status, now)


def redate_action(uow: UowFactory, actor: Actor, account: PlanAccount, action_id: int, due_on: date | None,
                  today: date, now: datetime) -> PlanChanged:
    """A new due date for an open action (the edit-actions form's service, the other fields kept)."""
    if due_on is None:
        raise UserError(f"Give the new date, e.g. `plan {account.name} redate action {action_id} due="
                        f"{today.replace(year=today.year + 1).isoformat()}`. Nothing was changed.")
    if due_on < today:
        raise UserError(f"due: {due_on.isoformat()} is in the past; pick today or a later date. Nothing was changed.")
    title, owner, old_due, status = _action_of(uow(), actor, account, action_id)
    if status != "open":
        raise UserError(f"Action #{action_id} is {status}; reopen it first (`plan {account.name} reopen action "
                        f"{action_id}`). Nothing was changed.")
    try:
        changed = plans.update_actions(uow(), actor, account.id,
                                       {action_id: {"title": title, "owner": owner, "due_on": due_on}}, today, now)
    except FieldErrors as exc:
        raise _refused(exc) from None
    late = overdue_words(old_due, today)
    was = f"was due {old_due.isoformat()}" + (f", {late}" if late else "") if old_due else "had no due date"
    return PlanChanged(changed.account_id, changed.account_name, f"Re-dated: {title} (it {was})", due_on=due_on)


def snooze_action(uow: UowFactory, actor: Actor, account: PlanAccount, action_id: int, today: date):
    """Snooze 1 week, as the nudge's button does (reminders.snooze)."""
    _action_of(uow(), actor, account, action_id)
    return reminders.snooze(uow(), actor, f"action:{action_id}", today)


def _action_of(uow: UnitOfWork, actor: Actor, account: PlanAccount, action_id: int):
    with uow:
        a = queries.row_in_workspace(
            uow.session, Action, actor.team_id, int(action_id), "action",
            missing=f"There is no action #{action_id} in this workspace; `plan {account.name}` lists the actions "
                    "with their numbers.")
        if a.account_id != account.id:
            raise UserError(f"Action #{action_id} is not an action of {account.name}; `plan {account.name}` "
                            "lists its actions with their numbers.")
        return a.title, a.owner_user_id, a.due_on, a.status


def _objective_of(uow: UnitOfWork, actor: Actor, account: PlanAccount, objective_id: int) -> None:
    with uow:
        queries.row_in_workspace(
            uow.session, Objective, actor.team_id, int(objective_id), "objective", account_id=account.id,
            missing=f"{account.name} has no objective #{objective_id}; `plan {account.name}` lists its objectives "
                    "with their numbers.")
