"""Cross-cutting concerns as Bolt middleware: who is asking, and handling a retried event once."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from slack_bolt import BoltResponse
from sqlalchemy.exc import IntegrityError

from bot.bootstrap import Container
from kam_domain.models import ProcessedEvent
from kam_domain.services.authz import Actor

log = logging.getLogger(__name__)


def attach_context(container: Container):
    guests = GuestCheck(container)

    def middleware(body, context, next, client=None):
        team_id = context.get("team_id") or _team_from(body)
        user_id = context.get("user_id") or ""
        if team_id:
            context["actor"] = Actor(
                team_id=team_id, user_id=user_id,
                is_admin=user_id in container.settings.admin_ids,
                is_guest=_from_other_org(body, team_id) or guests.is_guest(client, body, team_id, user_id),
            )
        return next()

    return middleware


class GuestCheck:
    """Is this person a Slack guest (users.info `is_restricted` / `is_ultra_restricted`) or a stranger?

    Asked once per person and workspace, then remembered for `TTL`. If Slack cannot be asked
    the person is treated as a member for this request (and asked again next time).
    """

    TTL = timedelta(minutes=10)

    def __init__(self, container: Container):
        self.container = container
        self._known: dict[tuple[str, str], tuple[bool, datetime]] = {}
        self._lock = threading.Lock()

    def is_guest(self, client, body: dict, team_id: str, user_id: str) -> bool:
        if client is None or not user_id or not _is_a_person_asking(body):
            return False
        now = self.container.clock.now()
        with self._lock:
            known = self._known.get((team_id, user_id))
        if known is not None and now - known[1] < self.TTL:
            return known[0]
        try:
            user = client.users_info(user=user_id)["user"]
        except Exception as exc:  # noqa: BLE001 - Slack unreachable or the user unknown: not cached
            log.warning("users.info for %s failed (%s); treating them as a member", user_id, exc.__class__.__name__)
            return False
        guest = bool(user.get("is_restricted") or user.get("is_ultra_restricted") or user.get("is_stranger"))
        with self._lock:
            self._known[(team_id, user_id)] = (guest, now)
        return guest


def _is_a_person_asking(body: dict) -> bool:
    if body.get("type") == "event_callback":
        event = body.get("event") or {}
        if event.get("type") in ("app_uninstalled", "tokens_revoked") or event.get("bot_id") or event.get("subtype"):
            return False
    return True


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
