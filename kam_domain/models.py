"""The KAM data model. Every root record carries its workspace (`team_id`).

Tables are plain SQLModel classes; rules live in `kam_domain.rules`, use cases in
`kam_domain.services`. Enum-like columns hold the stable string values defined in the
rule modules (tier, decision role, contact level, horizon...).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Optional

from sqlalchemy import JSON, Column, Text, UniqueConstraint, Index
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timestamps are stored timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


TIERS = ("key", "candidate", "regular")


class Workspace(SQLModel, table=True):
    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=200)
    key_account_cap: int = 35
    watch_threshold: float = 6.5
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    installed: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Account(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("team_id", "normalized_name", name="uq_account_name"),
        Index("ix_account_team_crm", "team_id", "crm_id"),
        Index("ix_account_team_tier", "team_id", "tier"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    name: str = Field(max_length=200)
    normalized_name: str = Field(max_length=200)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    crm_id: Optional[str] = Field(default=None, max_length=64)
    industry: Optional[str] = Field(default=None, max_length=120)
    country: Optional[str] = Field(default=None, max_length=120)
    # The customer's own size (annual revenue from a CRM export): an attractiveness input,
    # never what they pay us (that is Financial).
    customer_annual_revenue: Optional[float] = None
    crm_owner_name: Optional[str] = Field(default=None, max_length=200)
    crm_owner_email: Optional[str] = Field(default=None, max_length=254)
    owner_user_id: Optional[str] = Field(default=None, max_length=32)
    # Who set the KAM: "crm" (linked from the CRM owner on import; a re-import may update it) or
    # "manual" (set in Slack or by `kam import teams`; an import never overwrites it).
    owner_source: Optional[str] = Field(default=None, max_length=16)
    sponsor_user_id: Optional[str] = Field(default=None, max_length=32)
    channel_id: Optional[str] = Field(default=None, max_length=32)
    tier: str = Field(default="regular", max_length=16)
    restricted: bool = False
    review_cadence_days: Optional[int] = None
    potential_annual_value: Optional[float] = None
    customer_rating: Optional[float] = None  # the customer's own rating of us, 1-10
    key_since: Optional[date] = None
    plan_updated_at: Optional[datetime] = None
    # The account channel's canvas the bot keeps the plan in (`/kam plan ACCOUNT canvas`); None: no canvas sync.
    plan_canvas_id: Optional[str] = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TeamMember(SQLModel, table=True):
    """Our side of an account: the KAM, cross-functional members, the sponsor."""

    __table_args__ = (UniqueConstraint("account_id", "user_id", name="uq_team_member"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    user_id: str = Field(max_length=32)
    role: str = Field(default="member", max_length=32)  # kam, member, sponsor, specialist


class OwnerLink(SQLModel, table=True):
    """A CRM owner (name or email, as the export spells it) and the Slack user who is that person.

    Written by `kam import users` and by a successful match on import; read by every later
    import so a re-import links the same owner without asking Slack again."""

    __table_args__ = (UniqueConstraint("team_id", "crm_owner_key", name="uq_owner_link"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    crm_owner_key: str = Field(max_length=254)  # folded name, or a lower-case email
    crm_owner_name: str = Field(max_length=254)
    user_id: str = Field(max_length=32)
    source: str = Field(default="matched", max_length=16)  # matched (by name or email) or manual
    linked_at: datetime = Field(default_factory=utcnow)


class Financial(SQLModel, table=True):
    """What the customer pays us and what serving them costs, per period."""

    __table_args__ = (UniqueConstraint("account_id", "period", name="uq_financial_period"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    period: str = Field(max_length=16)  # 2026-Q3 or 2026-09
    revenue: float = 0.0
    cost_to_serve: float = 0.0


class Criterion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "key", name="uq_criterion_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(foreign_key="workspace.team_id", max_length=32)
    key: str = Field(max_length=64)
    label: str = Field(max_length=120)
    weight: float = 1.0
    axis: str = Field(default="attractiveness", max_length=16)  # or strength
    position: int = 0
    active: bool = True


class Score(SQLModel, table=True):
    """One scoring event; the newest per (account, criterion) is current, the rest history."""

    __table_args__ = (Index("ix_score_account_criterion", "account_id", "criterion_id", "scored_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id")
    criterion_id: int = Field(foreign_key="criterion.id")
    value: int
    scored_by: str = Field(max_length=32)
    scored_at: datetime = Field(default_factory=utcnow)


class Stakeholder(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "normalized_name", name="uq_stakeholder_name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    name: str = Field(max_length=200)
    normalized_name: str = Field(max_length=200)
    title: Optional[str] = Field(default=None, max_length=200)
    email: Optional[str] = Field(default=None, max_length=254)
    role: str = Field(default="unknown", max_length=32)
    influence: int = 3  # 1-5
    attitude: int = 0  # -2 hostile .. +2 champion
    contact_level: str = Field(default="none", max_length=16)
    reports_to_id: Optional[int] = Field(default=None, foreign_key="stakeholder.id")
    owner_user_id: Optional[str] = Field(default=None, max_length=32)
    last_contact_on: Optional[date] = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Note(SQLModel, table=True):
    """Account notes and meeting write-ups; the source of truth the index is built from."""

    __table_args__ = (
        UniqueConstraint("team_id", "content_hash", name="uq_note_content"),
        Index("ix_note_account_date", "account_id", "written_on"),
        Index("ix_note_unindexed", "team_id", "indexed_at"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    account_id: int = Field(foreign_key="account.id")
    written_on: date
    author: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(default="manual", max_length=16)  # import, log, slack, demo
    # How an imported note reads, -2..+2 (a logged meeting's sentiment is on its Interaction): what the
    # derived "stakeholder sentiment" of a day-one portfolio reads. None: not read (older rows).
    sentiment: Optional[int] = None
    content_hash: str = Field(max_length=64)
    indexed_at: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)


class Interaction(SQLModel, table=True):
    """A logged meeting or call with the customer."""

    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    occurred_on: date
    kind: str = Field(default="meeting", max_length=16)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    sentiment: int = 0  # -2..2
    logged_by: str = Field(max_length=32)
    note_id: Optional[int] = Field(default=None, foreign_key="note.id")
    created_at: datetime = Field(default_factory=utcnow)


class InteractionAttendee(SQLModel, table=True):
    interaction_id: int = Field(foreign_key="interaction.id", primary_key=True)
    stakeholder_id: int = Field(foreign_key="stakeholder.id", primary_key=True)


class PlanSection(SQLModel, table=True):
    """Free-text plan sections: customer goals, financial health, initiatives, competitors."""

    __table_args__ = (UniqueConstraint("account_id", "section", name="uq_plan_section"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id")
    section: str = Field(max_length=32)
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_by: str = Field(max_length=32)
    updated_at: datetime = Field(default_factory=utcnow)


class SwotPoint(SQLModel, table=True):
    """A SWOT point accepted into the plan, with the note it came from."""

    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    quadrant: str = Field(max_length=16)  # strength, weakness, opportunity, threat
    text: str = Field(sa_column=Column(Text, nullable=False))
    source_note_id: Optional[int] = Field(default=None, foreign_key="note.id")
    accepted_by: str = Field(max_length=32)
    accepted_at: datetime = Field(default_factory=utcnow)


class Objective(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    horizon: str = Field(default="short", max_length=8)  # short, mid, long
    title: str = Field(max_length=300)
    owner_user_id: Optional[str] = Field(default=None, max_length=32)
    due_on: Optional[date] = None
    status: str = Field(default="open", max_length=16)  # open, done, dropped
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


class Action(SQLModel, table=True):
    """A strategy action or a next step from a meeting."""

    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    objective_id: Optional[int] = Field(default=None, foreign_key="objective.id")
    interaction_id: Optional[int] = Field(default=None, foreign_key="interaction.id")
    title: str = Field(max_length=300)
    owner_user_id: Optional[str] = Field(default=None, max_length=32)
    due_on: Optional[date] = None
    status: str = Field(default="open", max_length=16)  # open, done, dropped
    snoozed_until: Optional[date] = None
    source: str = Field(default="manual", max_length=16)  # manual, log, draft
    created_at: datetime = Field(default_factory=utcnow)
    done_at: Optional[datetime] = None


class Opportunity(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    name: str = Field(max_length=200)
    value: float = 0.0
    status: str = Field(default="open", max_length=8)  # open, won, lost
    close_on: Optional[date] = None
    next_step: Optional[str] = Field(default=None, max_length=300)


class Review(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    due_on: date
    done_at: Optional[datetime] = None
    done_by: Optional[str] = Field(default=None, max_length=32)
    outcome: Optional[str] = Field(default=None, sa_column=Column(Text))
    engagement_rating: Optional[int] = None  # 1-5
    loyalty_rating: Optional[int] = None  # 1-5
    checklist: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class TierChange(SQLModel, table=True):
    """A nomination or demotion request and its decision."""

    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    from_tier: str = Field(max_length=16)
    to_tier: str = Field(max_length=16)
    kind: str = Field(max_length=16)  # nomination, demotion
    reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_by: str = Field(max_length=32)
    requested_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="pending", max_length=16)  # pending, approved, rejected
    decided_by: Optional[str] = Field(default=None, max_length=32)
    decided_at: Optional[datetime] = None
    decision_reason: Optional[str] = Field(default=None, sa_column=Column(Text))
    override_reason: Optional[str] = Field(default=None, sa_column=Column(Text))


class AuditEntry(SQLModel, table=True):
    """Append-only: who changed what, when, before and after, and why."""

    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    account_id: Optional[int] = Field(default=None, index=True)
    actor: str = Field(max_length=32)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: Optional[int] = None
    before: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    after: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON))
    reason: Optional[str] = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow)


class Delivery(SQLModel, table=True):
    """A message the scheduler owes someone; the key makes every send happen once."""

    __table_args__ = (
        UniqueConstraint("idempotency_key", name="uq_delivery_key"),
        Index("ix_delivery_status_due", "status", "due_at"),
        Index("ix_delivery_due", "due_at"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    idempotency_key: str = Field(max_length=255)
    kind: str = Field(max_length=32)  # review_reminder, escalation, nudge, digest
    target: str = Field(max_length=64)  # channel or user id
    account_id: Optional[int] = None
    due_at: datetime
    # pending (waiting or retrying), sending (claimed), sent, blocked (target outside the workspace),
    # expired (its window passed), cancelled (nothing to say any more), failed (no renderer for its kind)
    status: str = Field(default="pending", max_length=16)
    attempts: int = 0
    last_error: Optional[str] = Field(default=None, max_length=500)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: Optional[datetime] = None
    slack_ts: Optional[str] = Field(default=None, max_length=32)
    # Who is sending it (host:pid) and since when: how a crashed sender's row is told from a live one.
    claimed_at: Optional[datetime] = None
    claimed_by: Optional[str] = Field(default=None, max_length=120)
    retry_at: Optional[datetime] = None  # a failed send waits until then (backoff), then is retried


class NudgeSnooze(SQLModel, table=True):
    """A snoozed check-in nudge about a cold key person or a stale plan (actions snooze on Action)."""

    __table_args__ = (UniqueConstraint("team_id", "subject", name="uq_nudge_snooze"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    subject: str = Field(max_length=64)  # "stakeholder:12", "plan:7" (account id)
    until: date
    snoozed_by: str = Field(max_length=32)
    snoozed_at: datetime = Field(default_factory=utcnow)


class UserProfile(SQLModel, table=True):
    """What Slack said about someone we DM (users.info): timezone, and whether they are one of us."""

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    tz: Optional[str] = Field(default=None, max_length=64)
    tz_offset: Optional[int] = None  # seconds east of UTC
    reachable: bool = True  # False: deleted, a bot, a guest or someone from another organisation
    reason: Optional[str] = Field(default=None, max_length=120)
    fetched_at: datetime = Field(default_factory=utcnow)


class QuadrantSnapshot(SQLModel, table=True):
    """Each account's tier, quadrant and watch-list flag in one week, for the digest's quadrant moves."""

    __table_args__ = (UniqueConstraint("team_id", "week_start", "account_id", name="uq_quadrant_snapshot"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    week_start: date
    account_id: int
    tier: str = Field(max_length=16)
    quadrant: Optional[str] = Field(default=None, max_length=16)
    watch: bool = False


class ProcessedEvent(SQLModel, table=True):
    """Slack event ids already handled, so a retried event runs once."""

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=utcnow)


class ConversationMemory(SQLModel, table=True):
    """What a Slack thread is about, so follow-ups keep the account and the person."""

    team_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(primary_key=True, max_length=32)
    thread_ts: str = Field(primary_key=True, max_length=32)
    account_id: Optional[int] = Field(default=None, foreign_key="account.id")
    stakeholder_id: Optional[int] = Field(default=None, foreign_key="stakeholder.id")
    last_intent: Optional[str] = Field(default=None, max_length=32)
    updated_at: datetime = Field(default_factory=utcnow)
