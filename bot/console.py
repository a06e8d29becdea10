"""The terminal surface: the same handlers as Slack, rendered as text."""
from __future__ import annotations

import re
import sys
from typing import Mapping, TextIO

from bot.bootstrap import Container
from bot.commands import REGISTRY, UsageError
from bot.context import RequestContext
from bot.handlers import run_invocation
from bot.errors import is_user_facing, log_unexpected
from bot.handlers.conversation import answer
from bot.render.text import error_text, to_text
from kam_domain.demo import DEMO_USERS
from kam_domain.services.authz import Actor

CONSOLE_USER = "U0CONSOLE"
PROMPT = "kam> "
# Slack user ids as the console shows them: a mention or a bare id in a list.
_USER_ID = re.compile(r"<@([UW][A-Z0-9_]{2,})(?:\|[^>]*)?>|\b([UW][A-Z0-9_]{4,})\b")


def console_actor(container: Container) -> Actor:
    # The person at the terminal runs the installation: an admin of the local workspace.
    return Actor(team_id=container.settings.team_id, user_id=CONSOLE_USER, is_admin=True)


def answer_line(container: Container, line: str, actor: Actor | None = None) -> str:
    ctx = RequestContext(container, actor or console_actor(container), surface="console")
    line = line.strip().removeprefix("/kam").strip()
    try:
        return with_names(to_text(_run_or_route(ctx, line)))
    except Exception as exc:  # noqa: BLE001
        if is_user_facing(exc):
            return error_text(exc)
        return error_text(exc, log_unexpected(exc, "console"))


def with_names(text: str, names: Mapping[str, str] | None = None) -> str:
    """There is no Slack client to resolve mentions at the terminal: show people's names where we know them."""
    known = {CONSOLE_USER: "you", **DEMO_USERS, **(names or {})}

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
    if first and first != "ask" and REGISTRY.get(first) is not None:
        try:
            invocation = REGISTRY.parse(line)
        except UsageError:
            return answer(ctx, line)
        return run_invocation(ctx, invocation)
    return answer(ctx, line)


def chat(container: Container, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
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
        stdout.write(answer_line(container, line) + "\n")
        stdout.flush()
