"""The append-only audit log: every change says who, when, before, after and why."""
from __future__ import annotations

from typing import Any

from sqlmodel import Session

from kam_domain.models import AuditEntry, utcnow
from kam_domain.services.authz import Actor


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None = None, *,
           account_id: int | None = None, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None, reason: str | None = None) -> AuditEntry:
    entry = AuditEntry(team_id=actor.team_id, account_id=account_id, actor=actor.user_id, action=action,
                       entity=entity, entity_id=entity_id, before=_plain(before), after=_plain(after),
                       reason=reason, at=utcnow())
    session.add(entry)
    return entry


def _plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}
