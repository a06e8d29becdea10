"""How numbered SWOT decisions look (`swot ACCOUNT accept 1 3`): each decision, then the draft as it
reads now, numbered afresh. Importing this module registers the renderers."""
from __future__ import annotations

from bot.render import drafts as _drafts  # noqa: F401  (the SwotResult and SwotDecision renderers)
from bot.render.blocks import SlackMessage, to_message
from bot.render.text import to_text
from kam_domain.services.swot_decisions import SwotDecisions

MAX_BLOCKS = 50


@to_text.register
def _(result: SwotDecisions) -> str:
    lines = [to_text(d) for d in result.decisions]
    if result.draft is not None:
        lines += ["", "The SWOT draft now (numbers changed):", to_text(result.draft)]
    return "\n".join(lines)


@to_message.register
def _(result: SwotDecisions) -> SlackMessage:
    blocks: list[dict] = []
    for decision in result.decisions:
        blocks += to_message(decision).blocks
    if result.draft is not None:
        blocks += to_message(result.draft).blocks
    text = f"{len(result.decisions)} SWOT point{'s' if len(result.decisions) != 1 else ''} decided for " \
           f"{result.account_name}"
    return SlackMessage(text, blocks[:MAX_BLOCKS])
