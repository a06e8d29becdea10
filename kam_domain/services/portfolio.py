"""The portfolio view: accounts on the two-axis matrix, the 80/20 view, concentration, the
key-account cap, perception gaps, untapped potential, and the check of the criteria themselves.

Reads only. The chart is drawn by the bot from `PortfolioReport.points`.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone

from sqlalchemy import case, func
from sqlmodel import Session, select

from kam_domain.models import Account, Financial, Score, Criterion, TierChange
from kam_domain.rules import portfolio as rules
from kam_domain.rules.scoring import (
    DEFAULT_THRESHOLDS,
    CapCheck,
    CriterionDef,
    Quadrant,
    QuadrantThresholds,
    check_key_cap,
)
from kam_domain.services import effective_scores as effective, queries
from kam_domain.services.queries import workspace_current_scores as current_scores  # noqa: F401 (its old home)
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.selection import SelectionSettings, selection_settings
from kam_domain.services.tier_changes import key_account_count
from kam_domain.store.uow import UnitOfWork

PARETO_SHARE = 0.8


@dataclass
class PortfolioPoint:
    account_id: int
    name: str
    tier: str
    weighted: float | None
    attractiveness: float | None
    strength: float | None
    quadrant: str | None  # Quadrant value: strategic, star, status, streamline
    revenue: float
    profit: float
    customer_rating: float | None
    potential: float | None
    derived_only: bool = False  # placed from derived scores alone (no person scored it)


@dataclass
class QuadrantSummary:
    quadrant: str
    label: str
    advice: str
    count: int
    key_count: int
    names: list[str]  # key accounts first, then by profit


@dataclass
class ParetoView:
    share: float
    top: list[tuple[str, float, str]]  # name, profit, tier; largest first
    total_accounts: int
    total_profit: float
    covered_profit: float
    key_in_top: list[str]
    top_not_key: list[str]
    key_not_in_top: list[str]

    @property
    def share_of_accounts(self) -> float:
        return len(self.top) / self.total_accounts if self.total_accounts else 0.0

    @property
    def verdict(self) -> str:
        if not self.top:
            return "No account made a profit in this period."
        if not self.top_not_key and not self.key_not_in_top:
            return "The accounts that make the profit are exactly the key accounts."
        if not self.top_not_key:
            return "Every account that makes the profit is key; some key accounts are not among them."
        if not self.key_in_top:
            return "None of the accounts that make the profit is a key account: revisit the selection."
        return (f"{len(self.key_in_top)} of the {len(self.top)} accounts that make the profit are key; "
                f"{len(self.top_not_key)} are not.")


@dataclass
class GapLine:
    name: str
    tier: str
    ours: float
    theirs: float
    gap: float  # ours - theirs


@dataclass
class UntappedLine:
    name: str
    tier: str
    potential: float
    current: float
    untapped: float


@dataclass
class CriterionReading:
    key: str
    label: str
    accounts: int
    spearman: float | None
    reading: str


@dataclass
class CriteriaCheckReport:
    periods_before: list[str]
    periods_after: list[str]
    key: rules.GroupGrowth | None
    rest: rules.GroupGrowth | None
    readings: list[CriterionReading]
    underperformers: list[rules.Underperformer]
    benchmark_growth: float | None
    findings: list[str]
    note: str | None = None  # why there is no check (not enough history)


@dataclass
class PortfolioReport:
    periods: list[str]  # the latest year of financial periods
    total_accounts: int
    points: list[PortfolioPoint]
    unplaced: list[str]
    quadrants: list[QuadrantSummary]
    thresholds: QuadrantThresholds
    total_revenue: float
    total_profit: float
    key_revenue: float
    key_profit: float
    pareto: ParetoView
    concentration: list[tuple[str, float]]
    settings: SelectionSettings
    cap: CapCheck
    weakest_key: list[tuple[str, float | None]]  # when over the cap: demotion candidates
    gaps: list[GapLine]
    untapped: list[UntappedLine]
    total_untapped: float
    warnings: list[str]
    check: CriteriaCheckReport
    has_criteria: bool
    derived_only: list[str] = field(default_factory=list)  # placed from data only, by name
    default_criteria: bool = False  # the day-one template is in force (no criteria chosen yet)
    strength_criteria: list[str] = field(default_factory=list)  # labels: what the x-axis (strength) is made of
    attractiveness_criteria: list[str] = field(default_factory=list)  # and the y-axis
    customer_view: bool = False  # the customer's own rating of us is one of the strength criteria

    @property
    def placed(self) -> int:
        return self.total_accounts - len(self.unplaced)


# ============================================================================ overview


def portfolio_overview(uow: UnitOfWork, actor: Actor, today: date | None = None) -> PortfolioReport:
    """The portfolio on the matrix, placed by effective scores: a person's, else the data's."""
    today = effective.today_or_system(today)
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        accounts = visible_accounts(session, actor)
        defs = queries.criteria_defs(session, actor.team_id)
        financials = _financials(session, actor.team_id)
        all_periods = sorted({period for rows in financials.values() for period, _, _ in rows})
        current, at_cut = score_history(session, actor.team_id, _selection_cut(all_periods))
        scores = effective.effective_scores(session, actor.team_id, defs, today, person=current) if defs else None
        segments = segment_accounts(session, actor.team_id, accounts, defs, scores.values if scores else {})
        periods = rules.annual_periods(all_periods)
        money = _annual_money(financials, periods)
        points = [_point(a, segments.get(a.id), money.get(a.id), scores) for a in accounts]
        settings = selection_settings(session, actor.team_id)
        check = _criteria_check(session, actor.team_id, accounts, defs, financials, at_cut)
        cap = check_key_cap(key_account_count(session, actor.team_id), settings.key_account_cap)
        report = _report(points, periods, settings, cap, check, bool(defs))
        report.derived_only = [p.name for p in points if p.derived_only]
        report.default_criteria = effective.default_criteria_in_force(session, actor.team_id)
        report.strength_criteria = [d.label for d in defs if d.axis == "strength"]
        report.attractiveness_criteria = [d.label for d in defs if d.axis == "attractiveness"]
        report.customer_view = any(d.key == effective.rules.CUSTOMER_RATING for d in defs if d.axis == "strength")
        return report


@dataclass(frozen=True)
class AccountFacts:
    """What the portfolio needs of an account, read as plain columns (no ORM objects)."""

    id: int
    name: str
    tier: str
    restricted: bool
    key_since: date | None
    customer_rating: float | None
    potential_annual_value: float | None


def visible_accounts(session: Session, actor: Actor) -> list[AccountFacts]:
    """The workspace's accounts the actor may see, by name."""
    rows = session.connection().execute(
        select(Account.id, Account.name, Account.tier, Account.restricted, Account.key_since,
               Account.customer_rating, Account.potential_annual_value)
        .where(Account.team_id == actor.team_id).order_by(Account.name)
    ).all()
    facts = [AccountFacts(*row) for row in rows]
    restricted = [f.id for f in facts if f.restricted]
    if restricted and not actor.is_admin:
        readable = {a.id for a in session.exec(select(Account).where(Account.id.in_(restricted))).all()
                    if allowed(session, actor, Permission.READ, a)}
        facts = [f for f in facts if not f.restricted or f.id in readable]
    return facts


