"""Portfolio analysis: profitability, the 80/20 view, concentration, perception gaps,
untapped potential, segmentation into quadrants and the periodic check of the
selection criteria themselves. Pure functions over plain values."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from kam_domain.rules.scoring import (
    ATTRACTIVENESS,
    DEFAULT_THRESHOLDS,
    CriterionDef,
    Quadrant,
    QuadrantThresholds,
    quadrant,
)

AccountId = Hashable

# --- profitability -------------------------------------------------------------------


@dataclass(frozen=True)
class Profitability:
    revenue: float
    cost: float
    profit: float
    ratio: float | None  # revenue / cost-to-serve; None when cost is 0


def profitability(revenue: float, cost: float) -> Profitability:
    """Profit and revenue/cost ratio of what the customer pays us against cost-to-serve."""
    if not (math.isfinite(revenue) and math.isfinite(cost)):
        raise ValueError("Revenue and cost must be finite numbers.")
    if cost < 0:
        raise ValueError(f"Cost-to-serve cannot be negative (got {cost}).")
    ratio = revenue / cost if cost else None
    return Profitability(revenue, cost, revenue - cost, ratio)


# --- 80/20 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParetoResult:
    top_ids: list[AccountId]  # largest profit first
    share_of_accounts: float  # len(top_ids) / all accounts given
    total_profit: float  # sum of positive profits
    covered_profit: float  # sum of the top accounts' profits
    share: float  # the profit share asked for


def pareto(profits: Mapping[AccountId, float], share: float = 0.8) -> ParetoResult:
    """The fewest accounts, largest first, that make `share` of total positive profit.

    Loss-making and break-even accounts are never in the set; ties keep input order.
    """
    if not 0 < share <= 1:
        raise ValueError(f"The profit share must be in (0, 1], not {share}.")
    positive = sorted(
        ((account, p) for account, p in profits.items() if p > 0), key=lambda ap: -ap[1]
    )
    total = math.fsum(p for _, p in positive)
    target = share * total
    slack = 1e-12 * total  # absorbs float noise in the running sum
    top: list[AccountId] = []
    covered = 0.0
    for account, profit in positive:
        if top and covered >= target - slack:
            break
        top.append(account)
        covered += profit
    share_of_accounts = len(top) / len(profits) if profits else 0.0
    return ParetoResult(top, share_of_accounts, total, covered, share)


class ParetoVsKey(NamedTuple):
    key_in_pareto: list[AccountId]
    pareto_not_key: list[AccountId]
    key_not_in_pareto: list[AccountId]


def pareto_vs_key(
    pareto_ids: Sequence[AccountId], key_ids: Iterable[AccountId]
) -> ParetoVsKey:
    """Whether the accounts that make the profit are the key accounts."""
    key_list = list(dict.fromkeys(key_ids))
    keys = set(key_list)
    in_pareto = set(pareto_ids)
    return ParetoVsKey(
        key_in_pareto=[a for a in pareto_ids if a in keys],
        pareto_not_key=[a for a in pareto_ids if a not in keys],
        key_not_in_pareto=[a for a in key_list if a not in in_pareto],
    )


def concentration_risk(
    profits: Mapping[AccountId, float], max_share: float = 0.25
) -> list[tuple[AccountId, float]]:
    """Accounts making more than `max_share` of total positive profit, largest first."""
    total = math.fsum(p for p in profits.values() if p > 0)
    if total <= 0:
        return []
    risky = [(a, p / total) for a, p in profits.items() if p > 0 and p / total > max_share]
    return sorted(risky, key=lambda item: -item[1])


# --- perception and potential ------------------------------------------------------------


class PerceptionGap(NamedTuple):
    account_id: AccountId
    ours: float
    theirs: float
    gap: float  # ours - theirs: positive when we rate the relationship higher


def perception_gaps(
    our_view: Mapping[AccountId, float],
    customer_view: Mapping[AccountId, float],
    threshold: float = 2.0,
) -> list[PerceptionGap]:
    """Accounts where our view and the customer's differ by at least `threshold`.

    Only accounts rated from both sides count; largest gap first.
    """
    gaps = [
        PerceptionGap(a, ours, customer_view[a], ours - customer_view[a])
        for a, ours in our_view.items()
        if a in customer_view and abs(ours - customer_view[a]) >= threshold
    ]
    return sorted(gaps, key=lambda g: -abs(g.gap))


def untapped_potential(
    potential: Mapping[AccountId, float], current: Mapping[AccountId, float]
) -> dict[AccountId, float]:
    """max(0, potential - current) per account with a potential; no current means 0."""
    return {a: max(0.0, p - current.get(a, 0.0)) for a, p in potential.items()}


def largest_untapped(
    potential: Mapping[AccountId, float],
    current: Mapping[AccountId, float],
    limit: int | None = None,
) -> list[tuple[AccountId, float]]:
    """Accounts with untapped potential, largest first (zero gaps left out)."""
    gaps = [(a, g) for a, g in untapped_potential(potential, current).items() if g > 0]
    gaps.sort(key=lambda item: -item[1])
    return gaps if limit is None else gaps[:limit]


# --- segmentation ----------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentInput:
    account_id: AccountId
    name: str
    scores: Mapping[str, float]


@dataclass(frozen=True)
class SegmentedAccount:
    account_id: AccountId
    name: str
    weighted: float | None
    attractiveness: float | None
    strength: float | None
    quadrant: Quadrant | None


def segment(
    accounts: Iterable[SegmentInput],
    defs: Sequence[CriterionDef],
    thresholds: QuadrantThresholds = DEFAULT_THRESHOLDS,
) -> list[SegmentedAccount]:
    """Weighted score, both axes and quadrant for every account in one pass."""
    # Same arithmetic as scoring.weighted_score, unrolled: this runs over the whole
    # portfolio on every /kam portfolio.
    plan = [(d.key, float(d.weight), d.axis == ATTRACTIVENESS) for d in defs]
    result = []
    for account in accounts:
        scores = account.scores
        att_sum = att_w = str_sum = str_w = 0.0
        for key, weight, is_attractiveness in plan:
            score = scores.get(key)
            if score is None:
                continue
            if is_attractiveness:
                att_sum += weight * score
                att_w += weight
            else:
                str_sum += weight * score
                str_w += weight
        total_w = att_w + str_w
        weighted = (att_sum + str_sum) / total_w if total_w else None
        attractiveness = att_sum / att_w if att_w else None
        strength = str_sum / str_w if str_w else None
        result.append(
            SegmentedAccount(
                account.account_id,
                account.name,
                weighted,
                attractiveness,
                strength,
                quadrant(attractiveness, strength, thresholds),
            )
        )
    return result


def quadrant_counts(
    items: Iterable[SegmentedAccount | Quadrant | None],
) -> dict[Quadrant | None, int]:
    """Accounts per quadrant, every quadrant present; key None counts unplaced accounts."""
    counts: dict[Quadrant | None, int] = {q: 0 for q in Quadrant}
    counts[None] = 0
    for item in items:
        q = item.quadrant if isinstance(item, SegmentedAccount) else item
        counts[q] += 1
    return counts


# --- are our criteria right? ---------------------------------------------------------------


@dataclass(frozen=True)
class PeriodResult:
    """One account in one period: what it paid us, the profit, and whether it was key."""

    period: object  # anything sortable and hashable: "2025-Q3", a date, an int
    revenue: float
    profit: float
    is_key: bool


@dataclass(frozen=True)
class AccountHistory:
    account_id: AccountId
    name: str
    periods: Sequence[PeriodResult]
    scores: Mapping[str, float]  # criterion scores at selection time


@dataclass(frozen=True)
class GroupGrowth:
    accounts: int
    revenue_before: float
    revenue_after: float
    revenue_growth: float | None
    profit_before: float
    profit_after: float
    profit_growth: float | None


@dataclass(frozen=True)
class CriterionCorrelation:
    key: str
    label: str
    accounts: int  # accounts with both a score and a measurable profit growth
    spearman: float | None  # None with < 3 accounts or a constant series


@dataclass(frozen=True)
class Underperformer:
    account_id: AccountId
    name: str
    profit_before: float
    profit_after: float
    profit_growth: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CriteriaCheck:
    periods_before: tuple[object, ...]
    periods_after: tuple[object, ...]
    key: GroupGrowth
    rest: GroupGrowth
    correlations: tuple[CriterionCorrelation, ...]
    benchmark_growth: float | None  # median profit growth of the non-key accounts
    underperformers: tuple[Underperformer, ...]
    findings: tuple[str, ...]


@dataclass(frozen=True)
class _Measured:
    history: AccountHistory
    is_key: bool
    revenue_before: float
    revenue_after: float
    profit_before: float
    profit_after: float

    @property
    def profit_growth(self) -> float | None:
        return growth(self.profit_before, self.profit_after)


def growth(before: float, after: float) -> float | None:
    """(after - before) / |before|; None when before is 0."""
    if before == 0:
        return None
    return (after - before) / abs(before)


def criteria_check(
    accounts: Sequence[AccountHistory],
    defs: Sequence[CriterionDef] | None = None,
    window: int | None = None,
) -> CriteriaCheck:
    """Did key accounts return what their selection promised?

    Compares the first `window` periods with the last `window` (default: first half
    with second half). An account is key if it was key in the last period of the
    first window, i.e. the selection in force for the second. A period with no
    record counts as no revenue and no profit.
    """
    before, after = _windows(accounts, window)
    measured = [_measure(a, before, after) for a in accounts]
    key_group = [m for m in measured if m.is_key]
    rest_group = [m for m in measured if not m.is_key]
    rest_growths = [g for m in rest_group if (g := m.profit_growth) is not None]
    benchmark = median(rest_growths)
    key_growth = _group_growth(key_group)
    rest_growth = _group_growth(rest_group)
    correlations = tuple(_correlations(measured, defs))
    # one precision for the median in every sentence, enough to tell each growth below it apart
    decimals = max((percent_decimals(g, benchmark) for m in key_group
                    if benchmark is not None and (g := m.profit_growth) is not None and g < benchmark), default=0)
    underperformers = tuple(
        u for m in key_group if (u := _underperformer(m, benchmark, decimals)) is not None
    )
    findings = _findings(key_growth, rest_growth, correlations, underperformers)
    return CriteriaCheck(
        tuple(before),
        tuple(after),
        key_growth,
        rest_growth,
        correlations,
        benchmark,
        underperformers,
        findings,
    )


def _windows(
    accounts: Sequence[AccountHistory], window: int | None
) -> tuple[list[object], list[object]]:
    periods = sorted({r.period for a in accounts for r in a.periods})
    size = len(periods) // 2 if window is None else min(window, len(periods) // 2)
    if size <= 0:
        return [], []
    return periods[:size], periods[-size:]


def _measure(account: AccountHistory, before: list[object], after: list[object]) -> _Measured:
    by_period = {r.period: r for r in account.periods}
    is_key = _key_at(account, before[-1]) if before else False

    def total(periods: list[object], field: str) -> float:
        return math.fsum(getattr(by_period[p], field) for p in periods if p in by_period)

    return _Measured(
        account,
        is_key,
        total(before, "revenue"),
        total(after, "revenue"),
        total(before, "profit"),
        total(after, "profit"),
    )


def _key_at(account: AccountHistory, period: object) -> bool:
    """Tier in force at `period`: the latest record at or before it."""
    earlier = [r for r in account.periods if r.period <= period]
    return bool(earlier) and max(earlier, key=lambda r: r.period).is_key


def _group_growth(group: Sequence[_Measured]) -> GroupGrowth:
    revenue_before = math.fsum(m.revenue_before for m in group)
    revenue_after = math.fsum(m.revenue_after for m in group)
    profit_before = math.fsum(m.profit_before for m in group)
    profit_after = math.fsum(m.profit_after for m in group)
    return GroupGrowth(
        len(group),
        revenue_before,
        revenue_after,
        growth(revenue_before, revenue_after),
        profit_before,
        profit_after,
        growth(profit_before, profit_after),
    )


def _correlations(
    measured: Sequence[_Measured], defs: Sequence[CriterionDef] | None
) -> Iterable[CriterionCorrelation]:
    if defs is None:
        keys = sorted({k for m in measured for k in m.history.scores})
        labelled = [(k, k.replace("_", " ").capitalize()) for k in keys]
    else:
        labelled = [(d.key, d.label) for d in defs]
    for key, label in labelled:
        pairs = [
            (m.history.scores[key], g)
            for m in measured
            if key in m.history.scores and (g := m.profit_growth) is not None
        ]
        scores = [s for s, _ in pairs]
        growths = [g for _, g in pairs]
        yield CriterionCorrelation(key, label, len(pairs), spearman(scores, growths))


def _underperformer(m: _Measured, benchmark: float | None, decimals: int = 0) -> Underperformer | None:
    reasons = []
    g = m.profit_growth
    if m.profit_after < 0:
        reasons.append(f"made a loss of {-m.profit_after:,.0f} in the later periods")
    if g is not None and benchmark is not None and g < benchmark:
        ours, median_text = f"{g:.{decimals}%}", f"{benchmark:.{decimals}%}"
        reasons.append(
            f"profit growth {ours} is below the {median_text} median of non-key accounts"
        )
    if not reasons:
        return None
    return Underperformer(
        m.history.account_id, m.history.name, m.profit_before, m.profit_after, g, tuple(reasons)
    )


def _findings(
    key: GroupGrowth,
    rest: GroupGrowth,
    correlations: Sequence[CriterionCorrelation],
    underperformers: Sequence[Underperformer],
) -> tuple[str, ...]:
    findings = []
    if key.profit_growth is not None and rest.profit_growth is not None:
        verb = "outgrew" if key.profit_growth > rest.profit_growth else "did not outgrow"
        ours, theirs = distinct_percents(key.profit_growth, rest.profit_growth, signed=True)
        findings.append(f"Key accounts {verb} the rest: profit {ours} against {theirs}.")
    for c in correlations:
        if c.spearman is not None and c.spearman <= -0.3:
            findings.append(
                f"'{c.label}' scores ran against later profit growth (Spearman "
                f"{c.spearman:+.2f} over {c.accounts} accounts): reconsider its weight."
            )
    if underperformers:
        findings.append(
            f"{len(underperformers)} key account(s) returned less than their selection "
            "promised."
        )
    return tuple(findings)


# --- percentages in sentences ----------------------------------------------------------------


def percent_decimals(a: float, b: float, max_decimals: int = 2) -> int:
    """The fewest decimals (0..max) at which two unequal shares read differently as percentages."""
    for decimals in range(max_decimals + 1):
        if a == b or f"{a:.{decimals}%}" != f"{b:.{decimals}%}":
            return decimals
    return max_decimals


def distinct_percents(a: float, b: float, signed: bool = False, max_decimals: int = 2) -> tuple[str, str]:
    """Both shares as percentages with enough precision that a sentence comparing them never
    contradicts itself ("1% is below the 1% median" becomes "0.6% is below the 1.2% median")."""
    decimals = percent_decimals(a, b, max_decimals)
    form = f"{{:{'+' if signed else ''}.{decimals}%}}"
    return form.format(a), form.format(b)


# --- statistics (standard library only) ----------------------------------------------------


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; None with fewer than 3 pairs or a constant series."""
    if len(xs) != len(ys):
        raise ValueError("Correlation needs two series of the same length.")
    n = len(xs)
    if n < 3:
        return None
    mean_x = math.fsum(xs) / n
    mean_y = math.fsum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx = math.fsum(d * d for d in dx)
    syy = math.fsum(d * d for d in dy)
    if sxx == 0 or syy == 0:
        return None
    r = math.fsum(a * b for a, b in zip(dx, dy)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman rank correlation (ties get their average rank)."""
    if len(xs) != len(ys):
        raise ValueError("Correlation needs two series of the same length.")
    return pearson(ranks(xs), ranks(ys))


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        average = (start + end) / 2 + 1
        for i in order[start : end + 1]:
            result[i] = average
        start = end + 1
    return result


# --- financial periods and tier history ----------------------------------------------------

_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def period_end(label: str) -> date | None:
    """The last day of a financial period: "2026-Q3", "2026-09", "2026" or "2026-09-30"."""
    text = str(label).strip().upper()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31)
        year_text, sep, rest = text.partition("-")
        year = int(year_text)
        if sep and rest.startswith("Q") and rest[1:].isdigit() and int(rest[1:]) in _QUARTER_END:
            month, day = _QUARTER_END[int(rest[1:])]
            return date(year, month, day)
        if sep and rest.isdigit() and 1 <= int(rest) <= 12:
            month = int(rest)
            following = date(year + month // 12, month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date.fromisoformat(str(label).strip())
    except ValueError:
        return None


def periods_per_year(label: str) -> int:
    """4 for quarters ("2026-Q3"), 12 for months ("2026-09"), 1 for years ("2026")."""
    text = str(label).strip().upper()
    if len(text) == 4 and text.isdigit():
        return 1
    rest = text.partition("-")[2]
    if rest.startswith("Q"):
        return 4
    if rest.isdigit() and len(rest) <= 2:
        return 12
    return 4


def annual_periods(periods: Sequence[str]) -> list[str]:
    """The latest year's worth of periods (the last 4 quarters, 12 months or 1 year)."""
    ordered = sorted(periods)
    if not ordered:
        return []
    return ordered[-periods_per_year(ordered[-1]):]


@dataclass(frozen=True)
class TierEvent:
    """An approved tier change: from `on` the account had tier `to_tier`."""

    on: date
    from_tier: str
    to_tier: str


def tier_on(
    day: date, current_tier: str, key_since: date | None, events: Sequence[TierEvent]
) -> str:
    """The tier an account had on `day`, from its approved tier changes.

    Before the first recorded change it had that change's `from_tier`. With no recorded
    change, a key account was key from `key_since` on (regular before), or always.
    """
    if events:
        ordered = sorted(events, key=lambda e: e.on)
        tier = ordered[0].from_tier
        for event in ordered:
            if event.on > day:
                break
            tier = event.to_tier
        return tier
    if current_tier == "key" and key_since is not None and day < key_since:
        return "regular"
    return current_tier
