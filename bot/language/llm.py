"""The LLM path: with `KAM_LLM` set, a tool-calling chat model answers, using only the READ-ONLY
tools of bot.language.tools and proposing writes that still need a click. The account is
fixed by the offline router's entity resolution before the model runs. Any failure of the
model falls back to the offline router, and the answer says so.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

from bot.commands import clean_slack_text
from bot.context import RequestContext
from bot.language.encoder import router_for
from bot.language.results import Answered, WithNote
from bot.language.threads import thread_key
from bot.language.tools import ToolScope, build_tools
from kam_domain.errors import NeedsChoice, UserError
from kam_domain.language.directory import Memory, SqlDirectory

log = logging.getLogger(__name__)

MAX_STEPS = 6  # model turns per question
FALLBACK_NOTE = "The language model could not answer ({reason}), so the offline assistant answered."

SYSTEM_PROMPT = """You are a Key Account Management assistant inside Slack. Answer the salesperson's
question about their accounts using the tools; never invent data. Use only the account the
question is about. Tools only read; to change anything (log a meeting, add or update a
stakeholder, nominate, demote, set scores) call propose_write with the exact /kam command line
and a one-line summary: the user confirms it with a button. Be brief and concrete.{scope}"""


def chat_model_for(container) -> Any | None:
    """The tool-calling chat model: a `language_model` part (tests), else one built from KAM_LLM, else None."""
    model = container.__dict__.get("language_model")
    if model is not None:
        return model
    if not container.settings.llm:
        return None
    return _LazyModel(container)


class _LazyModel:
    """Built on first use, so a broken KAM_LLM fails inside the fallback, not at start."""

    def __init__(self, container):
        self.container = container

    def bind_tools(self, tools):
        from bot.ai_parts import llm_timeout
        from kam_domain.drafting.llm import build_chat_model

        model = self.container.__dict__.get("language_model")
        if model is None:
            model = build_chat_model(self.container.settings.llm, llm_timeout(self.container.settings))
            self.container.__dict__["language_model"] = model
        return model.bind_tools(tools)


def llm_respond(ctx: RequestContext, text: str, model: Any, offline: Callable[[], Any]):
    try:
        scope = _question_scope(ctx, text)
    except NeedsChoice:
        return offline()  # "which Vantor?": the offline router asks, with buttons
    try:
        answer = _converse(ctx, text, model, scope)
    except Exception as exc:  # noqa: BLE001 - any model failure: the offline router answers instead
        log.warning("LLM path failed, falling back to the offline router: %s", exc.__class__.__name__, exc_info=exc)
        return _offline_with_note(offline, FALLBACK_NOTE.format(reason=_reason(exc)))
    _remember(ctx, scope)
    return answer


def _reason(exc: Exception) -> str:
    return "timeout" if "timeout" in exc.__class__.__name__.lower() else exc.__class__.__name__


def _offline_with_note(offline: Callable[[], Any], note: str):
    try:
        return WithNote(note, offline())
    except NeedsChoice as exc:
        exc.question = exc.message = f"{note} {exc.question}"
        raise
    except UserError as exc:
        exc.message = f"{note} {exc.message}"
        raise


def _question_scope(ctx: RequestContext, text: str) -> ToolScope:
    """The account the question is about, read the offline way (name, person, thread, channel)."""
    router = router_for(ctx.container)
    with ctx.uow() as uow:
        directory = SqlDirectory(uow.session, ctx.actor.team_id)
        understood = router.understand(clean_slack_text(text), directory, thread_key(ctx), ctx.channel_id)
    if understood.account_id is None and understood.found.ambiguous:
        raise NeedsChoice("ambiguous", [])
    return ToolScope(ctx, account_id=understood.account_id)


def _converse(ctx: RequestContext, text: str, model: Any, scope: ToolScope):
    tools = {tool.name: tool for tool in build_tools(scope)}
    bound = model.bind_tools(list(tools.values()))
    focus = f"\nThis question is about account #{scope.account_id}." if scope.account_id else ""
    messages: list[Any] = [SystemMessage(SYSTEM_PROMPT.format(scope=focus)), HumanMessage(text)]
    reply = None
    for _ in range(MAX_STEPS):
        reply = bound.invoke(messages)
        messages.append(reply)
        calls = getattr(reply, "tool_calls", None) or []
        if not calls:
            break
        for call in calls:
            tool = tools.get(call["name"])
            output = tool.invoke(call.get("args") or {}) if tool else f"Error: there is no tool {call['name']}."
            messages.append(ToolMessage(str(output), tool_call_id=call.get("id") or call["name"]))
    if scope.proposal is not None:
        return scope.proposal
    words = _content(reply)
    if not words and not scope.results:
        raise RuntimeError("the model gave no answer")
    return Answered(words, scope.results[-1:], account_id=scope.account_id)


def _content(message: Any) -> str:
    content = getattr(message, "content", "") or ""
    if isinstance(content, list):  # content blocks
        content = " ".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content).strip()


def _remember(ctx: RequestContext, scope: ToolScope) -> None:
    where = thread_key(ctx)
    if where is None or scope.account_id is None:
        return
    intent = scope.last_intent if scope.last_intent in router_for(ctx.container).intents else None
    with ctx.uow() as uow:
        directory = SqlDirectory(uow.session, ctx.actor.team_id)
        if directory.account_name(scope.account_id) is None:
            return  # an id from another workspace: refused, never remembered
        directory.remember(where, Memory(scope.account_id, None, intent))
        uow.commit()
