"""`@subcommand(...)` declares a subcommand and its handler in one place."""
from __future__ import annotations

from bot.commands import REGISTRY, Shape, Subcommand
from kam_domain.errors import NotYetAvailable


def subcommand(name: str, args: str, summary: str, shape: Shape, **options):
    def register(handler):
        REGISTRY.add(Subcommand(name=name, args=args, summary=summary, shape=shape, handler=handler, **options))
        return handler

    return register


def not_yet(ctx, invocation):
    raise NotYetAvailable(invocation.command.usage)
