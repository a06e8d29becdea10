"""The weekly digest for the KAM channel, and the weekly snapshot of quadrants it compares.

Reviews done, due and overdue; coverage gaps of key accounts; quadrant moves and new
watch-list accounts since last week's snapshot; how concentrated profit is. Restricted
accounts are counted, never named: the digest channel is wider than their account team.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.models import Account, Financial, QuadrantSnapshot, Review, Stakeholder
from kam_domain.rules import portfolio as rules
from kam_domain.rules.relationships import coverage
from kam_domain.rules.scoring import watch_reasons
from kam_domain.services import queries
from kam_domain.services.selection import selection_settings
from kam_domain.store.inserts import insert_ignoring_duplicates

PROFIT_SHARE = 0.8
MAX_LINES = 10


@dataclass
class DigestReview:
    account_id: int
    account_name: str
    due_on: date
    done_on: date | None = None
    done_by: str | None = None
    engagement: int | None = None
    loyalty: int | None = None


@dataclass
class CoverageLine:
    account_id: int
    account_name: str
    status: str
    gaps: list[str]


@dataclass
class QuadrantMove:
    account_id: int
    account_name: str
    before: str
    after: str


@dataclass
class Concentration:
    periods: list[str]
    accounts: int  # accounts with financials
    top: int  # fewest accounts making PROFIT_SHARE of profit
    key_in_top: int
    top_not_key: list[str]
    risky: list[tuple[str, float]]  # accounts above the concentration share, with their share


@dataclass
class Digest:
    team_id: str
    week_start: date
    week_end: date
    done: list[DigestReview] = field(default_factory=list)
    due: list[DigestReview] = field(default_factory=list)
    overdue: list[DigestReview] = field(default_factory=list)
    coverage: list[CoverageLine] = field(default_factory=list)
    moves: list[QuadrantMove] = field(default_factory=list)
    new_watch: list[str] = field(default_factory=list)
    concentration: Concentration | None = None
    compared_weeks: bool = False  # False: no snapshot of the week before yet
    restricted_hidden: int = 0


def week_of(day: date) -> date:
    """The Monday of that day's week: how snapshots are keyed."""
    return day - timedelta(days=day.weekday())


def weekly_digest(session: Session, team_id: str, week_start: date, week_end: date, today: date) -> Digest:
    accounts = {a.id: a for a in session.exec(select(Account).where(Account.team_id == team_id)).all()}
    hidden = {a.id for a in accounts.values() if a.restricted}
    result = Digest(team_id, week_start, week_end)
    result.done, result.due, result.overdue = _reviews(session, team_id, accounts, week_start, week_end, today)
    result.coverage = _coverage(session, team_id, accounts, today)
    result.moves, result.new_watch, result.compared_weeks = _moves(session, team_id, accounts, week_of(week_end))
    result.concentration = _concentration(session, team_id, accounts)
    shown = {r.account_id for r in result.done + result.due + result.overdue} | {c.account_id for c in result.coverage}
    result.restricted_hidden = len(hidden & (shown | {m.account_id for m in result.moves}))
    _drop_restricted(result, hidden)
    return result


def _drop_restricted(result: Digest, hidden: set[int]) -> None:
    for name in ("done", "due", "overdue", "coverage", "moves"):
        setattr(result, name, [line for line in getattr(result, name) if line.account_id not in hidden])


def _reviews(session: Session, team_id: str, accounts: dict[int, Account], start: date, end: date,
             today: date) -> tuple[list[DigestReview], list[DigestReview], list[DigestReview]]:
    since = datetime.combine(start, time(0), tzinfo=timezone.utc)
    until = datetime.combine(end, time(0), tzinfo=timezone.utc)
    done = session.exec(select(Review).where(Review.team_id == team_id, Review.done_at >= since,
                                             Review.done_at < until).order_by(Review.done_at)).all()
    pending = session.exec(select(Review).where(Review.team_id == team_id, Review.done_at.is_(None),
                                                Review.due_on < end + timedelta(days=7))
                           .order_by(Review.due_on)).all()
    line = lambda r: DigestReview(r.account_id, accounts[r.account_id].name, r.due_on,  # noqa: E731
                                  r.done_at.date() if r.done_at else None, r.done_by, r.engagement_rating,
                                  r.loyalty_rating)
    in_scope = lambda r: r.account_id in accounts and accounts[r.account_id].tier != "regular"  # noqa: E731
    return ([line(r) for r in done if r.account_id in accounts],
            [line(r) for r in pending if in_scope(r) and r.due_on >= today],
            [line(r) for r in pending if in_scope(r) and r.due_on < today])


def _coverage(session: Session, team_id: str, accounts: dict[int, Account], today: date) -> list[CoverageLine]:
    key = {id_: a for id_, a in accounts.items() if a.tier == "key"}
    people: dict[int, list] = {id_: [] for id_ in key}
    rows = session.exec(select(Stakeholder).where(Stakeholder.team_id == team_id,
                                                  Stakeholder.account_id.in_(list(key) or [-1]))).all()
    for person in rows:
        people[person.account_id].append(queries.to_view(person))
    lines = []
    for id_, account in key.items():
        cover = coverage(people[id_], account.tier, today, account.sponsor_user_id)
        if cover.status != "green":
            lines.append(CoverageLine(id_, account.name, cover.status, [g.message for g in cover.gaps[:2]]))
    return sorted(lines, key=lambda c: (c.status != "red", c.account_name))


