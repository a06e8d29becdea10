"""`kam export accounts|stakeholders|actions FILE.csv`: what a sales-ops person takes back to a spreadsheet.

One workspace, UTF-8 with a header row (a file starts with the byte-order mark Excel needs), money as plain numbers, dates ISO. The columns our own
`kam import` reads (Account Name, Account ID, Industry, Billing Country, Annual Revenue, Account
Owner; First Name, Last Name, Title, Email, Role, Influence, Attitude) come back in as they went
out, so an export re-imports. `Annual Revenue` is the customer's own size; what they pay *us*
is `Revenue last 4 periods` (from financials): the two stay apart here too.

Cells are guarded against CSV injection: a text cell starting with = + - @ (or a tab or a carriage
return) gets a leading ' so a spreadsheet shows it instead of running it. Numbers we write
ourselves (a negative attitude or profit) are numbers, not formulas, and are left as they are.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, TextIO

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import Account, Action, Objective, Review, Stakeholder
from kam_domain.rules.relationships import ContactLevel, DecisionRole, coverage
from kam_domain.rules.scoring import axes, quadrant, weighted_score
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.effective_scores import effective_scores
from kam_domain.store.uow import UnitOfWork

EXPORT_ACTOR = "export"  # who the CLI exports as: the installation, an admin of its workspace

ACCOUNT_COLUMNS = (
    "Account Name", "Account ID", "Industry", "Billing Country", "Annual Revenue", "Account Owner",
    "Owner Slack ID", "Tier", "Quadrant", "Weighted Score", "Revenue last 4 periods", "Profit last 4 periods",
    "Executive Sponsor Slack ID", "Channel", "Next Review", "Coverage",
)
STAKEHOLDER_COLUMNS = (
    "Account Name", "First Name", "Last Name", "Title", "Email", "Role", "Influence", "Attitude", "Contact Level",
    "Reports To", "Relationship Owner", "Last Contact",
)
ACTION_COLUMNS = ("Account Name", "Action", "Owner", "Due", "Status", "Objective", "Source", "Created")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Raw(str):
    """A cell we computed as a number: written as it is (a leading - is a sign, not a formula)."""


@dataclass
class ExportReport:
    kind: str
    rows: int
    columns: tuple[str, ...]
    destination: str

    def summary(self) -> str:
        return f"Exported {self.rows} {self.kind} to {self.destination} ({len(self.columns)} columns)."


# --------------------------------------------------------------------------- cells


def guard(value: object) -> str:
    """One cell as text: None -> '', a number as a plain number, a date ISO, text guarded."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).date().isoformat() if value.tzinfo else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def plain_number(value: float | int | None, places: int = 2) -> str:
    """1200000.0 -> '1200000'; 1234.567 -> '1234.57'; never a thousands separator or a currency."""
    if value is None:
        return ""
    number = round(float(value), places)
    if number == int(number):
        return str(int(number))
    return f"{number:.{places}f}".rstrip("0").rstrip(".")


def _number(value: float | int | None, places: int = 2) -> Raw | None:
    return None if value is None else Raw(plain_number(value, places))


def split_name(name: str) -> tuple[str, str]:
    """'Ana Ruiz' -> ('Ana', 'Ruiz'); 'Jean-Luc de la Tour' -> ('Jean-Luc', 'de la Tour'); one word is a last name.
    Joined with a space (as `kam import contacts` does) they give the name back."""
    parts = name.split()
    if len(parts) < 2:
        return "", name.strip()
    return parts[0], " ".join(parts[1:])


def _role(value: str) -> str:
    try:
        role = DecisionRole(value)
    except ValueError:
        return value
    return "" if role == DecisionRole.UNKNOWN else role.value.replace("_", " ")  # 'economic buyer' re-imports


def _contact_level(value: str) -> str:
    try:
        return ContactLevel(value).label
    except ValueError:
        return value


# --------------------------------------------------------------------------- the tables


def _visible_accounts(session: Session, actor: Actor) -> list[Account]:
    accounts = session.exec(
        select(Account).where(Account.team_id == actor.team_id).order_by(Account.name, Account.id)
    ).all()
    return [a for a in accounts if allowed(session, actor, Permission.READ, a)]


def _account_rows(session: Session, actor: Actor, today: date) -> Iterable[list[object]]:
    team = actor.team_id
    accounts = _visible_accounts(session, actor)
    ids = [a.id for a in accounts]
    defs = queries.criteria_defs(session, team)
    # a person's score, else the data's: the same placement the lists and the card show
    scores = effective_scores(session, team, defs, today, ids).values if ids and defs else {}
    periods = queries.recent_periods(session, team, 4)
    money = queries.money_by_account(session, team, periods, ids) if ids else {}
    next_review = dict(session.exec(
        select(Review.account_id, func.min(Review.due_on))
        .where(Review.team_id == team, Review.done_at.is_(None)).group_by(Review.account_id)
    ).all())
    people: dict[int, list] = {}
    for person in session.exec(select(Stakeholder).where(Stakeholder.team_id == team).order_by(Stakeholder.name)):
        people.setdefault(person.account_id, []).append(queries.to_view(person))
    for a in accounts:
        account_scores = scores.get(a.id, {})
        position = axes(account_scores, defs) if defs else None
        box = quadrant(position.attractiveness, position.strength) if position else None
        m = money.get(a.id)
        cover = coverage(people.get(a.id, []), a.tier, today, a.sponsor_user_id)
        yield [
            a.name, a.crm_id, a.industry, a.country, _number(a.customer_annual_revenue), a.crm_owner_name,
            a.owner_user_id, a.tier, box.label if box else None,
            _number(weighted_score(account_scores, defs)) if defs else None,
            _number(m.revenue) if m else None, _number(m.profit) if m else None,
            a.sponsor_user_id, a.channel_id, next_review.get(a.id), cover.status,
        ]


