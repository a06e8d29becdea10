"""Nominations and demotions of key accounts, and their approval.

Conservative selection: nothing changes an account's tier except `decide` approving a
pending TierChange, and every change is audited. Messages to other people (approval
requests, announcements, decision notices) are written to the outbox in the same
transaction as the change; the bot sends them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import Account, Review, TierChange, Workspace
from kam_domain.rules.cadence import review_cadence_days
from kam_domain.rules.scoring import CapCheck, axes, check_key_cap, quadrant, weighted_score
from kam_domain.services import audit, outbox, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.selection import ScoreCard, build_score_card, selection_settings
from kam_domain.store.uow import UnitOfWork

# Outbox kinds (the bot renders each: its OUTBOX map in bot/render/selection.py).
REQUEST_KIND = "tier_change_request"
DECISION_KIND = "tier_change_decision"
ANNOUNCEMENT_KIND = "tier_change_announcement"

MIN_DEMOTION_REASON = 10  # characters: "a written reason", not "no"

@dataclass
class TierRequest:
    """A nomination or demotion waiting for approval."""

    tier_change_id: int
    kind: str
    account_id: int
    account_name: str
    from_tier: str
    to_tier: str
    reason: str
    requested_by: str
    approvers: list[str]
    delivery_ids: list[int]
    weighted: float | None
    quadrant: str | None
    cap: CapCheck | None  # for nominations: the cap if it were approved
    waiting: int = 0  # messages to the approvers Slack has not taken yet (set by the front end; retried)


@dataclass
class TierDecision:
    tier_change_id: int
    kind: str
    account_id: int
    account_name: str
    approved: bool
    from_tier: str
    to_tier: str
    requested_by: str
    decided_by: str
    decided_at: datetime
    reason: str
    decision_reason: str | None
    override_reason: str | None
    review_cadence_days: int | None
    next_review_on: date | None
    announced_in: str | None
    notified: list[str]
    delivery_ids: list[int]
    overridden: str = ""  # what an override set aside: "key-account cap", "own request", "executive sponsor requirement"
    sponsor_named: str | None = None  # the executive sponsor named with the approval (`sponsor=@u`)


@dataclass
class PendingRequest:
    tier_change_id: int
    kind: str
    account_id: int
    account_name: str
    requested_by: str
    requested_at: datetime
    reason: str


class MissingReason(UserError):
    """A request that needs a written reason came without one."""


class SponsorNeeded(UserError):
    """Approving a key account with no executive sponsor: name one, or override with a reason."""

    def __init__(self, message: str, tier_change_id: int, account_id: int):
        super().__init__(message)
        self.tier_change_id = tier_change_id
        self.account_id = account_id


SPONSOR_REQUIREMENT = "executive sponsor requirement"


class CapExceeded(UserError):
    """Approving would take the key accounts over the cap; an admin may override with a reason."""

    def __init__(self, message: str, tier_change_id: int, cap: CapCheck, can_override: bool):
        super().__init__(message)
        self.tier_change_id = tier_change_id
        self.cap = cap
        self.can_override = can_override


def nominate(uow: UnitOfWork, actor: Actor, words: list[str], now: datetime,
             admin_ids: Iterable[str] = ()) -> TierRequest:
    """Ask for ACCOUNT (the first words) to become key; the rest of the words is the reason."""
    with uow:
        session = uow.session
        account, reason = queries.resolve_account_and_rest(session, actor.team_id, words, "nominate")
        require(session, actor, Permission.REQUEST_TIER_CHANGE, account)
        if account.tier == "key":
            raise UserError(f"{account.name} is already a key account.")
        request = _open_request(session, actor, account, "nomination", "key", reason.strip(), now, admin_ids)
        uow.commit()
        return request


def request_demotion(uow: UnitOfWork, actor: Actor, words: list[str], now: datetime,
                     admin_ids: Iterable[str] = ()) -> TierRequest:
    """Ask for ACCOUNT to stop being key; a written reason is required."""
    with uow:
        session = uow.session
        account, reason = queries.resolve_account_and_rest(session, actor.team_id, words, "demote")
        require(session, actor, Permission.REQUEST_TIER_CHANGE, account)
        if account.tier != "key":
            raise UserError(f"{account.name} is not a key account (it is {account.tier}); there is nothing to demote.")
        reason = reason.strip()
        if len(reason) < MIN_DEMOTION_REASON:
            raise MissingReason(f"Ending key status for {account.name} needs a written reason: say why in a "
                                f"sentence, e.g. `/kam demote {account.name} volumes fell 60% and no growth plan`.")
        request = _open_request(session, actor, account, "demotion", "regular", reason, now, admin_ids)
        uow.commit()
        return request


def _open_request(session: Session, actor: Actor, account: Account, kind: str, to_tier: str, reason: str,
                  now: datetime, admin_ids: Iterable[str]) -> TierRequest:
    pending = _pending_for(session, account)
    if pending is not None:
        raise UserError(f"There is already a pending {pending.kind} of {account.name} (requested by "
                        f"{pending.requested_by} on {pending.requested_at:%Y-%m-%d}); it waits for a decision.")
    approvers = _approvers(account, actor, admin_ids)
    change = TierChange(team_id=actor.team_id, account_id=account.id, from_tier=account.tier, to_tier=to_tier,
                        kind=kind, reason=reason, requested_by=actor.user_id, requested_at=now)
    session.add(change)
    session.flush()
    audit.record(session, actor, "tier_change.requested", "tier_change", change.id, account_id=account.id,
                 before={"tier": account.tier}, after={"requested_tier": to_tier, "kind": kind},
                 reason=reason or None)
    recipients = [u for u in approvers if u != actor.user_id] or approvers
    deliveries = [outbox.enqueue(session, actor.team_id, REQUEST_KIND, user_id,
                                 f"tier_change:{change.id}:approver:{user_id}", account_id=account.id,
                                 due_at=now, payload={"tier_change_id": change.id})
                  for user_id in recipients]
    weighted, box = _position(session, account)
    cap = None
    if to_tier == "key":
        cap = check_key_cap(key_account_count(session, actor.team_id), _cap(session, actor.team_id), adding=1)
    return TierRequest(change.id, kind, account.id, account.name, account.tier, to_tier, reason, actor.user_id,
                       recipients, [d.id for d in deliveries], weighted, box, cap)


def _approvers(account: Account, actor: Actor, admin_ids: Iterable[str]) -> list[str]:
    if account.sponsor_user_id and account.sponsor_user_id != actor.user_id:
        return [account.sponsor_user_id]  # a sponsor who asks is not their own approver: the admins are
    admins = sorted(set(admin_ids) - {actor.user_id}) or sorted(set(admin_ids))
    if admins:
        return admins
    if actor.is_admin:
        return [actor.user_id]
    raise UserError(f"No one can approve this yet: {account.name} has no executive sponsor and no admins are "
                    "set (KAM_ADMINS). Ask your admin to name a sponsor or set KAM_ADMINS; nothing was changed.")


@dataclass
class PendingRequests:
    rows: list[PendingRequest]


def pending_requests(uow: UnitOfWork, actor: Actor) -> PendingRequests:
    """Nominations and demotions waiting for a decision, oldest first."""
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        rows = session.exec(
            select(TierChange, Account).join(Account, Account.id == TierChange.account_id)
            .where(TierChange.team_id == actor.team_id, Account.team_id == actor.team_id,
                   TierChange.status == "pending")
            .order_by(TierChange.requested_at)
        ).all()
        return PendingRequests([PendingRequest(c.id, c.kind, c.account_id, a.name, c.requested_by, c.requested_at,
                                               c.reason) for c, a in rows if allowed(session, actor, Permission.READ, a)])


def pending_request_id(uow: UnitOfWork, actor: Actor, words: list[str], command: str) -> tuple[int, str]:
    """The pending request of ACCOUNT (the first words) and the rest of the words."""
    with uow:
        session = uow.session
        account, rest = queries.resolve_account_and_rest(session, actor.team_id, words, command)
        pending = _pending_for(session, account)
        if pending is None:
            raise UserError(f"There is no pending nomination or demotion of {account.name}.")
        return pending.id, rest


def pending_for_decision(uow: UnitOfWork, actor: Actor, tier_change_id: int) -> PendingRequest:
    """A request the actor may decide now (checked before showing them a form)."""
    with uow:
        session = uow.session
        change = queries.row_in_workspace(session, TierChange, actor.team_id, tier_change_id, "request")
        account = queries.account_by_id(session, actor.team_id, change.account_id)
        require(session, actor, Permission.APPROVE_TIER_CHANGE, account)
        _ensure_pending(change, account)
        return PendingRequest(change.id, change.kind, account.id, account.name, change.requested_by,
                              change.requested_at, change.reason)


def _pending_for(session: Session, account: Account) -> TierChange | None:
    return session.exec(
        select(TierChange).where(TierChange.team_id == account.team_id, TierChange.account_id == account.id,
                                 TierChange.status == "pending")
    ).first()


def decide(uow: UnitOfWork, actor: Actor, tier_change_id: int, *, approve: bool, now: datetime, today: date,
           reason: str | None = None, override_reason: str | None = None,
           fallback_channel: str | None = None, sponsor: str | None = None,
           names_resolvable: bool = True) -> TierDecision:
    """Approve or reject a pending tier change: the one place an account's tier changes.

    A key account needs an executive sponsor: approving one without asks for it (SponsorNeeded)
    unless the approver names one (`sponsor`, set on the team in the same transaction) or gives
    an override reason, which is kept with the decision.
    """
    sponsor = (sponsor or "").strip() or None
    reason = (reason or "").strip() or None
    override_reason = (override_reason or "").strip() or None
    with uow:
        session = uow.session
        change = queries.row_in_workspace(session, TierChange, actor.team_id, tier_change_id, "request")
        account = queries.account_by_id(session, actor.team_id, change.account_id)
        require(session, actor, Permission.APPROVE_TIER_CHANGE, account)
        _ensure_pending(change, account)
        if not approve and not reason:
            raise MissingReason(f"Say why you reject the {change.kind} of {account.name}, so "
                                f"{change.requested_by} knows what would change your mind.")
        used_override, overridden = None, ""
        if approve:
            _ensure_still_applies(change, account)
            over_cap = _cap_gate(session, actor, change, account, override_reason)
            own = _own_request_gate(change, account, actor, override_reason)
            no_sponsor = _sponsor_gate(change, account, sponsor, override_reason)
            used_override = over_cap or own or no_sponsor
            overridden = " and ".join(w for w, on in (("key-account cap", over_cap), ("own request", own),
                                                      (SPONSOR_REQUIREMENT, no_sponsor)) if on)
        elif sponsor:
            raise UserError("A sponsor is named when approving; nothing was changed.")
        _claim(session, change, actor, approve, now, reason, used_override, overridden if approve else "")
        review_due = cadence = None
        if approve:
            if sponsor:
                _name_sponsor(session, actor, account, sponsor, now, names_resolvable)
            review_due, cadence = _apply(session, actor, change, account, now, today, used_override, overridden)
        announce = (account.channel_id or fallback_channel) if approve else None
        deliveries = _decision_deliveries(session, actor, change, account, approve, announce, now)
        uow.commit()
        return TierDecision(
            change.id, change.kind, account.id, account.name, approve, change.from_tier, change.to_tier,
            change.requested_by, actor.user_id, now, change.reason, reason, used_override,
            cadence, review_due, announce,
            [d.target for d in deliveries if d.kind == DECISION_KIND], [d.id for d in deliveries],
            overridden if approve and used_override else "",
            account.sponsor_user_id if approve and sponsor else None,
        )


def _sponsor_gate(change: TierChange, account: Account, sponsor: str | None,
                  override_reason: str | None) -> str | None:
    """A key account without an executive sponsor: None when one is (or is being) named; else the override."""
    if change.to_tier != "key" or account.sponsor_user_id or sponsor:
        return None
    if override_reason is None:
        raise SponsorNeeded(
            f"{account.name} has no executive sponsor, and a key account needs one: a senior leader who meets "
            "their executives, approves its tier changes and takes its escalations. Name one as you approve: "
            f"`/kam approve #{account.id} sponsor=@someone`; or approve without one, saying why: "
            f"`/kam approve #{account.id} override REASON`. Nothing was changed.", change.id, account.id)
    return override_reason


def _name_sponsor(session: Session, actor: Actor, account: Account, sponsor: str, now: datetime,
                  names_resolvable: bool) -> None:
    """Set the sponsor named with the approval, as `/kam team ACCOUNT sponsor=@u` would (checked, audited)."""
    from kam_domain.services.teams import TeamChanges, apply_in_session

    apply_in_session(session, actor, account, TeamChanges(sponsor=sponsor), now, names_resolvable=names_resolvable)


def _own_request_gate(change: TierChange, account: Account, actor: Actor,
                      override_reason: str | None) -> str | None:
    """Four eyes: whoever asked for a tier change does not approve it, unless an admin overrides with a reason."""
    if change.requested_by != actor.user_id:
        return None
    if not actor.is_admin:
        raise NotAllowed(f"You asked for the {change.kind} of {account.name}, so someone else must approve it "
                         "(its executive sponsor or an admin); nothing was changed.")
    if override_reason is None:
        raise NotAllowed(f"You asked for the {change.kind} of {account.name} yourself. As an admin you can approve "
                         f"it only with a written reason: `/kam approve #{account.id} override REASON`; "
                         "nothing was changed.")
    return override_reason


def _ensure_pending(change: TierChange, account: Account) -> None:
    if change.status == "pending":
        return
    when = f" on {change.decided_at:%Y-%m-%d}" if change.decided_at else ""
    raise UserError(f"The {change.kind} of {account.name} was already {change.status} by "
                    f"{change.decided_by or 'someone'}{when}; nothing was changed.")


def _ensure_still_applies(change: TierChange, account: Account) -> None:
    if account.tier != change.from_tier:
        raise UserError(f"{account.name} is {account.tier} now, not {change.from_tier} as when the {change.kind} "
                        "was requested; reject it and ask again if it is still wanted.")


def _cap_gate(session: Session, actor: Actor, change: TierChange, account: Account,
              override_reason: str | None) -> str | None:
    """None when within the cap; the override reason when an admin overrides; else CapExceeded."""
    if change.to_tier != "key":
        return None
    cap = check_key_cap(key_account_count(session, actor.team_id), _cap(session, actor.team_id), adding=1)
    if not cap.over:
        return None
    can_override = allowed(session, actor, Permission.OVERRIDE_CAP)
    if override_reason is None:
        how = ("Override it with a written reason, or demote another key account first." if can_override
               else "An admin can override it with a written reason; or demote another key account first.")
        raise CapExceeded(f"Not approved: making {account.name} key would mean {cap.total} key accounts, over "
                          f"the cap of {cap.cap}. {how}", change.id, cap, can_override)
    if not can_override:
        raise NotAllowed("Only an admin can override the key-account cap.")
    return override_reason


def _claim(session: Session, change: TierChange, actor: Actor, approve: bool, now: datetime,
           reason: str | None, override_reason: str | None, overridden: str = "key-account cap") -> None:
    """Mark the request decided, unless someone else decided it a moment ago."""
    status = "approved" if approve else "rejected"
    result = session.exec(
        update(TierChange).where(TierChange.id == change.id, TierChange.status == "pending")
        .values(status=status, decided_by=actor.user_id, decided_at=now, decision_reason=reason,
                override_reason=override_reason)
    )
    if result.rowcount != 1:
        session.rollback()
        raise UserError("Someone decided this request a moment ago; nothing was changed.")
    session.expire(change)
    audit.record(session, actor, f"tier_change.{status}", "tier_change", change.id, account_id=change.account_id,
                 before={"status": "pending"}, after={"status": status, "override": bool(override_reason)},
                 reason="; ".join(r for r in (reason, override_reason and f"{overridden.replace('key-account cap', 'cap')} override: {override_reason}") if r)
                 or None)


def _apply(session: Session, actor: Actor, change: TierChange, account: Account, now: datetime, today: date,
           override_reason: str | None, overridden: str = "key-account cap") -> tuple[date | None, int | None]:
    """Change the tier and the review schedule; audit the account change."""
    before = {"tier": account.tier, "key_since": account.key_since,
              "review_cadence_override": account.review_cadence_days}
    _, box = _position(session, account)
    account.tier = change.to_tier
    account.key_since = today if change.to_tier == "key" else None
    # An account's own cadence (Account.review_cadence_days) was set for its old tier: a candidate's
    # quarterly look is not a key account's review, and a key account's monthly one is not owed by
    # a regular account. The tier change clears it; the one cadence rule decides for the new tier.
    account.review_cadence_days = None
    account.updated_at = now
    session.add(account)
    cadence = cadence_for(session, account, box)
    review_due = _schedule_review(session, actor, account, today, now, change, cadence)
    after = {"tier": account.tier, "key_since": account.key_since, "review_cadence_days": cadence,
             "review_cadence_override": None, "next_review_on": review_due}
    why = change.reason or f"{change.kind} approved"
    if override_reason:
        why += f" ({overridden} overridden: {override_reason})"
    audit.record(session, actor, "account.tier_changed", "account", account.id, account_id=account.id,
                 before=before, after=after, reason=why)
    session.flush()
    return review_due, cadence


def _schedule_review(session: Session, actor: Actor, account: Account, today: date, now: datetime,
                     change: TierChange, cadence: int | None) -> date | None:
    open_reviews = session.exec(
        select(Review).where(Review.team_id == account.team_id, Review.account_id == account.id,
                             Review.done_at.is_(None))
    ).all()
    if cadence is None:
        for review in open_reviews:  # no more personal reviews for a regular account
            review.done_at, review.done_by = now, actor.user_id
            review.outcome = f"Not held: the account stopped being key (tier change #{change.id})."
            session.add(review)
        return None
    due = today + timedelta(days=cadence)
    for review in open_reviews:  # a review owed on the old cadence comes no later than the new one
        if review.due_on > due:
            review.due_on = due
            session.add(review)
    if open_reviews:
        return min(r.due_on for r in open_reviews)
    session.add(Review(team_id=account.team_id, account_id=account.id, due_on=due))
    return due


def cadence_for(session: Session, account: Account, box: str | None) -> int | None:
    """The account's review cadence now, by the one rule (rules.cadence.review_cadence_days)."""
    from kam_domain.services.reminders import schedule_settings

    workspace = session.get(Workspace, account.team_id)
    defaults = dict(schedule_settings(workspace.settings if workspace else {}).cadence_defaults)
    return review_cadence_days(account.tier, box, account.review_cadence_days, defaults)


