"""Plain language (@mentions, DMs, `/kam ask`, console lines).

A read typed as a subcommand ("account borealis") runs as that command: fast, no model.
A write runs directly only as an exact line with an `#ID` account (what a confirmation
button sends); any other write, and everything else, goes to the language router
(`bot.language`), which asks when unsure and turns writes into a confirmation first.
"""
from __future__ import annotations

from bot.commands import REGISTRY, UsageError

READS = frozenset({"help", "accounts", "account", "portfolio", "plan", "next", "stakeholders", "swot", "requests"})
READS_WITHOUT_FIELDS = frozenset({"score", "criteria"})  # with key=value fields they write


def is_plan_write(invocation) -> bool:
    """`plan ACCOUNT add/close ...` and `swot ACCOUNT accept/reject N`: the read subcommands' writes."""
    from bot.handlers.plan_writes import is_write

    return is_write(invocation)


def answer(ctx, text: str):
    from bot.handlers import run_command, run_invocation
    from bot.language import is_exact_command, respond_to_message

    if not text.strip():
        return run_command(ctx, "help")
    try:
        invocation = REGISTRY.parse(text)
    except UsageError:
        return respond_to_message(ctx, text)
    name = invocation.command.name
    if name in READS and is_plan_write(invocation):  # `plan X close action 3`: a write, confirmed first
        name = "plan write"
    if name in READS or (name in READS_WITHOUT_FIELDS and not invocation.kv and invocation.text.count("=") == 0):
        return run_invocation(ctx, invocation)
    if name != "ask" and is_exact_command(text):
        return run_invocation(ctx, invocation)
    return respond_to_message(ctx, text)