def segment_accounts(session: Session, team_id: str, accounts: list[AccountFacts], defs: list[CriterionDef],
                     scores: dict[int, dict[str, int]] | None = None,
                     today: date | None = None) -> dict[int, rules.SegmentedAccount]:
    """Weighted score, axes and quadrant of every account, from the effective scores (a person's
    current score, else the derived one) unless `scores` are given."""
    if not defs:
        return {}
    if scores is None:
        scores = effective.effective_scores(session, team_id, defs, effective.today_or_system(today)).values
    items = [rules.SegmentInput(a.id, a.name, scores.get(a.id, {})) for a in accounts]
    return {s.account_id: s for s in rules.segment(items, defs)}


def score_history(session: Session, team_id: str, cut: date | None
                  ) -> tuple[dict[int, dict[str, int]], dict[int, dict[str, int]]]:
    """(current scores, scores in force at the end of `cut`) in one ordered pass over the history.

    An account scored only after `cut` gets its earliest scores as "at cut": the first view
    we took of it.
    """
    keys = queries.active_criterion_keys(session, team_id)
    columns = [Score.account_id, Score.criterion_id, Score.value]
    if cut is not None:
        end = datetime.combine(cut, time.max, tzinfo=timezone.utc)
        columns.append(case((Score.scored_at <= end, 1), else_=0))
    rows = session.connection().execute(
        select(*columns).where(Score.team_id == team_id, Score.criterion_id.in_(list(keys)))
        .order_by(Score.scored_at, Score.id)
    ).all()
    current: dict[int, dict[str, int]] = defaultdict(dict)
    at_cut: dict[int, dict[str, int]] = defaultdict(dict)
    earliest: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        account_id, key, value = row[0], keys[row[1]], row[2]
        current[account_id][key] = value
        earliest[account_id].setdefault(key, value)
        if cut is None or row[3]:
            at_cut[account_id][key] = value
    return current, {a: {**earliest[a], **at_cut.get(a, {})} for a in earliest}