def _decision_deliveries(session: Session, actor: Actor, change: TierChange, account: Account, approve: bool,
                         announce: str | None, now: datetime) -> list:
    deliveries = []
    payload = {"tier_change_id": change.id}
    if announce:
        deliveries.append(outbox.enqueue(session, actor.team_id, ANNOUNCEMENT_KIND, announce,
                                         f"tier_change:{change.id}:announce:{announce}", account_id=account.id,
                                         due_at=now, payload=payload))
    people = [change.requested_by, account.owner_user_id] + ([account.sponsor_user_id] if approve else [])
    for user_id in dict.fromkeys(u for u in people if u and u != actor.user_id and u[:1] in "UW"):
        deliveries.append(outbox.enqueue(session, actor.team_id, DECISION_KIND, user_id,
                                         f"tier_change:{change.id}:decision:{user_id}", account_id=account.id,
                                         due_at=now, payload=payload))
    return deliveries


# ============================================================================ shared helpers


def _position(session: Session, account: Account) -> tuple[float | None, str | None]:
    defs = queries.criteria_defs(session, account.team_id)
    if not defs:
        return None, None
    scores = queries.current_scores(session, account.team_id, [account.id]).get(account.id, {})
    position = axes(scores, defs)
    box = quadrant(position.attractiveness, position.strength)
    return weighted_score(scores, defs), (box.value if box else None)


