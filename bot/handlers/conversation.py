"""Plain language (@mentions, DMs, `/kam ask`, console lines).

A read typed as a subcommand ("account borealis") runs as that command: fast, no model.
A write runs directly only as an exact line with an `#ID` account (what a confirmation
button sends); any other write, and everything else, goes to the language router
(`bot.language`), which asks when unsure and turns writes into a confirmation first.
Which subcommands read and which write comes from their declarations (`Subcommand.writes`).
"""
from __future__ import annotations

from bot.commands import UsageError
from bot.dispatch import registry, run_command, run_invocation
from bot.language import is_exact_command, respond_to_message


def answer(ctx, text: str):
    if not text.strip():
        return run_command(ctx, "help")
    commands = registry(ctx)
    try:
        invocation = commands.parse(text)
    except UsageError:
        return respond_to_message(ctx, text)
    command = invocation.command
    if command.name != "ask" and not command.is_write(invocation):
        return run_invocation(ctx, invocation)
    if command.name != "ask" and is_exact_command(text, commands):
        return run_invocation(ctx, invocation)
    return respond_to_message(ctx, text)
