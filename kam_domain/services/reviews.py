"""Account reviews: the checklist a reviewer goes through, and recording the review.

A review records the plan check, the objectives' status, stakeholder coverage, risks, an
engagement and a loyalty rating (1-5) and the outcome; recording one schedules the next at
the account's cadence (tier and quadrant, the workspace's defaults, or the account's own).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Mapping

from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import Account, Action, Objective, Review, Workspace
from kam_domain.rules.cadence import review_cadence_days
from kam_domain.rules.plan_health import plan_staleness
from kam_domain.rules.relationships import coverage
from kam_domain.rules.scoring import axes, quadrant
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.reminders import schedule_settings
from kam_domain.store.uow import UnitOfWork

RATING_MIN, RATING_MAX = 1, 5
OBJECTIVE_STATUSES = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track",
                      "none": "No objectives yet"}
COVERAGE_ANSWERS = {"good": "Good: the right people, supportive", "gaps": "Gaps to close"}
# The /kam review key=value fields, in the order the usage lists them.
REVIEW_FIELDS = ("engagement", "loyalty", "outcome", "plan", "objectives", "coverage", "risks")
MAX_TEXT = 3000


# ============================================================================ the checklist


@dataclass
class ReviewChecklist:
    account_id: int
    account_name: str
    tier: str
    quadrant: str | None
    cadence_days: int | None
    due_on: date | None
    days_overdue: int  # 0 when not overdue
    plan_days: int | None  # days since the plan was updated; None = never written
    plan_stale: bool
    open_objectives: int
    overdue_objectives: int
    coverage_status: str
    coverage_gaps: list[str]
    open_actions: int
    overdue_actions: int
    last_review_on: date | None
    engagement_trend: list[int] = field(default_factory=list)
    loyalty_trend: list[int] = field(default_factory=list)
    can_record: bool = False

    def facts(self) -> dict:
        """What the reviewer saw, kept with the review."""
        return {"plan_days": self.plan_days, "plan_stale": self.plan_stale,
                "open_objectives": self.open_objectives, "overdue_objectives": self.overdue_objectives,
                "coverage_status": self.coverage_status, "open_actions": self.open_actions,
                "overdue_actions": self.overdue_actions, "days_overdue": self.days_overdue}


def review_checklist(uow: UnitOfWork, actor: Actor, account: str | int, today: date) -> ReviewChecklist:
    with uow:
        session = uow.session
        found = _account(session, actor, account)
        require(session, actor, Permission.READ, found)
        return build_checklist(session, actor, found, today)


def build_checklist(session: Session, actor: Actor, account: Account, today: date) -> ReviewChecklist:
    box = _quadrant(session, account)
    due = _open_review(session, account)
    stale = plan_staleness(_date(account.plan_updated_at), account.tier, today)
    objectives = session.exec(select(Objective.due_on).where(Objective.account_id == account.id,
                                                             Objective.status == "open")).all()
    actions = session.exec(select(Action.due_on).where(Action.account_id == account.id,
                                                       Action.status == "open")).all()
    cover = coverage(queries.stakeholder_views(session, account), account.tier, today, account.sponsor_user_id)
    done = session.exec(select(Review).where(Review.account_id == account.id, Review.done_at.is_not(None))
                        .order_by(Review.done_at.desc()).limit(6)).all()
    return ReviewChecklist(
        account_id=account.id, account_name=account.name, tier=account.tier, quadrant=box,
        cadence_days=_cadence(session, account, box), due_on=due.due_on if due else None,
        days_overdue=max(0, (today - due.due_on).days) if due else 0,
        plan_days=stale.days_since, plan_stale=stale.is_stale,
        open_objectives=len(objectives), overdue_objectives=sum(1 for d in objectives if d and d < today),
        coverage_status=cover.status, coverage_gaps=[g.message for g in cover.gaps[:4]],
        open_actions=len(actions), overdue_actions=sum(1 for d in actions if d and d < today),
        last_review_on=_date(done[0].done_at) if done else None,
        engagement_trend=[r.engagement_rating for r in reversed(done) if r.engagement_rating],
        loyalty_trend=[r.loyalty_rating for r in reversed(done) if r.loyalty_rating],
        can_record=allowed(session, actor, Permission.WRITE, account),
    )


def _account(session: Session, actor: Actor, account: str | int) -> Account:
    if isinstance(account, int):
        return queries.account_by_id(session, actor.team_id, account)
    return queries.resolve_account(session, actor.team_id, account, command="review")


def _open_review(session: Session, account: Account) -> Review | None:
    return session.exec(select(Review).where(Review.account_id == account.id, Review.done_at.is_(None))
                        .order_by(Review.due_on, Review.id)).first()


def _quadrant(session: Session, account: Account) -> str | None:
    defs = queries.criteria_defs(session, account.team_id)
    if not defs:
        return None
    scores = queries.current_scores(session, account.team_id, [account.id]).get(account.id, {})
    position = axes(scores, defs)
    box = quadrant(position.attractiveness, position.strength)
    return box.value if box else None


def _cadence(session: Session, account: Account, box: str | None) -> int | None:
    workspace = session.get(Workspace, account.team_id)
    settings = schedule_settings(workspace.settings if workspace else {})
    return review_cadence_days(account.tier, box, account.review_cadence_days, dict(settings.cadence_defaults))


def _date(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


# ============================================================================ recording


@dataclass
class InvalidReview(FieldErrors):
    """Per-field problems of a review; as one message, a line per field."""

    def __post_init__(self):
        lines = [f"• {name}: {problem}" for name, problem in self.errors.items()]
        UserError.__init__(self, "The review was not recorded:\n" + "\n".join(lines))


@dataclass(frozen=True)
class ReviewInput:
    engagement: int
    loyalty: int
    outcome: str
    plan_current: bool | None = None
    objectives: str | None = None
    coverage: str | None = None
    risks: str | None = None


def parse_review_fields(raw: Mapping[str, object]) -> ReviewInput:
    """Check every field and report each problem against its field; nothing is written on error."""
    errors: dict[str, str] = {}
    engagement = _rating(raw.get("engagement"), "engagement", "how engaged the customer is", errors)
    loyalty = _rating(raw.get("loyalty"), "loyalty", "how loyal the customer is to us", errors)
    outcome = _text(raw.get("outcome"))
    if not outcome:
        errors["outcome"] = "Write the outcome: what was decided and what happens next."
    elif len(outcome) > MAX_TEXT:
        errors["outcome"] = f"Keep the outcome under {MAX_TEXT} characters."
    plan = _yes_no(raw.get("plan"), errors)
    objectives = _choice(raw.get("objectives"), OBJECTIVE_STATUSES, "objectives", errors)
    cover = _choice(raw.get("coverage"), COVERAGE_ANSWERS, "coverage", errors)
    risks = _text(raw.get("risks"))
    if risks and len(risks) > MAX_TEXT:
        errors["risks"] = f"Keep the risks under {MAX_TEXT} characters."
    if errors:
        raise InvalidReview(errors)
    return ReviewInput(engagement, loyalty, outcome, plan, objectives, cover, risks or None)


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _rating(value: object, name: str, meaning: str, errors: dict[str, str]) -> int:
    text = _text(value)
    if text.isdigit() and RATING_MIN <= int(text) <= RATING_MAX:
        return int(text)
    shown = f" (not “{text[:20]}”)" if text else ""
    errors[name] = f"Rate {meaning} as a whole number from {RATING_MIN} to {RATING_MAX}{shown}."
    return 0


def _yes_no(value: object, errors: dict[str, str]) -> bool | None:
    text = _text(value).lower()
    if not text:
        return None
    if text in ("yes", "y", "true", "current", "1"):
        return True
    if text in ("no", "n", "false", "stale", "0"):
        return False
    errors["plan"] = "Say whether the plan is still current: yes or no."
    return None


def _choice(value: object, options: Mapping[str, str], name: str, errors: dict[str, str]) -> str | None:
    text = _text(value).lower().replace(" ", "_").replace("-", "_")
    if not text:
        return None
    if text in options:
        return text
    errors[name] = f"Choose one of: {', '.join(options)}."
    return None


@dataclass
class ReviewRecorded:
    account_id: int
    account_name: str
    done_on: date
    engagement: int
    loyalty: int
    outcome: str
    next_due: date | None
    engagement_trend: list[int]
    loyalty_trend: list[int]


def record_review(uow: UnitOfWork, actor: Actor, account: str | int, review: ReviewInput, now: datetime,
                  today: date) -> ReviewRecorded:
    with uow:
        session = uow.session
        found = _account(session, actor, account)
        require(session, actor, Permission.WRITE, found)
        checklist = build_checklist(session, actor, found, today)
        row = _open_review(session, found) or Review(team_id=found.team_id, account_id=found.id, due_on=today)
        row.done_at, row.done_by, row.outcome = now, actor.user_id, review.outcome
        row.engagement_rating, row.loyalty_rating = review.engagement, review.loyalty
        row.checklist = {"plan_current": review.plan_current, "objectives": review.objectives,
                         "coverage": review.coverage, "risks": review.risks, "facts": checklist.facts()}
        session.add(row)
        session.flush()
        next_due = _schedule_next(session, found, checklist.cadence_days, today)
        audit.record(session, actor, "review.recorded", "review", row.id, account_id=found.id,
                     after={"due_on": row.due_on, "engagement": review.engagement, "loyalty": review.loyalty,
                            "next_due": next_due},
                     reason=review.outcome[:500])
        uow.commit()
        return ReviewRecorded(found.id, found.name, today, review.engagement, review.loyalty, review.outcome,
                              next_due, checklist.engagement_trend + [review.engagement],
                              checklist.loyalty_trend + [review.loyalty])


def _schedule_next(session: Session, account: Account, cadence: int | None, today: date) -> date | None:
    still_open = _open_review(session, account)
    if still_open is not None:
        return still_open.due_on
    if not cadence:
        return None
    due = today + timedelta(days=cadence)
    session.add(Review(team_id=account.team_id, account_id=account.id, due_on=due, checklist={}))
    return due


# ============================================================================ for the reminder messages


@dataclass
class ReviewDue:
    account_id: int
    account_name: str
    due_on: date
    owner_user_id: str | None
    sponsor_user_id: str | None
    days_overdue: int


def review_due(session: Session, team_id: str, account_id: int, today: date,
               expected_due: date | None = None) -> ReviewDue | None:
    """The account's open review; None when it was done meanwhile (the reminder is then not sent)."""
    account = queries.workspace_row(session, Account, team_id, account_id)
    if account is None:
        return None
    review = _open_review(session, account)
    if review is None or (expected_due is not None and review.due_on != expected_due):
        return None
    return _due(account, review, today)


