"""Questions about our relationships across the portfolio, answered with the list asked for: accounts
missing a plan, an executive sponsor, a channel or recent contact; cold key people; engagement, loyalty
and meeting trends; quadrant movers this quarter.

Same contract as `portfolio_queries`: typed rows, a `basis` naming the period and source, only accounts
the asker may read in their workspace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.models import Interaction, Note, QuadrantSnapshot, Review, Stakeholder
from kam_domain.rules.relationships import ColdContact, cold_key_people, days_since_contact, is_key_person
from kam_domain.services import digest, queries
from kam_domain.services.authz import Actor
from kam_domain.services.portfolio_queries import MAX_LISTED, PortfolioAnswer, readable_accounts, tier_words
from kam_domain.store.uow import UnitOfWork

GAPS = ("plan", "sponsor", "channel", "contact")
CONTACT_DAYS = 60  # "no recent contact" without a number of days
MEETING_WINDOW = 90  # days: meetings in the last 90 days against the 90 before
TRENDS = ("engagement", "loyalty", "meetings")


@dataclass(frozen=True)
class GapRow:
    account_id: int
    account_name: str
    tier: str
    owner_user_id: str | None
    last_contact: date | None  # our latest meeting or contact with anyone there


@dataclass
class GapAnswer(PortfolioAnswer):
    gap: str = "plan"
    rows: list[GapRow] = field(default_factory=list)


@dataclass(frozen=True)
class ColdRow:
    account_id: int
    account_name: str
    tier: str
    person: str  # "Ana Ruiz (CFO)"
    last_contact: date | None
    days_since: int | None  # None: never contacted
    threshold: int


@dataclass
class ColdAnswer(PortfolioAnswer):
    rows: list[ColdRow] = field(default_factory=list)


@dataclass(frozen=True)
class TrendRow:
    account_id: int
    account_name: str
    tier: str
    before: float
    now: float

    @property
    def change(self) -> float:
        return self.now - self.before


@dataclass
class TrendAnswer(PortfolioAnswer):
    measure: str = "engagement"
    rows: list[TrendRow] = field(default_factory=list)


@dataclass(frozen=True)
class MoverRow:
    account_id: int
    account_name: str
    tier: str
    before: str
    now: str


@dataclass
class MoversAnswer(PortfolioAnswer):
    rows: list[MoverRow] = field(default_factory=list)


def _listed(answer, rows):
    answer.more, answer.rows = max(0, len(rows) - MAX_LISTED), rows[:MAX_LISTED]
    return answer


# ============================================================================ gaps


def gaps(uow: UnitOfWork, actor: Actor, gap: str, today: date, tier: str | None = "key",
         days: int | None = None) -> GapAnswer:
    """Accounts without a written plan, an executive sponsor, an account channel, or contact in `days`."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        last = last_contacts(session, actor.team_id, list(accounts))
        words = tier_words(tier)
        days = days or CONTACT_DAYS
        missing = {
            "plan": (lambda a: a.plan_updated_at is None, f"{words.capitalize()} without an account plan",
                     "account plans written in the assistant (`/kam plan`)"),
            "sponsor": (lambda a: not a.sponsor_user_id, f"{words.capitalize()} without an executive sponsor",
                        "account teams (`/kam team`)"),
            "channel": (lambda a: not a.channel_id, f"{words.capitalize()} without an account channel",
                        "account teams (`/kam team`)"),
            "contact": (lambda a: last.get(a.id) is None or (today - last[a.id]).days > days,
                        f"{words.capitalize()} with no contact in {days} days",
                        f"meetings logged, imported notes and stakeholders' last contact, up to {today.isoformat()}"),
        }
        test, title, basis = missing[gap]
        rows = [GapRow(a.id, a.name, a.tier, a.owner_user_id, last.get(a.id)) for a in accounts.values() if test(a)]
        rows.sort(key=lambda r: (r.last_contact or date.min, r.account_name) if gap == "contact"
                  else (r.tier != "key", r.account_name))
        note = "Add `all` for every account." if tier == "key" else ""
        return _listed(GapAnswer("gaps", title, basis, note=note, gap=gap), rows)


