"""Slack surfaces a workspace may lack, and telling an admin once when one is missing.

The newer surfaces (assistant threads, streamed messages, channel canvases, Workflow Builder steps,
table and chart blocks) need a scope, a plan or an admin setting. When Slack refuses one for
such a reason the caller falls back to ordinary messages, and `tell_admin_once` queues a DM to
one admin of the workspace through the outbox: the key (workspace, surface, error) makes it one
message ever, across retries, processes and restarts. Nothing here raises.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from kam_domain.services.outbox import enqueue

log = logging.getLogger(__name__)

SURFACE_UNAVAILABLE = "surface_unavailable"  # outbox kind

UNAVAILABLE_ERRORS = frozenset({
    "missing_scope", "not_allowed", "paid_teams_only", "team_tier_cannot_create_channel_canvases",
    "canvas_disabled_user_team", "restricted_action", "not_allowed_token_type", "feature_not_enabled",
    "access_denied", "team_not_allowed", "invalid_action_for_free_team"})
"""Slack's answers that mean "this workspace does not have that surface", not "try again"."""


@dataclass(frozen=True)
class Surface:
    key: str
    what: str  # what the user would have seen
    needs: str  # the scope, plan or setting it needs
    instead: str  # what the bot does without it


SURFACES = {s.key: s for s in (
    Surface("assistant", "the assistant thread (suggested prompts, status, title)",
            "the `assistant:write` scope and the agent view turned on under *Agents & AI Apps*",
            "answers in DMs and @mentions as before"),
    Surface("streaming", "drafts streamed as they are written",
            "the `chat:write` scope and a workspace that allows streamed messages",
            "sends each draft as one message when it is done"),
    Surface("canvas", "the account plan as the account channel's canvas",
            "the `canvases:write` and `canvases:read` scopes; channel canvases must be allowed in the workspace",
            "keeps the plan in `/kam plan ACCOUNT` only"),
    Surface("table", "tables and charts in replies",
            "a Slack client and plan that show table and chart blocks",
            "sends the same rows as text"),
    Surface("workflow_step", "the Workflow Builder step \"Log a key-account meeting\"",
            "a paid plan and the app's custom steps enabled (org-ready app, `function_executed` event)",
            "meetings are logged with `/kam log` only"),
)}


def unavailable_error(exc: BaseException) -> str | None:
    """Slack's error name when `exc` says the workspace lacks a surface; None for anything else."""
    if not isinstance(exc, SlackApiError):
        return None
    error = (exc.response.get("error") if exc.response is not None else None) or ""
    return error if error in UNAVAILABLE_ERRORS else None


def tell_admin_once(container, client, team_id: str, surface: str, error: str,
                    needed_scope: str | None = None) -> int | None:
    """Queue (once ever per workspace, surface and error) a DM to an admin saying what is missing.

    Returns the delivery id when this call queued it, None when it was queued before or nobody can
    be told (no admin set: logged). The message is sent right away when a client is given."""
    if surface not in SURFACES:
        raise ValueError(f"unknown surface {surface!r}")
    admins = sorted(container.settings.admin_ids)
    if not admins:
        log.warning("Slack refused %s in workspace %s (%s); no KAM_ADMINS to tell", surface, team_id, error)
        return None
    key = f"surface-unavailable:{team_id}:{surface}:{error}"
    try:
        with container.uow() as uow:
            delivery = enqueue(uow.session, team_id, SURFACE_UNAVAILABLE, admins[0], key, due_at=container.clock.now(),
                               payload={"surface": surface, "error": error, "needed_scope": needed_scope})
            fresh = delivery.status == "pending" and delivery.attempts == 0 and delivery.sent_at is None
            delivery_id = delivery.id
            uow.commit()
    except Exception:  # noqa: BLE001 - a second process queued the same key first, or the store is down
        log.exception("could not queue the %s notice for %s", surface, team_id)
        return None
    if client is not None and fresh:
        _send_now(container, client, delivery_id)
    return delivery_id if fresh else None


def _send_now(container, client, delivery_id: int) -> None:
    from bot.delivery import send_pending

    try:
        send_pending(container, client, ids=[delivery_id])
    except Exception:  # noqa: BLE001 - the row stays pending; the scheduler sends it
        log.exception("sending the surface notice %s failed; the scheduler will retry", delivery_id)