def _due(account: Account, review: Review, today: date) -> ReviewDue:
    return ReviewDue(account.id, account.name, review.due_on, account.owner_user_id, account.sponsor_user_id,
                     max(0, (today - review.due_on).days))


# ============================================================================ the reviews due, across accounts

REVIEWS_AHEAD_DAYS = 14
MAX_REVIEWS_LISTED = 30


@dataclass
class ReviewsDue:
    """`/kam review` without an account: the open reviews overdue or due within `ahead_days`, soonest first."""

    reviews: list[ReviewDue]
    ahead_days: int
    today: date
    more: int = 0  # left off the list


def reviews_due(uow: UnitOfWork, actor: Actor, today: date, ahead_days: int = REVIEWS_AHEAD_DAYS) -> ReviewsDue:
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        rows = session.exec(
            select(Review, Account).join(Account, Account.id == Review.account_id)
            .where(Review.team_id == actor.team_id, Account.team_id == actor.team_id, Review.done_at.is_(None),
                   Review.due_on <= today + timedelta(days=ahead_days))
            .order_by(Review.due_on, Account.name, Review.id)
        ).all()
        listed: list[ReviewDue] = []
        seen: set[int] = set()
        for review, account in rows:
            if account.id in seen or not allowed(session, actor, Permission.READ, account):
                continue  # one line per account (its earliest open review); restricted accounts stay hidden
            seen.add(account.id)
            listed.append(_due(account, review, today))
        return ReviewsDue(listed[:MAX_REVIEWS_LISTED], ahead_days, today, max(0, len(listed) - MAX_REVIEWS_LISTED))
