"""Effective scores: a person's current score wins; else the score the data gives (with provenance).

Derived scores are computed on every read and never stored, so they can never overwrite a
person's score; a person's scores keep their history in `Score`. The data comes from the
workspace's financials, the customer's own size and rating of us (Account), the stakeholder
map and logged meetings, summed up in SQL (one row per account) so a whole portfolio of
10,000 accounts is scored in a few hundred milliseconds. The rules are in rules.derived_scores.

Also here: the criteria in force when a workspace never chose any (the day-one template), and
the scoring queue of a KAM (judgement scores their accounts wait for).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, select

from kam_domain.clock import SystemClock
from kam_domain.models import Account, Criterion, Financial, Interaction, Note, Stakeholder, TeamMember
from kam_domain.rules import derived_scores as rules
from kam_domain.rules.criteria_templates import DEFAULT_TEMPLATE
from kam_domain.rules.scoring import CriterionDef, quadrant, weighted_score
from kam_domain.services import audit
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.queries import default_criteria_in_force, default_defs  # noqa: F401 (read here too)
from kam_domain.store.uow import UnitOfWork

PERSON = "person"
DERIVED = "derived"
MONEY_KEYS = (rules.REVENUE_TO_US, rules.PROFIT_MARGIN, rules.REVENUE_GROWTH, rules.COST_TO_SERVE)
PEOPLE_KEYS = (rules.STAKEHOLDER_SENTIMENT, rules.RELATIONSHIP_BREADTH, rules.CONTACT_RECENCY)
ACCOUNT_KEYS = (rules.CUSTOMER_SIZE, rules.CUSTOMER_RATING)


def today_or_system(today: date | None) -> date:
    """`today` from the caller's clock; callers that have none yet fall back to the system clock."""
    return today if today is not None else SystemClock().today()


# ============================================================================ default criteria


def default_criterion_rows(team_id: str) -> list[Criterion]:
    """The day-one criteria as unsaved rows (id None): read paths use them, nothing is written."""
    return [Criterion(team_id=team_id, key=d.key, label=d.label, weight=float(d.weight), axis=d.axis,
                      position=i, active=True) for i, d in enumerate(DEFAULT_TEMPLATE.criteria)]


def materialize_default_criteria(session: Session, actor: Actor) -> list[Criterion]:
    """Save the day-one criteria as the workspace's own (the first person's score needs rows to
    point at). The criteria in force do not change, so no one's view of the portfolio moves."""
    from kam_domain.services.workspaces import ensure_workspace

    ensure_workspace(session, actor.team_id)
    rows = default_criterion_rows(actor.team_id)
    for row in rows:
        session.add(row)
    session.flush()
    audit.record(session, actor, "criteria.defaulted", "workspace", before={"criteria": []},
                 after={"criteria": [f"{r.key}={r.weight:g}:{r.axis}" for r in rows]},
                 reason=f"the {DEFAULT_TEMPLATE.name} template, in force by default, saved with the first score")
    return rows


# ============================================================================ effective scores


@dataclass
class EffectiveScores:
    """Per account: the effective value of each criterion, and where each one came from."""

    values: dict[int, dict[str, int]]
    person: dict[int, dict[str, int]]
    derived: dict[int, dict[str, rules.DerivedScore]]

    def source(self, account_id: int, key: str) -> str | None:
        if key in self.person.get(account_id, {}):
            return PERSON
        if key in self.derived.get(account_id, {}):
            return DERIVED
        return None

    def derived_only(self, account_id: int) -> bool:
        """Scored, and no score of a person among them: the placement rests on the data alone."""
        return bool(self.values.get(account_id)) and not self.person.get(account_id)

    def waiting(self, account_id: int, defs: Iterable[CriterionDef]) -> list[CriterionDef]:
        """Criteria with no score at all, from a person or from the data: they wait for a person."""
        scored = self.values.get(account_id, {})
        return [d for d in defs if d.key not in scored]


