"""Cross-cutting concerns as Bolt middleware: who is asking, and handling a retried event once."""
from __future__ import annotations

import logging

from slack_bolt import BoltResponse
from sqlalchemy.exc import IntegrityError

from bot.bootstrap import Container
from kam_domain.models import ProcessedEvent
from kam_domain.services.authz import Actor

log = logging.getLogger(__name__)


def attach_context(container: Container):
    def middleware(body, context, next):
        team_id = context.get("team_id") or _team_from(body)
        user_id = context.get("user_id") or ""
        if team_id:
            context["actor"] = Actor(
                team_id=team_id, user_id=user_id,
                is_admin=user_id in container.settings.admin_ids,
                is_guest=_from_other_org(body, team_id),
            )
        return next()

    return middleware


def _team_from(body: dict) -> str | None:
    return body.get("team_id") or (body.get("team") or {}).get("id")


def _from_other_org(body: dict, team_id: str) -> bool:
    """A user of another organisation acting in a shared channel."""
    event = body.get("event") or {}
    user_team = event.get("user_team") or (body.get("user") or {}).get("team_id")
    return bool(user_team and user_team != team_id)


def dedupe_events(container: Container):
    """Slack retries an event it thinks failed (X-Slack-Retry-Num); run each event_id once."""

    def middleware(body, next):
        event_id = body.get("event_id")
        team_id = _team_from(body)
        if body.get("type") != "event_callback" or not event_id or not team_id:
            return next()
        with container.uow() as uow:
            uow.session.add(ProcessedEvent(team_id=team_id, event_id=event_id))
            try:
                uow.commit()
            except IntegrityError:
                log.info("event %s already handled; ignoring the retry", event_id)
                return BoltResponse(status=200, body="")
        return next()

    return middleware