def _annual_money(financials: dict[int, list[tuple[str, float, float]]],
                  periods: list[str]) -> dict[int, queries.Money]:
    wanted = set(periods)
    money = {}
    for account_id, rows in financials.items():
        revenue = math.fsum(r for p, r, _ in rows if p in wanted)
        cost = math.fsum(c for p, _, c in rows if p in wanted)
        money[account_id] = queries.Money(revenue, cost)
    return money


def _point(account: AccountFacts, segment: rules.SegmentedAccount | None, money,
           scores: effective.EffectiveScores | None = None) -> PortfolioPoint:
    placed = bool(segment and segment.quadrant)
    return PortfolioPoint(
        account.id, account.name, account.tier,
        segment.weighted if segment else None, segment.attractiveness if segment else None,
        segment.strength if segment else None,
        segment.quadrant.value if segment and segment.quadrant else None,
        money.revenue if money else 0.0, money.profit if money else 0.0,
        _customer_rating(account, scores), account.potential_annual_value,
        derived_only=placed and scores is not None and scores.derived_only(account.id),
    )


def _customer_rating(account: AccountFacts, scores: effective.EffectiveScores | None) -> float | None:
    """The one value of the customer's rating of us: a person's score of the criterion, else the record."""
    person = scores.person.get(account.id, {}).get(effective.rules.CUSTOMER_RATING) if scores else None
    return effective.rules.customer_rating_shown(person, account.customer_rating)


def _report(points: list[PortfolioPoint], periods: list[str], settings: SelectionSettings, cap: CapCheck,
            check: CriteriaCheckReport, has_criteria: bool) -> PortfolioReport:
    """`cap` counts every key account of the workspace, also those the asker may not see."""
    key = [p for p in points if p.tier == "key"]
    untapped = _untapped(points)
    return PortfolioReport(
        periods=periods, total_accounts=len(points), points=points,
        unplaced=[p.name for p in points if p.quadrant is None],
        quadrants=_quadrants(points), thresholds=DEFAULT_THRESHOLDS,
        total_revenue=math.fsum(p.revenue for p in points), total_profit=math.fsum(p.profit for p in points),
        key_revenue=math.fsum(p.revenue for p in key), key_profit=math.fsum(p.profit for p in key),
        pareto=_pareto(points), concentration=_concentration(points, settings.concentration_share),
        settings=settings, cap=cap, weakest_key=_weakest_key(key, cap.over_by),
        gaps=_gaps(points, settings.perception_gap), untapped=untapped[:8],
        total_untapped=math.fsum(u.untapped for u in untapped),
        warnings=_warnings(points, has_criteria), check=check, has_criteria=has_criteria,
    )


