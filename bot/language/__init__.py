"""Plain language for Slack and the console: the glue around kam_domain.language's router,
and the tool-calling LLM path. Entry points: `route_message`, `respond_to_message`."""
from __future__ import annotations


def route_message(ctx, text):
    from bot.language.respond import route_message as route

    return route(ctx, text)


def respond_to_message(ctx, text, method_answer=None):
    from bot.language.respond import respond_to_message as respond

    return respond(ctx, text, method_answer)


def is_exact_command(text, registry):
    from bot.language.respond import is_exact_command as exact

    return exact(text, registry)
