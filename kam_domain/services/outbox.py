"""The outbox: a message we owe someone is a Delivery row, written in the same transaction
as the change that caused it, with a unique idempotency key.

The Slack side (`bot/delivery.py`) sends pending rows right after the request commits, and
the scheduler retries whatever is still pending, so a failure of Slack never loses a
message and the key means it is never sent twice. Payloads hold ids and facts, never Block
Kit: the bot renders a delivery by its `kind` when it sends it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from kam_domain.models import Delivery, utcnow


def enqueue(session: Session, team_id: str, kind: str, target: str, key: str, *, account_id: int | None = None,
            due_at: datetime | None = None, payload: dict[str, Any] | None = None) -> Delivery:
    """Add a delivery unless one with the same key exists (then return that one)."""
    existing = session.exec(select(Delivery).where(Delivery.idempotency_key == key)).first()
    if existing is not None:
        return existing
    delivery = Delivery(team_id=team_id, idempotency_key=key, kind=kind, target=target, account_id=account_id,
                        due_at=due_at or utcnow(), payload=payload or {})
    session.add(delivery)
    session.flush()
    return delivery


def pending(session: Session, due_by: datetime, team_id: str | None = None, ids: list[int] | None = None,
            limit: int = 500) -> list[Delivery]:
    query = select(Delivery).where(Delivery.status == "pending", Delivery.due_at <= due_by)
    if team_id is not None:
        query = query.where(Delivery.team_id == team_id)
    if ids is not None:
        query = query.where(Delivery.id.in_(ids))
    return list(session.exec(query.order_by(Delivery.due_at, Delivery.id).limit(limit)).all())