def _quadrants(points: list[PortfolioPoint]) -> list[QuadrantSummary]:
    summaries = []
    for q in Quadrant:
        members = [p for p in points if p.quadrant == q.value]
        members.sort(key=lambda p: (p.tier != "key", -p.profit, p.name))
        summaries.append(QuadrantSummary(q.value, q.label, q.advice, len(members),
                                         sum(1 for p in members if p.tier == "key"), [p.name for p in members]))
    return summaries


def _pareto(points: list[PortfolioPoint]) -> ParetoView:
    by_id = {p.account_id: p for p in points}
    result = rules.pareto({p.account_id: p.profit for p in points}, PARETO_SHARE)
    split = rules.pareto_vs_key(result.top_ids, [p.account_id for p in points if p.tier == "key"])
    names = lambda ids: [by_id[i].name for i in ids]  # noqa: E731
    return ParetoView(
        PARETO_SHARE, [(by_id[i].name, by_id[i].profit, by_id[i].tier) for i in result.top_ids], len(points),
        result.total_profit, result.covered_profit, names(split.key_in_pareto), names(split.pareto_not_key),
        names(split.key_not_in_pareto),
    )


def _concentration(points: list[PortfolioPoint], share: float) -> list[tuple[str, float]]:
    by_id = {p.account_id: p.name for p in points}
    risky = rules.concentration_risk({p.account_id: p.profit for p in points}, share)
    return [(by_id[a], s) for a, s in risky]


def _weakest_key(key: list[PortfolioPoint], over_by: int) -> list[tuple[str, float | None]]:
    if not over_by:
        return []
    ordered = sorted(key, key=lambda p: (p.weighted is not None, p.weighted or 0.0, p.profit))
    return [(p.name, p.weighted) for p in ordered[: max(over_by, 3)]]


def _gaps(points: list[PortfolioPoint], threshold: float) -> list[GapLine]:
    by_id = {p.account_id: p for p in points}
    ours = {p.account_id: p.strength for p in points if p.strength is not None}
    theirs = {p.account_id: p.customer_rating for p in points if p.customer_rating is not None}
    return [GapLine(by_id[g.account_id].name, by_id[g.account_id].tier, g.ours, g.theirs, g.gap)
            for g in rules.perception_gaps(ours, theirs, threshold)]


def _untapped(points: list[PortfolioPoint]) -> list[UntappedLine]:
    by_id = {p.account_id: p for p in points}
    potential = {p.account_id: p.potential for p in points if p.potential}
    current = {p.account_id: p.revenue for p in points}
    return [UntappedLine(by_id[a].name, by_id[a].tier, by_id[a].potential, current.get(a, 0.0), gap)
            for a, gap in rules.largest_untapped(potential, current)]


def _warnings(points: list[PortfolioPoint], has_criteria: bool) -> list[str]:
    if not has_criteria:
        return ["No scoring criteria yet: an admin sets them with `/kam criteria template classic`; "
                "until then no account can be placed on the matrix."]
    warnings = []
    key = [p for p in points if p.tier == "key"]
    streamline = [p.name for p in key if p.quadrant == Quadrant.STREAMLINE.value]
    if streamline:
        warnings.append(f"Key but in Streamline (low attractiveness, weak position): {_names(streamline)}. "
                        "Review whether they should stay key.")
    strategic = sorted((p for p in points if p.tier != "key" and p.quadrant == Quadrant.STRATEGIC.value),
                       key=lambda p: -(p.weighted or 0))
    if strategic:
        warnings.append(f"Strategic but not key: {_names([p.name for p in strategic])}. Consider nominating them.")
    unplaced = [p.name for p in key if p.quadrant is None]
    if unplaced:
        warnings.append(f"Key accounts not placed on the matrix (scores missing): {_names(unplaced)}. "
                        "Score them with `/kam score`.")
    losing = [p.name for p in key if p.profit < 0]
    if losing:
        warnings.append(f"Key accounts losing money over the last year: {_names(losing)}.")
    return warnings


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# ============================================================================ criteria check


