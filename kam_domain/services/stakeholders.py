"""The stakeholder map of an account: who is who in the customer's decision, and how well we know them.

Reads: `stakeholder_map` (people grouped by role, coverage and its gaps).
Writes: `save_from_command` (`/kam stakeholder ACCOUNT NAME field=value ...`) and `save_person`
(the edit form). Only the account team, its sponsor and admins write; every write is audited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable, Mapping

from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import Account, Stakeholder
from kam_domain.rules.colleagues import colleague_candidates
from kam_domain.rules.meeting_log import PersonMention, match_attendees, name_candidates
from kam_domain.rules.names import normalize_person_name
from kam_domain.rules.relationships import (
    ATTITUDE_LABELS,
    INFLUENCE_LABELS,
    ContactLevel,
    DecisionRole,
    GapKind,
    coverage,
    group_by_role,
    is_key_person,
    parse_attitude,
    parse_contact_level,
    parse_influence,
    parse_role,
)
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.plan_canvas_queue import plan_changed
from kam_domain.store.uow import UnitOfWork

# The fields a person has on the map, in the order a form shows them, with their labels.
FIELD_LABELS = {
    "name": "Name", "title": "Title", "role": "Role in the decision", "influence": "Influence",
    "attitude": "Attitude", "contact": "Contact level", "owner": "Our relationship owner",
    "reports_to": "Reports to", "email": "Email",
}
_COLUMN = {"contact": "contact_level", "owner": "owner_user_id", "reports_to": "reports_to_id"}
USER_ID = re.compile(r"^@?([UW][A-Z0-9_]{2,})$")
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
CLEAR = {"", "none", "-", "nobody", "no one", "clear"}
MAX_NAME = 200


# --------------------------------------------------------------------------- results


@dataclass
class PersonRow:
    id: int
    name: str
    title: str | None
    role: str
    role_label: str
    influence: int
    attitude: int
    contact_level: str
    contact_label: str
    owner_user_id: str | None
    last_contact_on: date | None
    days_since_contact: int | None
    email: str | None = None
    reports_to_id: int | None = None
    reports_to_name: str | None = None
    key_person: bool = False
    cold: bool = False

    @property
    def display(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    @property
    def attitude_label(self) -> str:
        return ATTITUDE_LABELS.get(self.attitude, str(self.attitude))

    @property
    def influence_label(self) -> str:
        return INFLUENCE_LABELS.get(self.influence, str(self.influence))


@dataclass
class RoleGroup:
    role: str
    label: str
    people: list[PersonRow]


@dataclass
class GapRow:
    kind: str
    message: str
    stakeholder_ids: list = field(default_factory=list)
    user_ids: list[str] = field(default_factory=list)


@dataclass
class StakeholderMap:
    account_id: int
    account_name: str
    tier: str
    owner_user_id: str | None
    sponsor_user_id: str | None
    coverage_status: str
    gaps: list[GapRow]
    groups: list[RoleGroup]
    total: int
    can_edit: bool
    today: date
    coverage_reason: str = ""  # why the colour (rules.relationships.coverage)


@dataclass
class FieldChange:
    field: str
    label: str
    old: Any
    new: Any


@dataclass
class StakeholderSaved:
    account_id: int
    account_name: str
    person: PersonRow
    created: bool
    changes: list[FieldChange]
    coverage_before: str
    coverage_after: str
    note: str | None = None  # e.g. "Met on 2026-11-23 (from the meeting log)."


@dataclass
class StakeholderForm:
    """What the edit form needs: the account, the person (None = new) and the others on the map."""

    account_id: int
    account_name: str
    name: str
    person: PersonRow | None
    others: list[tuple[int, str]]  # (id, display) for "reports to"
    role: str | None = None  # preset for a new person (e.g. from "find the economic buyer")


# --------------------------------------------------------------------------- shared helpers


def writable_account(session: Session, actor: Actor, account_id: int) -> Account:
    """The account by id, re-checked against the workspace, if the actor may change it."""
    account = queries.account_by_id(session, actor.team_id, int(account_id))
    require(session, actor, Permission.WRITE, account)
    return account


def person_in_team(session: Session, actor: Actor, stakeholder_id: int) -> Stakeholder:
    return queries.row_in_workspace(session, Stakeholder, actor.team_id, int(stakeholder_id), "person",
                                    missing="That person is no longer on a stakeholder map in this workspace.")


def person_on_map(session: Session, actor: Actor, account: Account, stakeholder_id: int) -> Stakeholder:
    """A person of this workspace who is on this account's map."""
    person = person_in_team(session, actor, stakeholder_id)
    if person.account_id != account.id:
        raise UserError("That person is on another account's map.")
    return person


