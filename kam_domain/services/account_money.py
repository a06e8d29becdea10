"""Revenue, cost to serve, profit, margin and growth of one account over its last N quarters.

The figures are what the customer pays us and what serving them costs us (the Financial rows,
imported per quarter or per month), never the customer's own size (`Account.customer_annual_revenue`).
The window ends at the workspace's latest quarter with figures, so an account that stopped buying
shows its empty quarters rather than its old ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import select

from kam_domain.errors import UserError
from kam_domain.models import Account, Financial
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.store.uow import UnitOfWork

DEFAULT_QUARTERS = 4
MAX_QUARTERS = 40
SOURCE = "imported financials: revenue is what the customer pays us, cost is our cost to serve"
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class QuarterMoney:
    period: str  # 2026-Q3
    revenue: float | None  # None: no figures for that quarter
    cost: float | None

    @property
    def profit(self) -> float | None:
        return None if self.revenue is None else self.revenue - (self.cost or 0.0)

    @property
    def margin(self) -> float | None:
        return margin(self.revenue, self.cost)


@dataclass(frozen=True)
class AccountMoney:
    account_id: int
    account_name: str
    quarters_asked: int
    quarters: list[QuarterMoney]  # oldest first, every quarter of the window
    revenue: float  # totals over the quarters with figures
    cost: float
    previous_revenue: float | None  # the N quarters before the window, when all of them have figures
    source: str = SOURCE

    @property
    def profit(self) -> float:
        return self.revenue - self.cost

    @property
    def margin(self) -> float | None:
        return margin(self.revenue, self.cost)

    @property
    def period(self) -> str:
        return f"{self.quarters[0].period} to {self.quarters[-1].period}" if self.quarters else "no quarters"

    @property
    def missing(self) -> list[str]:
        return [q.period for q in self.quarters if q.revenue is None]

    @property
    def growth(self) -> float | None:
        """Revenue of the last quarter with figures against the first one in the window."""
        known = [q.revenue for q in self.quarters if q.revenue is not None]
        return change(known[0], known[-1]) if len(known) >= 2 else None

    @property
    def growth_vs_previous(self) -> float | None:
        """Revenue of the window against the same number of quarters before it."""
        return change(self.previous_revenue, self.revenue) if self.previous_revenue is not None else None


def margin(revenue: float | None, cost: float | None) -> float | None:
    return None if not revenue else (revenue - (cost or 0.0)) / revenue


def change(before: float | None, after: float | None) -> float | None:
    return None if not before or after is None else (after - before) / abs(before)


def quarter_of(period: str) -> str | None:
    """"2026-Q3", "2026Q3" and "2026-09" -> "2026-Q3"; anything else (a year, a week) -> None."""
    period = (period or "").strip()
    if m := _QUARTER.match(period):
        return f"{m.group(1)}-Q{m.group(2)}"
    if (m := _MONTH.match(period)) and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-Q{(int(m.group(2)) - 1) // 3 + 1}"
    return None


def quarters_back(last: str, count: int) -> list[str]:
    """The `count` quarters ending with `last`, oldest first."""
    year, q = int(last[:4]), int(last[-1])
    out = []
    for _ in range(count):
        out.append(f"{year}-Q{q}")
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out[::-1]


def check_quarters(count: int | None) -> int:
    count = DEFAULT_QUARTERS if count is None else count
    if not 1 <= count <= MAX_QUARTERS:
        raise UserError(f"Ask for 1 to {MAX_QUARTERS} quarters, e.g. `/kam revenue Borealis 8 quarters`.")
    return count


def account_money(uow: UnitOfWork, actor: Actor, account_text: str, quarters: int | None = None) -> AccountMoney:
    count = check_quarters(quarters)
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="revenue")
        require(uow.session, actor, Permission.READ, account)
        return money_of(uow.session, account, count)


def money_of(session, account: Account, count: int) -> AccountMoney:
    latest = _latest_quarter(session, account.team_id)
    by_quarter = _account_quarters(session, account)
    window = quarters_back(latest, count) if latest else []
    rows = [QuarterMoney(p, *by_quarter[p]) if p in by_quarter else QuarterMoney(p, None, None) for p in window]
    before = quarters_back(window[0], count + 1)[:-1] if window else []
    previous = sum(by_quarter[p][0] for p in before) if before and all(p in by_quarter for p in before) else None
    return AccountMoney(account.id, account.name, count, rows, sum(q.revenue or 0.0 for q in rows),
                        sum(q.cost or 0.0 for q in rows), previous)


def _latest_quarter(session, team_id: str) -> str | None:
    periods = session.exec(select(Financial.period).where(Financial.team_id == team_id).distinct()).all()
    quarters = [q for q in map(quarter_of, periods) if q]
    return max(quarters) if quarters else None


def _account_quarters(session, account: Account) -> dict[str, tuple[float, float]]:
    rows = session.exec(select(Financial.period, Financial.revenue, Financial.cost_to_serve).where(
        Financial.team_id == account.team_id, Financial.account_id == account.id)).all()
    totals: dict[str, tuple[float, float]] = {}
    for period, revenue, cost in rows:
        quarter = quarter_of(period)
        if quarter:
            before = totals.get(quarter, (0.0, 0.0))
            totals[quarter] = (before[0] + float(revenue or 0), before[1] + float(cost or 0))
    return totals
