"""The Workflow Builder step "Log a key-account meeting" (manifest.yaml `functions`).

Slack sends `function_executed` with the step's inputs and a workflow token, which Bolt puts in
`client` (its attaching_function_token middleware). The event is acked at once; the lazy listener
logs the meeting through the same service as `/kam log`, posts the confirmation in the account's
channel (or by DM to the person who logged it when the account has no channel we may post in) and
completes the step with that message's link. The confirmation is posted with the app's own bot
token: buttons on a message posted with the workflow token stop working once the step completes
and bring no trigger_id (slackapi/bolt-js#2508, bolt-python-custom-step-template#15), and its
"Edit log" opens a form.

Every run ends the execution exactly once: `complete`, or `fail` with what to fix or an apology
with a reference. A retried delivery carries the same event_id and is dropped by
bot.middleware.dedupe_events before it gets here.
"""
from __future__ import annotations

import logging
import re

from slack_bolt import App

from bot.delivery import _is_shared_with_another_org
from bot.errors import apology, is_user_facing, log_unexpected
from bot.handlers.plans import index_soon
from bot.listeners.toolkit import acknowledge
from bot.middleware import GuestCheck
from bot.render.blocks import SlackMessage, context as context_block
from bot.render.escape import safe_text, slack_escape, user_ref
from bot.slack_client import make_web_client
from bot.wiring import to_message
from kam_domain.errors import UserError
from kam_domain.services.authz import Actor
from kam_domain.services.meeting_steps import NOTHING_LOGGED, MeetingStep, StepLogged, log_from_step

log = logging.getLogger(__name__)

LOG_MEETING_STEP = "log_key_account_meeting"
FUNCTIONS = [LOG_MEETING_STEP]
EVENTS = ["function_executed"]  # Slack sends it for a step of ours only; the manifest lists it
MEETING_LINK = "meeting_link"  # the step's output
MAX_COLLEAGUES = 20
_USER_ID = re.compile(r"[UW][A-Z0-9_]{2,}")


def run_log_meeting_step(inputs, body, context, container, client, complete, fail):
    team_id = context.get("team_id") or body.get("team_id")
    try:
        actor = step_actor(container, client, body, team_id, inputs or {})
        step = meeting_step(client, inputs or {})
        logged = log_from_step(container.uow, actor, step, container.clock.today(), container.clock.now())
    except Exception as exc:  # noqa: BLE001 - every failure ends the execution, never left running
        _end(fail, _failure_text(exc))
        return
    index_soon(container, actor.team_id)
    link = post_confirmation(bot_client(context, client), logged, actor.user_id)
    try:
        complete(outputs={MEETING_LINK: link} if link else {})
    except Exception as exc:  # noqa: BLE001 - the meeting is logged; Slack could not be told the step ended
        log_unexpected(exc, f"{LOG_MEETING_STEP}: functions.completeSuccess")


def bot_client(context, client):
    """A client with the app's bot token (the one Bolt authorized this request with), not the workflow's."""
    token = context.get("bot_token")
    return make_web_client(token, client.base_url) if token else client


def step_actor(container, client, body: dict, team_id: str | None, inputs: dict) -> Actor:
    """Who runs the workflow: the step's `logged_by` (a user_context, which a workflow's builder cannot
    set by hand), in the workspace the event came from."""
    user = inputs.get("logged_by")
    user_id = str(user.get("id") or "") if isinstance(user, dict) else ""
    if not team_id or not _USER_ID.fullmatch(user_id):
        raise UserError("I can't tell who is logging this meeting: the step's “Logged by” must be the person "
                        f"who used the workflow. {NOTHING_LOGGED}")
    return Actor(team_id=team_id, user_id=user_id, is_admin=user_id in container.settings.admin_ids,
                 is_guest=GuestCheck(container).is_guest(client, body, team_id, user_id))


def meeting_step(client, inputs: dict) -> MeetingStep:
    colleagues = [c for c in (inputs.get("colleagues") or []) if isinstance(c, str) and _USER_ID.fullmatch(c)]
    return MeetingStep(account=_text(inputs.get("account")), notes=_text(inputs.get("notes")),
                       attendees=_text(inputs.get("attendees")), next_step=_text(inputs.get("next_step")),
                       colleagues=tuple(colleague_name(client, c) for c in colleagues[:MAX_COLLEAGUES]))


def colleague_name(client, user_id: str) -> str:
    """A colleague's name for the note (it is read long after, without Slack); the id if Slack can't say."""
    try:
        user = client.users_info(user=user_id)["user"]
    except Exception:  # noqa: BLE001 - the name is a nicety; the log goes on
        log.warning("users.info for %s failed; the note names them by id", user_id)
        return user_id
    profile = user.get("profile") or {}
    return profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user_id


def post_confirmation(client, logged: StepLogged, user_id: str) -> str | None:
    """The confirmation in the account's channel, else by DM to the logger; its permalink, or None
    when Slack took neither (the meeting stays logged; the step completes without a link)."""
    message = confirmation(logged, user_id)
    for target in _targets(client, logged.channel_id, user_id):
        try:
            posted = client.chat_postMessage(channel=target, text=safe_text(message.text, message.blocks),
                                             blocks=message.blocks, unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # noqa: BLE001 - not in the channel, archived...: the next place
            log.warning("%s: could not post the confirmation to %s (%s)", LOG_MEETING_STEP, target,
                        exc.__class__.__name__)
            continue
        try:
            return client.chat_getPermalink(channel=posted["channel"], message_ts=posted["ts"])["permalink"]
        except Exception as exc:  # noqa: BLE001 - posted once; never post it again for a link
            log_unexpected(exc, f"{LOG_MEETING_STEP}: chat.getPermalink")
            return None
    return None


def confirmation(logged: StepLogged, user_id: str) -> SlackMessage:
    message = to_message(logged.logged)
    by = context_block(f"Logged by {user_ref(user_id)} with the workflow step “Log a key-account meeting”")
    blocks = [message.blocks[0], by, *message.blocks[1:]] if message.blocks else [by]
    return SlackMessage(message.text, blocks[:50], ephemeral=False)


def _targets(client, channel_id: str | None, user_id: str) -> list[str]:
    """The account's channel unless someone outside the organisation can read it; then the DM."""
    if channel_id:
        try:
            if not _is_shared_with_another_org(client, channel_id):
                return [channel_id, user_id]
        except Exception as exc:  # noqa: BLE001 - can't tell who reads it: the DM only
            log.warning("%s: conversations.info for %s failed (%s)", LOG_MEETING_STEP, channel_id,
                        exc.__class__.__name__)
    return [user_id]


def _failure_text(exc: BaseException) -> str:
    if is_user_facing(exc):
        return exc.message
    return apology(log_unexpected(exc, LOG_MEETING_STEP))


def _end(fail, text: str) -> None:
    try:
        fail(error=slack_escape(text))
    except Exception as exc:  # noqa: BLE001 - Slack could not be told; the execution times out there
        log_unexpected(exc, f"{LOG_MEETING_STEP}: functions.completeError")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def register(app: App) -> None:
    app.function(LOG_MEETING_STEP)(ack=acknowledge, lazy=[run_log_meeting_step])
