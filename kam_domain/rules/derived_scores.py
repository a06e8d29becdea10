"""Scores the data answers: a 1-10 score per derivable criterion, with where it came from.

Pure functions over plain values. A criterion whose key is in DERIVABLE is scored from the data
when a person has not scored it (the service decides who wins: a person always does). No data
means no score, never a made-up middle value: the criterion then waits for a person.

Scales are relative to the workspace's portfolio where an absolute scale makes no sense (revenue
to us, the customer's size: percentile rank among the accounts with data) and absolute where it
does (margin, growth, cost to serve, sentiment, breadth, recency, the customer's rating of us).
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from kam_domain.rules.portfolio import periods_per_year

AccountId = Hashable

REVENUE_TO_US = "revenue_to_us"
PROFIT_MARGIN = "profit_margin"
REVENUE_GROWTH = "revenue_growth"
CUSTOMER_SIZE = "customer_size"
COST_TO_SERVE = "cost_to_serve"
STAKEHOLDER_SENTIMENT = "stakeholder_sentiment"
RELATIONSHIP_BREADTH = "relationship_breadth"
CONTACT_RECENCY = "contact_recency"
CUSTOMER_RATING = "customer_rating_of_us"

# key -> what the score is made of (shown where a criterion waits or is explained)
DERIVABLE: dict[str, str] = {
    REVENUE_TO_US: "financials (revenue, last year, ranked in the portfolio)",
    PROFIT_MARGIN: "financials (profit / revenue, last year)",
    REVENUE_GROWTH: "financials (last year against the year before)",
    CUSTOMER_SIZE: "the customer's own annual revenue (ranked in the portfolio)",
    COST_TO_SERVE: "financials (cost to serve / revenue, last year)",
    STAKEHOLDER_SENTIMENT: "stakeholder attitudes (weighted by influence) and logged meetings",
    RELATIONSHIP_BREADTH: "the stakeholder map (people with real contact)",
    CONTACT_RECENCY: "last contact with anyone at the customer",
    CUSTOMER_RATING: "the customer's own rating of us",
}
RELATIVE_KEYS = (REVENUE_TO_US, CUSTOMER_SIZE)

MIN_PEERS = 3  # a percentile rank needs at least this many accounts with data
MEETING_WINDOW_DAYS = 365  # meetings older than this say nothing about today's sentiment
PEOPLE_SHARE = 0.6  # of the sentiment, when both people and meetings say something

# growth at or above each step adds one point to 1: below -30% = 1, flat = 5, +50% or more = 10
GROWTH_STEPS = (-0.30, -0.20, -0.10, -0.03, 0.03, 0.10, 0.20, 0.30, 0.50)
# people with real contact at or above each step: 0 = 1, 1 = 3, 2 = 4, 3 = 6, ... 8 or more = 10
BREADTH_SCORES = ((8, 10), (6, 9), (5, 8), (4, 7), (3, 6), (2, 4), (1, 3), (0, 1))
# days since the last contact at or below each limit: 14 days = 10 ... more than a year = 1
RECENCY_SCORES = ((14, 10), (30, 9), (45, 8), (60, 7), (90, 6), (120, 5), (180, 4), (270, 3), (365, 2))
_RECENCY_LIMITS = [limit for limit, _ in RECENCY_SCORES]
_RECENCY_VALUES = [score for _, score in RECENCY_SCORES] + [1]


class DerivedScore(NamedTuple):
    """A score from the data. Its provenance text is written only when asked for: a portfolio of
    10,000 accounts needs the values, a card needs the words."""

    value: int  # 1..10
    kind: str  # which text: a key of _PROVENANCE
    facts: tuple = ()

    @property
    def provenance(self) -> str:  # "from financials, 2025-Q4..2026-Q3: margin 38%"
        return _PROVENANCE[self.kind](*self.facts)


# ============================================================================ inputs


@dataclass(frozen=True)
class Windows:
    """The workspace's financial periods: the last year, and for growth two equal windows."""

    year: tuple[str, ...]
    growth_recent: tuple[str, ...]
    growth_previous: tuple[str, ...]


