"""The account plan: the customer's business, the account team, SWOT, account goals, and
objectives by horizon with the strategy actions under each.

Reads: `account_plan`. Writes (each audited, each moves Account.plan_updated_at): plan
sections, objectives, actions, and closing them. Only the account team, its sponsor and
admins write; ids that arrive from buttons and forms are re-checked against the workspace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.importing.values import parse_money
from kam_domain.models import Account, Action, Objective, Opportunity, PlanSection, SwotPoint, TeamMember
from kam_domain.rules.next_actions import DUE_SOON_DAYS
from kam_domain.rules.plan_health import (
    TEXT_SECTIONS,
    Horizon,
    PlanSectionKind,
    completeness,
    horizon_for_due,
    parse_horizon,
    plan_staleness,
)
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.plan_canvas_queue import plan_changed
from kam_domain.services.stakeholders import clean_user_id, writable_account
from kam_domain.store.uow import UnitOfWork

EDITABLE_SECTIONS = (*TEXT_SECTIONS, PlanSectionKind.ACCOUNT_GOALS)
SECTION_HINTS = {
    PlanSectionKind.CUSTOMER_GOALS: "What the customer wants to achieve this year and beyond.",
    PlanSectionKind.FINANCIAL_HEALTH: "Their revenue, margins, solvency, payment behaviour.",
    PlanSectionKind.INITIATIVES: "Projects and programmes under way at the customer.",
    PlanSectionKind.COMPETITORS: "Who else sells to them, and where we stand against each.",
    PlanSectionKind.ACCOUNT_GOALS: "What we want from this account: revenue, share of wallet, new lines.",
}
MAX_SECTION = 3000
MAX_TITLE = 300
CLOSED = ("done", "dropped")
QUADRANTS = ("strength", "weakness", "opportunity", "threat")


# --------------------------------------------------------------------------- results


@dataclass
class SectionRow:
    kind: str
    label: str
    body: str | None
    updated_by: str | None = None
    updated_on: date | None = None


@dataclass
class OpportunityRow:
    id: int
    name: str
    value: float
    status: str
    close_on: date | None
    next_step: str | None


@dataclass
class AccountGoals:
    current_worth: float | None  # what they paid us over the recent periods
    periods: list[str]
    profit: float | None
    potential: float | None
    won_count: int
    won_value: float
    lost_count: int
    lost_value: float
    open: list[OpportunityRow]
    text: str | None

    @property
    def open_value(self) -> float:
        return sum(o.value for o in self.open)

    @property
    def untapped(self) -> float | None:
        if self.potential is None:
            return None
        return max(0.0, self.potential - (self.current_worth or 0.0))


@dataclass
class ActionRow:
    id: int
    title: str
    owner_user_id: str | None
    due_on: date | None
    status: str
    objective_id: int | None
    source: str
    overdue: bool = False
    due_soon: bool = False


@dataclass
class ObjectiveRow:
    id: int
    horizon: str
    title: str
    owner_user_id: str | None
    due_on: date | None
    status: str
    overdue: bool
    actions: list[ActionRow]
    done_actions: int = 0


@dataclass
class HorizonGroup:
    horizon: str
    title: str  # "Short term"
    span: str  # "0-6 months"
    objectives: list[ObjectiveRow]


@dataclass
class TeamRow:
    user_id: str
    role: str  # kam, sponsor, member, specialist


@dataclass
class AccountPlan:
    account_id: int
    account_name: str
    tier: str
    kam_user_id: str | None
    crm_owner_name: str | None
    sponsor_user_id: str | None
    team: list[TeamRow]
    business: list[SectionRow]
    swot: dict[str, list[str]]
    goals: AccountGoals
    horizons: list[HorizonGroup]
    loose_actions: list[ActionRow]  # open actions not under an objective (e.g. next steps from logs)
    achieved: int  # objectives done
    completeness: int
    missing: list[str]
    stale: bool
    days_since_update: int | None
    stale_after: int
    can_edit: bool
    today: date


@dataclass
class PlanChanged:
    """A confirmation of one plan edit; the renderers offer the plan again."""

    account_id: int
    account_name: str
    message: str
    items: list[str] = field(default_factory=list)
    owner_user_id: str | None = None
    due_on: date | None = None
    horizon: str | None = None


@dataclass
class SectionForm:
    account_id: int
    account_name: str
    section: str
    label: str
    hint: str
    body: str
    potential: float | None = None  # account goals only


@dataclass
class ObjectiveForm:
    account_id: int
    account_name: str
    objective_id: int | None
    title: str
    horizon: str
    owner_user_id: str | None
    due_on: date | None


@dataclass
class ActionForm:
    account_id: int
    account_name: str
    objective_id: int | None
    objective_title: str | None
    owner_user_id: str | None
    actions: list[ActionRow] = field(default_factory=list)  # for editing: the open ones


# --------------------------------------------------------------------------- reading the plan


def account_plan(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> AccountPlan:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="plan")
        return build_plan(uow.session, actor, account, today)


def account_plan_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> AccountPlan:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, int(account_id))
        return build_plan(uow.session, actor, account, today)


def build_plan(session: Session, actor: Actor, account: Account, today: date) -> AccountPlan:
    require(session, actor, Permission.READ, account)
    sections = {s.section: s for s in session.exec(
        select(PlanSection).where(PlanSection.team_id == account.team_id, PlanSection.account_id == account.id))}
    team = _team(session, account)
    swot = _swot(session, account)
    objectives = list(session.exec(select(Objective).where(Objective.team_id == account.team_id,
                                                           Objective.account_id == account.id)).all())
    actions = list(session.exec(select(Action).where(Action.team_id == account.team_id,
                                                     Action.account_id == account.id)).all())
    horizons, loose, achieved = _objectives(objectives, actions, today)
    filled = [k for k, s in sections.items() if (s.body or "").strip()]
    if account.potential_annual_value is not None and PlanSectionKind.ACCOUNT_GOALS.value not in filled:
        filled.append(PlanSectionKind.ACCOUNT_GOALS.value)
    if account.owner_user_id and any(t.role not in ("kam", "sponsor") for t in team):
        filled.append(PlanSectionKind.TEAM.value)
    counts = {h.horizon: len(h.objectives) for h in horizons}
    health = completeness([f for f in filled if _known_section(f)], counts, any(swot.values()),
                          bool(account.sponsor_user_id))
    updated = account.plan_updated_at.date() if account.plan_updated_at else None
    staleness = plan_staleness(updated, account.tier, today)
    return AccountPlan(
        account_id=account.id, account_name=account.name, tier=account.tier, kam_user_id=account.owner_user_id,
        crm_owner_name=account.crm_owner_name, sponsor_user_id=account.sponsor_user_id, team=team,
        business=[_section_row(k, sections.get(k.value)) for k in TEXT_SECTIONS],
        swot=swot, goals=_goals(session, account, sections.get(PlanSectionKind.ACCOUNT_GOALS.value)),
        horizons=horizons, loose_actions=loose, achieved=achieved, completeness=health.percent,
        missing=health.missing, stale=staleness.is_stale, days_since_update=staleness.days_since,
        stale_after=staleness.threshold, can_edit=allowed(session, actor, Permission.WRITE, account), today=today,
    )


def _known_section(name: str) -> bool:
    return name in {k.value for k in PlanSectionKind}


def _section_row(kind: PlanSectionKind, row: PlanSection | None) -> SectionRow:
    if row is None or not (row.body or "").strip():
        return SectionRow(kind.value, kind.label, None)
    return SectionRow(kind.value, kind.label, row.body, row.updated_by, row.updated_at.date() if row.updated_at else None)


def _team(session: Session, account: Account) -> list[TeamRow]:
    rows = []
    if account.owner_user_id:
        rows.append(TeamRow(account.owner_user_id, "kam"))
    members = session.exec(select(TeamMember).where(TeamMember.account_id == account.id)
                           .order_by(TeamMember.role, TeamMember.user_id)).all()
    for m in members:
        if m.user_id not in (account.owner_user_id, account.sponsor_user_id):
            rows.append(TeamRow(m.user_id, m.role))
    if account.sponsor_user_id:
        rows.append(TeamRow(account.sponsor_user_id, "sponsor"))
    return rows


def _swot(session: Session, account: Account) -> dict[str, list[str]]:
    points = session.exec(select(SwotPoint).where(SwotPoint.team_id == account.team_id,
                                                  SwotPoint.account_id == account.id)
                          .order_by(SwotPoint.accepted_at, SwotPoint.id)).all()
    swot: dict[str, list[str]] = {q: [] for q in QUADRANTS}
    for p in points:
        swot.setdefault(p.quadrant, []).append(p.text)
    return swot


def _goals(session: Session, account: Account, text: PlanSection | None) -> AccountGoals:
    periods = queries.recent_periods(session, account.team_id, 4)
    money = queries.money_by_account(session, account.team_id, periods, [account.id]).get(account.id)
    opportunities = session.exec(select(Opportunity).where(Opportunity.team_id == account.team_id,
                                                           Opportunity.account_id == account.id)).all()
    won = [o for o in opportunities if o.status == "won"]
    lost = [o for o in opportunities if o.status == "lost"]
    open_ = sorted((o for o in opportunities if o.status == "open"), key=lambda o: (o.close_on or date.max, o.name))
    return AccountGoals(
        current_worth=money.revenue if money else None, periods=periods, profit=money.profit if money else None,
        potential=account.potential_annual_value, won_count=len(won), won_value=sum(o.value for o in won),
        lost_count=len(lost), lost_value=sum(o.value for o in lost),
        open=[OpportunityRow(o.id, o.name, o.value, o.status, o.close_on, o.next_step) for o in open_],
        text=text.body if text is not None and (text.body or "").strip() else None,
    )


def action_row(a: Action, today: date) -> ActionRow:
    is_open = a.status == "open"
    return ActionRow(a.id, a.title, a.owner_user_id, a.due_on, a.status, a.objective_id, a.source,
                     overdue=bool(is_open and a.due_on and a.due_on < today),
                     due_soon=bool(is_open and a.due_on and today <= a.due_on <= today + timedelta(days=DUE_SOON_DAYS)))


def _objectives(objectives: list[Objective], actions: list[Action],
                today: date) -> tuple[list[HorizonGroup], list[ActionRow], int]:
    by_objective: dict[int | None, list[Action]] = {}
    for a in actions:
        by_objective.setdefault(a.objective_id, []).append(a)
    groups = []
    for horizon in Horizon:
        rows = []
        for o in sorted((o for o in objectives if o.horizon == horizon.value and o.status == "open"),
                        key=lambda o: (o.due_on or date.max, o.id)):
            mine = by_objective.get(o.id, [])
            open_actions = sorted((a for a in mine if a.status == "open"), key=lambda a: (a.due_on or date.max, a.id))
            rows.append(ObjectiveRow(o.id, o.horizon, o.title, o.owner_user_id, o.due_on, o.status,
                                     bool(o.due_on and o.due_on < today), [action_row(a, today) for a in open_actions],
                                     sum(1 for a in mine if a.status == "done")))
        groups.append(HorizonGroup(horizon.value, horizon.term, horizon.label, rows))
    closed_objectives = {o.id for o in objectives if o.status != "open"}
    loose = sorted((a for a in actions if a.status == "open" and (a.objective_id is None or a.objective_id in closed_objectives)),
                   key=lambda a: (a.due_on or date.max, a.id))
    achieved = sum(1 for o in objectives if o.status == "done")
    return groups, [action_row(a, today) for a in loose], achieved


# --------------------------------------------------------------------------- sections


def section_form(uow: UnitOfWork, actor: Actor, account_id: int, section: str) -> SectionForm:
    kind = _editable(section)
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        row = _section(session, account, kind)
        return SectionForm(account.id, account.name, kind.value, kind.label, SECTION_HINTS[kind],
                           row.body if row else "",
                           account.potential_annual_value if kind == PlanSectionKind.ACCOUNT_GOALS else None)


def save_section(uow: UnitOfWork, actor: Actor, account_id: int, section: str, body: str, now: datetime,
                 potential: str | None = None) -> PlanChanged:
    """Write (or, with a blank body, clear) one free-text section of the plan."""
    kind = _editable(section)
    body = (body or "").strip()
    errors = {}
    if len(body) > MAX_SECTION:
        errors["body"] = f"Keep it under {MAX_SECTION} characters (it is {len(body)})."
    value = None
    if potential is not None and potential.strip():
        try:
            value = parse_money(potential)
        except ValueError:
            value = None
        if value is None or value < 0:
            errors["potential"] = f"`{potential.strip()}` is not an amount; write e.g. 2,500,000 or 2.5M."
    if errors:
        raise FieldErrors(errors)
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        row = _section(session, account, kind)
        before = {"body": row.body if row else None}
        changed = before["body"] != (body or None)
        if row is None and body:
            session.add(PlanSection(team_id=account.team_id, account_id=account.id, section=kind.value, body=body,
                                    updated_by=actor.user_id, updated_at=now))
        elif row is not None and body:
            row.body, row.updated_by, row.updated_at = body, actor.user_id, now
        elif row is not None:
            session.delete(row)
        if changed:
            audit.record(session, actor, "plan.section_saved", "plan_section", row.id if row else None,
                         account_id=account.id, before=before, after={"section": kind.value, "body": body or None})
        if potential is not None and kind == PlanSectionKind.ACCOUNT_GOALS and value != account.potential_annual_value:
            audit.record(session, actor, "account.updated", "account", account.id, account_id=account.id,
                         before={"potential_annual_value": account.potential_annual_value},
                         after={"potential_annual_value": value})
            account.potential_annual_value = value
            changed = True
        if changed:
            touch(account, now)
        uow.commit()
        verb = "saved" if body else "cleared"
        return PlanChanged(account.id, account.name, f"{kind.label} {verb} in the {account.name} plan."
                           if changed else f"{kind.label}: no change.")


def _editable(section: str) -> PlanSectionKind:
    try:
        kind = PlanSectionKind(str(section))
    except ValueError:
        kind = None
    if kind not in EDITABLE_SECTIONS:
        names = ", ".join(k.value for k in EDITABLE_SECTIONS)
        raise UserError(f"`{section}` is not a plan section I can edit. Sections: {names}.")
    return kind


def _section(session: Session, account: Account, kind: PlanSectionKind) -> PlanSection | None:
    return session.exec(select(PlanSection).where(PlanSection.account_id == account.id,
                                                  PlanSection.section == kind.value)).first()


def touch(account: Account, now: datetime) -> None:
    account.plan_updated_at = now
    account.updated_at = now
    plan_changed(account, now)  # the channel canvas, if the bot keeps one, is brought up to date


# --------------------------------------------------------------------------- objectives


def objective_form(uow: UnitOfWork, actor: Actor, account_id: int, objective_id: int | None = None) -> ObjectiveForm:
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        if objective_id:
            o = _objective(session, actor, account, objective_id)
            return ObjectiveForm(account.id, account.name, o.id, o.title, o.horizon, o.owner_user_id, o.due_on)
        return ObjectiveForm(account.id, account.name, None, "", Horizon.SHORT.value,
                             account.owner_user_id or actor.user_id, None)


def save_objective(uow: UnitOfWork, actor: Actor, account_id: int, objective_id: int | None, title: str,
                   horizon: str | None, owner: str | None, due_on: date | None, today: date,
                   now: datetime) -> PlanChanged:
    """Add an objective (objective_id None) or change one. Raises FieldErrors keyed by form field."""
    values = _objective_values(title, horizon, owner, due_on, today, new=objective_id is None)
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        if objective_id is None:
            o = Objective(team_id=account.team_id, account_id=account.id, created_by=actor.user_id, created_at=now,
                          **values)
            session.add(o)
            session.flush()
            audit.record(session, actor, "objective.created", "objective", o.id, account_id=account.id, after=values)
            message = f"Objective added to the {account.name} plan: {o.title}"
        else:
            o = _objective(session, actor, account, objective_id)
            before = {k: getattr(o, k) for k in values}
            for k, v in values.items():
                setattr(o, k, v)
            if before != values:
                audit.record(session, actor, "objective.updated", "objective", o.id, account_id=account.id,
                             before=before, after=values)
            message = f"Objective updated: {o.title}"
        touch(account, now)
        uow.commit()
        return PlanChanged(account.id, account.name, message, owner_user_id=values["owner_user_id"],
                           due_on=values["due_on"], horizon=values["horizon"])


def _objective_values(title: str, horizon: str | None, owner: str | None, due_on: date | None, today: date,
                      new: bool) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = re.sub(r"\s+", " ", title or "").strip()
    if not title:
        errors["title"] = "Say what the objective is, e.g. Win the 2027 framework agreement."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Keep it under {MAX_TITLE} characters."
    if new and due_on is not None and due_on < today:
        errors["due"] = "Pick today or a later date."
    chosen = None
    try:
        chosen = parse_horizon(horizon).value if horizon else None
    except ValueError as exc:
        errors["horizon"] = str(exc)
    try:
        owner_id = clean_user_id(owner)
    except ValueError as exc:
        errors["owner"], owner_id = str(exc), None
    if errors:
        raise FieldErrors(errors)
    if chosen is None:
        chosen = horizon_for_due(due_on, today).value if due_on else Horizon.SHORT.value
    return {"title": title, "horizon": chosen, "owner_user_id": owner_id, "due_on": due_on}


def set_objective_status(uow: UnitOfWork, actor: Actor, objective_id: int, status: str, now: datetime) -> PlanChanged:
    if status not in ("open", "done", "dropped"):
        raise UserError("An objective is open, done or dropped.")
    with uow:
        session = uow.session
        o = _objective(session, actor, None, objective_id)
        account = writable_account(session, actor, o.account_id)
        if o.status == status:
            return PlanChanged(account.id, account.name, f"“{o.title}” is already {status}.")
        audit.record(session, actor, "objective.status", "objective", o.id, account_id=account.id,
                     before={"status": o.status}, after={"status": status})
        o.status = status
        touch(account, now)
        uow.commit()
        word = {"done": "achieved", "dropped": "dropped", "open": "reopened"}[status]
        return PlanChanged(account.id, account.name, f"Objective {word}: {o.title}")


def _objective(session: Session, actor: Actor, account: Account | None, objective_id: int) -> Objective:
    return queries.row_in_workspace(session, Objective, actor.team_id, int(objective_id), "objective",
                                    account_id=None if account is None else account.id)


# --------------------------------------------------------------------------- actions


def action_form(uow: UnitOfWork, actor: Actor, account_id: int, objective_id: int | None = None,
                editing: bool = False, today: date | None = None) -> ActionForm:
    """The form to add an action under an objective, or (editing) to reassign its open actions."""
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        objective = _objective(session, actor, account, objective_id) if objective_id else None
        form = ActionForm(account.id, account.name, objective.id if objective else None,
                          objective.title if objective else None,
                          (objective.owner_user_id if objective else None) or account.owner_user_id or actor.user_id)
        if editing:
            query = select(Action).where(Action.account_id == account.id, Action.status == "open")
            query = query.where(Action.objective_id == objective.id) if objective else query.where(
                Action.objective_id.is_(None))
            form.actions = [action_row(a, today or date.today())
                            for a in session.exec(query.order_by(Action.due_on, Action.id)).all()][:30]
            if not form.actions:
                raise UserError("There are no open actions to edit here.")
        return form


def add_action(uow: UnitOfWork, actor: Actor, account_id: int, objective_id: int | None, title: str,
               owner: str | None, due_on: date | None, today: date, now: datetime, source: str = "manual") -> PlanChanged:
    values = _action_values(title, owner, due_on, today, new=True)
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        objective = _objective(session, actor, account, objective_id) if objective_id else None
        a = Action(team_id=account.team_id, account_id=account.id, objective_id=objective.id if objective else None,
                   status="open", source=source, created_at=now, **values)
        session.add(a)
        session.flush()
        audit.record(session, actor, "action.created", "action", a.id, account_id=account.id,
                     after={**values, "objective_id": a.objective_id})
        touch(account, now)
        uow.commit()
        under = f" under “{objective.title}”" if objective else ""
        return PlanChanged(account.id, account.name, f"Action added{under}: {a.title}",
                           owner_user_id=a.owner_user_id, due_on=a.due_on)


def update_actions(uow: UnitOfWork, actor: Actor, account_id: int, changes: dict[int, dict[str, Any]], today: date,
                   now: datetime) -> PlanChanged:
    """The edit-actions form: title, owner and due date per action. FieldErrors keyed `title_<id>` etc."""
    errors: dict[str, str] = {}
    parsed: dict[int, dict[str, Any]] = {}
    for action_id, raw in changes.items():
        try:
            parsed[int(action_id)] = _action_values(raw.get("title", ""), raw.get("owner"), raw.get("due_on"), today,
                                                    new=False)
        except FieldErrors as exc:
            errors.update({f"{k}_{action_id}": v for k, v in exc.errors.items()})
    if errors:
        raise FieldErrors(errors)
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        changed = []
        for action_id, values in parsed.items():
            a = _action(session, actor, action_id)
            if a.account_id != account.id:
                raise UserError("That action belongs to another account.")
            before = {k: getattr(a, k) for k in values}
            if before == values:
                continue
            for k, v in values.items():
                setattr(a, k, v)
            audit.record(session, actor, "action.updated", "action", a.id, account_id=account.id,
                         before=before, after=values)
            changed.append(a.title)
        if changed:
            touch(account, now)
        uow.commit()
        message = f"{len(changed)} action{'s' if len(changed) != 1 else ''} updated" if changed else "No change."
        return PlanChanged(account.id, account.name, message, changed)


def _action_values(title: str, owner: str | None, due_on: date | None, today: date, new: bool) -> dict[str, Any]:
    errors: dict[str, str] = {}
    title = re.sub(r"\s+", " ", title or "").strip()
    if not title:
        errors["title"] = "Say what has to be done."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Keep it under {MAX_TITLE} characters."
    if new and due_on is not None and due_on < today:
        errors["due"] = "Pick today or a later date."
    try:
        owner_id = clean_user_id(owner)
    except ValueError as exc:
        errors["owner"], owner_id = str(exc), None
    if errors:
        raise FieldErrors(errors)
    return {"title": title, "owner_user_id": owner_id, "due_on": due_on}


def set_action_status(uow: UnitOfWork, actor: Actor, action_id: int, status: str, now: datetime) -> PlanChanged:
    """Close an action from its button (done or dropped), or reopen it."""
    if status not in ("open", "done", "dropped"):
        raise UserError("An action is open, done or dropped.")
    with uow:
        session = uow.session
        a = _action(session, actor, action_id)
        account = writable_account(session, actor, a.account_id)
        if a.status == status:
            return PlanChanged(account.id, account.name, f"“{a.title}” is already {status}.")
        audit.record(session, actor, "action.status", "action", a.id, account_id=account.id,
                     before={"status": a.status, "done_at": a.done_at},
                     after={"status": status, "done_at": now if status == "done" else None})
        a.status = status
        a.done_at = now if status == "done" else None
        touch(account, now)
        uow.commit()
        word = {"done": "Done", "dropped": "Dropped", "open": "Reopened"}[status]
        return PlanChanged(account.id, account.name, f"{word}: {a.title}")


def _action(session: Session, actor: Actor, action_id: int) -> Action:
    return queries.row_in_workspace(session, Action, actor.team_id, int(action_id), "action")