def _stakeholder_rows(session: Session, actor: Actor, today: date) -> Iterable[list[object]]:
    accounts = {a.id: a for a in _visible_accounts(session, actor)}
    people = session.exec(
        select(Stakeholder).where(Stakeholder.team_id == actor.team_id).order_by(Stakeholder.name, Stakeholder.id)
    ).all()
    names = {p.id: p.name for p in people}
    order = {account_id: position for position, account_id in enumerate(accounts)}
    for p in sorted((p for p in people if p.account_id in accounts), key=lambda p: (order[p.account_id], p.name, p.id)):
        first, last = split_name(p.name)
        yield [
            accounts[p.account_id].name, first, last, p.title, p.email, _role(p.role), _number(p.influence, 0),
            _number(p.attitude, 0), _contact_level(p.contact_level), names.get(p.reports_to_id),
            p.owner_user_id, p.last_contact_on,
        ]


def _action_rows(session: Session, actor: Actor, today: date) -> Iterable[list[object]]:
    accounts = {a.id: a for a in _visible_accounts(session, actor)}
    objectives = dict(session.exec(
        select(Objective.id, Objective.title).where(Objective.team_id == actor.team_id)
    ).all())
    actions = session.exec(select(Action).where(Action.team_id == actor.team_id)).all()
    order = {account_id: position for position, account_id in enumerate(accounts)}
    visible = [x for x in actions if x.account_id in accounts]
    visible.sort(key=lambda x: (order[x.account_id], x.due_on is None, x.due_on or date.min, x.id))
    for x in visible:
        yield [accounts[x.account_id].name, x.title, x.owner_user_id, x.due_on, x.status,
               objectives.get(x.objective_id), x.source, x.created_at]


KINDS: dict[str, tuple[tuple[str, ...], Callable[[Session, Actor, date], Iterable[list[object]]]]] = {
    "accounts": (ACCOUNT_COLUMNS, _account_rows),
    "stakeholders": (STAKEHOLDER_COLUMNS, _stakeholder_rows),
    "actions": (ACTION_COLUMNS, _action_rows),
}
_KIND_NAMES = {"accounts": "accounts", "account": "accounts", "companies": "accounts",
               "stakeholders": "stakeholders", "stakeholder": "stakeholders", "contacts": "stakeholders",
               "actions": "actions", "action": "actions"}


def normalize_kind(kind: str) -> str:
    name = _KIND_NAMES.get(str(kind).strip().lower())
    if name is None:
        raise UserError(f"'{kind}' is not something I can export: use one of {', '.join(KINDS)}.")
    return name


# --------------------------------------------------------------------------- entry point


def export_csv(uow: UnitOfWork, actor_or_team_id: Actor | str, kind: str, path_or_stream: str | Path | TextIO,
               *, today: date | None = None) -> ExportReport:
    """Write one workspace's accounts, stakeholders or actions as CSV to a file path or a text stream.

    A team id exports as the installation (an admin of that workspace, as the CLI does); an Actor
    exports what that person may read (restricted accounts only for their team). A file is
    written whole or not at all; the export is audited (who, what, how many rows)."""
    kind = normalize_kind(kind)
    actor = (actor_or_team_id if isinstance(actor_or_team_id, Actor)
             else Actor(team_id=str(actor_or_team_id), user_id=EXPORT_ACTOR, is_admin=True))
    today = today or datetime.now(timezone.utc).date()
    columns, rows_of = KINDS[kind]
    target = _check_target(path_or_stream)
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        count = 0
        for row in rows_of(session, actor, today):
            writer.writerow([guard(cell) for cell in row])
            count += 1
        destination = _write(buffer.getvalue(), path_or_stream, target)
        audit.record(session, actor, f"export.{kind}", "export",
                     after={"rows": count, "file": target.name if target else "stream"})
        uow.commit()
    return ExportReport(kind, count, columns, destination)


def _check_target(path_or_stream) -> Path | None:
    """The file to write (its folder must exist), or None for a stream."""
    if hasattr(path_or_stream, "write"):
        return None
    path = Path(path_or_stream)
    if path.is_dir():
        raise UserError(f"{path} is a folder: give a file name, e.g. {path / 'accounts.csv'}.")
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist: create it or choose another path.")
    return path


def _write(text: str, path_or_stream, target: Path | None) -> str:
    if target is None:
        path_or_stream.write(text)
        return getattr(path_or_stream, "name", "the stream")
    # Whole or nothing: write beside the target, then move it into place.
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UserError(f"{target} cannot be written ({exc.strerror or exc}).") from None
    try:
        # utf-8-sig: the byte-order mark is how Excel knows a CSV is UTF-8 (accents intact); our import skips it
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"{target} cannot be written ({exc.strerror or exc}).") from None
    return str(target)
