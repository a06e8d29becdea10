"""Why an account is key: the stored nomination, its approval and the approval's conditions.

Reads: `why_key` ("why is Vantor a key account?"), and `summary` (the same, for the account
card and for next actions). Conditions come from the approval's words
(`kam_domain.rules.tier_conditions`) and are checked against the account as it is today.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session, select

from kam_domain.models import Account, TierChange
from kam_domain.rules import tier_conditions as rules
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.store.uow import UnitOfWork


@dataclass
class ConditionRow:
    text: str
    due_on: date
    kind: str
    status: str  # met, open, missed, unchecked
    days_late: int = 0
    line: str = ""  # "Write the account plan within 60 days: MISSED, due 2026-11-19 (18 days ago)"


@dataclass
class KeyStatus:
    account_id: int
    account_name: str
    tier: str
    key_since: date | None
    tier_change_id: int | None = None  # the approved change that gave the account its tier
    kind: str | None = None  # nomination, demotion
    reason: str | None = None  # the requester's words
    requested_by: str | None = None
    requested_at: datetime | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    decision_reason: str | None = None  # the approver's words (conditions are read from them)
    override_reason: str | None = None
    conditions: list[ConditionRow] = field(default_factory=list)
    today: date | None = None

    @property
    def missed(self) -> list[ConditionRow]:
        return [c for c in self.conditions if c.status == rules.MISSED]

    @property
    def on_record(self) -> bool:
        return self.tier_change_id is not None


def why_key(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> KeyStatus:
    with uow:
        session = uow.session
        account = queries.resolve_account(session, actor.team_id, account_text)
        require(session, actor, Permission.READ, account)
        return summary(session, account, today)


def why_key_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date) -> KeyStatus:
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, int(account_id))
        require(session, actor, Permission.READ, account)
        return summary(session, account, today)


def summary(session: Session, account: Account, today: date) -> KeyStatus:
    """The approved change that gave the account its current tier, with its conditions today."""
    status = KeyStatus(account.id, account.name, account.tier, account.key_since, today=today)
    change = latest_approved(session, account)
    if change is None:
        return status
    status.tier_change_id, status.kind, status.reason = change.id, change.kind, change.reason or None
    status.requested_by, status.requested_at = change.requested_by, change.requested_at
    status.approved_by, status.approved_at = change.decided_by, change.decided_at
    status.decision_reason, status.override_reason = change.decision_reason, change.override_reason
    if account.tier == "key":
        status.conditions = [_row(state, today) for state in condition_states(change, account, today)]
    return status


def latest_approved(session: Session, account: Account) -> TierChange | None:
    """The most recent approved change to the account's current tier."""
    return session.exec(
        select(TierChange).where(TierChange.team_id == account.team_id, TierChange.account_id == account.id,
                                 TierChange.status == "approved", TierChange.to_tier == account.tier)
        .order_by(TierChange.decided_at.desc(), TierChange.id.desc())
    ).first()


def condition_states(change: TierChange, account: Account, today: date) -> list[rules.ConditionState]:
    approved_on = _day(change.decided_at) or today
    return [rules.condition_state(c, today, plan_written=account.plan_updated_at is not None,
                                  has_sponsor=bool(account.sponsor_user_id), has_channel=bool(account.channel_id))
            for c in rules.parse_conditions(change.decision_reason, approved_on)]


def _row(state: rules.ConditionState, today: date) -> ConditionRow:
    c = state.condition
    return ConditionRow(c.text, c.due_on, c.kind, state.status, state.days_late, rules.describe(state, today))


def _day(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment
