"""Run a handler and send what it returns, or the error the way the user should see it.

Errors raised in lazy listeners never reach Bolt's error handler, so every listener runs
its work through `deliver`.
"""
from __future__ import annotations

from typing import Callable

from bot.context import RequestContext
from bot.errors import apology, log_unexpected
from bot.results import OpenModal
from bot.render.blocks import SlackMessage, choice_message, section, to_message
from bot.render.escape import safe_text, slack_escape
from kam_domain.errors import NeedsChoice, UserError

Send = Callable[[SlackMessage], None]


def deliver(ctx: RequestContext, work: Callable[[], object], send: Send, where: str) -> object | None:
    try:
        result = work()
    except NeedsChoice as exc:
        send(choice_message(exc))
        return None
    except UserError as exc:
        send(SlackMessage(exc.message, [section(slack_escape(exc.message))]))
        return None
    except Exception as exc:  # noqa: BLE001 - the user gets an apology with a reference, we get the trace
        reference = log_unexpected(exc, where)
        send(SlackMessage(apology(reference), [section(apology(reference))]))
        return None
    if isinstance(result, OpenModal) and ctx.trigger_id:
        try:
            open_modal(ctx, result)
        except Exception as exc:  # noqa: BLE001
            reference = log_unexpected(exc, where + ":views.open")
            send(SlackMessage(apology(reference), [section(apology(reference))]))
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
    from bot.views import build_view

    ctx.client.views_open(trigger_id=ctx.trigger_id, view=build_view(modal))


def responder(respond, replace_original: bool = False) -> Send:
    """Reply through a response_url (slash commands, buttons in messages)."""

    def send(message: SlackMessage) -> None:
        respond(text=safe_text(message.text, message.blocks), blocks=message.blocks,
                response_type="ephemeral" if message.ephemeral else "in_channel", replace_original=replace_original)

    return send


def poster(client, channel: str, thread_ts: str | None = None) -> Send:
    """Reply with chat.postMessage (events, App Home buttons)."""

    def send(message: SlackMessage) -> None:
        client.chat_postMessage(channel=channel, text=safe_text(message.text, message.blocks), blocks=message.blocks, thread_ts=thread_ts,
                                unfurl_links=False, unfurl_media=False)

    return send


# --------------------------------------------------------------------------- submitted forms

MAX_FIELD_TEXT = 3000  # Slack's largest plain_text_input; a longer value never comes from a real form
_STRING_KEYS = ("value", "selected_date", "selected_user", "selected_conversation", "selected_channel")


def form_problems(view: dict) -> dict[str, str]:
    """{block_id: what to fix} for values no form of ours sends: a text over MAX_FIELD_TEXT, or a
    value of the wrong type. Checked before any submission is saved, so these write nothing."""
    values = (view.get("state") or {}).get("values") if isinstance(view.get("state"), dict) else None
    if values is None:
        return {}
    known = {b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"}
    if not isinstance(values, dict):
        return {next(iter(known), "value"): "This form came in a shape I can't read; open it again."} if known else {}
    problems: dict[str, str] = {}
    for block_id, actions in values.items():
        problem = _element_problem(actions)
        if problem and (block_id in known or not known):
            problems[block_id] = problem
        elif problem:
            problems.setdefault(next(iter(sorted(known))), "This form came with a field I don't know; open it again.")
    return problems


def _element_problem(actions) -> str | None:
    unreadable = "This field came in a form I can't read; type or pick it again."
    if not isinstance(actions, dict):
        return unreadable
    for element in actions.values():
        if not isinstance(element, dict):
            return unreadable
        for key in _STRING_KEYS:
            if element.get(key) is not None and not isinstance(element[key], str):
                return unreadable
        value = element.get("value")
        if isinstance(value, str) and len(value.strip()) > MAX_FIELD_TEXT:
            return f"This is {len(value.strip())} characters long; keep it to {MAX_FIELD_TEXT} characters."
        option = element.get("selected_option")
        if option is not None and not (isinstance(option, dict) and isinstance(option.get("value", ""), str)):
            return unreadable
        options = element.get("selected_options")
        if options is not None and not (isinstance(options, list) and all(
                isinstance(o, dict) and isinstance(o.get("value", ""), str) for o in options)):
            return unreadable
    return None


def form_metadata(view: dict) -> dict:
    """The form's private_metadata as a dict; anything else (garbage, a list, a number) as {}."""
    import json

    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def form_int(raw) -> int:
    """An id from a form or a button: 0 (found nowhere) unless it is a whole number a database id can be."""
    try:
        value = int(raw)
    except (TypeError, ValueError, OverflowError):
        return 0
    return value if 0 < value < 2 ** 63 else 0
