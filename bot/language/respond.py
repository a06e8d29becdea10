"""Plain language on Slack and the console: route a message, then run what it asks for.

    route_message(ctx, text)      -> Route | ConfirmWrite | Reply   (raises NeedsChoice to ask)
    respond_to_message(ctx, text) -> the answer to send               (what conversation.answer calls)

Reads run through `bot.dispatch.run_command` with `#ID` account references, so the answer is
the same card the subcommand gives; writes come back as a ConfirmWrite (a "Yes, do it"
button whose value is the exact /kam line). With `KAM_LLM` set (or a `language_model`
part in the container) a tool-calling model answers first; if it fails, the offline
router answers and says so.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, Callable

from bot.commands import Registry, Shape, UsageError, clean_slack_text
from bot.dispatch import run_command
from bot.context import RequestContext
from bot.language.encoder import router_for
from bot.language.people import people_answer
from bot.language.threads import thread_key
from kam_domain.language.directory import Memory, SqlDirectory
from kam_domain.language.route import ConfirmWrite, Reply, Route
from kam_domain.services import queries

log = logging.getLogger(__name__)

MethodAnswer = Callable[[RequestContext, str], Any]
def is_exact_command(text: str, registry: Registry) -> bool:
    """A line to run as typed: a subcommand whose arguments parse and whose account is a `#ID`
    (what confirmation buttons and "To do it, type: ..." hand out), or one without an account.
    Anything else ("list key accounts", "log that I met Ana") is plain language for the router."""
    try:
        invocation = registry.parse(text)
    except UsageError:
        return False
    if invocation.command.name == "ask":
        return True
    if invocation.command.shape in (Shape.NONE, Shape.CHOICE):
        return True
    if invocation.command.shape == Shape.TEXT:
        return invocation.command.name == "help" and (not invocation.words or registry.get(invocation.words[0]) is not None)
    return bool(invocation.words) and queries.ACCOUNT_REF.fullmatch(invocation.words[0]) is not None


def route_message(ctx: RequestContext, text: str) -> Route | ConfirmWrite | Reply:
    """What the message asks for; the thread remembers the account and person it resolved to."""
    router = router_for(ctx.container)
    where = thread_key(ctx)
    with ctx.uow() as uow:
        directory = SqlDirectory(uow.session, ctx.actor.team_id)
        outcome = router.route(clean_slack_text(text), directory, where, ctx.channel_id)
        if where is not None and getattr(outcome, "account_id", None):
            directory.remember(where, Memory(outcome.account_id, getattr(outcome, "stakeholder_id", None),
                                             outcome.intent))
            uow.commit()
    return outcome


def respond_to_message(ctx: RequestContext, text: str, method_answer: MethodAnswer | None = None):
    """Route and run. Raises UserError / NeedsChoice for the surface to show, like run_command."""
    from bot.language.llm import chat_model_for, llm_respond

    model = chat_model_for(ctx.container)
    if model is not None:
        return with_understanding(ctx, llm_respond(ctx, text, model, lambda: offline_respond(ctx, text, method_answer)))
    return with_understanding(ctx, offline_respond(ctx, text, method_answer))


_LOG_LINE = re.compile(r"^log\s+#(\d+)\s+(.+)$", re.DOTALL)


def with_understanding(ctx: RequestContext, result):
    """A meeting log to confirm shows what it will record (date, people, how it went, next step, due, owner)."""
    if not isinstance(result, ConfirmWrite):
        return result
    match = _LOG_LINE.match(result.command_line.strip())
    if match is None:
        return result
    from bot.language.render import understood_pairs
    from kam_domain.services.log_preview import preview_log

    preview = preview_log(ctx.uow(), ctx.actor, int(match.group(1)), match.group(2), ctx.today)
    return dataclasses.replace(result, understood=understood_pairs(preview, ctx.today))


def offline_respond(ctx: RequestContext, text: str, method_answer: MethodAnswer | None = None):
    outcome = route_message(ctx, text)
    if isinstance(outcome, Route):
        return run_route(ctx, outcome, method_answer)
    return outcome


def run_route(ctx: RequestContext, route: Route, method_answer: MethodAnswer | None = None):
    if route.intent == "method":
        return (method_answer or knowledge_answer)(ctx, route.text)
    if route.intent == "stakeholders" and (route.role_filter or route.stakeholder_id):
        return people_answer(ctx, route)
    return run_command(ctx, route.command_line)


def knowledge_answer(ctx: RequestContext, question: str):
    """A methodology question, answered from the KAM guides (kam_domain.services.knowledge)."""
    from kam_domain.services import knowledge

    container = ctx.container
    return knowledge.answer_method_question(question, container.notes_index, container.drafter)
