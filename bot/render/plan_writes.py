"""How numbered SWOT decisions look (`swot ACCOUNT accept 1 3`): each decision, then the draft as it
reads now, numbered afresh."""
from __future__ import annotations

from bot.render.blocks import SlackMessage
from bot.render.drafts import swot_decision_message, swot_decision_text, swot_result_message, swot_result_text
from kam_domain.services.swot_decisions import SwotDecisions

MAX_BLOCKS = 50


def swot_decisions_text(result: SwotDecisions) -> str:
    lines = [swot_decision_text(d) for d in result.decisions]
    if result.draft is not None:
        lines += ["", "The SWOT draft now (numbers changed):", swot_result_text(result.draft)]
    return "\n".join(lines)


def swot_decisions_message(result: SwotDecisions) -> SlackMessage:
    blocks: list[dict] = []
    for decision in result.decisions:
        blocks += swot_decision_message(decision).blocks
    if result.draft is not None:
        blocks += swot_result_message(result.draft).blocks
    text = f"{len(result.decisions)} SWOT point{'s' if len(result.decisions) != 1 else ''} decided for " \
           f"{result.account_name}"
    return SlackMessage(text, blocks[:MAX_BLOCKS])


MESSAGES = {
    SwotDecisions: swot_decisions_message,
}

TEXTS = {
    SwotDecisions: swot_decisions_text,
}
