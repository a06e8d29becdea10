"""Account lists and the account card."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import Account, Action, Financial, Review, TeamMember, TierChange
from kam_domain.rules.relationships import coverage
from kam_domain.rules.scoring import axes, quadrant, watch_reasons, weighted_score
from kam_domain.services import effective_scores as effective, key_status, queries
from kam_domain.services.account_money import QuarterMoney, money_of
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.store.uow import UnitOfWork

ACCOUNT_LISTS = {"key": ("key",), "candidates": ("candidate",), "regular": ("regular",),
                 "all": ("key", "candidate", "regular")}


@dataclass
class AccountRow:
    id: int
    name: str
    tier: str
    owner_user_id: str | None
    crm_owner_name: str | None
    industry: str | None
    country: str | None
    weighted_score: float | None
    quadrant: str | None
    revenue: float | None
    profit: float | None
    reasons: list[str] = field(default_factory=list)
    derived_only: bool = False  # score and quadrant from the data alone (no person scored it)


@dataclass
class AccountList:
    which: str
    rows: list[AccountRow]
    total: int
    key_count: int
    key_cap: int
    periods: list[str]
    offset: int = 0  # rows[0] is row number offset + 1 of the whole list
    page: int = 1
    page_size: int | None = None  # None: every row at once (the console)

    @property
    def first(self) -> int:
        """The number of the first row shown (1-based), 0 when none is."""
        return self.offset + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.rows)

    @property
    def next_page(self) -> int | None:
        """The page after this one, if there are rows left."""
        return self.page + 1 if self.last < self.total else None


@dataclass
class AccountCard:
    id: int
    name: str
    tier: str
    industry: str | None
    country: str | None
    crm_id: str | None
    customer_annual_revenue: float | None
    owner_user_id: str | None
    crm_owner_name: str | None
    sponsor_user_id: str | None
    channel_id: str | None
    team_user_ids: list[str]
    weighted_score: float | None
    attractiveness: float | None
    strength: float | None
    quadrant: str | None
    quadrant_advice: str | None
    periods: list[str]
    revenue: float | None
    cost: float | None
    profit: float | None
    coverage_status: str
    coverage_gaps: list[str]
    next_review_due: date | None
    review_overdue: bool
    open_actions: int
    overdue_actions: int
    engagement_trend: list[int]
    restricted: bool
    loyalty_trend: list[int] = field(default_factory=list)
    scored_by_people: int = 0  # criteria a person scored
    scored_from_data: int = 0  # criteria scored from the data (no person's score)
    waiting_criteria: list[str] = field(default_factory=list)  # labels that wait for a person
    coverage_reason: str = ""  # why the colour (rules.relationships.coverage)
    key_status: Any = None  # services.key_status.KeyStatus for a key account: why it is key, its conditions
    quarters: list[QuarterMoney] = field(default_factory=list)  # the last 8 quarters, oldest first (the chart)

    @property
    def derived_only(self) -> bool:
        return self.quadrant is not None and self.scored_by_people == 0 and self.scored_from_data > 0


TREND_QUARTERS = 8  # the account card's revenue/profit chart
PAGE_SIZE = 40  # rows per Slack message: a header, 40 rows and the paging blocks stay under Slack's 50 blocks


def list_accounts(uow: UnitOfWork, actor: Actor, which: str = "key", limit: int | None = PAGE_SIZE,
                  page: int = 1) -> AccountList:
    """One page of a list (`limit` rows, page 1 first); `limit=None` gives every row."""
    if which not in ACCOUNT_LISTS:
        raise UserError(f"Choose one of: {', '.join(ACCOUNT_LISTS)}.")
    if not isinstance(page, int) or page < 1 or (limit is not None and limit < 1):
        raise UserError("The page is a whole number from 1, e.g. `accounts all page 2`.")
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        if which == "candidates":
            rows = _watch_list(session, actor)
        else:
            accounts = session.exec(
                select(Account).where(Account.team_id == actor.team_id, Account.tier.in_(ACCOUNT_LISTS[which]))
                .order_by(Account.name)
            ).all()
            visible = [a for a in accounts if allowed(session, actor, Permission.READ, a)]
            rows = _rows(session, actor.team_id, visible)
        rows.sort(key=lambda r: (-(r.weighted_score or 0), r.name, r.id))  # stable from page to page
        offset = (page - 1) * limit if limit is not None else 0
        if offset and offset >= len(rows):
            pages = max(1, -(-len(rows) // limit))
            raise UserError(f"There is no page {page}: the list has {len(rows)} accounts on {pages} "
                            f"page{'s' if pages > 1 else ''}.")
        key_count = session.exec(
            select(func.count()).select_from(Account).where(Account.team_id == actor.team_id, Account.tier == "key")
        ).one()
        workspace_cap = _key_cap(session, actor.team_id)
        shown = rows[offset:offset + limit] if limit is not None else rows
        return AccountList(which, shown, len(rows), key_count, workspace_cap,
                           queries.recent_periods(session, actor.team_id), offset=offset, page=page,
                           page_size=limit)


def _key_cap(session: Session, team_id: str) -> int:
    from kam_domain.models import Workspace

    workspace = session.get(Workspace, team_id)
    return workspace.key_account_cap if workspace else 35


def _watch_list(session: Session, actor: Actor) -> list[AccountRow]:
    """Candidate-tier accounts, and regular accounts whose score or revenue growth says watch them."""
    from kam_domain.services.selection import selection_settings

    settings = selection_settings(session, actor.team_id)
    accounts = session.exec(
        select(Account).where(Account.team_id == actor.team_id, Account.tier.in_(("candidate", "regular")))
        .order_by(Account.name)
    ).all()
    visible = [a for a in accounts if allowed(session, actor, Permission.READ, a)]
    revenue = _revenue_by_period(session, actor.team_id)
    pending = _pending_nominations(session, actor.team_id)
    rows = []
    for row in _rows(session, actor.team_id, visible):
        reasons = watch_reasons(row.tier, row.weighted_score, settings.watch_threshold, revenue.get(row.id, []),
                                settings.growth_threshold)
        if row.tier == "candidate":
            reasons.insert(0, "on the watch-list as a candidate")
        if not reasons:
            continue
        if row.id in pending:
            reasons.append(pending[row.id])
        row.reasons = reasons
        rows.append(row)
    return rows


def _revenue_by_period(session: Session, team_id: str) -> dict[int, list[tuple[str, float]]]:
    rows = session.connection().execute(
        select(Financial.account_id, Financial.period, Financial.revenue)
        .join(Account, Account.id == Financial.account_id)
        .where(Financial.team_id == team_id, Account.tier.in_(("candidate", "regular")))
    ).all()
    revenue: dict[int, list[tuple[str, float]]] = {}
    for account_id, period, value in rows:
        revenue.setdefault(account_id, []).append((period, float(value or 0)))
    return revenue


def _pending_nominations(session: Session, team_id: str) -> dict[int, str]:
    rows = session.exec(
        select(TierChange).where(TierChange.team_id == team_id, TierChange.status == "pending",
                                 TierChange.kind == "nomination")
    ).all()
    return {c.account_id: f"nomination pending since {c.requested_at:%Y-%m-%d} (by {c.requested_by})" for c in rows}


def _rows(session: Session, team_id: str, accounts: list[Account], today: date | None = None) -> list[AccountRow]:
    """Rows with the effective scores (a person's, else the data's), so lists rank without scoring."""
    defs = queries.criteria_defs(session, team_id)
    ids = [a.id for a in accounts]
    effective_scores = (effective.effective_scores(session, team_id, defs, effective.today_or_system(today), ids)
                        if ids and defs else None)
    scores = effective_scores.values if effective_scores else {}
    periods = queries.recent_periods(session, team_id)
    money = queries.money_by_account(session, team_id, periods, ids) if ids else {}
    rows = []
    for a in accounts:
        account_scores = scores.get(a.id, {})
        position = axes(account_scores, defs) if defs else None
        box = quadrant(position.attractiveness, position.strength) if position else None
        m = money.get(a.id)
        rows.append(AccountRow(
            id=a.id, name=a.name, tier=a.tier, owner_user_id=a.owner_user_id, crm_owner_name=a.crm_owner_name,
            industry=a.industry, country=a.country,
            weighted_score=weighted_score(account_scores, defs) if defs else None,
            quadrant=box.label if box else None,
            revenue=m.revenue if m else None, profit=m.profit if m else None,
            derived_only=bool(box and effective_scores and effective_scores.derived_only(a.id)),
        ))
    return rows


def account_card(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> AccountCard:
    with uow:
        session = uow.session
        account = queries.resolve_account(session, actor.team_id, account_text)
        return build_card(session, actor, account, today)


def account_card_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> AccountCard:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, account_id)
        return build_card(uow.session, actor, account, today)


def build_card(session: Session, actor: Actor, account: Account, today: date) -> AccountCard:
    require(session, actor, Permission.READ, account)
    defs = queries.criteria_defs(session, actor.team_id)
    effective_scores = effective.effective_scores(session, actor.team_id, defs, today, [account.id]) if defs else None
    scores = effective_scores.values.get(account.id, {}) if effective_scores else {}
    people_scored = effective_scores.person.get(account.id, {}) if effective_scores else {}
    position = axes(scores, defs) if defs else None
    box = quadrant(position.attractiveness, position.strength) if position else None
    periods = queries.recent_periods(session, actor.team_id)
    money = queries.money_by_account(session, actor.team_id, periods, [account.id]).get(account.id)
    cover = coverage(queries.stakeholder_views(session, account), account.tier, today, account.sponsor_user_id)
    next_review = _next_review(session, account)
    open_actions, overdue = _action_counts(session, account, today)
    team = session.exec(select(TeamMember.user_id).where(TeamMember.account_id == account.id)).all()
    return AccountCard(
        id=account.id, name=account.name, tier=account.tier, industry=account.industry, country=account.country,
        crm_id=account.crm_id, customer_annual_revenue=account.customer_annual_revenue,
        owner_user_id=account.owner_user_id, crm_owner_name=account.crm_owner_name,
        sponsor_user_id=account.sponsor_user_id, channel_id=account.channel_id,
        team_user_ids=sorted(set(team) - {account.owner_user_id, account.sponsor_user_id}),
        weighted_score=weighted_score(scores, defs) if defs else None,
        attractiveness=position.attractiveness if position else None,
        strength=position.strength if position else None,
        quadrant=box.label if box else None, quadrant_advice=box.advice if box else None,
        periods=periods,
        revenue=money.revenue if money else None, cost=money.cost if money else None,
        profit=money.profit if money else None,
        coverage_status=cover.status, coverage_gaps=[g.message for g in cover.gaps],
        next_review_due=next_review, review_overdue=bool(next_review and next_review < today),
        open_actions=open_actions, overdue_actions=overdue,
        engagement_trend=_engagement_trend(session, account),
        restricted=account.restricted,
        loyalty_trend=_rating_trend(session, account, Review.loyalty_rating),
        scored_by_people=sum(1 for d in defs if d.key in people_scored),
        scored_from_data=sum(1 for d in defs if d.key in scores and d.key not in people_scored),
        waiting_criteria=[d.label for d in defs if d.key not in scores],
        coverage_reason=cover.reason,
        key_status=key_status.summary(session, account, today) if account.tier == "key" else None,
        quarters=money_of(session, account, TREND_QUARTERS).quarters,
    )


def _next_review(session: Session, account: Account) -> date | None:
    return session.exec(
        select(func.min(Review.due_on)).where(Review.account_id == account.id, Review.done_at.is_(None))
    ).one()


def _action_counts(session: Session, account: Account, today: date) -> tuple[int, int]:
    rows = session.exec(
        select(Action.due_on).where(Action.account_id == account.id, Action.status == "open")
    ).all()
    return len(rows), sum(1 for due in rows if due and due < today)


def _engagement_trend(session: Session, account: Account, last: int = 6) -> list[int]:
    return _rating_trend(session, account, Review.engagement_rating, last)


def _rating_trend(session: Session, account: Account, rating, last: int = 6) -> list[int]:
    """A review rating (engagement, loyalty) over the last reviews, oldest first."""
    rows = session.exec(
        select(rating).where(Review.account_id == account.id, Review.done_at.is_not(None), rating.is_not(None))
        .order_by(Review.done_at.desc()).limit(last)
    ).all()
    return list(reversed(rows))
