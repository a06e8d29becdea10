"""Which conversation a message belongs to, for the router's thread memory."""
from __future__ import annotations

from bot.context import RequestContext
from kam_domain.language.directory import ThreadKey

CONSOLE_CHANNEL = "console"


def thread_key(ctx: RequestContext) -> ThreadKey | None:
    """The conversation a message belongs to: its Slack thread, or one `kam chat` session (its id in
    `thread_ts`). Nothing else remembers: `kam ask` is one question, and a channel message is not a thread."""
    if ctx.surface == "console":
        return ThreadKey(CONSOLE_CHANNEL, ctx.thread_ts) if ctx.thread_ts else None
    if ctx.channel_id and ctx.thread_ts:
        return ThreadKey(ctx.channel_id, ctx.thread_ts)
    return None