def last_contacts(session: Session, team_id: str, ids: list[int]) -> dict[int, date]:
    """Our latest contact with anyone at each account: a logged meeting, an imported note, a stakeholder's last contact."""
    found: dict[int, date] = {}
    if not ids:
        return found
    sources = (
        select(Interaction.account_id, func.max(Interaction.occurred_on))
        .where(Interaction.team_id == team_id, Interaction.account_id.in_(ids)).group_by(Interaction.account_id),
        select(Note.account_id, func.max(Note.written_on))
        .where(Note.team_id == team_id, Note.source == "import", Note.account_id.in_(ids)).group_by(Note.account_id),
        select(Stakeholder.account_id, func.max(Stakeholder.last_contact_on))
        .where(Stakeholder.team_id == team_id, Stakeholder.account_id.in_(ids)).group_by(Stakeholder.account_id),
    )
    for query in sources:
        for account_id, day in session.exec(query).all():
            day = _day(day)
            if day is not None and (account_id not in found or day > found[account_id]):
                found[account_id] = day
    return found


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# ============================================================================ cold key people


def cold_people(uow: UnitOfWork, actor: Actor, today: date, tier: str | None = None,
                days: int | None = None) -> ColdAnswer:
    """Key people (influential, or who sign off) not met within their tier's cold threshold, or within `days`."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        people = session.exec(select(*_PERSON).where(Stakeholder.team_id == actor.team_id,
                                                     Stakeholder.account_id.in_(list(accounts) or [-1]))).all()
        by_account: dict[int, list] = {}
        for person in people:
            by_account.setdefault(person.account_id, []).append(queries.to_view(person))
        rows = []
        for account_id, views in by_account.items():
            account = accounts[account_id]
            for c in _cold(views, account.tier, today, days):
                rows.append(ColdRow(account.id, account.name, account.tier, c.stakeholder.display,
                                    c.stakeholder.last_contact, c.days_since, c.threshold))
        rows.sort(key=lambda r: (r.days_since is not None, -(r.days_since or 0), r.account_name, r.person))
        rule = (f"not met in {days} days" if days else
                "not met within their tier's threshold (key accounts: 30 days for influence 4+, 45 for others)")
        title = f"Key people gone cold at {tier_words(tier)}"
        basis = f"key people = influence 4+ or a deciding role; {rule}; last contact as of {today.isoformat()}"
        return _listed(ColdAnswer("cold", title, basis), rows)


_PERSON = (Stakeholder.id, Stakeholder.account_id, Stakeholder.name, Stakeholder.title, Stakeholder.role,
           Stakeholder.influence, Stakeholder.attitude, Stakeholder.contact_level, Stakeholder.owner_user_id,
           Stakeholder.last_contact_on, Stakeholder.reports_to_id)  # what `queries.to_view` reads, as plain rows


def _cold(views, tier: str, today: date, days: int | None):
    if days is None:
        return cold_key_people(views, tier, today)
    out = []
    for view in views:
        since = days_since_contact(view, today)
        if is_key_person(view) and (since is None or since > days):
            out.append(ColdContact(view, since, days))
    return out


# ============================================================================ trends


def trends(uow: UnitOfWork, actor: Actor, measure: str, today: date, direction: str = "down",
           tier: str | None = None) -> TrendAnswer:
    """Accounts whose engagement or loyalty rating fell (rose) between their last two recorded reviews, or
    whose meetings in the last 90 days fell (rose) against the 90 days before."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        if measure == "meetings":
            pairs, basis = _meeting_counts(session, actor.team_id, list(accounts), today)
        else:
            pairs = _ratings(session, actor.team_id, list(accounts), measure)
            basis = f"{measure} rating (1–5) at the last two recorded account reviews (`/kam review`)"
        rows = [TrendRow(accounts[i].id, accounts[i].name, accounts[i].tier, before, now)
                for i, (before, now) in pairs.items() if (now < before if direction == "down" else now > before)]
        rows.sort(key=lambda r: (r.change if direction == "down" else -r.change, r.account_name))
        words = tier_words(tier)
        title = f"{words.capitalize()} with {measure} going {direction}"
        note = "" if pairs else (f"No account has two reviews with a {measure} rating yet." if measure != "meetings"
                                 else "No meetings logged in the last 180 days.")
        return _listed(TrendAnswer("trends", title, basis, note=note, measure=measure), rows)


