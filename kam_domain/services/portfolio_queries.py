"""Questions about the portfolio answered with the list asked for: growth leaders and decliners, loss-making
and low-margin accounts, cost-to-serve outliers.

Every answer carries its `basis`: which periods its numbers cover and where they come from. Only the
accounts the asker may read, in the asker's workspace, are ever listed (restricted ones are left out).
Reads only; the people and relationship questions are in `portfolio_coverage`.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Sequence

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.models import Account, Financial
from kam_domain.rules.derived_scores import windows
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.store.uow import UnitOfWork

MAX_LISTED = 25
LOW_MARGIN = 0.15  # below this margin an account is "low-margin"
COST_OUTLIER = 1.5  # cost to serve per unit of revenue this many times the portfolio's median: an outlier
FINANCIALS = "imported financials"
TIERS = ("key", "non-key")  # a tier filter: key accounts only, or every account that is not key


@dataclass
class PortfolioAnswer:
    """A list asked about the portfolio: what it is, what its numbers rest on, how many were left off."""

    kind: str
    title: str
    basis: str  # the period and source of the numbers ("revenue Q1–Q4 2026 vs Q1–Q4 2025, imported financials")
    more: int = 0  # matching accounts left off the list
    note: str = ""  # why the list may be short (no data yet), or how to widen it


@dataclass(frozen=True)
class GrowthRow:
    account_id: int
    account_name: str
    tier: str
    revenue_before: float
    revenue_now: float
    growth: float  # (now - before) / before


@dataclass
class GrowthAnswer(PortfolioAnswer):
    rows: list[GrowthRow] = field(default_factory=list)


@dataclass(frozen=True)
class MarginRow:
    account_id: int
    account_name: str
    tier: str
    revenue: float
    cost_to_serve: float
    margin: float | None  # (revenue - cost) / revenue; None without revenue
    cost_ratio: float | None  # cost / revenue

    @property
    def profit(self) -> float:
        return self.revenue - self.cost_to_serve


@dataclass
class MarginAnswer(PortfolioAnswer):
    rows: list[MarginRow] = field(default_factory=list)


# ============================================================================ scope


@dataclass(frozen=True)
class AccountRow:
    """What the portfolio questions read of an account (plain columns: 10,000 ORM rows would dominate)."""

    id: int
    name: str
    tier: str
    owner_user_id: str | None
    sponsor_user_id: str | None
    channel_id: str | None
    plan_updated_at: object


_COLUMNS = (Account.id, Account.name, Account.tier, Account.owner_user_id, Account.sponsor_user_id, Account.channel_id,
            Account.plan_updated_at, Account.restricted)


def readable_accounts(session: Session, actor: Actor, tier: str | None = None) -> dict[int, AccountRow]:
    """The accounts of the asker's workspace they may read, by id; `tier`: "key", "non-key" or None (all)."""
    require(session, actor, Permission.READ)
    query = select(*_COLUMNS).where(Account.team_id == actor.team_id)
    if tier == "key":
        query = query.where(Account.tier == "key")
    elif tier == "non-key":
        query = query.where(Account.tier != "key")
    out = {}
    for *fields, restricted in session.exec(query.order_by(Account.name)).all():
        if restricted and not allowed(session, actor, Permission.READ, session.get(Account, fields[0])):
            continue
        out[fields[0]] = AccountRow(*fields)
    return out


def tier_words(tier: str | None) -> str:
    return {"key": "key accounts", "non-key": "non-key accounts"}.get(tier or "", "accounts")


def span(periods: Sequence[str]) -> str:
    """"Q1–Q4 2026" for a year's quarters, "2025-Q4–2026-Q3" across years, the one period alone."""
    if not periods:
        return "no periods"
    first, last = periods[0], periods[-1]
    if first == last:
        return first
    (y1, _, p1), (y2, _, p2) = first.partition("-"), last.partition("-")
    if y1 == y2 and p1.startswith("Q") and p2.startswith("Q"):
        return f"{p1}–{p2} {y1}"
    return f"{first}–{last}"


def _revenue_by_period(session: Session, team_id: str, periods: Sequence[str],
                       ids: Sequence[int]) -> dict[int, dict[str, tuple[float, float]]]:
    out: dict[int, dict[str, tuple[float, float]]] = {}
    if not periods or not ids:
        return out
    rows = session.exec(select(Financial.account_id, Financial.period, func.sum(Financial.revenue),
                               func.sum(Financial.cost_to_serve))
                        .where(Financial.team_id == team_id, Financial.period.in_(list(periods)),
                               Financial.account_id.in_(list(ids)))
                        .group_by(Financial.account_id, Financial.period)).all()
    for account_id, period, revenue, cost in rows:
        out.setdefault(account_id, {})[period] = (float(revenue or 0), float(cost or 0))
    return out


