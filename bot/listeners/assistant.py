"""Slack's agent view (and the older assistant view): suggested prompts, a status, a title, the answer.

bolt's `Assistant` middleware claims every person's message in a DM thread (channel_type im, a
thread_ts, no bot_id) before any `app.event` listener runs, so such a message is answered here and
only here; a top-level DM still reaches bot/listeners/events.py. The answer itself is the @mention
and DM path (`events.answer_question`): same router, services and authorization. Prompts, status and
title are extras: when Slack refuses them the answer is still posted and an admin is told once.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Callable

from slack_bolt import App, Assistant

from bot.commands import UsageError, clean_slack_text
from bot.errors import log_unexpected
from bot.listeners import events
from bot.listeners.toolkit import acknowledge
from bot.middleware import GuestCheck
from bot.render.escape import slack_escape
from bot.surfaces import tell_admin_once, unavailable_error
from kam_domain.language.directory import ThreadKey
from kam_domain.services.assistant_prompts import THINKING, ThreadPrompts, prompts_for_channel, working_status
from kam_domain.services.authz import Actor

EVENTS = ["assistant_thread_started", "assistant_thread_context_changed"]
MAX_TITLE = 60
log = logging.getLogger(__name__)


def offer_prompts(event, body, actor, container, client):
    """Thread opened, or the user moved to another channel: prompts for what they are looking at."""
    thread = event.get("assistant_thread") or {}
    if actor is None or not thread.get("channel_id") or not thread.get("thread_ts"):
        return
    actor = thread_actor(actor, thread.get("user_id") or "", container, client, body)
    try:
        prompts = prompts_for_channel(container.uow(), actor, _viewed_channel(thread, actor.team_id),
                                      ThreadKey(thread["channel_id"], thread["thread_ts"]))
    except Exception as exc:  # noqa: BLE001 - no prompts is better than an error in a fresh thread
        log_unexpected(exc, "assistant:prompts")
        return
    _try(container, client, actor.team_id, "setSuggestedPrompts", lambda: client.assistant_threads_setSuggestedPrompts(
        channel_id=thread["channel_id"], thread_ts=thread["thread_ts"], title=slack_escape(prompts.title),
        prompts=prompt_payload(prompts)))


def answer_in_thread(event, actor, container, context, client):
    """A question in the assistant thread: status and title, then the answer in the thread."""
    own = context.get("bot_user_id") if context is not None else None
    if event.get("subtype") or actor is None or (own and event.get("user") == own):
        return  # a file share, or our own words: not a question (events.answer_question skips them too)
    text = clean_slack_text(event.get("text") or "")
    channel, thread_ts = event.get("channel"), event.get("thread_ts")
    status = _status(container, actor, text)
    _try(container, client, actor.team_id, "setStatus",
         lambda: client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=status))
    if text.strip():
        _try(container, client, actor.team_id, "setTitle",
             lambda: client.assistant_threads_setTitle(channel_id=channel, thread_ts=thread_ts, title=title_of(text)))
    try:
        events.answer_question(event, actor, container, context, client)
    except Exception:
        # Slack clears the status when we reply; no reply went out, so clear it here.
        _try(container, client, actor.team_id, "setStatus",
             lambda: client.assistant_threads_setStatus(channel_id=channel, thread_ts=thread_ts, status=""))
        raise


def register(app: App) -> None:
    assistant = Assistant()
    assistant.thread_started(lazy=[offer_prompts])(acknowledge)
    assistant.thread_context_changed(lazy=[offer_prompts])(acknowledge)
    assistant.user_message(lazy=[answer_in_thread])(acknowledge)
    app.assistant(assistant)


def prompt_payload(prompts: ThreadPrompts) -> list[dict]:
    return [{"title": slack_escape(p.title), "message": slack_escape(p.message)} for p in prompts.prompts]


def title_of(text: str) -> str:
    """The question as the thread's title: one line, at most MAX_TITLE characters, cut at a word."""
    line = " ".join(text.split())
    if len(line) > MAX_TITLE:
        cut = line[:MAX_TITLE - 1]
        line = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return slack_escape(line)


def thread_actor(actor: Actor, user_id: str, container, client, body: dict) -> Actor:
    """Thread events name the user inside `assistant_thread`, where the actor middleware does not look."""
    if not user_id or actor.user_id == user_id:
        return actor
    guest = GuestCheck(container).is_guest(client, body, actor.team_id, user_id)
    return replace(actor, user_id=user_id, is_admin=user_id in container.settings.admin_ids,
                   is_guest=actor.is_guest or guest)


def _viewed_channel(thread: dict, team_id: str) -> str | None:
    """The channel the user is looking at, if it is in this workspace."""
    context = thread.get("context") or {}
    if context.get("team_id") not in (None, team_id):
        return None
    return context.get("channel_id")


def _status(container, actor: Actor, text: str) -> str:
    try:
        invocation = container.wiring.registry.parse(text) if text.strip() else None
    except UsageError:
        return THINKING  # plain words: the router decides what to read
    if invocation is None:
        return THINKING
    try:
        return working_status(container.uow(), actor, invocation.command.name, invocation.account_text)
    except Exception as exc:  # noqa: BLE001 - the status is a courtesy; the answer says what went wrong
        log_unexpected(exc, "assistant:status")
        return THINKING


def _try(container, client, team_id: str, method: str, call: Callable[[], object]) -> bool:
    """Call an assistant.threads method; a workspace without the surface is told to an admin once."""
    try:
        call()
        return True
    except Exception as exc:  # noqa: BLE001 - an extra of the thread; the answer goes out regardless
        error = unavailable_error(exc)
        if error:
            tell_admin_once(container, client, team_id, "assistant", error,
                            needed_scope="assistant:write" if error == "missing_scope" else None)
        else:
            log.warning("assistant.threads.%s failed (%s)", method, exc.__class__.__name__)
        return False