def effective_scores(session: Session, team_id: str, defs: list[CriterionDef], today: date,
                     account_ids: list[int] | None = None,
                     person: dict[int, dict[str, int]] | None = None) -> EffectiveScores:
    """A person's current score wins, else the derived one, for the active criteria `defs`.

    `person` may be handed in when the caller already read the current scores (the portfolio
    reads them with their history); otherwise they are read here.
    """
    if person is None:
        person = _person_scores(session, team_id, account_ids)
    keys = [d.key for d in defs if d.key in rules.DERIVABLE]
    derived = derive_for_workspace(session, team_id, keys, today, account_ids, person) if keys else {}
    values: dict[int, dict[str, int]] = {}
    for account_id, scores in derived.items():
        values[account_id] = {k: s.value for k, s in scores.items()}
    for account_id, scores in person.items():
        if account_ids is not None and account_id not in account_ids:
            continue
        if scores:
            merged = values.setdefault(account_id, {})
            merged.update(scores)
    return EffectiveScores(values, person, derived)


def effective_values(session: Session, team_id: str, today: date,
                     account_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Drop-in for queries.current_scores where a placement is wanted: {account: {key: value}}."""
    from kam_domain.services import queries

    return effective_scores(session, team_id, queries.criteria_defs(session, team_id), today, account_ids).values


def _person_scores(session: Session, team_id: str, account_ids: list[int] | None) -> dict[int, dict[str, int]]:
    if account_ids is None:
        from kam_domain.services import queries

        return queries.workspace_current_scores(session, team_id)
    from kam_domain.services import queries

    return queries.current_scores(session, team_id, account_ids) if account_ids else {}


def derive_for_workspace(session: Session, team_id: str, keys: list[str], today: date,
                         account_ids: list[int] | None = None,
                         person: dict[int, dict[str, int]] | None = None) -> dict[int, dict[str, rules.DerivedScore]]:
    """Derived scores for `keys`; ranks are always taken over the whole workspace."""
    data, w = load_account_data(session, team_id, keys, today, account_ids)
    wanted = set(keys)
    only = data.keys() if account_ids is None else [a for a in account_ids if a in data]
    if person:
        # an account a person scored on every derivable key needs no derivation
        only = [a for a in only if not wanted <= person.get(a, {}).keys()]
    return rules.derive_scores(data, w, today, keys, only=only)


def load_account_data(session: Session, team_id: str, keys: Iterable[str], today: date,
                      account_ids: list[int] | None = None) -> tuple[dict[int, rules.AccountData], rules.Windows]:
    """The plain facts the rules need, one row per account, for the keys asked for."""
    keys = set(keys)
    conn = session.connection()
    ids = None if account_ids is None else list(account_ids)
    money: dict[int, rules.MoneyFacts] = {}
    w = rules.Windows((), (), ())
    if keys & set(MONEY_KEYS):
        periods = conn.execute(select(Financial.period).where(Financial.team_id == team_id).distinct()).scalars()
        w = rules.windows(periods)
        restrict = ids if rules.REVENUE_TO_US not in keys else None  # a rank needs every account
        money = _money(conn, team_id, w, restrict)
    accounts: dict[int, tuple[float | None, float | None]] = {}
    if keys & set(ACCOUNT_KEYS):
        query = select(Account.id, Account.customer_annual_revenue, Account.customer_rating) \
            .where(Account.team_id == team_id)
        if ids is not None and rules.CUSTOMER_SIZE not in keys:
            query = query.where(Account.id.in_(ids))
        accounts = {a: (size, rating) for a, size, rating in conn.execute(query).all()}
    people: dict[int, rules.PeopleFacts] = {}
    meetings: dict[int, rules.MeetingFacts] = {}
    if keys & set(PEOPLE_KEYS):
        people = _people(conn, team_id, ids)
        if keys & {rules.STAKEHOLDER_SENTIMENT, rules.CONTACT_RECENCY}:
            meetings = _meetings(conn, team_id, ids, today)
    data: dict[int, rules.AccountData] = {}
    for account_id in set(money) | set(accounts) | set(people) | set(meetings):
        size, rating = accounts.get(account_id, (None, None))
        data[account_id] = rules.AccountData(money.get(account_id), size, people.get(account_id),
                                             meetings.get(account_id), rating)
    return data, w


def _money(conn, team_id: str, w: rules.Windows, ids: list[int] | None) -> dict[int, rules.MoneyFacts]:
    # A window is a run of the workspace's sorted periods, so "first <= period <= last" is the window:
    # cheaper than IN (...) over every financial row.
    def total(column, periods):
        if not periods:
            return func.sum(0.0)
        inside = and_(Financial.period >= periods[0], Financial.period <= periods[-1])
        return func.sum(case((inside, column), else_=0.0))

    same = w.growth_recent == w.year  # with two years of history or more: one sum serves both
    columns = [total(Financial.revenue, w.year), total(Financial.cost_to_serve, w.year),
               total(Financial.revenue, w.growth_previous)]
    if not same:
        columns.append(total(Financial.revenue, w.growth_recent))
    query = select(Financial.account_id, *columns).where(Financial.team_id == team_id).group_by(Financial.account_id)
    if ids is not None:
        query = query.where(Financial.account_id.in_(ids))
    facts = {}
    for row in conn.execute(query).all():
        revenue, cost, previous = float(row[1] or 0), float(row[2] or 0), float(row[3] or 0)
        recent = revenue if same else float(row[4] or 0)
        facts[row[0]] = rules.MoneyFacts(revenue, cost, recent, previous)
    return facts


def _people(conn, team_id: str, ids: list[int] | None) -> dict[int, rules.PeopleFacts]:
    s = Stakeholder
    real = or_(and_(s.contact_level.is_not(None), s.contact_level != "none"), s.last_contact_on.is_not(None))
    informative = or_(real, s.attitude != 0)
    query = select(
        s.account_id, func.count(), func.sum(case((real, 1), else_=0)), func.sum(case((informative, 1), else_=0)),
        func.sum(case((informative, s.attitude * s.influence), else_=0)),
        func.sum(case((informative, s.influence), else_=0)), func.max(s.last_contact_on),
    ).where(s.team_id == team_id).group_by(s.account_id)
    if ids is not None:
        query = query.where(s.account_id.in_(ids))
    return {a: rules.PeopleFacts(int(n), int(contact or 0), int(inf or 0), float(att or 0), float(weight or 0),
                                 _date(last))
            for a, n, contact, inf, att, weight, last in conn.execute(query).all()}


def _meetings(conn, team_id: str, ids: list[int] | None, today: date) -> dict[int, rules.MeetingFacts]:
    i = Interaction
    since = rules.meeting_window_start(today)
    recent = i.occurred_on >= since
    query = select(i.account_id, func.sum(case((recent, 1), else_=0)), func.sum(case((recent, i.sentiment), else_=0)),
                   func.max(i.occurred_on)) \
        .where(i.team_id == team_id, i.occurred_on <= today).group_by(i.account_id)
    if ids is not None:
        query = query.where(i.account_id.in_(ids))
    meetings = {a: rules.MeetingFacts(int(n or 0), float(total or 0), _date(last))
                for a, n, total, last in conn.execute(query).all()}
    for account_id, notes in _imported_notes(conn, team_id, ids, today).items():
        meetings[account_id] = meetings[account_id] + notes if account_id in meetings else notes
    return meetings


def _imported_notes(conn, team_id: str, ids: list[int] | None, today: date) -> dict[int, rules.MeetingFacts]:
    """A CRM's notes are the meetings it logged: their dates say how recently we met, their wording how
    it went. Notes logged here are left out: their meeting (an Interaction) already counts."""
    n = Note
    recent = and_(n.written_on >= rules.meeting_window_start(today), n.sentiment.is_not(None))
    query = select(n.account_id, func.sum(case((recent, 1), else_=0)), func.sum(case((recent, n.sentiment), else_=0)),
                   func.max(n.written_on)) \
        .where(n.team_id == team_id, n.source == "import", n.written_on <= today).group_by(n.account_id)
    if ids is not None:
        query = query.where(n.account_id.in_(ids))
    return {a: rules.MeetingFacts(int(count or 0), float(total or 0), _date(last))
            for a, count, total, last in conn.execute(query).all()}


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def placed_count(session: Session, team_id: str, today: date) -> tuple[int, int]:
    """(accounts placed on the matrix, all accounts) with the effective scores, whole workspace."""
    from kam_domain.services import queries

    defs = queries.criteria_defs(session, team_id)
    total = session.exec(select(func.count()).select_from(Account).where(Account.team_id == team_id)).one()
    if not defs:
        return 0, total
    values = effective_scores(session, team_id, defs, today).values
    axes_keys = {d.axis for d in defs}
    placed = 0
    for scores in values.values():
        if len(axes_keys) < 2:
            break
        att = weighted_score(scores, defs, "attractiveness")
        strength = weighted_score(scores, defs, "strength")
        if quadrant(att, strength) is not None:
            placed += 1
    return placed, total


# ============================================================================ scoring queue


TIER_ORDER = {"key": 0, "candidate": 1, "regular": 2}


@dataclass
class QueueAccount:
    account_id: int
    name: str
    tier: str
    waiting: list[str]  # labels of the criteria that wait for a person
    waiting_keys: list[str]
    placed: bool  # on the matrix already (from data, or partly scored)


@dataclass
class ScoringQueue:
    user_id: str
    accounts: list[QueueAccount]  # key and candidate accounts first
    by_criterion: list[tuple[str, int]]  # label, accounts waiting for it; most first
    total_accounts: int  # the person's accounts (owned or on the team)
    default_criteria: bool = False

    @property
    def next_account(self) -> QueueAccount | None:
        return self.accounts[0] if self.accounts else None


def scoring_queue(uow: UnitOfWork, actor: Actor, today: date | None = None) -> ScoringQueue:
    """The accounts the person owns or is on the team of that wait for judgement scores."""
    with uow:
        require(uow.session, actor, Permission.READ)
        return build_scoring_queue(uow.session, actor, today_or_system(today))


def build_scoring_queue(session: Session, actor: Actor, today: date) -> ScoringQueue:
    from kam_domain.services import queries

    team_ids = select(TeamMember.account_id).where(TeamMember.team_id == actor.team_id,
                                                   TeamMember.user_id == actor.user_id)
    rows = session.exec(
        select(Account.id, Account.name, Account.tier).where(
            Account.team_id == actor.team_id,
            or_(Account.owner_user_id == actor.user_id, Account.id.in_(team_ids)))
    ).all()
    defs = queries.criteria_defs(session, actor.team_id)
    default = default_criteria_in_force(session, actor.team_id)
    if not rows or not defs:
        return ScoringQueue(actor.user_id, [], [], len(rows), default)
    ids = [r[0] for r in rows]
    scores = effective_scores(session, actor.team_id, defs, today, ids)
    waiting_accounts: list[tuple[tuple, QueueAccount]] = []
    counts: dict[str, int] = defaultdict(int)
    labels = {d.key: d.label for d in defs}
    for account_id, name, tier in rows:
        waiting = scores.waiting(account_id, defs)
        if not waiting:
            continue
        values = scores.values.get(account_id, {})
        position = quadrant(weighted_score(values, defs, "attractiveness"), weighted_score(values, defs, "strength"))
        for d in waiting:
            counts[d.key] += 1
        weighted = weighted_score(values, defs)
        item = QueueAccount(account_id, name, tier, [d.label for d in waiting], [d.key for d in waiting],
                            position is not None)
        waiting_accounts.append(((TIER_ORDER.get(tier, 3), -(weighted or 0.0), name.casefold()), item))
    waiting_accounts.sort(key=lambda pair: pair[0])
    order = {d.key: i for i, d in enumerate(defs)}
    by_criterion = sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))
    return ScoringQueue(actor.user_id, [item for _, item in waiting_accounts],
                        [(labels[k], n) for k, n in by_criterion], len(rows), default)