# ============================================================================ growth


def growth(uow: UnitOfWork, actor: Actor, direction: str = "leaders", tier: str | None = None) -> GrowthAnswer:
    """Revenue growth, the last year against the year before (or the last half of a shorter history against
    the half before), fastest first (`leaders`) or steepest fall first (`decliners`)."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        w = windows(queries.recent_periods(session, actor.team_id, count=8))
        title = (f"{tier_words(tier).capitalize()} growing fastest" if direction == "leaders"
                 else f"{tier_words(tier).capitalize()} declining most")
        basis = f"revenue {span(w.growth_recent)} vs {span(w.growth_previous)}, {FINANCIALS}"
        if not w.growth_previous:
            return GrowthAnswer("growth", title, basis, note="Growth needs at least two periods of financials: "
                                "`kam import financials FILE.csv`.")
        money = _revenue_by_period(session, actor.team_id, w.growth_recent + w.growth_previous, list(accounts))
        rows = []
        for account_id, by_period in money.items():
            before = sum(by_period.get(p, (0.0, 0.0))[0] for p in w.growth_previous)
            now = sum(by_period.get(p, (0.0, 0.0))[0] for p in w.growth_recent)
            if before <= 0:
                continue  # no base to grow from: new accounts are not "growing fastest"
            account = accounts[account_id]
            rows.append(GrowthRow(account.id, account.name, account.tier, before, now, (now - before) / before))
        rows = [r for r in rows if (r.growth > 0 if direction == "leaders" else r.growth < 0)]
        rows.sort(key=lambda r: (-r.growth if direction == "leaders" else r.growth, r.account_name))
        return GrowthAnswer("growth", title, basis, more=max(0, len(rows) - MAX_LISTED), rows=rows[:MAX_LISTED])


# ============================================================================ margins


def margins(uow: UnitOfWork, actor: Actor, which: str = "loss", tier: str | None = None) -> MarginAnswer:
    """The last year's margin per account: loss-making (`loss`), below LOW_MARGIN (`low`), or cost to serve
    far above the portfolio's norm (`cost-to-serve`)."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        year = windows(queries.recent_periods(session, actor.team_id, count=8)).year
        money = queries.money_by_account(session, actor.team_id, list(year), list(accounts))
        rows = [_margin_row(accounts[i], m.revenue, m.cost) for i, m in money.items() if i in accounts]
        words = tier_words(tier)
        basis = f"margin = (revenue − cost to serve) / revenue, {span(year)}, {FINANCIALS}"
        if which == "loss":
            title = f"{words.capitalize()} we lose money on"
            rows = sorted((r for r in rows if r.profit < 0), key=lambda r: (r.profit, r.account_name))
        elif which == "low":
            title = f"Low-margin {words} (under {LOW_MARGIN:.0%})"
            rows = sorted((r for r in rows if r.margin is not None and r.margin < LOW_MARGIN),
                          key=lambda r: (r.margin, r.account_name))
        else:
            title, basis, rows = _cost_outliers(rows, words, year)
        answer = MarginAnswer("margins", title, basis, more=max(0, len(rows) - MAX_LISTED), rows=rows[:MAX_LISTED])
        if not year:
            answer.note = "No financials yet: `kam import financials FILE.csv`."
        return answer


def _margin_row(account: AccountRow, revenue: float, cost: float) -> MarginRow:
    margin = (revenue - cost) / revenue if revenue > 0 else None
    ratio = cost / revenue if revenue > 0 else None
    return MarginRow(account.id, account.name, account.tier, revenue, cost, margin, ratio)


def _cost_outliers(rows: list[MarginRow], words: str, year: Sequence[str]) -> tuple[str, str, list[MarginRow]]:
    ratios = [r.cost_ratio for r in rows if r.cost_ratio is not None]
    norm = statistics.median(ratios) if ratios else 0.0
    limit = norm * COST_OUTLIER
    title = f"{words.capitalize()} costing most to serve"
    basis = (f"cost to serve per unit of revenue above {limit:.2f} ({COST_OUTLIER}× the median {norm:.2f}), "
             f"{span(year)}, {FINANCIALS}")
    picked = [r for r in rows if (r.cost_ratio is None and r.cost_to_serve > 0)
              or (r.cost_ratio is not None and norm > 0 and r.cost_ratio > limit)]
    return title, basis, sorted(picked, key=lambda r: (-(r.cost_ratio if r.cost_ratio is not None else float("inf")),
                                                       r.account_name))
