"""Run a handler and send what it returns, or the error the way the user should see it.

Errors raised in lazy listeners never reach Bolt's error handler, so every listener runs
its work through `deliver`. A result of NOTHING_TO_SEND asks for no reply: the work has
already shown its effect (it updated the message that was clicked).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from slack_sdk.errors import SlackApiError

from bot.context import RequestContext
from bot.errors import error_text, log_unexpected
from bot.listeners.streaming import StreamTarget, streaming_sender
from bot.results import OpenModal
from bot.render.blocks import SlackMessage, choice_message, section
from bot.render.escape import safe_text, slack_escape
from bot.render.tables import has_newer_blocks, rows_as_text
from bot.surfaces import UNAVAILABLE_ERRORS
from bot.wiring import build_view, to_message
from kam_domain.errors import NeedsChoice

Send = Callable[[SlackMessage], None]
log = logging.getLogger(__name__)
TABLE_REFUSALS = ("invalid_blocks", *sorted(UNAVAILABLE_ERRORS))


@dataclass(frozen=True)
class NothingToSend:
    """A result that asks for no reply."""


NOTHING_TO_SEND = NothingToSend()


def failure_message(exc: BaseException, where: str) -> SlackMessage:
    """A failure as the person sees it: a question with its choices, a user error as written,
    anything else an apology with a reference (logged)."""
    if isinstance(exc, NeedsChoice):
        return choice_message(exc)
    text = error_text(exc, where)
    return SlackMessage(text, [section(slack_escape(text))])


def deliver(ctx: RequestContext, work: Callable[[], object], send: Send, where: str) -> object | None:
    """Run `work` and send its result; a failure is sent as `failure_message` and gives None."""
    try:
        result = work()
    except Exception as exc:  # noqa: BLE001 - the user gets what to fix, or an apology with a reference
        send(failure_message(exc, where))
        return None
    if isinstance(result, NothingToSend):
        return result
    if isinstance(result, OpenModal) and ctx.trigger_id:
        try:
            open_modal(ctx, result)
        except Exception as exc:  # noqa: BLE001
            send(failure_message(exc, where + ":views.open"))
        return result
    send(to_message(result))
    upload_attachments(ctx, result, send, where)
    return result


def upload_attachments(ctx: RequestContext, result: object, send: Send, where: str) -> None:
    """Upload a result's `attachments_png` [(filename, bytes, title[, comment])] to the request's channel.

    Never into a channel shared with another organisation; a failure is told, not raised.
    """
    attachments = getattr(result, "attachments_png", None)
    if not attachments or ctx.client is None or not ctx.channel_id:
        return
    from bot.delivery import _is_shared_with_another_org

    try:
        if _is_shared_with_another_org(ctx.client, ctx.channel_id):
            text = "This channel is shared with another organisation, so I don't post the image in it. Ask me in a DM."
            send(SlackMessage(text, [section(text)]))
            return
        for filename, content, title, *comment in attachments:
            ctx.client.files_upload_v2(channel=ctx.channel_id, content=content, filename=filename, title=title,
                                       initial_comment=comment[0] if comment else None)
    except Exception as exc:  # noqa: BLE001 - the answer was sent; say the chart is missing and why
        reference = log_unexpected(exc, where + ":files_upload_v2")
        text = (f"I couldn't post the image in this channel (reference `{reference}`): invite me with "
                "`/invite @kam`, or ask me in a DM.")
        send(SlackMessage(text, [section(text)]))


def open_modal(ctx: RequestContext, modal: OpenModal) -> None:
    ctx.client.views_open(trigger_id=ctx.trigger_id, view=build_view(modal))


def responder(respond, replace_original: bool = False) -> Send:
    """Reply through a response_url (slash commands, buttons in messages)."""

    def post(message: SlackMessage, blocks: list[dict]):
        return respond(text=safe_text(message.text, blocks), blocks=blocks,
                       response_type="ephemeral" if message.ephemeral else "in_channel",
                       replace_original=replace_original)

    def send(message: SlackMessage) -> None:
        answer = post(message, message.blocks)
        body = str(getattr(answer, "body", "") or "")
        if getattr(answer, "status_code", 200) >= 400 and _refuses_tables(message.blocks, body):
            post(message, _tables_as_text(message.blocks, body))

    return send


def poster(client, channel: str, thread_ts: str | None = None) -> Send:
    """Reply with chat.postMessage (events, App Home buttons)."""

    def post(message: SlackMessage, blocks: list[dict]) -> None:
        client.chat_postMessage(channel=channel, text=safe_text(message.text, blocks), blocks=blocks,
                                thread_ts=thread_ts, unfurl_links=False, unfurl_media=False)

    def send(message: SlackMessage) -> None:
        try:
            post(message, message.blocks)
        except SlackApiError as exc:
            error = str((exc.response.get("error") if exc.response is not None else "") or "")
            if not _refuses_tables(message.blocks, error):
                raise
            post(message, _tables_as_text(message.blocks, error))

    return send


def _refuses_tables(blocks: list[dict], error: str) -> bool:
    """Slack refused a message holding a table or chart, as a client or plan without them would."""
    return has_newer_blocks(blocks) and any(name in error for name in TABLE_REFUSALS)


def _tables_as_text(blocks: list[dict], error: str) -> list[dict]:
    log.warning("Slack refused a table or chart (%s); sending its rows as text", error[:200])
    return rows_as_text(blocks)


def thread_sender(client, channel: str, thread_ts: str | None, *, user_id: str | None = None,
                  team_id: str | None = None, container=None) -> Send:
    """Reply in a conversation's thread (@mentions, DMs, assistant threads): the one place a long
    answer may be streamed instead of posted (the asker and workspace are who a stream is for; the
    container is how an admin is told once when the workspace does not allow streaming)."""
    post = poster(client, channel, thread_ts)
    if not thread_ts or not channel:
        return post
    return streaming_sender(StreamTarget(client, channel, thread_ts, user_id, team_id, container), post)


def to_clicker(body: dict, respond, client, user_id: str, replace_original: bool = False) -> Send:
    """Answer whoever clicked: through the response_url when Slack gave one, else by DM (App Home)."""
    return responder(respond, replace_original) if body.get("response_url") else poster(client, user_id)
