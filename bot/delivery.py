"""Sending the outbox (`kam_domain.services.outbox`) to Slack, exactly once and never to a customer.

The exactly-once rule; every change here must keep it:

1. Claim. A conditional update moves a row `pending` -> `sending` and stamps attempts + 1,
   `claimed_at` (wall clock) and `claimed_by` (host:pid). Only one process wins; the claim is
   committed before anything is sent.
2. Send. chat.postMessage carries the idempotency key in message metadata. Only a 429 is
   retried blindly (Slack refused it, nothing was posted), after the Retry-After Slack asked
   for (a longer one than MAX_RATE_LIMIT_WAIT puts the row back with that retry time). After a
   5xx or a dropped connection the message may have been posted anyway, so before posting again
   we look for the key in the conversation's history. After a timeout the request may still be
   on its way, so it is not posted again in the same pass: the row goes back to pending and the
   next pass looks first. A row attempted before (attempts > 1) is always looked up before its
   first post.
3. Record. The row is marked `sent` with Slack's ts. A failure puts it back to `pending` with
   the error and a retry time (backoff); a failed send is never dropped.
4. Recover. A row a crash left in `sending` is resolved by `recover_stuck` (run at the start of
   every clock tick) once its claim is abandoned: the claiming process is gone (same host) or
   the claim is older than the lease. If Slack's history holds the key the row is marked
   `sent`, else it goes back to `pending`. A crash between send and record therefore never
   sends twice, and a crash between claim and send never loses the message.
5. Senders. A kind that is not a message (the plan's channel canvas: bot/canvas_sync.py) has a
   sender instead of a renderer. The same claim, target check, pacing and record apply; its send
   must be idempotent (the canvas sync finds its own sections and replaces them), so a row a crash
   left in `sending`, or one whose call failed ambiguously, is simply sent again, with no lookup.
   A sender's `Undeliverable` (a missing scope, a plan without the feature) blocks the row.

The lookups need the history scopes (channels:history, groups:history, im:history,
mpim:history). Without them an abandoned claim is sent again (at least once) and the log
says which scope is missing.

Never to a customer: before each send the target is checked live. A channel shared with
another organisation, and a user who is deleted, a bot, a guest or of another team, get
nothing; the row is `blocked`. Sends are paced to about one message per second per
conversation.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from urllib.error import URLError
from sqlalchemy import or_, update
from sqlmodel import Session, select

from bot.render.blocks import SlackMessage
from bot.render.escape import safe_text
from kam_domain.models import Delivery, utcnow

log = logging.getLogger(__name__)

Renderer = Callable[[Session, Delivery], "SlackMessage | None"]  # None: nothing to say any more
# A kind whose send is not a message (a canvas sync): (container, client, delivery) -> what to record as
# slack_ts, None when there is nothing to do any more. Its send must be idempotent (see the rule above).
Sender = Callable[[object, object, Delivery], "str | None"]
METADATA_EVENT = "kam_delivery"

LEASE = timedelta(minutes=10)  # longer than any one send, retries included
AMBIGUOUS_TRIES = 3
AMBIGUOUS_BACKOFF_SECONDS = 0.5  # doubled each try
HISTORY_PAGES = 10
MAX_RATE_LIMIT_WAIT = 60.0  # seconds a pass waits for a 429's Retry-After; longer: the row waits instead
PERMANENT_LOOKUP_ERRORS = {"missing_scope", "not_in_channel", "channel_not_found", "not_allowed_token_type",
                           "no_permission", "user_not_found", "cannot_dm_bot"}
sleep = time.sleep  # tests may replace it


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    unrenderable: list[int] = field(default_factory=list)  # a kind no feature renders: failed for good

    def __str__(self) -> str:
        return (f"sent {len(self.sent)}, failed (will retry) {len(self.failed)}, blocked {len(self.blocked)}, "
                f"no longer needed {len(self.cancelled)}"
                + (f", no renderer {len(self.unrenderable)}" if self.unrenderable else ""))


class Undeliverable(Exception):
    """A sender's answer from Slack that retrying cannot change (a missing scope, a plan without the
    feature): the row is `blocked` with the reason instead of going back to pending."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ============================================================================ pacing


