"""How the router's own results look in Slack (Block Kit) and in the console (text).

Registered on the shared `to_message` / `to_text` dispatchers when this module is imported.
"""
from __future__ import annotations

import bot.handlers  # noqa: F401  (import order: bot.render.blocks needs the handlers loaded first)
from bot.language.people import PeopleAnswer
from bot.language.results import Answered, WithNote
from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, section, to_message
from bot.render.escape import slack_escape as esc
from bot.render.text import to_text
from kam_domain.language.route import ConfirmWrite, Reply

CONFIRM_LABEL = "Yes, do it"
CANCEL_LINE = "ask cancel"  # the router answers it with "nothing was written"
MAX_BLOCKS = 50


@to_message.register
def _(result: ConfirmWrite) -> SlackMessage:
    buttons = [button(CONFIRM_LABEL, f"{RUN_ACTION}:confirm", result.command_line, style="primary"),
               button("Cancel", f"{RUN_ACTION}:cancel", CANCEL_LINE)]
    buttons += [button(label, f"{RUN_ACTION}:instead:{i}", line) for i, (label, line) in enumerate(result.alternatives)]
    blocks = [section(esc(result.summary)),
              context(f"Nothing is written until you click. It runs `/kam {esc(result.command_line)[:2800]}`."),
              {"type": "actions", "elements": buttons}]
    return SlackMessage(esc(result.summary), blocks, ephemeral=False)


@to_text.register
def _(result: ConfirmWrite) -> str:
    lines = [result.summary, f"Nothing is written yet. To do it, type: {result.command_line}"]
    lines += [f"Or, for {label.lower()}: {line}" for label, line in result.alternatives]
    return "\n".join(lines)


@to_message.register
def _(result: Reply) -> SlackMessage:
    text = esc(result.text)
    if result.examples:
        text += "\n" + "\n".join(f"• _{esc(e)}_" for e in result.examples)
    return SlackMessage(result.text, [section(text)], ephemeral=False)


@to_text.register
def _(result: Reply) -> str:
    return "\n".join([result.text, *(f"  - {e}" for e in result.examples)])


@to_message.register
def _(result: PeopleAnswer) -> SlackMessage:
    blocks = [section(f"*{esc(result.headline)}*")]
    if result.details is not None:
        blocks += to_message(result.details).blocks
    return SlackMessage(result.headline, blocks[:MAX_BLOCKS], ephemeral=False)


@to_text.register
def _(result: PeopleAnswer) -> str:
    return result.headline if result.details is None else f"{result.headline}\n{to_text(result.details)}"


@to_message.register
def _(result: WithNote) -> SlackMessage:
    inner = to_message(result.result)
    return SlackMessage(inner.text, [context(esc(result.note)), *inner.blocks][:MAX_BLOCKS], ephemeral=inner.ephemeral)


@to_text.register
def _(result: WithNote) -> str:
    return f"({result.note})\n{to_text(result.result)}"


@to_message.register
def _(result: Answered) -> SlackMessage:
    blocks = [section(esc(result.text))] if result.text else []
    for extra in result.attachments:
        blocks += to_message(extra).blocks
    if result.note:
        blocks.append(context(esc(result.note)))
    return SlackMessage(result.text or "Answer", blocks[:MAX_BLOCKS] or [section("…")], ephemeral=False)


@to_text.register
def _(result: Answered) -> str:
    parts = [result.text] if result.text else []
    parts += [to_text(extra) for extra in result.attachments]
    if result.note:
        parts.append(f"({result.note})")
    return "\n".join(parts)