def people_of(session: Session, account: Account) -> list[Stakeholder]:
    return list(session.exec(
        select(Stakeholder).where(Stakeholder.team_id == account.team_id, Stakeholder.account_id == account.id)
        .order_by(Stakeholder.name)
    ).all())


def person_row(person: Stakeholder, today: date, names: Mapping[int, str] | None = None,
               cold_ids: Iterable = ()) -> PersonRow:
    view = queries.to_view(person)
    return PersonRow(
        id=person.id, name=person.name, title=person.title, role=view.role.value, role_label=view.role.label,
        influence=person.influence, attitude=person.attitude, contact_level=view.contact_level.value,
        contact_label=view.contact_level.label, owner_user_id=person.owner_user_id,
        last_contact_on=person.last_contact_on,
        days_since_contact=(today - person.last_contact_on).days if person.last_contact_on else None,
        email=person.email, reports_to_id=person.reports_to_id,
        reports_to_name=(names or {}).get(person.reports_to_id) if person.reports_to_id else None,
        key_person=is_key_person(view), cold=person.id in set(cold_ids),
    )


def coverage_of(session: Session, account: Account, today: date):
    return coverage(queries.stakeholder_views(session, account), account.tier, today, account.sponsor_user_id)


def clean_user_id(raw: object) -> str | None:
    """A Slack user id ("U123", "@U123"), None to clear; anything else is an error."""
    text = str(raw or "").strip()
    if text.lower() in CLEAR:
        return None
    match = USER_ID.match(text)
    if not match:
        raise ValueError(f"`{text}` is not a Slack user: mention them, e.g. owner=@ana.")
    return match.group(1)


def new_person(session: Session, actor: Actor, account: Account, name: str, title: str | None,
               now: datetime, **values) -> Stakeholder:
    """Add someone to the map (audited); an existing person of the same name is returned as is."""
    name = re.sub(r"\s+", " ", name or "").strip()[:MAX_NAME]
    existing = find_by_name(session, account, name)
    if existing is not None:
        return existing
    person = Stakeholder(team_id=account.team_id, account_id=account.id, name=name,
                         normalized_name=normalize_person_name(name), title=(title or None) and title[:200],
                         created_at=now, updated_at=now, **values)
    session.add(person)
    session.flush()
    audit.record(session, actor, "stakeholder.created", "stakeholder", person.id, account_id=account.id,
                 after=_snapshot(person))
    return person


def find_by_name(session: Session, account: Account, name: str) -> Stakeholder | None:
    return session.exec(select(Stakeholder).where(
        Stakeholder.account_id == account.id, Stakeholder.normalized_name == normalize_person_name(name))).first()


def _snapshot(person: Stakeholder, fields: Iterable[str] | None = None) -> dict[str, Any]:
    columns = fields or ("name", "title", "role", "influence", "attitude", "contact_level", "owner_user_id",
                         "reports_to_id", "email", "last_contact_on")
    return {c: getattr(person, c) for c in columns}


# --------------------------------------------------------------------------- the map


def stakeholder_map(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> StakeholderMap:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="stakeholders")
        return build_map(uow.session, actor, account, today)


def stakeholder_map_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> StakeholderMap:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, int(account_id))
        return build_map(uow.session, actor, account, today)


