"""Review reminders, escalations, check-in nudges and the weekly digest: what is owed, to whom, when.

Three steps, so that the decision is a pure function of the store and an instant:

- `load_snapshot(session, team_id, instant, ...)` reads one workspace with a handful of bulk
  queries (never one query per account);
- `plan_due(snapshot, instant)` decides, with no I/O, every message due by that instant (or, for
  a nudge, held until the person's working hours open today), each with an idempotency key
  built from (kind, target, account, due instant), plus the reviews that need scheduling;
- `apply_plan(session, team_id, plan, instant)` writes them: new Review rows, and the
  deliveries into the outbox with a bulk insert that skips keys already there.

Running the same instant twice therefore writes nothing new, and the outbox sender
(`bot.delivery`) sends each delivery once. Workspace.settings may override the defaults:
`timezone`, `working_hours` ({"start": "09:00", "end": "17:00", "days": "mon-fri"}),
`review_cadence` ({"strategic": 14, "candidate": 60, ...}), `review_lead_days` (3),
`escalate_after_days` (7), `action_due_soon_days` (2), `catch_up_days` (14),
`digest_channel`, `digest_day` ("mon"), `digest_time` ("09:00"), `nudge_tiers` (["key"]).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Callable, Iterable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import (
    Account, Action, Delivery, NudgeSnooze, Review, Stakeholder, TierChange, UserProfile, Workspace, utcnow,
)
from kam_domain.rules.cadence import parse_cadence_settings, review_cadence_days
from kam_domain.rules.plan_health import plan_staleness
from kam_domain.rules.quiet_hours import (
    DEFAULT_HOURS, WEEKDAYS, WorkingHours, local_date, parse_working_hours, person_zone, send_at, todays_window,
)
from kam_domain.rules.relationships import StakeholderView, cold_key_people
from kam_domain.rules.tier_conditions import Condition, condition_state, parse_conditions
from kam_domain.rules.scoring import axes, quadrant
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed
from kam_domain.store.inserts import insert_ignoring_duplicates
from kam_domain.store.uow import UnitOfWork

log = logging.getLogger(__name__)

REVIEW_REMINDER = "review_reminder"
REVIEW_ESCALATION = "review_escalation"
NUDGE = "nudge"
DIGEST = "digest"
KINDS = (REVIEW_REMINDER, REVIEW_ESCALATION, NUDGE, DIGEST)

SLACK_USER = re.compile(r"^[UW][A-Z0-9_]{2,}$")
PROFILE_TTL = timedelta(days=7)
BLOCKED_MEMORY = timedelta(days=30)  # a channel found shared with a customer is avoided this long
SNOOZE_DAYS = 7


# ============================================================================ settings


@dataclass(frozen=True)
class ScheduleSettings:
    zone: tzinfo = timezone.utc
    hours: WorkingHours = DEFAULT_HOURS
    lead_days: int = 3
    escalate_after_days: int = 7
    due_soon_days: int = 2
    catch_up_days: int = 14
    cadence_defaults: Mapping[str, int] = field(default_factory=dict)
    digest_channel: str | None = None
    digest_weekday: int = 0
    digest_time: time = time(9, 0)
    nudge_tiers: tuple[str, ...] = ("key",)
    admins: tuple[str, ...] = ()


def schedule_settings(raw: Mapping[str, Any] | None, *, timezone_name: str = "UTC",
                      digest_channel: str | None = None, admins: Iterable[str] = ()) -> ScheduleSettings:
    """The workspace's schedule; a malformed value is logged and its default used, never fatal."""
    raw = raw or {}
    parts: dict[str, Any] = {"admins": tuple(sorted(a for a in admins if SLACK_USER.match(a))),
                             "zone": _zone(timezone_name)}
    readers: dict[str, Callable[[], Any]] = {
        "zone": lambda: _zone(raw.get("timezone") or timezone_name),
        "hours": lambda: parse_working_hours(raw.get("working_hours")),
        "lead_days": lambda: _whole(raw, "review_lead_days", 3, 0, 60),
        "escalate_after_days": lambda: _whole(raw, "escalate_after_days", 7, 0, 120),
        "due_soon_days": lambda: _whole(raw, "action_due_soon_days", 2, 0, 30),
        "catch_up_days": lambda: _whole(raw, "catch_up_days", 14, 1, 60),
        "cadence_defaults": lambda: parse_cadence_settings(raw.get("review_cadence")),
        "digest_channel": lambda: raw.get("digest_channel") or digest_channel,
        "digest_weekday": lambda: WEEKDAYS.index(str(raw.get("digest_day", "mon")).strip().lower()[:3]),
        "digest_time": lambda: parse_working_hours({"start": raw.get("digest_time", "09:00"), "end": "23:59"}).start,
        "nudge_tiers": lambda: tuple(raw.get("nudge_tiers") or ("key",)),
    }
    for name, read in readers.items():
        try:
            parts[name] = read()
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("workspace schedule setting %s is invalid (%s); using the default", name, exc)
    return ScheduleSettings(**parts)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {name!r}") from None