def _ratings(session: Session, team_id: str, ids: list[int], measure: str) -> dict[int, tuple[float, float]]:
    column = Review.engagement_rating if measure == "engagement" else Review.loyalty_rating
    rows = session.exec(select(Review.account_id, column).where(
        Review.team_id == team_id, Review.account_id.in_(ids or [-1]), Review.done_at.is_not(None),
        column.is_not(None)).order_by(Review.account_id, Review.done_at.desc(), Review.id.desc())).all()
    latest: dict[int, list[int]] = {}
    for account_id, value in rows:
        kept = latest.setdefault(account_id, [])
        if len(kept) < 2:
            kept.append(value)
    return {a: (float(v[1]), float(v[0])) for a, v in latest.items() if len(v) == 2}


def _meeting_counts(session: Session, team_id: str, ids: list[int], today: date):
    start_now = today - timedelta(days=MEETING_WINDOW - 1)
    start_before = start_now - timedelta(days=MEETING_WINDOW)
    rows = session.exec(select(Interaction.account_id, Interaction.occurred_on).where(
        Interaction.team_id == team_id, Interaction.account_id.in_(ids or [-1]),
        Interaction.occurred_on >= start_before, Interaction.occurred_on <= today)).all()
    counts: dict[int, list[float]] = {}
    for account_id, day in rows:
        counts.setdefault(account_id, [0.0, 0.0])[1 if _day(day) >= start_now else 0] += 1
    basis = (f"meetings logged {start_now.isoformat()}–{today.isoformat()} vs "
             f"{start_before.isoformat()}–{(start_now - timedelta(days=1)).isoformat()}")
    return {a: (c[0], c[1]) for a, c in counts.items()}, basis


# ============================================================================ quadrant movers


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def movers(uow: UnitOfWork, actor: Actor, today: date) -> MoversAnswer:
    """Accounts whose matrix quadrant now differs from the weekly snapshot at the start of this quarter."""
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor)
        start = quarter_start(today)
        week = _baseline_week(session, actor.team_id, start)
        title = "Accounts that moved quadrant this quarter"
        if week is None:
            return MoversAnswer("movers", title, f"quadrants now vs the start of the quarter ({start.isoformat()})",
                                note="No weekly snapshot of the quadrants yet: the scheduler takes one each week.")
        before = dict(session.exec(select(QuadrantSnapshot.account_id, QuadrantSnapshot.quadrant).where(
            QuadrantSnapshot.team_id == actor.team_id, QuadrantSnapshot.week_start == week)).all())
        rows = [MoverRow(i, accounts[i].name, tier, before[i], box)
                for i, tier, box, _ in digest.positions(session, actor.team_id)
                if i in accounts and before.get(i) and box and box != before[i]]
        rows.sort(key=lambda r: r.account_name)
        basis = (f"quadrant from current scores on {today.isoformat()} vs the weekly snapshot of "
                 f"{week.isoformat()} (quarter from {start.isoformat()})")
        return _listed(MoversAnswer("movers", title, basis), rows)


def _baseline_week(session: Session, team_id: str, start: date) -> date | None:
    """The snapshot the quarter starts from: the last one on or before its first day, else its first one."""
    weeks = QuadrantSnapshot.week_start
    before = session.exec(select(func.max(weeks)).where(QuadrantSnapshot.team_id == team_id, weeks <= start)).one()
    if before is not None:
        return _day(before)
    return _day(session.exec(select(func.min(weeks)).where(QuadrantSnapshot.team_id == team_id)).one())

