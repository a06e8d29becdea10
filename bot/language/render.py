"""How the router's own results look in Slack (Block Kit) and in the console (text).
Results that hold other results (a people answer's map, a noted result, an answer's attachments) are
rendered through the wiring their renderers are given.
"""
from __future__ import annotations

from bot.language.people import PeopleAnswer
from bot.language.results import Answered, WithNote
from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, section
from bot.render.escape import slack_escape as esc
from kam_domain.language.route import ConfirmWrite, Reply

CONFIRM_LABEL = "Yes, do it"
CANCEL_LINE = "ask cancel"  # the router answers it with "nothing was written"
MAX_BLOCKS = 50


SENTIMENT_WORDS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}


def understood_pairs(preview, today) -> tuple[tuple[str, str], ...]:
    """A meeting log as it will be recorded (kam_domain.services.log_preview.LogPreview), in words."""
    from kam_domain.rules.log_dates import short_day

    when = short_day(preview.occurred_on) + ("" if preview.date_given else " (no date given: today)")
    pairs = [("Date", when),
             ("People on the map", ", ".join(preview.people) or "nobody I could match"),
             ("Not on the map yet (offered to add after logging)", ", ".join(preview.new_people) or "nobody"),
             ("How it went", SENTIMENT_WORDS.get(preview.sentiment, str(preview.sentiment)))]
    if preview.next_step:
        due = short_day(preview.due_on) if preview.due_on else "no due date"
        owner = f"<@{preview.owner_user_id}>" if preview.owner_user_id else "you"
        pairs += [("Next step", preview.next_step), ("Due", due), ("Owner", owner)]
    else:
        pairs.append(("Next step", "none found"))
    return tuple(pairs)


def _understood_mrkdwn(result: ConfirmWrite) -> str:
    return "\n".join(f"*{esc(what)}:* {value if value.startswith('<@') else esc(value)}"
                     for what, value in result.understood)


def confirm_write_message(result: ConfirmWrite) -> SlackMessage:
    buttons = [button(CONFIRM_LABEL, f"{RUN_ACTION}:confirm", result.command_line, style="primary"),
               button("Cancel", f"{RUN_ACTION}:cancel", CANCEL_LINE)]
    buttons += [button(label, f"{RUN_ACTION}:instead:{i}", line) for i, (label, line) in enumerate(result.alternatives)]
    understood = [section(_understood_mrkdwn(result))] if result.understood else []
    blocks = [section(esc(result.summary)), *understood,
              context(f"Nothing is written until you click. It runs `/kam {esc(result.command_line)[:2800]}`."),
              {"type": "actions", "elements": buttons}]
    return SlackMessage(esc(result.summary), blocks, ephemeral=False)


def confirm_write_text(result: ConfirmWrite) -> str:
    lines = [result.summary, *(f"  {what}: {value}" for what, value in result.understood),
             f"Nothing is written yet. To do it, type: {result.command_line}"]
    lines += [f"Or, for {label.lower()}: {line}" for label, line in result.alternatives]
    return "\n".join(lines)


def reply_message(result: Reply) -> SlackMessage:
    text = esc(result.text)
    if result.examples:
        text += "\n" + "\n".join(f"• _{esc(e)}_" for e in result.examples)
    return SlackMessage(result.text, [section(text)], ephemeral=False)


def reply_text(result: Reply) -> str:
    return "\n".join([result.text, *(f"  - {e}" for e in result.examples)])


def people_answer_message(result: PeopleAnswer, render) -> SlackMessage:
    blocks = [section(f"*{esc(result.headline)}*")]
    if result.details is not None:
        blocks += render.to_message(result.details).blocks
    return SlackMessage(result.headline, blocks[:MAX_BLOCKS], ephemeral=False)


def people_answer_text(result: PeopleAnswer, render) -> str:
    return result.headline if result.details is None else f"{result.headline}\n{render.to_text(result.details)}"


def with_note_message(result: WithNote, render) -> SlackMessage:
    inner = render.to_message(result.result)
    return SlackMessage(inner.text, [context(esc(result.note)), *inner.blocks][:MAX_BLOCKS], ephemeral=inner.ephemeral)


def with_note_text(result: WithNote, render) -> str:
    return f"({result.note})\n{render.to_text(result.result)}"


def answered_message(result: Answered, render) -> SlackMessage:
    blocks = [section(esc(result.text))] if result.text else []
    for extra in result.attachments:
        blocks += render.to_message(extra).blocks
    if result.note:
        blocks.append(context(esc(result.note)))
    return SlackMessage(result.text or "Answer", blocks[:MAX_BLOCKS] or [section("…")], ephemeral=False)


def answered_text(result: Answered, render) -> str:
    parts = [result.text] if result.text else []
    parts += [render.to_text(extra) for extra in result.attachments]
    if result.note:
        parts.append(f"({result.note})")
    return "\n".join(parts)


MESSAGES = {
    ConfirmWrite: confirm_write_message,
    Reply: reply_message,
}

TEXTS = {
    ConfirmWrite: confirm_write_text,
    Reply: reply_text,
}

COMPOSITE_MESSAGES = {
    PeopleAnswer: people_answer_message,
    WithNote: with_note_message,
    Answered: answered_message,
}

COMPOSITE_TEXTS = {
    PeopleAnswer: people_answer_text,
    WithNote: with_note_text,
    Answered: answered_text,
}
