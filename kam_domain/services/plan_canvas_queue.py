"""Queueing a sync of the account plan into the account channel's canvas (kam_domain.services.plan_canvas).

A sync is an outbox row (kind PLAN_CANVAS, payload ids only) written in the same transaction as the
change that calls for it. It always writes the plan as it is when it is sent, so a newer sync makes a
pending older one redundant: queueing cancels the account's pending ones first. A row already claimed
by a sender is left alone (it may be writing right now); the new row then writes the change after it.

This module imports no other service, so `plans.touch` and the team, SWOT and map services can call
`plan_changed` without an import cycle.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from kam_domain.models import Account, Delivery
from kam_domain.services.outbox import enqueue

PLAN_CANVAS = "plan_canvas"  # outbox kind
SUPERSEDED = "superseded by a newer plan change"


def plan_changed(account: Account, now: datetime | None = None) -> int | None:
    """After any change to the account's plan, team, SWOT or map: queue a sync when the bot keeps a
    canvas for it. Returns the new delivery's id, or None when there is no canvas to keep current."""
    session = object_session(account)
    if session is None or not account.plan_canvas_id or not account.channel_id or account.id is None:
        return None
    return queue_sync(session, account, create=False, now=now).id


def queue_sync(session: Session, account: Account, *, create: bool, now: datetime | None = None,
               requested_by: str | None = None) -> Delivery:
    """One pending sync for the account (older pending ones cancelled). `create`: make or adopt the
    channel's canvas first (the `/kam plan ACCOUNT canvas` request)."""
    mine = (Delivery.kind == PLAN_CANVAS, Delivery.team_id == account.team_id, Delivery.account_id == account.id,
            Delivery.status == "pending")
    older = session.exec(select(Delivery.payload).where(*mine)).all()
    create = create or any((payload or {}).get("create") for payload in older)  # a pending request still stands
    session.exec(update(Delivery).where(*mine).values(status="cancelled", last_error=SUPERSEDED, retry_at=None))
    payload = {"account_id": account.id, "create": create}
    if requested_by:
        payload["requested_by"] = requested_by
    key = f"plan-canvas:{account.team_id}:{account.id}:{uuid.uuid4().hex}"
    return enqueue(session, account.team_id, PLAN_CANVAS, account.channel_id, key, account_id=account.id,
                   due_at=now, payload=payload)