def build_map(session: Session, actor: Actor, account: Account, today: date) -> StakeholderMap:
    require(session, actor, Permission.READ, account)
    people = people_of(session, account)
    views = [queries.to_view(p) for p in people]
    cover = coverage(views, account.tier, today, account.sponsor_user_id)
    cold = {sid for g in cover.gaps if g.kind == GapKind.COLD_KEY_PEOPLE for sid in g.stakeholder_ids}
    names = {p.id: p.name for p in people}
    rows = {p.id: person_row(p, today, names, cold) for p in people}
    groups = [RoleGroup(role.value, role.label, [rows[v.id] for v in members])
              for role, members in group_by_role(views).items()]
    gaps = [GapRow(g.kind.value, g.message, list(g.stakeholder_ids), list(g.user_ids)) for g in cover.gaps]
    return StakeholderMap(
        account_id=account.id, account_name=account.name, tier=account.tier, owner_user_id=account.owner_user_id,
        sponsor_user_id=account.sponsor_user_id, coverage_status=cover.status, gaps=gaps, groups=groups,
        total=len(people), can_edit=allowed(session, actor, Permission.WRITE, account), today=today,
        coverage_reason=cover.reason,
    )


# --------------------------------------------------------------------------- forms


def form_from_command(uow: UnitOfWork, actor: Actor, words: list[str], today: date) -> StakeholderForm:
    """`/kam stakeholder ACCOUNT NAME` with no fields: the edit form, filled in if they are known."""
    with uow:
        session = uow.session
        account, name = queries.resolve_account_and_rest(session, actor.team_id, words, "stakeholder")
        require(session, actor, Permission.WRITE, account)
        name = _required_name(name, account)
        return _form(session, account, find_by_name(session, account, name) or _fuzzy(session, account, name),
                     name, today)


def form_for(uow: UnitOfWork, actor: Actor, account_id: int, today: date, stakeholder_id: int | None = None,
             role: str | None = None, name: str = "") -> StakeholderForm:
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        person = person_on_map(session, actor, account, stakeholder_id) if stakeholder_id else None
        form = _form(session, account, person, person.name if person else name, today)
        if role and person is None:
            form.role = parse_role(role).value
        return form


def _form(session: Session, account: Account, person: Stakeholder | None, name: str, today: date) -> StakeholderForm:
    people = people_of(session, account)
    names = {p.id: p.name for p in people}
    others = [(p.id, f"{p.name} ({p.title})" if p.title else p.name) for p in people if not person or p.id != person.id]
    return StakeholderForm(account.id, account.name, person.name if person else name,
                           person_row(person, today, names) if person else None, others)


def _fuzzy(session: Session, account: Account, name: str) -> Stakeholder | None:
    """The one person a typed name means: a full name with a typo, or a first name or surname alone
    when only one person of this account has it ("katrin" -> Katrin Vogel). Several: asks which."""
    people = people_of(session, account)
    found = name_candidates(name, [(p.id, p.name, p.title) for p in people])
    if len(found) > 1:
        names = " or ".join(k.name for k in found[:5])
        raise UserError(f"'{name}' could be {names} on the {account.name} map: which one? Write the full name, "
                        f"e.g. `/kam stakeholder {account.name} {found[0].name} ...`. Nothing was changed.")
    if len(found) == 1:
        return session.get(Stakeholder, found[0].id)
    return None


def _not_a_colleague(session: Session, account: Account, name: str, people) -> None:
    """A new customer person is never one of ours (the account team, a colleague we know)."""
    from kam_domain.services.colleagues import known_colleagues

    ours = colleague_candidates(name, known_colleagues(session, account, people))
    if ours:
        who = " or ".join(c.display for c in ours[:3])
        raise UserError(f"{who} is one of ours, not a person at {account.name}: the stakeholder map is for the "
                        f"customer's people (the account team is set with `/kam team {account.name}`)."
                        + (" For a customer person of that name, write their full name." if len(name.split()) == 1
                           else "") + " Nothing was changed.")


def resolve_owner(session: Session, account: Account, raw: str, people=None, names_resolvable: bool = True) -> str:
    """`owner=` as typed: a Slack user id or mention, or the name of a colleague we know (the account
    team first). Anything else is refused with what to write; it is never read as a person to add."""
    from kam_domain.services.colleagues import known_colleagues

    text = (raw or "").strip()
    if text.lower() in CLEAR or USER_ID.match(text):
        return text
    colleagues = known_colleagues(session, account, people)
    found = colleague_candidates(text, colleagues)
    if len(found) == 1:
        return found[0].user_id
    team = [c for c in colleagues if c.team_role and c.name]
    known = (f"the name of someone on the {account.name} team: " + ", ".join(dict.fromkeys(c.display for c in team))
             if team else "the name of a colleague I know")
    if len(found) > 1:
        why = "could be " + " or ".join(c.display for c in found[:4])
    elif names_resolvable:
        why = "is not a Slack user, nor a colleague whose name I know"
    else:
        why = "is not a Slack user id, and I can't look people up in Slack here"
    raise UserError(f"`{text}` {why}. For owner=, give a Slack user id (e.g. owner=U0123ABCD; in Slack: their profile "
                    f"> ⋮ > Copy member ID) or {known}. Nothing was changed.")


