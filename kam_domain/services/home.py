"""The App Home: the accounts a person owns, sponsors or is on the team of, their own open
actions that are overdue or due this week, and the scores their accounts wait for."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_
from sqlmodel import select

from kam_domain.models import Account, Action, Review, Stakeholder, TeamMember
from kam_domain.rules.next_actions import DUE_SOON_DAYS
from kam_domain.rules.plan_health import plan_staleness
from kam_domain.rules.relationships import GapKind, coverage
from kam_domain.services import queries
from kam_domain.services.effective_scores import ScoringQueue, build_scoring_queue
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork

MAX_ACCOUNTS = 40
MAX_MY_ACTIONS = 10


@dataclass
class MyAccount:
    id: int
    name: str
    tier: str
    role: str  # kam, sponsor, team
    coverage_status: str
    overdue_actions: int
    open_actions: int
    days_to_review: int | None
    cold_people: int = 0
    top_gap: str | None = None
    plan_stale: bool = False
    top_gap_users: list[str] = field(default_factory=list)


@dataclass
class MyAction:
    id: int
    account_id: int
    account_name: str
    title: str
    due_on: date | None
    overdue: bool


@dataclass
class HomeSummary:
    user_id: str
    accounts: list[MyAccount]
    my_actions: list[MyAction] = field(default_factory=list)
    total_accounts: int = 0
    today: date | None = None
    scoring: ScoringQueue | None = None  # judgement scores the person's accounts wait for


def my_accounts(uow: UnitOfWork, actor: Actor, today: date) -> HomeSummary:
    with uow:
        session = uow.session
        team_ids = select(TeamMember.account_id).where(TeamMember.team_id == actor.team_id,
                                                       TeamMember.user_id == actor.user_id)
        accounts = session.exec(
            select(Account).where(Account.team_id == actor.team_id, or_(
                Account.owner_user_id == actor.user_id, Account.sponsor_user_id == actor.user_id,
                Account.id.in_(team_ids),
            ))
        ).all()
        tier_order = {"key": 0, "candidate": 1, "regular": 2}
        accounts = sorted(accounts, key=lambda a: (tier_order.get(a.tier, 3), a.name))
        ids = [a.id for a in accounts[:MAX_ACCOUNTS]]
        actions = _open_actions(session, ids)
        reviews = _next_reviews(session, ids)
        people = _people(session, ids)
        rows = [_row(a, actor, today, actions.get(a.id, []), reviews.get(a.id), people.get(a.id, []))
                for a in accounts[:MAX_ACCOUNTS]]
        return HomeSummary(actor.user_id, rows, _mine(session, actor, today), len(accounts), today,
                           scoring=build_scoring_queue(session, actor, today))


def _row(account: Account, actor: Actor, today: date, due_dates: list, review: date | None,
         people: list[Stakeholder]) -> MyAccount:
    cover = coverage([queries.to_view(p) for p in people], account.tier, today, account.sponsor_user_id)
    cold = next((g for g in cover.gaps if g.kind == GapKind.COLD_KEY_PEOPLE), None)
    role = "kam" if account.owner_user_id == actor.user_id else (
        "sponsor" if account.sponsor_user_id == actor.user_id else "team")
    updated = account.plan_updated_at.date() if account.plan_updated_at else None
    stale = account.tier in ("key", "candidate") and plan_staleness(updated, account.tier, today).is_stale
    return MyAccount(
        account.id, account.name, account.tier, role, cover.status,
        sum(1 for d in due_dates if d and d < today), len(due_dates),
        (review - today).days if review else None,
        cold_people=len(cold.stakeholder_ids) if cold else 0,
        top_gap=cover.gaps[0].message if cover.gaps else None, plan_stale=stale,
        top_gap_users=list(cover.gaps[0].user_ids) if cover.gaps else [],
    )


def _open_actions(session, ids: list[int]) -> dict[int, list]:
    if not ids:
        return {}
    rows = session.exec(select(Action.account_id, Action.due_on).where(Action.account_id.in_(ids),
                                                                       Action.status == "open")).all()
    found: dict[int, list] = {}
    for account_id, due in rows:
        found.setdefault(account_id, []).append(due)
    return found


def _next_reviews(session, ids: list[int]) -> dict[int, date]:
    if not ids:
        return {}
    rows = session.exec(select(Review.account_id, func.min(Review.due_on)).where(
        Review.account_id.in_(ids), Review.done_at.is_(None)).group_by(Review.account_id)).all()
    return dict(rows)


def _people(session, ids: list[int]) -> dict[int, list[Stakeholder]]:
    if not ids:
        return {}
    found: dict[int, list[Stakeholder]] = {}
    for person in session.exec(select(Stakeholder).where(Stakeholder.account_id.in_(ids))).all():
        found.setdefault(person.account_id, []).append(person)
    return found


def _mine(session, actor: Actor, today: date) -> list[MyAction]:
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    rows = session.exec(
        select(Action, Account.name).join(Account, Account.id == Action.account_id)
        .where(Action.team_id == actor.team_id, Account.team_id == actor.team_id,
               Action.owner_user_id == actor.user_id, Action.status == "open",
               Action.due_on.is_not(None), Action.due_on <= horizon)
        .order_by(Action.due_on, Action.id).limit(MAX_MY_ACTIONS)
    ).all()
    return [MyAction(a.id, a.account_id, name, a.title, a.due_on, a.due_on < today) for a, name in rows]