def windows(periods: Iterable[str]) -> Windows:
    """Last year's worth of periods (4 quarters, 12 months, 1 year); growth compares the last
    year with the year before, or the last half of the history with the half before when there is
    less than two years of it."""
    ordered = sorted(set(periods))
    if not ordered:
        return Windows((), (), ())
    per_year = periods_per_year(ordered[-1])
    year = tuple(ordered[-per_year:])
    size = min(per_year, len(ordered) // 2)
    if size == 0:
        return Windows(year, (), ())
    return Windows(year, tuple(ordered[-size:]), tuple(ordered[-2 * size:-size]))


@dataclass(frozen=True)
class MoneyFacts:
    """What an account paid us and cost us over the windows (periods without a row count as 0)."""

    revenue: float  # last year
    cost: float
    growth_recent: float
    growth_previous: float


def money_facts(rows: Iterable[tuple[str, float, float]], w: Windows) -> MoneyFacts | None:
    """From (period, revenue, cost) rows; None when the account has no financial row at all."""
    rows = list(rows)
    if not rows:
        return None
    year, recent, previous = set(w.year), set(w.growth_recent), set(w.growth_previous)
    return MoneyFacts(
        revenue=math.fsum(r for p, r, _ in rows if p in year),
        cost=math.fsum(c for p, _, c in rows if p in year),
        growth_recent=math.fsum(r for p, r, _ in rows if p in recent),
        growth_previous=math.fsum(r for p, r, _ in rows if p in previous),
    )


@dataclass(frozen=True)
class Person:
    attitude: int  # -2 hostile .. +2 champion
    influence: int  # 1..5
    contact_level: str  # none, brief, multiple, in_depth
    last_contact_on: date | None


@dataclass(frozen=True)
class PeopleFacts:
    """The stakeholder map of an account, summed up (the service sums it in SQL)."""

    known: int  # people on the map
    in_contact: int  # with real contact: a contact level above none, or a last contact date
    informative: int  # whose attitude says something: in contact, or an attitude other than neutral
    attitude_x_influence: float  # over the informative people
    influence: float  # over the informative people
    last_contact_on: date | None


def has_real_contact(p: Person) -> bool:
    return (p.contact_level or "none") != "none" or p.last_contact_on is not None


def people_facts(people: Iterable[Person]) -> PeopleFacts | None:
    """None when no one is on the map (nothing to say about our relationships)."""
    people = list(people)
    if not people:
        return None
    informative = [p for p in people if has_real_contact(p) or p.attitude != 0]
    dates = [p.last_contact_on for p in people if p.last_contact_on is not None]
    return PeopleFacts(
        known=len(people), in_contact=sum(1 for p in people if has_real_contact(p)),
        informative=len(informative),
        attitude_x_influence=math.fsum(p.attitude * p.influence for p in informative),
        influence=math.fsum(p.influence for p in informative),
        last_contact_on=max(dates) if dates else None,
    )


@dataclass(frozen=True)
class Meeting:
    occurred_on: date
    sentiment: int  # -2..2


@dataclass(frozen=True)
class MeetingFacts:
    """Logged meetings and imported CRM notes (a note is what a meeting left behind)."""

    recent: int  # meetings and notes in the window up to today whose sentiment is known
    sentiment_sum: float  # over those
    last_on: date | None  # the latest meeting or note up to today (any age)

    def __add__(self, other: "MeetingFacts") -> "MeetingFacts":
        dates = [d for d in (self.last_on, other.last_on) if d is not None]
        return MeetingFacts(self.recent + other.recent, self.sentiment_sum + other.sentiment_sum,
                            max(dates) if dates else None)


def meeting_window_start(today: date) -> date:
    return today - timedelta(days=MEETING_WINDOW_DAYS)


def meeting_facts(meetings: Iterable[Meeting], today: date) -> MeetingFacts | None:
    """Meetings after today (planned, or a typo) are left out; None when there are none."""
    past = [m for m in meetings if m.occurred_on <= today]
    if not past:
        return None
    since = meeting_window_start(today)
    recent = [m for m in past if m.occurred_on >= since]
    return MeetingFacts(len(recent), math.fsum(m.sentiment for m in recent), max(m.occurred_on for m in past))


@dataclass(frozen=True)
class AccountData:
    money: MoneyFacts | None = None
    customer_size: float | None = None  # the customer's own annual revenue
    people: PeopleFacts | None = None
    meetings: MeetingFacts | None = None
    customer_rating: float | None = None  # the customer's rating of us, 1..10


# ============================================================================ scoring


def derive_scores(
    accounts: Mapping[AccountId, AccountData],
    w: Windows,
    today: date,
    keys: Iterable[str] | None = None,
    only: Iterable[AccountId] | None = None,
) -> dict[AccountId, dict[str, DerivedScore]]:
    """{account: {key: DerivedScore}} for the derivable `keys` (default all) the data answers.

    Percentile ranks are taken over every account in `accounts` with data; `only` limits
    the accounts scored (e.g. one card) without changing the ranks.
    """
    wanted = [k for k in (DERIVABLE if keys is None else keys) if k in DERIVABLE]
    if not wanted:
        return {}
    ranks = {key: _Ranking(_relative_values(accounts, key)) for key in RELATIVE_KEYS if key in wanted}
    year = _span(w.year)
    growth_span = (_span(w.growth_recent), _span(w.growth_previous))
    since = meeting_window_start(today)
    result: dict[AccountId, dict[str, DerivedScore]] = {}
    for account_id in (accounts if only is None else only):
        data = accounts.get(account_id)
        if data is None:
            continue
        scores: dict[str, DerivedScore] = {}
        for key in wanted:
            if key in ranks:
                score = _relative(key, ranks[key], data, year)
            else:
                score = _ABSOLUTE[key](data, year, growth_span, today, since)
            if score is not None:
                scores[key] = score
        if scores:
            result[account_id] = scores
    return result


def derive_one(data: AccountData, w: Windows, today: date, key: str,
               peers: Mapping[AccountId, AccountData] | None = None) -> DerivedScore | None:
    """One criterion of one account (peers give the ranks of the relative criteria)."""
    accounts = dict(peers or {})
    marker = object()
    accounts[marker] = data
    return derive_scores(accounts, w, today, [key], only=[marker]).get(marker, {}).get(key)


# --- relative: percentile rank among the accounts with data -----------------------------------


def _relative_values(accounts: Mapping[AccountId, AccountData], key: str) -> list[float]:
    if key == REVENUE_TO_US:
        return [d.money.revenue for d in accounts.values() if d.money is not None]
    return [d.customer_size for d in accounts.values() if d.customer_size is not None and d.customer_size > 0]


class _Ranking:
    """Percentile ranks in a sorted list: ties share the middle of the ranks they span."""

    def __init__(self, values: list[float]):
        self.values = sorted(values)

    def __len__(self) -> int:
        return len(self.values)

    def position(self, value: float) -> tuple[int, float]:
        """(rank from the top, percentile 0..1)."""
        below = bisect.bisect_left(self.values, value)
        equal = bisect.bisect_right(self.values, value) - below
        n = len(self.values)
        percentile = (below + (equal - 1) / 2) / (n - 1) if n > 1 else 0.5
        return n - below - equal + 1, percentile


def percentile_score(percentile: float) -> int:
    """0 (lowest) .. 1 (highest) onto 1..10."""
    return _clamp(_round(1 + 9 * percentile))


def _relative(key: str, ranking: _Ranking, data: AccountData, year: str) -> DerivedScore | None:
    if key == REVENUE_TO_US:
        if data.money is None:
            return None
        value = data.money.revenue
    else:
        if data.customer_size is None or data.customer_size <= 0:
            return None
        value = data.customer_size
    if len(ranking) < MIN_PEERS:
        return None  # too few accounts with data to rank against
    rank, percentile = ranking.position(value)
    return DerivedScore(percentile_score(percentile), key, (year, value, rank, len(ranking)))


# --- absolute scales ---------------------------------------------------------------------------


def margin_score(margin: float) -> int:
    """No profit = 1; each 5 points of margin adds one: 0-5% = 2 ... 40% or more = 10."""
    if margin <= 0:
        return 1
    return _clamp(2 + int(margin / 0.05 + 1e-9))


def cost_share_score(share: float) -> int:
    """Cost to serve per unit of revenue, lower is better: 100% or more = 1 ... 40% or less = 10."""
    if share <= 0.40:
        return 10
    return _clamp(_round(10 - (share - 0.40) / 0.60 * 9))


def growth_score(growth: float) -> int:
    return _clamp(1 + bisect.bisect_right(GROWTH_STEPS, growth + 1e-12))


def sentiment_score(sentiment: float) -> int:
    """-2 (hostile) .. +2 (champions) onto 1..10; neutral is 5."""
    return _clamp(_round(5 + 2.5 * sentiment))


def breadth_score(known: int) -> int:
    return next(score for at_least, score in BREADTH_SCORES if known >= at_least)


def recency_score(days: int) -> int:
    return _RECENCY_VALUES[bisect.bisect_left(_RECENCY_LIMITS, days)]


def rating_score(rating: float) -> int:
    return _clamp(_round(rating))


def customer_rating_shown(person_score: float | None, recorded: float | None) -> float | None:
    """The customer's rating of us, one value on every surface (the criterion, "the customer rates
    us N/10", the perception gap): a person's score of the criterion wins, as for every criterion;
    else the rating recorded on the account (from the CRM), which the criterion is derived from."""
    if person_score is not None:
        return float(person_score)
    if recorded is None or not math.isfinite(recorded):
        return None
    return recorded


def _margin(data: AccountData, year: str, *_) -> DerivedScore | None:
    m = data.money
    if m is None or m.revenue <= 0:
        return None
    margin = (m.revenue - m.cost) / m.revenue
    return DerivedScore(margin_score(margin), PROFIT_MARGIN, (year, margin))


def _cost_to_serve(data: AccountData, year: str, *_) -> DerivedScore | None:
    m = data.money
    if m is None or m.revenue <= 0:
        return None
    share = m.cost / m.revenue
    return DerivedScore(cost_share_score(share), COST_TO_SERVE, (year, share))


def _growth(data: AccountData, year: str, spans: tuple[str, str], *_) -> DerivedScore | None:
    m = data.money
    recent, previous = spans
    if m is None or not recent or m.growth_previous <= 0:
        return None  # no history to grow from
    growth = (m.growth_recent - m.growth_previous) / m.growth_previous
    return DerivedScore(growth_score(growth), REVENUE_GROWTH, (recent, previous, growth))


def _sentiment(data: AccountData, year: str, spans, today: date, since: date) -> DerivedScore | None:
    people, meetings = data.people, data.meetings
    known = people.informative if people is not None and people.influence > 0 else 0
    met = meetings.recent if meetings is not None else 0
    if known and met:
        sentiment = (PEOPLE_SHARE * people.attitude_x_influence / people.influence
                     + (1 - PEOPLE_SHARE) * meetings.sentiment_sum / met)
    elif known:
        sentiment = people.attitude_x_influence / people.influence
    elif met:
        sentiment = meetings.sentiment_sum / met
    else:
        return None
    return DerivedScore(sentiment_score(sentiment), STAKEHOLDER_SENTIMENT, (known, met, since, sentiment))


def _breadth(data: AccountData, *_) -> DerivedScore | None:
    people = data.people
    if people is None or not people.known:
        return None
    # How many of their people we know (a CRM's contacts count): depth is what sentiment and recency say.
    return DerivedScore(breadth_score(people.known), RELATIONSHIP_BREADTH, (people.known, people.in_contact))


def _recency(data: AccountData, year: str, spans, today: date, since: date) -> DerivedScore | None:
    person = data.people.last_contact_on if data.people is not None else None
    meeting = data.meetings.last_on if data.meetings is not None else None
    if person is not None and person > today:
        person = None  # a date in the future is a typo, not a contact
    if meeting is not None and meeting > today:
        meeting = None
    last = person if meeting is None else meeting if person is None else max(person, meeting)
    if last is None:
        return None
    days = (today - last).days
    return DerivedScore(recency_score(days), CONTACT_RECENCY, (last, days))


def _rating(data: AccountData, *_) -> DerivedScore | None:
    rating = data.customer_rating
    if rating is None or not math.isfinite(rating):
        return None
    return DerivedScore(rating_score(rating), CUSTOMER_RATING, (rating,))


_ABSOLUTE = {
    PROFIT_MARGIN: _margin, COST_TO_SERVE: _cost_to_serve, REVENUE_GROWTH: _growth,
    STAKEHOLDER_SENTIMENT: _sentiment, RELATIONSHIP_BREADTH: _breadth, CONTACT_RECENCY: _recency,
    CUSTOMER_RATING: _rating,
}


# --- provenance texts (written when asked for) -------------------------------------------------


def _sentiment_text(known: int, met: int, since: date, sentiment: float) -> str:
    parts = ([_count(known, "known person", "known people")] if known else []) + \
        ([f"{_count(met, 'meeting or note', 'meetings and notes')} since {since.isoformat()}"] if met else [])
    return f"from {' and '.join(parts)}: sentiment {sentiment:+.1f} of ±2"


_PROVENANCE = {
    REVENUE_TO_US: lambda year, value, rank, n: (
        f"from financials, {year}: revenue {_amount(value)}, #{rank} of {n} accounts"),
    CUSTOMER_SIZE: lambda year, value, rank, n: (
        f"from the customer's annual revenue: {_amount(value)} a year, #{rank} of {n} accounts"),
    PROFIT_MARGIN: lambda year, margin: f"from financials, {year}: margin {margin:.0%}",
    COST_TO_SERVE: lambda year, share: f"from financials, {year}: cost to serve {share:.0%} of revenue",
    REVENUE_GROWTH: lambda recent, previous, growth: f"from financials, {recent} against {previous}: {growth:+.0%}",
    STAKEHOLDER_SENTIMENT: _sentiment_text,
    RELATIONSHIP_BREADTH: lambda known, in_contact: (
        f"from {_count(known, 'known person', 'known people')}: {in_contact} with real contact"),
    CONTACT_RECENCY: lambda last, days: f"last met {last.isoformat()} ({_count(days, 'day')} ago)",
    CUSTOMER_RATING: lambda rating: f"the customer's own rating of us: {rating:g}/10",
}


# --- helpers -----------------------------------------------------------------------------------


def _round(value: float) -> int:
    return math.floor(value + 0.5)  # half up, not to even


def _clamp(value: int) -> int:
    return max(1, min(10, value))


def _span(periods: Sequence[str]) -> str:
    if not periods:
        return ""
    return periods[0] if len(periods) == 1 else f"{periods[0]}..{periods[-1]}"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _amount(value: float) -> str:
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}{suffix}".replace(".0" + suffix, suffix)
    return f"{value:,.0f}"