def key_account_count(session: Session, team_id: str) -> int:
    return session.exec(
        select(func.count()).select_from(Account).where(Account.team_id == team_id, Account.tier == "key")
    ).one()


def _cap(session: Session, team_id: str) -> int:
    return selection_settings(session, team_id).key_account_cap


@dataclass
class RequestDetails:
    """What an approver needs to decide, read at send time (see the outbox renderers)."""

    change: TierChange
    account: Account
    score: ScoreCard | None
    cap: CapCheck | None
    revenue: float | None
    profit: float | None
    periods: list[str]
    next_review_on: date | None
    review_cadence_days: int | None = None  # by the one cadence rule, for the account's tier now


def request_details(session: Session, team_id: str, tier_change_id: int) -> RequestDetails | None:
    """A tier change with the account's scores and numbers, scoped to the workspace."""
    change = queries.workspace_row(session, TierChange, team_id, tier_change_id)
    account = queries.workspace_row(session, Account, team_id, change.account_id) if change else None
    if change is None or account is None:
        return None
    reader = Actor(team_id=team_id, user_id="kam-outbox", is_admin=True)
    card = build_score_card(session, reader, account)
    cap = None
    if change.to_tier == "key":
        adding = 1 if change.status == "pending" else 0
        cap = check_key_cap(key_account_count(session, team_id), _cap(session, team_id), adding=adding)
    periods = queries.recent_periods(session, team_id)
    money = queries.money_by_account(session, team_id, periods, [account.id]).get(account.id)
    next_review = session.exec(
        select(func.min(Review.due_on)).where(Review.account_id == account.id, Review.done_at.is_(None))
    ).one()
    cadence = cadence_for(session, account, _position(session, account)[1])
    return RequestDetails(change, account, card if card.criteria else None, cap,
                          money.revenue if money else None, money.profit if money else None, periods, next_review,
                          cadence)
