"""The terminal surface: the same handlers as Slack, rendered as text."""
from __future__ import annotations

import sys
from typing import TextIO

from bot.bootstrap import Container
from bot.commands import REGISTRY, UsageError
from bot.context import RequestContext
from bot.handlers import run_invocation
from bot.errors import is_user_facing, log_unexpected
from bot.handlers.conversation import answer
from bot.render.text import error_text, to_text
from kam_domain.services.authz import Actor

CONSOLE_USER = "U0CONSOLE"
PROMPT = "kam> "


def console_actor(container: Container) -> Actor:
    # The person at the terminal runs the installation: an admin of the local workspace.
    return Actor(team_id=container.settings.team_id, user_id=CONSOLE_USER, is_admin=True)


def answer_line(container: Container, line: str, actor: Actor | None = None) -> str:
    ctx = RequestContext(container, actor or console_actor(container), surface="console")
    line = line.strip().removeprefix("/kam").strip()
    try:
        return to_text(_run_or_route(ctx, line))
    except Exception as exc:  # noqa: BLE001
        if is_user_facing(exc):
            return error_text(exc)
        return error_text(exc, log_unexpected(exc, "console"))


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
