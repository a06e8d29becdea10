"""The account plan in the account channel's canvas, on Slack's side (the sections: kam_domain.services.plan_canvas).

`/kam plan ACCOUNT canvas` (and the plan's button) queues a sync that creates the channel's canvas,
or adopts the one people already made, and sends it at once; every later plan change queues another
(kam_domain.services.plan_canvas_queue), sent by the scheduler's outbox pass. `sync_plan_canvas` is the
outbox sender for those rows (bot.delivery: claim, pacing, record and recovery as for messages). It
is idempotent: each bot section is found by its heading (`canvases.sections.lookup`) and replaced,
or added at the end when missing, one change per `canvases.edit`; the whole document is never
replaced, so people's own sections stay as they wrote them, and a sync done twice leaves one copy.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.delivery import Undeliverable, send_pending
from bot.render.blocks import SlackMessage, section
from bot.render.escape import channel_ref, slack_escape as esc
from bot.surfaces import tell_admin_once, unavailable_error
from kam_domain.errors import UserError
from kam_domain.models import Delivery
from kam_domain.services import plan_canvas
from kam_domain.services.plan_canvas import CanvasSection, PlanCanvas
from kam_domain.services.plan_canvas_queue import PLAN_CANVAS

log = logging.getLogger(__name__)

CANVAS_SCOPES = "canvases:write,canvases:read"
CHANNEL_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "channel_not_allowed"})
GONE_ERRORS = frozenset({"canvas_not_found", "canvas_deleted"})


@dataclass
class CanvasOutcome:
    """What became of `/kam plan ACCOUNT canvas`."""

    account_name: str
    channel_id: str
    status: str  # sent, blocked, failed (queued for a retry), cancelled
    reason: str | None = None


# --------------------------------------------------------------------------- the command


def put_plan_in_canvas(ctx, account_text: str) -> CanvasOutcome:
    client = ctx.client if ctx.client is not None else getattr(ctx.container, "slack_client", None)
    if client is None:
        raise UserError("The channel canvas is written in Slack and no Slack token is set here: run "
                        f"`/kam plan {account_text} canvas` in Slack.")
    request = plan_canvas.request_canvas(ctx.uow(), ctx.actor, account_text, ctx.container.clock.now())
    send_pending(ctx.container, client, ids=[request.delivery_id])
    with ctx.uow() as uow:
        row = uow.session.get(Delivery, request.delivery_id)
        status, reason = row.status, row.last_error
    queued = status in ("pending", "sending")  # Slack failed for now, or the scheduler's pass has it
    return CanvasOutcome(request.account_name, request.channel_id, "failed" if queued else status, reason)


# --------------------------------------------------------------------------- the outbox sender


def sync_plan_canvas(container, client, delivery: Delivery) -> str | None:
    """Write the plan as it is now into the canvas; the canvas id (recorded as the row's slack_ts)."""
    with container.uow() as uow:
        target = plan_canvas.canvas_for(uow.session, delivery, container.clock.today())
    if target is None:
        return None
    try:
        return _write(container, client, delivery, target)
    except SlackApiError as exc:
        raise _undeliverable(container, client, delivery, target, exc) or exc


def _write(container, client, delivery: Delivery, target: PlanCanvas) -> str:
    canvas_id = target.canvas_id
    if canvas_id is None:
        canvas_id, created = _create_or_adopt(client, target)
        plan_canvas.remember_canvas(container.uow(), delivery.team_id, target.account_id, canvas_id)
        if created:
            return canvas_id
    for part in target.sections:
        _put_section(client, canvas_id, part)
    return canvas_id


def _create_or_adopt(client, target: PlanCanvas) -> tuple[str, bool]:
    """The channel's canvas: a new one holding the plan (True), or the one people made (False)."""
    try:
        answer = client.conversations_canvases_create(
            channel_id=target.channel_id, document_content={"type": "markdown", "markdown": target.document})
        return answer["canvas_id"], True
    except SlackApiError as exc:
        if _error(exc) != "channel_canvas_already_exists":
            raise
    channel = client.conversations_info(channel=target.channel_id)["channel"]
    canvas_id = ((channel.get("properties") or {}).get("canvas") or {}).get("file_id")
    if not canvas_id:
        raise Undeliverable("slack: the channel has a canvas, but Slack did not say which")
    return canvas_id, False


def _put_section(client, canvas_id: str, part: CanvasSection) -> None:
    found = client.canvases_sections_lookup(canvas_id=canvas_id,
                                            criteria={"section_types": ["h2"], "contains_text": part.heading})
    ids = [s["id"] for s in found.get("sections") or []]
    content = {"type": "markdown", "markdown": part.markdown}
    if not ids:
        client.canvases_edit(canvas_id=canvas_id, changes=[{"operation": "insert_at_end", "document_content": content}])
        return
    client.canvases_edit(canvas_id=canvas_id,
                         changes=[{"operation": "replace", "section_id": ids[0], "document_content": content}])
    for copy in ids[1:]:  # a copy of our heading (pasted by someone) would otherwise show stale text
        client.canvases_edit(canvas_id=canvas_id, changes=[{"operation": "delete", "section_id": copy}])


def _undeliverable(container, client, delivery: Delivery, target: PlanCanvas,
                   exc: SlackApiError) -> Undeliverable | None:
    """The Slack answers retrying cannot change (the row is blocked); None: try again later."""
    error = _error(exc)
    missing = unavailable_error(exc)
    if missing:
        needed = exc.response.get("needed") if exc.response is not None else None
        tell_admin_once(container, client, delivery.team_id, "canvas", missing, needed_scope=needed or CANVAS_SCOPES)
        return Undeliverable(f"slack: {missing}")
    if error in CHANNEL_ERRORS:
        return Undeliverable(f"slack: {error}")
    if error in GONE_ERRORS and target.canvas_id:
        plan_canvas.remember_canvas(container.uow(), delivery.team_id, target.account_id, None)
        return Undeliverable(f"slack: {error}")
    return None


def _error(exc: SlackApiError) -> str:
    response = exc.response
    return str(response.get("error") or "") if response is not None and hasattr(response, "get") else ""


SENDERS = {PLAN_CANVAS: sync_plan_canvas}


# --------------------------------------------------------------------------- what the user is told


def _why(outcome: CanvasOutcome) -> str:
    reason = (outcome.reason or "").removeprefix("slack: ")
    if reason == "missing_scope":
        return "I have not been given the `canvases:write` and `canvases:read` scopes here. I told an admin"
    if reason in ("not_in_channel", "channel_not_found"):
        return "I am not in that channel: invite me there, then ask again"
    if reason in GONE_ERRORS:
        return "the canvas was deleted; ask again to make a new one"
    if reason == "channel is shared with another organisation":
        return "the channel is shared with another organisation, so the plan stays out of it"
    if reason:
        return "this workspace does not allow channel canvases for apps. I told an admin"
    return "Slack refused it"


def outcome_text(outcome: CanvasOutcome) -> tuple[str, str]:
    """(Slack mrkdwn, plain text) of the outcome, each one line."""
    name, where = outcome.account_name, channel_ref(outcome.channel_id)
    if outcome.status == "sent":
        tail = ("I keep my sections (Business, Team and sponsor, SWOT, Objectives, Stakeholder coverage) current "
                "as the plan changes; the rest of the canvas is yours.")
        return (f":white_check_mark: The {esc(name)} plan is in the canvas of {where}. {tail}",
                f"The {name} plan is in the canvas of #{outcome.channel_id}. {tail}")
    if outcome.status == "blocked":
        why = _why(outcome)
        tail = f"; the plan stays in `/kam plan {name}`."
        return (f":warning: I can't write the canvas of {where}: {esc(why)}{esc(tail)}",
                f"I can't write the canvas of #{outcome.channel_id}: {why}{tail}")
    if outcome.status == "failed":
        line = "Slack did not answer in time; the canvas is queued and written on the next try."
        return f":hourglass_flowing_sand: {line}", line
    line = f"Nothing to write into the canvas of the {name} plan."
    return esc(line), line


def outcome_message(outcome: CanvasOutcome) -> SlackMessage:
    shown, plain = outcome_text(outcome)
    return SlackMessage(plain, [section(shown)])


MESSAGES = {CanvasOutcome: outcome_message}
TEXTS = {CanvasOutcome: lambda outcome: outcome_text(outcome)[1]}
