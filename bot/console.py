"""The terminal surface: the same handlers as Slack, rendered as text."""
from __future__ import annotations

import re
import sys
import uuid
from dataclasses import dataclass, field
from typing import Any, Mapping, TextIO

from bot.bootstrap import Container
from bot.commands import UsageError
from bot.context import RequestContext
from bot.dispatch import registry, run_command
from bot.errors import is_user_facing, log_unexpected
from bot.handlers.conversation import answer, run_typed
from bot.render.text import error_text
from kam_domain.demo import DEMO_USERS
from kam_domain.errors import NeedsChoice
from kam_domain.language.route import INTENT_PIN
from kam_domain.rules.choices import is_bare_answer, pick
from kam_domain.services.authz import Actor

CONSOLE_USER = "U0CONSOLE"
PROMPT = "kam> "
# Slack user ids as the console shows them: a mention or a bare id in a list.
_USER_ID = re.compile(r"<@([UW][A-Z0-9_]{2,})(?:\|[^>]*)?>|\b([UW][A-Z0-9_]{4,})\b")


def console_actor(container: Container) -> Actor:
    # The person at the terminal runs the installation: an admin of the local workspace.
    return Actor(team_id=container.settings.team_id, user_id=CONSOLE_USER, is_admin=True)


@dataclass
class ChatSession:
    """One `kam chat`: what it remembers lives here and in the conversation memory under its id,
    never longer. `kam ask` has no session: one process, one question, no memory."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # the memory's thread key (32 characters)
    pending: NeedsChoice | None = None  # the numbered question waiting for an answer
    drafts: dict[str, Any] = field(default_factory=dict)  # the last numbered drafts shown, e.g. "swot:12"


NO_QUESTION = ("There is no question waiting for an answer; ask again, e.g. `kam ask \"account vantor energy\"`"
               " (or use `kam chat`, where you can answer a question by its number).")
NO_QUESTION_IN_CHAT = "There is no question waiting for an answer; ask again, e.g. `account vantor energy`."


def answer_line(container: Container, line: str, actor: Actor | None = None,
                session: ChatSession | None = None) -> str:
    """One line's answer. With a `session` (`kam chat`) a numbered question may be answered by its
    number or name, and follow-ups remember the account; without one (`kam ask`) nothing is remembered."""
    ctx = RequestContext(container, actor or console_actor(container), surface="console",
                         thread_ts=session.id if session is not None else None, session=session)
    line = line.strip().removeprefix("/kam").strip()
    try:
        return with_names(container.wiring.to_text(_answer(ctx, line, session)))
    except NeedsChoice as exc:
        if session is not None and exc.retry_command and exc.choices:
            session.pending = exc
        return with_names(error_text(exc) + _choice_hint(exc, session))
    except Exception as exc:  # noqa: BLE001
        if is_user_facing(exc):
            return error_text(exc)
        return error_text(exc, log_unexpected(exc, "console"))


def _answer(ctx: RequestContext, line: str, session: ChatSession | None):
    """A reply to the question waiting (by number, ordinal or name) runs the chosen line, as the
    button would in Slack; anything else is a new message and the question is dropped."""
    pending = session.pending if session is not None else None
    if pending is None:
        if is_bare_answer(line):
            return NO_QUESTION if session is None else NO_QUESTION_IN_CHAT
        return _run_or_route(ctx, line)
    picked = pick(line, [c.label for c in pending.choices])
    if picked.out_of_range:
        return f"Choose 1-{len(pending.choices)}, or type the name."
    session.pending = None
    if picked.index is None:
        return _run_or_route(ctx, line)
    return run_command(ctx, pending.retry_command.replace("{choice}", pending.choices[picked.index].value))


def _choice_hint(exc: NeedsChoice, session: ChatSession | None) -> str:
    if not exc.retry_command or not exc.choices:
        return ""
    if session is not None:
        return f"\nAnswer with a number (1-{len(exc.choices)}) or the name."
    first = exc.retry_command.replace("{choice}", exc.choices[0].value)
    if INTENT_PIN in first or first.startswith("ask "):  # the router's own lines are not for typing
        return "\nAsk again naming the one you mean."
    return f"\nAsk again with the one you mean, e.g. `kam ask \"{first}\"`."


def known_names() -> dict[str, str]:
    """Slack user id -> name, for the people the console can name (it has no Slack client to ask)."""
    return dict(DEMO_USERS)


def with_names(text: str, names: Mapping[str, str] | None = None) -> str:
    """There is no Slack client to resolve mentions at the terminal: show people's names where we know them."""
    known = {CONSOLE_USER: "you", **known_names(), **(names or {})}

    def name(match: re.Match) -> str:
        user_id = match.group(1) or match.group(2)
        if user_id not in known:
            return match.group(0) if match.group(2) else f"@{user_id}"
        return f"@{known[user_id]}" if match.group(1) else known[user_id]

    return _USER_ID.sub(name, text)


def _run_or_route(ctx: RequestContext, line: str):
    """At the terminal a line in the `/kam` grammar is a command, run as typed (like `/kam`);
    anything else is plain language for the router."""
    first = (line.split() or [""])[0].lower()
    commands = registry(ctx)
    if first and first != "ask" and commands.get(first) is not None:
        try:
            invocation = commands.parse(line)
        except UsageError:
            return answer(ctx, line)
        return run_typed(ctx, invocation, line)
    return answer(ctx, line)


def chat(container: Container, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    from bot.indexing import stop_background_indexing

    session = ChatSession()
    try:
        _chat(container, session, stdin, stdout)
    finally:
        forget(container, session)
        stop_background_indexing()


def forget(container: Container, session: ChatSession) -> None:
    """The session is over: its conversation memory goes with it."""
    from sqlmodel import delete

    from bot.language.threads import CONSOLE_CHANNEL
    from kam_domain.models import ConversationMemory

    try:
        with container.uow() as uow:
            uow.session.exec(delete(ConversationMemory).where(
                ConversationMemory.team_id == container.settings.team_id,
                ConversationMemory.channel_id == CONSOLE_CHANNEL, ConversationMemory.thread_ts == session.id))
            uow.commit()
    except Exception as exc:  # noqa: BLE001 - a leftover row is never read again (a new session has a new id)
        log_unexpected(exc, "console:forget")


def _chat(container: Container, session: ChatSession, stdin: TextIO, stdout: TextIO) -> None:
    interactive = stdin.isatty()
    if interactive:
        stdout.write("KAM assistant. Type `help`, or a question; Ctrl-D to leave.\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        if line.strip().lower() in {"quit", "exit"}:
            break
        stdout.write(answer_line(container, line, session=session) + "\n")
        stdout.flush()