def _whole(raw: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not str(value).strip().isdigit() or not low <= int(value) <= high:
        raise ValueError(f"{key} must be a whole number from {low} to {high}")
    return int(value)


# ============================================================================ the snapshot


@dataclass(frozen=True)
class AccountFacts:
    id: int
    name: str
    tier: str
    quadrant: str | None = None
    owner: str | None = None
    sponsor: str | None = None
    channel: str | None = None
    cadence_override: int | None = None
    plan_updated_on: date | None = None
    open_review_due: date | None = None
    last_review_done: date | None = None
    restricted: bool = False


@dataclass(frozen=True)
class PersonFacts:
    """Someone at the customer (a stakeholder)."""

    id: int
    account_id: int
    name: str
    title: str | None = None
    role: str = "unknown"
    influence: int = 3
    attitude: int = 0
    contact_level: str = "none"
    owner: str | None = None
    last_contact: date | None = None


@dataclass(frozen=True)
class ActionFacts:
    id: int
    account_id: int
    title: str
    owner: str | None
    due_on: date
    snoozed_until: date | None = None


@dataclass(frozen=True)
class ConditionFacts:
    """A condition of the approval that made an account key (rules.tier_conditions)."""

    account_id: int
    tier_change_id: int
    text: str
    due_on: date
    kind: str


@dataclass(frozen=True)
class Profile:
    zone: tzinfo
    reachable: bool = True
    fetched_at: datetime | None = None


@dataclass
class Snapshot:
    team_id: str
    settings: ScheduleSettings
    accounts: dict[int, AccountFacts] = field(default_factory=dict)
    people: list[PersonFacts] = field(default_factory=list)
    actions: list[ActionFacts] = field(default_factory=list)
    profiles: dict[str, Profile] = field(default_factory=dict)
    snoozes: dict[str, date] = field(default_factory=dict)  # subject -> snoozed until
    blocked_channels: frozenset[str] = frozenset()
    conditions: list[ConditionFacts] = field(default_factory=list)

    def recipients(self) -> set[str]:
        """Everyone who might get a DM from this workspace's schedule."""
        users = {u for a in self.accounts.values() for u in (a.owner, a.sponsor)}
        users |= {p.owner for p in self.people} | {a.owner for a in self.actions} | set(self.settings.admins)
        return {u for u in users if u and SLACK_USER.match(u)}


def load_snapshot(session: Session, team_id: str, instant: datetime, *, timezone_name: str = "UTC",
                  digest_channel: str | None = None, admins: Iterable[str] = ()) -> Snapshot:
    workspace = session.get(Workspace, team_id)
    settings = schedule_settings(workspace.settings if workspace else {}, timezone_name=timezone_name,
                                 digest_channel=digest_channel, admins=admins)
    today = local_date(instant, settings.zone)
    snapshot = Snapshot(team_id, settings)
    due_by = today + timedelta(days=settings.due_soon_days + 2)  # + 2: people ahead of the workspace's zone
    snapshot.accounts = _accounts(session, team_id, settings)
    snapshot.actions = _actions(session, team_id, due_by, snapshot.accounts)
    snapshot.people = _key_people(session, team_id, settings.nudge_tiers)
    snapshot.conditions = _conditions(session, team_id, snapshot.accounts)
    snapshot.profiles = _profiles(session, team_id, settings.zone)
    snapshot.snoozes = dict(session.exec(
        select(NudgeSnooze.subject, NudgeSnooze.until).where(NudgeSnooze.team_id == team_id,
                                                             NudgeSnooze.until > today - timedelta(days=2))
    ).all())
    snapshot.blocked_channels = frozenset(session.exec(
        select(Delivery.target).where(Delivery.team_id == team_id, Delivery.status == "blocked",
                                      Delivery.created_at >= instant - BLOCKED_MEMORY).distinct()
    ).all()) - {None}
    return snapshot


def _accounts(session: Session, team_id: str, settings: ScheduleSettings) -> dict[int, AccountFacts]:
    """Accounts with a review cadence (key, candidate, or their own), with their review dates."""
    reviewed = (Account.team_id == team_id,
                or_(Account.tier.in_(("key", "candidate")), Account.review_cadence_days.is_not(None)))
    rows = session.exec(
        select(Account.id, Account.name, Account.tier, Account.owner_user_id, Account.sponsor_user_id,
               Account.channel_id, Account.review_cadence_days, Account.plan_updated_at, Account.restricted)
        .where(*reviewed)
    ).all()
    in_scope = Review.account_id.in_(select(Account.id).where(*reviewed))
    open_due = dict(session.exec(
        select(Review.account_id, func.min(Review.due_on))
        .where(Review.team_id == team_id, Review.done_at.is_(None), in_scope).group_by(Review.account_id)
    ).all())
    last_done = dict(session.exec(
        select(Review.account_id, func.max(Review.done_at))
        .where(Review.team_id == team_id, Review.done_at.is_not(None), in_scope).group_by(Review.account_id)
    ).all())
    boxes = _quadrants(session, team_id, [r[0] for r in rows if r[2] == "key" and not r[6]])
    facts = {
        id_: AccountFacts(id_, name, tier, boxes.get(id_), owner, sponsor, channel, cadence,
                          _day(plan_at, settings.zone), open_due.get(id_), _day(last_done.get(id_), settings.zone),
                          bool(restricted))
        for id_, name, tier, owner, sponsor, channel, cadence, plan_at, restricted in rows
    }
    return facts


def _quadrants(session: Session, team_id: str, account_ids: list[int]) -> dict[int, str]:
    defs = queries.criteria_defs(session, team_id)
    if not defs or not account_ids:
        return {}
    scores = queries.current_scores(session, team_id, account_ids)
    boxes = {}
    for account_id, values in scores.items():
        position = axes(values, defs)
        box = quadrant(position.attractiveness, position.strength)
        if box is not None:
            boxes[account_id] = box.value
    return boxes


def _day(moment: datetime | date | None, zone: tzinfo) -> date | None:
    if moment is None or not isinstance(moment, datetime):
        return moment
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(zone).date()


def _actions(session: Session, team_id: str, due_by: date,
             accounts: dict[int, AccountFacts]) -> list[ActionFacts]:
    """Open actions due by then; their accounts join `accounts` (by name and owner) if not there yet.

    Two single-table queries rather than a join: right after a bulk import PostgreSQL has no
    statistics yet and plans that join as a nested loop (seconds instead of milliseconds).
    """
    rows = session.exec(
        select(Action.id, Action.account_id, Action.title, Action.owner_user_id, Action.due_on, Action.snoozed_until)
        .where(Action.team_id == team_id, Action.status == "open", Action.due_on.is_not(None),
               Action.due_on <= due_by)
    ).all()
    missing = sorted({row[1] for row in rows} - accounts.keys())
    for start in range(0, len(missing), 5000):
        for id_, name, tier, owner in session.exec(
                select(Account.id, Account.name, Account.tier, Account.owner_user_id)
                .where(Account.team_id == team_id, Account.id.in_(missing[start:start + 5000]))):
            accounts[id_] = AccountFacts(id_, name, tier, owner=owner)
    return [ActionFacts(*row) for row in rows]


def _key_people(session: Session, team_id: str, tiers: tuple[str, ...]) -> list[PersonFacts]:
    rows = session.exec(
        select(Stakeholder.id, Stakeholder.account_id, Stakeholder.name, Stakeholder.title, Stakeholder.role,
               Stakeholder.influence, Stakeholder.attitude, Stakeholder.contact_level, Stakeholder.owner_user_id,
               Stakeholder.last_contact_on)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(Stakeholder.team_id == team_id, Account.team_id == team_id, Account.tier.in_(tiers))
    ).all()
    return [PersonFacts(*row) for row in rows]


def _conditions(session: Session, team_id: str, accounts: dict[int, AccountFacts]) -> list[ConditionFacts]:
    """The conditions of the approvals that made today's key accounts key (the latest approval each)."""
    key_ids = [a.id for a in accounts.values() if a.tier == "key"]
    if not key_ids:
        return []
    rows = session.exec(
        select(TierChange.id, TierChange.account_id, TierChange.decision_reason, TierChange.decided_at)
        .where(TierChange.team_id == team_id, TierChange.status == "approved", TierChange.to_tier == "key",
               TierChange.decision_reason.is_not(None), TierChange.account_id.in_(key_ids))
        .order_by(TierChange.decided_at, TierChange.id)
    ).all()
    latest = {account_id: (id_, text, at) for id_, account_id, text, at in rows}  # the last one wins
    return [ConditionFacts(account_id, id_, c.text, c.due_on, c.kind)
            for account_id, (id_, text, at) in sorted(latest.items())
            for c in parse_conditions(text, _day(at, timezone.utc) or date.min)]


def _profiles(session: Session, team_id: str, default: tzinfo) -> dict[str, Profile]:
    rows = session.exec(select(UserProfile).where(UserProfile.team_id == team_id)).all()
    return {p.user_id: Profile(person_zone(p.tz, p.tz_offset, default), p.reachable, p.fetched_at) for p in rows}


# ============================================================================ the plan (pure)


@dataclass(frozen=True)
class PlannedDelivery:
    team_id: str
    kind: str
    target: str
    account_id: int | None
    due_at: datetime
    payload: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """(kind, target, account, due instant): the same message is never owed twice."""
        account = self.account_id if self.account_id is not None else "-"
        moment = self.due_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
        return f"{self.kind}:{self.team_id}:{self.target}:{account}:{moment}"


@dataclass
class Plan:
    deliveries: list[PlannedDelivery] = field(default_factory=list)
    new_reviews: list[tuple[int, date]] = field(default_factory=list)


def plan_due(snapshot: Snapshot, instant: datetime) -> Plan:
    """Everything owed at `instant`: review reminders and escalations, nudges, the digest."""
    plan = Plan()
    today = local_date(instant, snapshot.settings.zone)
    for account in sorted(snapshot.accounts.values(), key=lambda a: a.id):
        cadence = review_cadence_days(account.tier, account.quadrant, account.cadence_override,
                                      dict(snapshot.settings.cadence_defaults))
        if not cadence:
            continue
        due = account.open_review_due
        if due is None:
            due = next_review_on(account.last_review_done, cadence, today, snapshot.settings.lead_days)
            plan.new_reviews.append((account.id, due))
        plan.deliveries += review_messages(snapshot, account, due, instant)
    plan.deliveries += nudges(snapshot, instant)
    plan.deliveries += digest(snapshot, instant)
    return plan


def next_review_on(last_done: date | None, cadence: int, today: date, lead_days: int) -> date:
    """A review for an account that has none scheduled: never in the past, never without its reminder."""
    if last_done is None:
        return today + timedelta(days=cadence)
    return max(last_done + timedelta(days=cadence), today + timedelta(days=lead_days))


def _plannable(at: datetime, instant: datetime, zone: tzinfo, settings: ScheduleSettings) -> bool:
    """Its local day has begun (so it can be held until the hour) and it is within the catch-up window."""
    day_start = datetime.combine(local_date(at, zone), time(0), tzinfo=zone)
    return day_start <= instant and at >= instant - timedelta(days=settings.catch_up_days)


def _zone_of(snapshot: Snapshot, user_id: str) -> tzinfo:
    profile = snapshot.profiles.get(user_id)
    return profile.zone if profile else snapshot.settings.zone


def _reachable(snapshot: Snapshot, user_id: str | None) -> bool:
    if not user_id or not SLACK_USER.match(user_id):
        return False
    profile = snapshot.profiles.get(user_id)
    return profile is None or profile.reachable


def review_messages(snapshot: Snapshot, account: AccountFacts, due: date, instant: datetime) -> list[PlannedDelivery]:
    s = snapshot.settings
    out = []
    target, zone = _reminder_target(snapshot, account)
    payload = {"review_due": due.isoformat()}
    if target:
        at = send_at(due - timedelta(days=s.lead_days), zone, s.hours)
        if _plannable(at, instant, zone, s):
            out.append(PlannedDelivery(snapshot.team_id, REVIEW_REMINDER, target, account.id, at, payload))
    for person in _escalation_targets(snapshot, account):
        zone = _zone_of(snapshot, person)
        at = send_at(due + timedelta(days=s.escalate_after_days), zone, s.hours)
        if _plannable(at, instant, zone, s):
            out.append(PlannedDelivery(snapshot.team_id, REVIEW_ESCALATION, person, account.id, at, payload))
    return out


def _reminder_target(snapshot: Snapshot, account: AccountFacts) -> tuple[str | None, tzinfo]:
    """The account channel; the KAM by DM when there is none or it is shared with a customer."""
    if account.channel and account.channel not in snapshot.blocked_channels:
        return account.channel, snapshot.settings.zone
    if _reachable(snapshot, account.owner):
        return account.owner, _zone_of(snapshot, account.owner)
    return None, snapshot.settings.zone


def _escalation_targets(snapshot: Snapshot, account: AccountFacts) -> list[str]:
    if account.tier != "key":
        return []  # personal attention, and escalation to a sponsor, is for key accounts only
    if _reachable(snapshot, account.sponsor):
        return [account.sponsor]
    return [a for a in snapshot.settings.admins if _reachable(snapshot, a)]


# ---------------------------------------------------------------------------- nudges

ItemCheck = Callable[[date], dict | None]


def nudges(snapshot: Snapshot, instant: datetime) -> list[PlannedDelivery]:
    """One DM per person per working day with all their items, held until their window opens."""
    checks: dict[str, list[ItemCheck]] = {}
    for recipient, check in _item_checks(snapshot):
        if _reachable(snapshot, recipient):
            checks.setdefault(recipient, []).append(check)
    out = []
    for user_id in sorted(checks):
        zone = _zone_of(snapshot, user_id)
        window = todays_window(instant, zone, snapshot.settings.hours)
        if window is None:
            continue
        today = local_date(instant, zone)
        items = [item for item in (check(today) for check in checks[user_id]) if item]
        if items:
            items.sort(key=lambda i: (ITEM_ORDER[i["type"]], i.get("account", ""), i.get("title") or i.get("name", "")))
            payload = {"items": items, "day": today.isoformat(), "expires_at": window[1].isoformat()}
            out.append(PlannedDelivery(snapshot.team_id, NUDGE, user_id, None, window[0], payload))
    return out


ITEM_ORDER = {"action": 0, "condition": 1, "cold_person": 2, "stale_plan": 3}


def _item_checks(snapshot: Snapshot) -> Iterable[tuple[str | None, ItemCheck]]:
    s = snapshot.settings
    for action in snapshot.actions:
        account = snapshot.accounts.get(action.account_id)
        if account is not None:
            yield action.owner or account.owner, _action_check(action, account, s.due_soon_days)
    for account_id, people in _people_by_account(snapshot.people).items():
        account = snapshot.accounts.get(account_id)
        if account is None or account.tier not in s.nudge_tiers:
            continue
        for person in people:
            yield person.owner or account.owner, _cold_check(person, account, snapshot.snoozes)
    for account in snapshot.accounts.values():
        if account.tier in s.nudge_tiers:
            yield account.owner, _plan_check(account, snapshot.snoozes)
    for condition in snapshot.conditions:
        account = snapshot.accounts.get(condition.account_id)
        if account is not None and account.tier == "key":
            yield account.owner, _condition_check(condition, account)


def _people_by_account(people: list[PersonFacts]) -> dict[int, list[PersonFacts]]:
    grouped: dict[int, list[PersonFacts]] = {}
    for person in people:
        grouped.setdefault(person.account_id, []).append(person)
    return grouped


def _action_check(action: ActionFacts, account: AccountFacts, due_soon_days: int) -> ItemCheck:
    def check(today: date) -> dict | None:
        if action.snoozed_until and action.snoozed_until > today:
            return None
        if action.due_on > today + timedelta(days=due_soon_days):
            return None
        state = "overdue" if action.due_on < today else "due_soon"
        return {"type": "action", "id": action.id, "account_id": account.id, "account": account.name,
                "title": action.title, "due_on": action.due_on.isoformat(), "state": state}

    return check


def _cold_check(person: PersonFacts, account: AccountFacts, snoozes: Mapping[str, date]) -> ItemCheck:
    view = StakeholderView(id=person.id, name=person.name, title=person.title, role=person.role,
                           influence=person.influence, attitude=person.attitude,
                           contact_level=person.contact_level, owner_user_id=person.owner,
                           last_contact=person.last_contact)

    def check(today: date) -> dict | None:
        until = snoozes.get(f"stakeholder:{person.id}")
        if until and until > today:
            return None
        cold = cold_key_people([view], account.tier, today)
        if not cold:
            return None
        return {"type": "cold_person", "id": person.id, "account_id": account.id, "account": account.name,
                "name": person.name, "title": person.title, "days_since": cold[0].days_since,
                "threshold": cold[0].threshold}

    return check


def _condition_check(condition: ConditionFacts, account: AccountFacts) -> ItemCheck:
    """A missed approval condition (past its date, not met) goes to the KAM."""
    rule = Condition(condition.text, condition.due_on, condition.kind)

    def check(today: date) -> dict | None:
        state = condition_state(rule, today, plan_written=account.plan_updated_on is not None,
                                has_sponsor=bool(account.sponsor), has_channel=bool(account.channel))
        if not state.missed:
            return None
        return {"type": "condition", "id": account.id, "account_id": account.id, "account": account.name,
                "title": condition.text, "kind": condition.kind, "due_on": condition.due_on.isoformat(),
                "days_late": state.days_late}

    return check


def _plan_check(account: AccountFacts, snoozes: Mapping[str, date]) -> ItemCheck:
    def check(today: date) -> dict | None:
        until = snoozes.get(f"plan:{account.id}")
        if until and until > today:
            return None
        stale = plan_staleness(account.plan_updated_on, account.tier, today)
        if not stale.is_stale:
            return None
        return {"type": "stale_plan", "id": account.id, "account_id": account.id, "account": account.name,
                "days_since": stale.days_since, "threshold": stale.threshold}

    return check


# ---------------------------------------------------------------------------- digest


def digest(snapshot: Snapshot, instant: datetime) -> list[PlannedDelivery]:
    """The latest weekly digest instant, if its day has begun; older missed ones are not sent."""
    s = snapshot.settings
    channel = s.digest_channel
    if not channel or channel in snapshot.blocked_channels:
        return []
    today = local_date(instant, s.zone)
    day = today - timedelta(days=(today.weekday() - s.digest_weekday) % 7)
    at = datetime.combine(day, s.digest_time, tzinfo=s.zone).astimezone(timezone.utc)
    if not _plannable(at, instant, s.zone, s):
        return []
    payload = {"week_start": (day - timedelta(days=7)).isoformat(), "week_end": day.isoformat()}
    return [PlannedDelivery(snapshot.team_id, DIGEST, channel, None, at, payload)]


# ============================================================================ writing the plan


@dataclass
class Applied:
    planned: int = 0
    enqueued: int = 0
    reviews_scheduled: int = 0


def lock_workspace(session: Session, team_id: str) -> None:
    """Serialise planning per workspace: a row lock on PostgreSQL, the write lock on SQLite.

    Two clocks running at once (a restart overlapping the old process, a cron `kam run-due`
    beside `kam scheduler`) then plan one after the other and the second finds the keys.
    """
    session.exec(update(Workspace).where(Workspace.team_id == team_id).values(installed=Workspace.installed))


def apply_plan(session: Session, team_id: str, plan: Plan, instant: datetime,
               settings: ScheduleSettings | None = None) -> Applied:
    settings = settings or ScheduleSettings()
    applied = Applied(planned=len(plan.deliveries))
    for account_id, due in plan.new_reviews:
        session.add(Review(team_id=team_id, account_id=account_id, due_on=due, checklist={}))
    applied.reviews_scheduled = len(plan.new_reviews)
    session.flush()
    applied.enqueued = enqueue_all(session, plan.deliveries, since=instant - timedelta(days=settings.catch_up_days + 1))
    return applied


def enqueue_all(session: Session, deliveries: list[PlannedDelivery], since: datetime) -> int:
    """Insert the deliveries whose keys are new: one query for the window's keys, one bulk insert."""
    if not deliveries:
        return 0
    existing = set(session.exec(select(Delivery.idempotency_key).where(Delivery.due_at >= since)).all())
    now = utcnow()
    rows, seen = [], set(existing)
    for d in deliveries:
        if d.key in seen:
            continue
        seen.add(d.key)
        rows.append({"team_id": d.team_id, "idempotency_key": d.key, "kind": d.kind, "target": d.target,
                     "account_id": d.account_id, "due_at": d.due_at, "status": "pending", "attempts": 0,
                     "payload": dict(d.payload), "created_at": now})
    if rows:
        session.execute(_insert_ignoring_duplicates(session), rows)
    return len(rows)


def _insert_ignoring_duplicates(session: Session):
    return insert_ignoring_duplicates(session, Delivery, ["idempotency_key"])


# ============================================================================ people (users.info cache)


def profiles_to_refresh(snapshot: Snapshot, now: datetime) -> list[str]:
    """Recipients we know nothing about yet, or not for a week."""
    stale = []
    for user_id in sorted(snapshot.recipients()):
        profile = snapshot.profiles.get(user_id)
        if profile is None or profile.fetched_at is None or profile.fetched_at < now - PROFILE_TTL:
            stale.append(user_id)
    return stale


def save_profile(session: Session, team_id: str, user_id: str, *, tz: str | None, tz_offset: int | None,
                 reachable: bool, reason: str | None, now: datetime) -> None:
    profile = session.get(UserProfile, (team_id, user_id)) or UserProfile(team_id=team_id, user_id=user_id)
    profile.tz, profile.tz_offset, profile.reachable = tz, tz_offset, reachable
    profile.reason, profile.fetched_at = (reason or None) and reason[:120], now
    session.add(profile)


# ============================================================================ answering a nudge


@dataclass
class NudgeAnswer:
    text: str


def mark_action_done(uow: UnitOfWork, actor: Actor, action_id: int, now: datetime) -> NudgeAnswer:
    with uow:
        session = uow.session
        action, account = _action_for(session, actor, action_id)
        if action.status == "done":
            return NudgeAnswer(f"“{action.title}” was already done.")
        before = {"status": action.status}
        action.status, action.done_at = "done", now
        session.add(action)
        audit.record(session, actor, "action.done", "action", action.id, account_id=account.id, before=before,
                     after={"status": "done"}, reason="marked done from a check-in nudge")
        uow.commit()
        return NudgeAnswer(f"Done: “{action.title}” ({account.name}).")


def snooze(uow: UnitOfWork, actor: Actor, subject: str, today: date, days: int = SNOOZE_DAYS) -> NudgeAnswer:
    """Snooze an action ("action:12"), a cold key person ("stakeholder:5") or a stale plan ("plan:7")."""
    kind, _, raw_id = subject.partition(":")
    if kind not in ("action", "stakeholder", "plan") or not raw_id.isdigit():
        raise UserError("That button is out of date; ask for `/kam next ACCOUNT` instead.")
    until = today + timedelta(days=days)
    with uow:
        session = uow.session
        if kind == "action":
            action, account = _action_for(session, actor, int(raw_id))
            action.snoozed_until = until
            session.add(action)
            what = f"“{action.title}”"
        else:
            account, what = _snooze_subject(session, actor, kind, int(raw_id))
            _upsert_snooze(session, actor, subject, until)
        audit.record(session, actor, f"{kind}.nudge_snoozed", kind, int(raw_id), account_id=account.id,
                     after={"snoozed_until": until}, reason="snoozed from a check-in nudge")
        uow.commit()
        return NudgeAnswer(f"Snoozed {what} ({account.name}) until {until:%a %d %b}.")


def _action_for(session: Session, actor: Actor, action_id: int) -> tuple[Action, Account]:
    action = queries.row_in_workspace(session, Action, actor.team_id, action_id, "action")
    account = queries.account_by_id(session, actor.team_id, action.account_id)
    if actor.user_id != action.owner_user_id and not allowed(session, actor, Permission.WRITE, account):
        raise UserError("Only the action's owner, the account team, its sponsor or an admin can change it.")
    return action, account


def _snooze_subject(session: Session, actor: Actor, kind: str, subject_id: int) -> tuple[Account, str]:
    if kind == "plan":
        account = queries.account_by_id(session, actor.team_id, subject_id)
        what = "the plan reminder"
        owner = account.owner_user_id
    else:
        person = queries.row_in_workspace(session, Stakeholder, actor.team_id, subject_id, "person",
                                          missing="That person is no longer on the map.")
        account = queries.account_by_id(session, actor.team_id, person.account_id)
        what, owner = f"the check-in with {person.name}", person.owner_user_id
    if actor.user_id != owner and not allowed(session, actor, Permission.WRITE, account):
        raise UserError("Only the relationship owner, the account team, its sponsor or an admin can snooze this.")
    return account, what


def _upsert_snooze(session: Session, actor: Actor, subject: str, until: date) -> None:
    row = session.exec(select(NudgeSnooze).where(NudgeSnooze.team_id == actor.team_id,
                                                 NudgeSnooze.subject == subject)).first()
    row = row or NudgeSnooze(team_id=actor.team_id, subject=subject, until=until, snoozed_by=actor.user_id)
    row.until, row.snoozed_by, row.snoozed_at = until, actor.user_id, utcnow()
    session.add(row)


# ============================================================================ at send time


def live_items(session: Session, team_id: str, items: list[dict], today: date) -> list[dict]:
    """The nudge items still worth sending: actions not done or snoozed, people not contacted, plans not updated."""
    ids = {kind: [i["id"] for i in items if i["type"] == kind] for kind in ITEM_ORDER}
    open_actions = set(session.exec(select(Action.id).where(
        Action.team_id == team_id, Action.id.in_(ids["action"] or [-1]), Action.status == "open",
        or_(Action.snoozed_until.is_(None), Action.snoozed_until <= today))).all())
    contacts = dict(session.exec(select(Stakeholder.id, Stakeholder.last_contact_on).where(
        Stakeholder.team_id == team_id, Stakeholder.id.in_(ids["cold_person"] or [-1]))).all())
    plans = dict(session.exec(select(Account.id, Account.plan_updated_at).where(
        Account.team_id == team_id, Account.id.in_(ids["stale_plan"] or [-1]))).all())
    snoozed = set(session.exec(select(NudgeSnooze.subject).where(
        NudgeSnooze.team_id == team_id, NudgeSnooze.until > today)).all())
    met = _conditions_met(session, team_id, [i for i in items if i["type"] == "condition"])
    return [i for i in items
            if (i["type"] == "condition" and (i["account_id"], i.get("title")) not in met)
            or (i["type"] != "condition" and _still_due(i, open_actions, contacts, plans, snoozed, today))]


def _conditions_met(session: Session, team_id: str, items: list[dict]) -> set[tuple[int, str]]:
    """The condition items met (or no longer owed: the account is not key) since the nudge was planned."""
    if not items:
        return set()
    accounts = {a.id: a for a in session.exec(select(Account).where(
        Account.team_id == team_id, Account.id.in_([i["account_id"] for i in items])))}
    met = set()
    for item in items:
        account = accounts.get(item["account_id"])
        done = {"plan": account is not None and account.plan_updated_at is not None,
                "sponsor": account is not None and bool(account.sponsor_user_id),
                "channel": account is not None and bool(account.channel_id)}.get(item.get("kind"), False)
        if account is None or account.tier != "key" or done:
            met.add((item["account_id"], item.get("title")))
    return met


def _still_due(item: dict, open_actions: set[int], contacts: dict, plans: dict, snoozed: set[str],
               today: date) -> bool:
    if item["type"] == "action":
        return item["id"] in open_actions
    if item["type"] == "cold_person":
        if f"stakeholder:{item['id']}" in snoozed or item["id"] not in contacts:
            return False
        last = contacts[item["id"]]
        return last is None or (today - last).days > item.get("threshold", 0)
    if f"plan:{item['id']}" in snoozed or item["id"] not in plans:
        return False
    updated = _day(plans[item["id"]], timezone.utc)
    return updated is None or (today - updated).days > item.get("threshold", 0)
