"""Running a `/kam` line: the one entry point the listeners, the console and the language layer share.

The registry comes from the request's container (`ctx.container.wiring`), so this module imports
no handler: whatever calls it, handlers included, stays free of import cycles.
"""
from __future__ import annotations

from bot.commands import Invocation, Registry
from bot.context import RequestContext


def registry(ctx: RequestContext) -> Registry:
    return ctx.container.wiring.registry


def parse(ctx: RequestContext, text: str) -> Invocation:
    """The invocation a line asks for; raises UsageError for the user to read."""
    return registry(ctx).parse(text)


def run_command(ctx: RequestContext, text: str):
    """Parse one `/kam` text and run it; raises UserError subclasses for the user to read."""
    return run_invocation(ctx, parse(ctx, text))


def run_invocation(ctx: RequestContext, invocation: Invocation):
    return invocation.command.handler(ctx, invocation)