def _required_name(name: str, account: Account) -> str:
    name = re.sub(r"\s+", " ", name or "").strip()
    if not name:
        raise UserError(f"Name the person after the account, e.g. "
                        f"`/kam stakeholder {account.name} Ana Ruiz title=CFO role=economic_buyer`.")
    if len(name) > MAX_NAME:
        raise UserError(f"That name is {len(name)} characters long; keep it under {MAX_NAME}.")
    return name


# --------------------------------------------------------------------------- writes


def save_from_command(uow: UnitOfWork, actor: Actor, words: list[str], fields: Mapping[str, str], today: date,
                      now: datetime, people=None, names_resolvable: bool = True) -> StakeholderSaved:
    """`/kam stakeholder ACCOUNT NAME title=.. role=..`: add the person, or update the fields given.

    A first name or surname alone updates the one person who has it; `owner=` takes a user id or a
    colleague's name (`people`: the Slack directory, None at the console: `names_resolvable` False)."""
    with uow:
        session = uow.session
        account, name = queries.resolve_account_and_rest(session, actor.team_id, words, "stakeholder")
        require(session, actor, Permission.WRITE, account)
        name = _required_name(name, account)
        person = find_by_name(session, account, name) or _fuzzy(session, account, name)
        if person is None:
            _not_a_colleague(session, account, name, people)
        if "owner" in fields:
            fields = {**fields, "owner": resolve_owner(session, account, fields["owner"], people, names_resolvable)}
        try:
            saved = _save(session, actor, account, person, {**fields, "name": person.name if person else name},
                          today, now)
        except FieldErrors as exc:
            raise UserError("\n".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in exc.errors.items())
                            + "\nNothing was changed.") from None
        uow.commit()
        return saved


def save_person(uow: UnitOfWork, actor: Actor, account_id: int, stakeholder_id: int | None,
                fields: Mapping[str, Any], today: date, now: datetime) -> StakeholderSaved:
    """The edit form: every field it shows (blank clears). Raises FieldErrors keyed by field."""
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        person = person_on_map(session, actor, account, stakeholder_id) if stakeholder_id else None
        name = str(fields.get("name") or "").strip()
        if not name:
            raise FieldErrors({"name": "Give the person's name."})
        saved = _save(session, actor, account, person, fields, today, now)
        uow.commit()
        return saved


def update_person(uow: UnitOfWork, actor: Actor, account_id: int, stakeholder_id: int,
                  fields: Mapping[str, Any], today: date, now: datetime) -> StakeholderSaved:
    """Change only the fields given of one person on the map (an accepted stakeholder read)."""
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        person = person_on_map(session, actor, account, stakeholder_id)
        saved = _save(session, actor, account, person, {**fields, "name": person.name}, today, now)
        uow.commit()
        return saved


def _save(session: Session, actor: Actor, account: Account, person: Stakeholder | None,
          fields: Mapping[str, Any], today: date, now: datetime) -> StakeholderSaved:
    values = parse_fields(session, account, person, fields)
    before_cover = coverage_of(session, account, today).status
    created = person is None
    if created:
        name, title = values.pop("name"), values.pop("title", None)
        columns = {_COLUMN.get(k, k): v for k, v in values.items()}
        person = new_person(session, actor, account, name, title, now, **columns)
        changes = []
    else:
        changes = _update(session, actor, account, person, values, now)
    session.flush()
    if created or changes:
        plan_changed(account, now)  # the coverage in the plan's channel canvas, if the bot keeps one
    names = {p.id: p.name for p in people_of(session, account)}
    after_cover = coverage_of(session, account, today)
    cold = {sid for g in after_cover.gaps if g.kind == GapKind.COLD_KEY_PEOPLE for sid in g.stakeholder_ids}
    return StakeholderSaved(account.id, account.name, person_row(person, today, names, cold), created, changes,
                            before_cover, after_cover.status)