def _moves(session: Session, team_id: str, accounts: dict[int, Account],
           week: date) -> tuple[list[QuadrantMove], list[str], bool]:
    now = _snapshot(session, team_id, week)
    before = _snapshot(session, team_id, week - timedelta(days=7))
    if not now or not before:
        return [], [], False
    moves, watch = [], []
    for account_id, (_, box, on_watch) in now.items():
        if account_id not in accounts or account_id not in before:
            continue
        _, old_box, was_watched = before[account_id]
        if box and old_box and box != old_box:
            moves.append(QuadrantMove(account_id, accounts[account_id].name, old_box, box))
        if on_watch and not was_watched and not accounts[account_id].restricted:
            watch.append(accounts[account_id].name)
    return sorted(moves, key=lambda m: m.account_name), sorted(watch), True


def _snapshot(session: Session, team_id: str, week: date) -> dict[int, tuple[str, str | None, bool]]:
    rows = session.exec(select(QuadrantSnapshot.account_id, QuadrantSnapshot.tier, QuadrantSnapshot.quadrant,
                               QuadrantSnapshot.watch)
                        .where(QuadrantSnapshot.team_id == team_id, QuadrantSnapshot.week_start == week)).all()
    return {account_id: (tier, box, watch) for account_id, tier, box, watch in rows}


def _concentration(session: Session, team_id: str, accounts: dict[int, Account]) -> Concentration | None:
    periods = queries.recent_periods(session, team_id)
    money = queries.money_by_account(session, team_id, periods)
    if not money:
        return None
    profits = {id_: m.profit for id_, m in money.items() if id_ in accounts}
    top = rules.pareto(profits, PROFIT_SHARE)
    split = rules.pareto_vs_key(top.top_ids, [i for i, a in accounts.items() if a.tier == "key"])
    share = selection_settings(session, team_id).concentration_share
    name = lambda i: accounts[i].name if not accounts[i].restricted else "a restricted account"  # noqa: E731
    return Concentration(periods, len(profits), len(top.top_ids), len(split.key_in_pareto),
                         [name(i) for i in split.pareto_not_key[:MAX_LINES]],
                         [(name(i), s) for i, s in rules.concentration_risk(profits, share)])


# ============================================================================ the weekly snapshot


def take_weekly_snapshot(session: Session, team_id: str, today: date) -> int:
    """Record every account's tier, quadrant and watch-list flag for this week, once."""
    week = week_of(today)
    taken = session.exec(select(func.count()).select_from(QuadrantSnapshot)
                         .where(QuadrantSnapshot.team_id == team_id, QuadrantSnapshot.week_start == week)).one()
    if taken:
        return 0
    rows = [{"team_id": team_id, "week_start": week, "account_id": id_, "tier": tier, "quadrant": box,
             "watch": watch} for id_, tier, box, watch in positions(session, team_id)]
    if rows:
        # Two passes at the same moment may both find no snapshot: the second's rows are skipped.
        session.execute(insert_ignoring_duplicates(session, QuadrantSnapshot,
                                                   ["team_id", "week_start", "account_id"]), rows)
    return len(rows)


def positions(session: Session, team_id: str) -> list[tuple[int, str, str | None, bool]]:
    """(account, tier, quadrant, on the watch-list) for every account, from current scores."""
    accounts = session.exec(select(Account.id, Account.name, Account.tier).where(Account.team_id == team_id)).all()
    defs = queries.criteria_defs(session, team_id)
    scores = queries.current_scores(session, team_id) if defs else {}
    segments = {s.account_id: s for s in rules.segment(
        (rules.SegmentInput(id_, name, scores.get(id_, {})) for id_, name, _ in accounts), defs)} if defs else {}
    settings = selection_settings(session, team_id)
    revenue = _revenue(session, team_id)
    out = []
    for id_, _, tier in accounts:
        seg = segments.get(id_)
        weighted = seg.weighted if seg else None
        watch = tier == "candidate" or bool(watch_reasons(tier, weighted, settings.watch_threshold,
                                                           revenue.get(id_, []), settings.growth_threshold))
        out.append((id_, tier, seg.quadrant.value if seg and seg.quadrant else None, watch))
    return out


def _revenue(session: Session, team_id: str) -> dict[int, list[tuple[str, float]]]:
    """Revenue by period of the last 8 periods: what revenue growth compares (4 against the 4 before)."""
    periods = queries.recent_periods(session, team_id, count=8)
    revenue: dict[int, list[tuple[str, float]]] = {}
    for account_id, period, value in session.exec(
            select(Financial.account_id, Financial.period, Financial.revenue)
            .where(Financial.team_id == team_id, Financial.period.in_(periods or ["-"]))):
        revenue.setdefault(account_id, []).append((period, float(value or 0)))
    return revenue
