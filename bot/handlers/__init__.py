"""Subcommand declarations and their handlers, one module per feature.

Importing this package registers the whole `/kam` grammar in `bot.commands.REGISTRY`.
`run_command` is the one entry point Slack and the console share.
"""
from __future__ import annotations

from bot.commands import REGISTRY, Invocation
from bot.context import RequestContext
from bot.handlers import core, selection, plans, drafts, reviews, team  # noqa: F401  (registration)
from bot.handlers import plan_writes  # noqa: F401,E402  (extends plan and swot: after plans and drafts)


def run_command(ctx: RequestContext, text: str):
    """Parse one `/kam` text and run it; raises UserError subclasses for the user to read."""
    return run_invocation(ctx, REGISTRY.parse(text))


def run_invocation(ctx: RequestContext, invocation: Invocation):
    return invocation.command.handler(ctx, invocation)