def _update(session: Session, actor: Actor, account: Account, person: Stakeholder, values: dict[str, Any],
            now: datetime) -> list[FieldChange]:
    changes = []
    for key, value in values.items():
        column = _COLUMN.get(key, key)
        old = getattr(person, column)
        if old != value:
            changes.append(FieldChange(key, FIELD_LABELS.get(key, key), old, value))
            setattr(person, column, value)
    if "name" in values and changes and any(c.field == "name" for c in changes):
        person.normalized_name = normalize_person_name(person.name)
    if changes:
        person.updated_at = now
        audit.record(session, actor, "stakeholder.updated", "stakeholder", person.id, account_id=account.id,
                     before={_COLUMN.get(c.field, c.field): c.old for c in changes},
                     after={_COLUMN.get(c.field, c.field): c.new for c in changes})
    return changes


def parse_fields(session: Session, account: Account, person: Stakeholder | None,
                 fields: Mapping[str, Any]) -> dict[str, Any]:
    """Field text -> column values; every problem collected and raised as FieldErrors."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, raw in fields.items():
        if key not in FIELD_LABELS:
            errors[key] = f"Unknown field `{key}`. Fields: {', '.join(FIELD_LABELS)}."
            continue
        try:
            values[key] = _parse_one(session, account, person, key, raw)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise FieldErrors(errors)
    return values


def _parse_one(session: Session, account: Account, person: Stakeholder | None, key: str, raw: Any) -> Any:
    text = "" if raw is None else str(raw).strip()
    if key == "name":
        return _parse_name(session, account, person, text)
    if key == "title":
        if len(text) > 200:
            raise ValueError("Keep the title under 200 characters.")
        return text or None
    if key == "role":
        return parse_role(text).value
    if key == "influence":
        return parse_influence(text)
    if key == "attitude":
        return parse_attitude(text)
    if key == "contact":
        return parse_contact_level(text).value
    if key == "owner":
        return clean_user_id(text)
    if key == "reports_to":
        return _parse_manager(session, account, person, raw)
    if key == "email":
        if text and not EMAIL.match(text):
            raise ValueError(f"`{text}` is not an email address.")
        return text.lower() or None
    raise ValueError(f"Unknown field `{key}`.")


def _parse_name(session: Session, account: Account, person: Stakeholder | None, text: str) -> str:
    name = re.sub(r"\s+", " ", text)
    if not name:
        raise ValueError("Give the person's name.")
    if len(name) > MAX_NAME:
        raise ValueError(f"Keep the name under {MAX_NAME} characters.")
    twin = find_by_name(session, account, name)
    if twin is not None and (person is None or twin.id != person.id):
        raise ValueError(f"{twin.name} is already on the {account.name} map.")
    return name


def _parse_manager(session: Session, account: Account, person: Stakeholder | None, raw: Any) -> int | None:
    """`reports_to=Lars Henriksen` (a name on the same map) or an id from the form."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in CLEAR):
        return None
    people = people_of(session, account)
    if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
        manager = next((p for p in people if p.id == int(raw)), None)
    else:
        matched, _ = match_attendees([PersonMention(str(raw).strip(), None)], [(p.id, p.name, p.title) for p in people])
        manager = next((p for p in people if matched and p.id == matched[0].stakeholder_id), None)
    if manager is None:
        raise ValueError(f"No one called `{raw}` is on the {account.name} map; add them first.")
    if person is not None and _reports_up_to(people, manager, person.id):
        raise ValueError(f"{manager.name} can't be {person.name}'s manager: that makes a loop in the reporting line.")
    return manager.id


def _reports_up_to(people: list[Stakeholder], start: Stakeholder, target_id: int) -> bool:
    by_id = {p.id: p for p in people}
    seen, current = set(), start
    while current is not None and current.id not in seen:
        if current.id == target_id:
            return True
        seen.add(current.id)
        current = by_id.get(current.reports_to_id) if current.reports_to_id else None
    return False


def role_choices() -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in DecisionRole]


def contact_choices() -> list[tuple[str, str]]:
    return [(c.value, c.label) for c in ContactLevel]