class ChannelPacer:
    """At most one message per `interval` seconds into the same conversation."""

    def __init__(self, interval: float = 1.0, clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], None] | None = None):
        self.interval, self._clock, self._wait = interval, clock, wait
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, conversation: str) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(conversation, now))
            self._next[conversation] = start + self.interval
        if start > now:
            (self._wait or sleep)(start - now)


PACER = ChannelPacer()


# ============================================================================ sending


def send_pending(container, client, ids: list[int] | None = None, now: datetime | None = None,
                 team_id: str | None = None, pacer: ChannelPacer | None = None,
                 renderers: Mapping[str, Renderer] | None = None,
                 senders: Mapping[str, Sender] | None = None) -> SendReport:
    """Send every pending delivery due by `now` (or just `ids`); what fails stays pending.

    `renderers`: delivery kind -> message; by default the container's (`container.wiring.outbox`).
    `senders`: delivery kind -> a send that is not a message; by default `container.wiring.senders`."""
    report = SendReport()
    moment = now or container.clock.now()
    run = _Run(client, pacer or PACER, container.wiring.outbox if renderers is None else renderers,
               _senders(container) if senders is None else senders)
    with container.uow() as uow:
        due = _due_ids(uow.session, moment, team_id, ids)
    for delivery_id in due:
        outcome = _send_one(container, run, delivery_id, moment)
        if outcome:
            getattr(report, outcome).append(delivery_id)
    return report


def _due_ids(session: Session, moment: datetime, team_id: str | None, ids: list[int] | None) -> list[int]:
    query = select(Delivery.id).where(Delivery.status == "pending", Delivery.due_at <= moment,
                                      or_(Delivery.retry_at.is_(None), Delivery.retry_at <= utcnow()))
    if team_id is not None:
        query = query.where(Delivery.team_id == team_id)
    if ids is not None:
        query = query.where(Delivery.id.in_(ids))
    return list(session.exec(query.order_by(Delivery.due_at, Delivery.id)).all())


@dataclass
class _Run:
    """What one sending pass remembers: the client, the pacer, targets already checked."""

    client: object
    pacer: ChannelPacer
    renderers: Mapping[str, Renderer]
    senders: Mapping[str, Sender] = field(default_factory=dict)
    verdicts: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def blocked_reason(self, team_id: str, target: str) -> str | None:
        if (team_id, target) not in self.verdicts:
            self.verdicts[(team_id, target)] = _outside_reason(self.client, team_id, target)
        return self.verdicts[(team_id, target)]


def _send_one(container, run: _Run, delivery_id: int, moment: datetime) -> str | None:
    delivery = _claim(container, delivery_id)
    if delivery is None:
        return None  # another process has it
    if _expired(delivery, moment):
        _finish(container, delivery, "expired", error="its working-hours window passed unsent")
        return "cancelled"
    if delivery.kind in run.senders:
        return _run_sender(container, run, delivery, run.senders[delivery.kind])
    renderer = run.renderers.get(delivery.kind)
    if renderer is None:  # a kind no feature renders: retrying cannot help
        log.error("delivery %s: no renderer for kind %r; marked failed", delivery.id, delivery.kind)
        _finish(container, delivery, "failed", error=f"no renderer for delivery kind {delivery.kind!r}")
        return "unrenderable"
    try:
        message = _render(container, renderer, delivery)
    except Exception as exc:  # noqa: BLE001 - a renderer bug must not stop the other deliveries
        log.exception("rendering delivery %s (%s) failed", delivery.id, delivery.kind)
        _release(container, delivery, f"render: {exc.__class__.__name__}")
        return "failed"
    if message is None:
        _finish(container, delivery, "cancelled", error="nothing to say any more")
        return "cancelled"
    try:
        if _blocked(container, run, delivery):
            return "blocked"
        run.pacer.wait(delivery.target)
        ts = _post(run.client, delivery, message)
    except (SlackApiError, OSError, LookupFailed) as exc:
        log.warning("delivery %s failed: %s", delivery.id, _error_text(exc))
        _release(container, delivery, _error_text(exc), not_before=_retry_after(exc))
        return "failed"
    _finish(container, delivery, "sent", ts=ts)
    return "sent"