def criteria_check(uow: UnitOfWork, actor: Actor) -> CriteriaCheckReport:
    """Over the financial history: did key accounts grow more, which criteria went with growth?"""
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        accounts = visible_accounts(session, actor)
        financials = _financials(session, actor.team_id)
        periods = sorted({period for rows in financials.values() for period, _, _ in rows})
        _, at_cut = score_history(session, actor.team_id, _selection_cut(periods))
        return _criteria_check(session, actor.team_id, accounts, queries.criteria_defs(session, actor.team_id),
                               financials, at_cut)


def _selection_cut(periods: list[str]) -> date | None:
    """The end of the first half of the history: the selection in force for the second half."""
    size = len(periods) // 2
    return _period_end(periods[size - 1]) if size else None


def _criteria_check(session: Session, team_id: str, accounts: list[AccountFacts], defs: list[CriterionDef],
                    financials: dict[int, list[tuple[str, float, float]]],
                    scores: dict[int, dict[str, int]]) -> CriteriaCheckReport:
    periods = sorted({period for rows in financials.values() for period, _, _ in rows})
    size = len(periods) // 2
    if size == 0:
        return CriteriaCheckReport([], [], None, None, [], [], None, [],
                                   note="Not enough financial history: the check needs at least two periods "
                                        "(import financials with `kam import financials`).")
    events = _tier_events(session, team_id)
    ends = [(period, rules.period_end(period)) for period in periods]
    histories = [_history(a, financials[a.id], ends, events.get(a.id, []), scores.get(a.id, {}))
                 for a in accounts if a.id in financials]
    result = rules.criteria_check(histories, defs or None)
    readings = [CriterionReading(c.key, c.label, c.accounts, c.spearman, _reading(c.spearman, c.accounts))
                for c in result.correlations]
    note = None
    if result.key.accounts == 0:
        note = (f"No account was key at the end of {periods[size - 1]}, so there is no selection to check yet; "
                "the readings below compare criteria with growth across all accounts.")
    return CriteriaCheckReport(list(result.periods_before), list(result.periods_after), result.key, result.rest,
                               readings, list(result.underperformers), result.benchmark_growth,
                               list(result.findings), note)


def _financials(session: Session, team_id: str) -> dict[int, list[tuple[str, float, float]]]:
    rows = session.connection().execute(
        select(Financial.account_id, Financial.period, Financial.revenue, Financial.cost_to_serve)
        .where(Financial.team_id == team_id)
    ).all()
    by_account: dict[int, list[tuple[str, float, float]]] = defaultdict(list)
    for account_id, period, revenue, cost in rows:
        by_account[account_id].append((period, float(revenue or 0), float(cost or 0)))
    return by_account


def _tier_events(session: Session, team_id: str) -> dict[int, list[rules.TierEvent]]:
    rows = session.exec(
        select(TierChange).where(TierChange.team_id == team_id, TierChange.status == "approved")
    ).all()
    events: dict[int, list[rules.TierEvent]] = defaultdict(list)
    for c in rows:
        on = (c.decided_at or c.requested_at).date()
        events[c.account_id].append(rules.TierEvent(on, c.from_tier, c.to_tier))
    return events


def _history(account: AccountFacts, rows: list[tuple[str, float, float]], ends: list[tuple[str, date | None]],
             events: list[rules.TierEvent], scores: dict[str, int]) -> rules.AccountHistory:
    by_period = {period: (revenue, revenue - cost) for period, revenue, cost in rows}
    results = []
    for period, end in ends:
        revenue, profit = by_period.get(period, (0.0, 0.0))
        tier = rules.tier_on(end, account.tier, account.key_since, events) if end else account.tier
        results.append(rules.PeriodResult(period, revenue, profit, tier == "key"))
    return rules.AccountHistory(account.id, account.name, results, scores)


def _period_end(period: str) -> date | None:
    return rules.period_end(period)


def _reading(rho: float | None, accounts: int) -> str:
    if rho is None:
        return f"too few scored accounts with a history to tell ({accounts})"
    if rho >= 0.3:
        return "high scores went with profit growth"
    if rho <= -0.3:
        return "high scores went with falling profit: reconsider its weight"
    return "no clear link with profit growth"