def _blocked(container, run: _Run, delivery: Delivery) -> bool:
    """Never to a customer: a target outside the workspace is marked blocked, with the reason."""
    reason = run.blocked_reason(delivery.team_id, delivery.target)
    if reason:
        log.warning("delivery %s to %s blocked: %s", delivery.id, delivery.target, reason)
        _finish(container, delivery, "blocked", error=reason)
    return bool(reason)


def _run_sender(container, run: _Run, delivery: Delivery, sender: Sender) -> str:
    """A send that is not a message: same claim, target check, pacing and record as a message."""
    try:
        if _blocked(container, run, delivery):
            return "blocked"
        run.pacer.wait(delivery.target)
        reference = sender(container, _poster(run.client), delivery)
    except Undeliverable as exc:
        log.warning("delivery %s (%s) cannot be done: %s", delivery.id, delivery.kind, exc.reason)
        _finish(container, delivery, "blocked", error=exc.reason)
        return "blocked"
    except (SlackApiError, OSError) as exc:
        log.warning("delivery %s failed: %s", delivery.id, _error_text(exc))
        _release(container, delivery, _error_text(exc), not_before=_retry_after(exc))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - a sender bug must not stop the other deliveries
        log.exception("sending delivery %s (%s) failed", delivery.id, delivery.kind)
        _release(container, delivery, f"send: {exc.__class__.__name__}")
        return "failed"
    if reference is None:
        _finish(container, delivery, "cancelled", error="nothing to do any more")
        return "cancelled"
    _finish(container, delivery, "sent", ts=reference)
    return "sent"


def _senders(container) -> Mapping[str, Sender]:
    return getattr(container.wiring, "senders", None) or {}


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(container, delivery_id: int) -> Delivery | None:
    with container.uow() as uow:
        result = uow.session.exec(
            update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "pending")
            .values(status="sending", attempts=Delivery.attempts + 1, claimed_at=utcnow(), claimed_by=_owner())
        )
        if result.rowcount != 1:
            uow.rollback()
            return None
        delivery = uow.session.get(Delivery, delivery_id)
        uow.commit()
        return delivery


def _expired(delivery: Delivery, moment: datetime) -> bool:
    raw = (delivery.payload or {}).get("expires_at")
    if not raw:
        return False
    try:
        return moment >= datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return False


def _render(container, renderer: Renderer, delivery: Delivery) -> SlackMessage | None:
    with container.uow() as uow:
        return renderer(uow.session, delivery)


def _finish(container, delivery: Delivery, status: str, error: str | None = None, ts: str | None = None) -> None:
    values = {"status": status, "last_error": error[:500] if error else None, "retry_at": None}
    if status == "sent":
        values.update(sent_at=utcnow(), slack_ts=ts)
    _update_claimed(container, delivery, values)


def _release(container, delivery: Delivery, error: str, not_before: float | None = None) -> None:
    """Back to pending, to be tried again after a backoff that grows with the attempts
    (and not before the `not_before` seconds a 429 asked for)."""
    backoff = timedelta(minutes=min(2 ** max(delivery.attempts - 1, 0), 60))
    if not_before:
        backoff = max(backoff, timedelta(seconds=not_before))
    _update_claimed(container, delivery, {"status": "pending", "last_error": error[:500],
                                          "retry_at": utcnow() + backoff})


def _update_claimed(container, delivery: Delivery, values: dict) -> None:
    with container.uow() as uow:
        result = uow.session.exec(
            update(Delivery).where(Delivery.id == delivery.id, Delivery.status == "sending",
                                   Delivery.attempts == delivery.attempts).values(**values)
        )
        uow.commit()
    if result.rowcount != 1:
        log.warning("delivery %s changed under us (recovered by another process?)", delivery.id)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        error = exc.response.get("error", "error") if hasattr(exc.response, "get") else "error"
        return f"slack {status}: {str(error)[:200]}"
    return exc.__class__.__name__


# ============================================================================ posting with the key


_POSTERS: "weakref.WeakKeyDictionary[WebClient, WebClient]" = weakref.WeakKeyDictionary()


class _RateLimitWait(RateLimitErrorRetryHandler):
    """Retries a 429 after exactly the Retry-After Slack sent, waiting through `sleep` (which
    tests record); one longer than MAX_RATE_LIMIT_WAIT is not waited for here."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return (super()._can_retry(state=state, request=request, response=response, error=error)
                and _retry_after_header(response.headers) <= MAX_RATE_LIMIT_WAIT)

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        if response is None:
            raise error  # type: ignore[misc]
        state.next_attempt_requested = True
        sleep(_retry_after_header(response.headers))
        state.increment_current_attempt()


def _retry_after_header(headers) -> float:
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            try:
                return max(float(value[0] if isinstance(value, (list, tuple)) else value), 0.0)
            except (TypeError, ValueError, IndexError):
                break
    return 1.0


def _retry_after(exc: Exception) -> float | None:
    """The Retry-After of a 429 that was not waited for in this pass, else None."""
    response = getattr(exc, "response", None)
    if isinstance(exc, SlackApiError) and getattr(response, "status_code", 200) == 429:
        return _retry_after_header(getattr(response, "headers", None))
    return None


def _poster(client):
    """The same client, retrying only 429s by itself: other failures are ambiguous and handled below."""
    if not isinstance(client, WebClient):
        return client
    if client not in _POSTERS:
        _POSTERS[client] = WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout,
                                     ssl=client.ssl, proxy=client.proxy, headers=client.headers,
                                     retry_handlers=[_RateLimitWait(max_retry_count=3)])
    return _POSTERS[client]


def _ambiguous(exc: Exception) -> bool:
    """The message may have been posted although the call failed."""
    if isinstance(exc, SlackApiError):
        return getattr(exc.response, "status_code", 200) >= 500
    return isinstance(exc, OSError)  # timeouts, resets, refused connections (URLError is an OSError)


def _timed_out(exc: Exception) -> bool:
    """No answer in time: the post may still land, so it is not repeated in this pass."""
    return isinstance(exc, TimeoutError) or (isinstance(exc, URLError) and isinstance(exc.reason, TimeoutError))


def _post(client, delivery: Delivery, message: SlackMessage) -> str | None:
    if delivery.attempts > 1:
        found = find_sent(client, delivery.target, delivery.idempotency_key, delivery.created_at,
                          tolerate_permanent=True)
        if found:
            return found
    error: Exception | None = None
    for attempt in range(AMBIGUOUS_TRIES):
        if attempt:
            sleep(AMBIGUOUS_BACKOFF_SECONDS * 2 ** (attempt - 1))
            found = find_sent(client, delivery.target, delivery.idempotency_key, delivery.created_at,
                              tolerate_permanent=True)
            if found:
                return found
        try:
            response = _poster(client).chat_postMessage(
                channel=delivery.target, text=safe_text(message.text, message.blocks), blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"key": delivery.idempotency_key}})
            return response.get("ts")
        except (SlackApiError, OSError) as exc:
            if not _ambiguous(exc) or _timed_out(exc):
                raise
            error = exc
    raise error


# ============================================================================ who may receive it


def _outside_reason(client, team_id: str, target: str) -> str | None:
    """Why this conversation or person is outside the workspace (so gets nothing), or None."""
    if not target:
        return "no target"
    if target[0] in "CG":
        return "channel is shared with another organisation" if _is_shared_with_another_org(client, target) else None
    if target[0] in "UW":
        try:
            return _user_outside(client.users_info(user=target)["user"], team_id)
        except SlackApiError as exc:
            if exc.response.get("error") == "user_not_found":
                return "user not found in this workspace"
            raise
    return None


def _is_shared_with_another_org(client, target: str) -> bool:
    """Reminders and announcements never go to a channel a customer can read."""
    if not target or target[0] not in "CG":
        return False
    channel = client.conversations_info(channel=target)["channel"]
    return bool(channel.get("is_ext_shared") or channel.get("is_pending_ext_shared")
                or (channel.get("is_shared") and not channel.get("is_org_shared")))


def _user_outside(user: dict, team_id: str) -> str | None:
    if user.get("deleted"):
        return "user is deactivated"
    if user.get("is_bot") or user.get("is_app_user"):
        return "user is a bot"
    if user.get("is_stranger"):
        return "user is from another organisation"
    if user.get("team_id") and team_id and user["team_id"] != team_id:
        return "user belongs to another workspace"
    if user.get("is_restricted") or user.get("is_ultra_restricted"):
        return "user is a guest"
    return None


# ============================================================================ recovery


class LookupFailed(Exception):
    def __init__(self, error: str, permanent: bool):
        super().__init__(error)
        self.error, self.permanent = error, permanent


def find_sent(client, target: str, key: str, since: datetime | None, tolerate_permanent: bool = False) -> str | None:
    """The ts of our message carrying `key` in the conversation since `since`, or None.

    Raises LookupFailed when Slack cannot be asked; with `tolerate_permanent` a permanent
    failure (a missing scope...) answers None after a warning: we then send at least once.
    """
    try:
        return _search_history(client, target, key, since)
    except SlackApiError as exc:
        error = str(exc.response.get("error", "error")) if hasattr(exc.response, "get") else "error"
        permanent = error in PERMANENT_LOOKUP_ERRORS
        if permanent and tolerate_permanent:
            log.warning("cannot check Slack history for %s (%s): add the history scopes for exactly-once "
                        "delivery; sending anyway", target, error)
            return None
        raise LookupFailed(error, permanent) from exc
    except OSError as exc:
        raise LookupFailed(exc.__class__.__name__, False) from exc


def _search_history(client, target: str, key: str, since: datetime | None) -> str | None:
    channel = target
    if target[:1] in ("U", "W"):
        channel = client.conversations_open(users=target)["channel"]["id"]
    oldest = f"{(since - timedelta(minutes=5)).timestamp():.6f}" if since else "0"
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(channel=channel, oldest=oldest, limit=200, include_all_metadata=True,
                                            cursor=cursor)
        for message in page.get("messages", []) or []:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and (metadata.get("event_payload") or {}).get("key") == key:
                return message.get("ts")
        cursor = ((page.get("response_metadata") or {}).get("next_cursor")) or None
        if not cursor:
            return None
    return None


def recover_stuck(container, client, older_than: timedelta = LEASE, team_id: str | None = None) -> int:
    """Resolve rows a crash left in `sending`: sent if Slack has the key, else pending again.

    With `team_id`, only that workspace's rows (the client speaks for that workspace alone).
    """
    now = utcnow()
    with container.uow() as uow:
        query = select(Delivery.id, Delivery.kind, Delivery.target, Delivery.idempotency_key, Delivery.attempts,
                       Delivery.claimed_at, Delivery.claimed_by, Delivery.created_at).where(Delivery.status == "sending")
        if team_id is not None:
            query = query.where(Delivery.team_id == team_id)
        stuck = uow.session.exec(query).all()
    recovered = 0
    idempotent = _senders(container)
    for row in stuck:
        if not _abandoned(row.claimed_at or row.created_at, row.claimed_by, now, older_than):
            continue
        if row.kind in idempotent:  # its send is done again as it was, so it is simply sent again
            recovered += _resolve(container, row, None)
            continue
        try:
            ts = find_sent(client, row.target, row.idempotency_key, row.created_at, tolerate_permanent=True)
        except LookupFailed as exc:
            log.warning("delivery %s stays unresolved until Slack answers (%s)", row.id, exc.error)
            continue
        recovered += _resolve(container, row, ts)
    return recovered


def _abandoned(claimed_at: datetime, claimed_by: str | None, now: datetime, lease: timedelta) -> bool:
    if claimed_at is None or claimed_at <= now - lease:
        return True
    host, _, pid = (claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    return not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _resolve(container, row, ts: str | None) -> int:
    values = {"status": "sent", "slack_ts": ts, "sent_at": utcnow(), "last_error": None} if ts else \
        {"status": "pending", "last_error": "recovered after an interrupted send", "retry_at": None}
    with container.uow() as uow:
        result = uow.session.exec(update(Delivery).where(
            Delivery.id == row.id, Delivery.status == "sending", Delivery.attempts == row.attempts).values(**values))
        uow.commit()
    if result.rowcount == 1:
        log.info("delivery %s recovered as %s", row.id, values["status"])
    return result.rowcount
