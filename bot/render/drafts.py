"""Drafts as Slack Block Kit and console text: SWOT with Accept / Reject per point, drafted next
actions, method answers.

Every piece of drafted or note text goes through `escape_model_text` (mentions and broadcasts
defused, then Slack-escaped); the only mentions we write are ones we build from validated
user ids. Buttons carry a plain reference (account, note, quadrant, point id and the text);
the service checks it all again on click.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.render.blocks import SlackMessage, button, context, header, section
from bot.render.escape import slack_escape, user_ref
from bot.render.markdown import markdown_escape
from kam_domain.drafting.types import QUADRANTS
from kam_domain.drafting.validate import clean_answer_text, clean_model_text
from kam_domain.errors import UserError
from kam_domain.services.drafts import (
    QUADRANT_TITLES,
    Citation,
    DraftedAction,
    NextActionDrafts,
    SwotDecision,
    SwotPointDraft,
    SwotResult,
)
from kam_domain.services.knowledge import KnowledgeAnswer

ACCEPT_ACTION = "swot_point:accept"
REJECT_ACTION = "swot_point:reject"
BLOCK_PREFIX = "swot:"
MAX_BLOCKS = 50
QUADRANT_CODE = {"strength": "s", "weakness": "w", "opportunity": "o", "threat": "t"}
CODE_QUADRANT = {v: k for k, v in QUADRANT_CODE.items()}
QUADRANT_EMOJI = {"strength": ":muscle:", "weakness": ":wrench:", "opportunity": ":seedling:",
                  "threat": ":warning:"}
KIND_LABEL = {"commitment": "promised", "request": "asked for", "question": "open question", "risk": "risk",
              "follow_up": "follow-up"}


def escape_model_text(text: str | None, limit: int = 300) -> str:
    """Drafted text for Slack mrkdwn: no mentions, broadcasts or links survive, then escaped."""
    return slack_escape(clean_model_text(text or "", limit))


def _is_user_id(author: str) -> bool:
    return bool(author) and author[:1] in "UW" and author.isalnum() and author.isupper()


def _author(author: str) -> str:
    return user_ref(author) if _is_user_id(author) else slack_escape(clean_model_text(author, 120))


def citation_mrkdwn(citation: Citation) -> str:
    return f"note #{citation.note_id}, {citation.written_on.isoformat()}, {_author(citation.author)}"


def drafted_by_line(drafted_by: str, notes_read: int | None = None) -> str:
    where = f" from {notes_read} note{'s' if notes_read != 1 else ''}" if notes_read is not None else ""
    if drafted_by == "offline":
        return f"Drafted offline{where}"
    return f"Drafted by {slack_escape(clean_model_text(drafted_by, 80))}{where}"


# =========================================================================== button values


@dataclass(frozen=True)
class PointRef:
    account_id: int
    note_id: int
    quadrant: str
    point_id: str
    text: str


def point_value(account_id: int, point: SwotPointDraft) -> str:
    return json.dumps({"a": account_id, "n": point.citation.note_id, "q": QUADRANT_CODE[point.quadrant],
                       "p": point.point_id, "t": point.text}, separators=(",", ":"))[:2000]


def parse_point_value(value: str | None) -> PointRef:
    try:
        data: Any = json.loads(value or "")
        return PointRef(int(data["a"]), int(data["n"]), CODE_QUADRANT[data["q"]], str(data["p"])[:16],
                        str(data["t"])[:600])
    except (ValueError, KeyError, TypeError):
        raise UserError("That button is not valid any more: draft the SWOT again with `/kam swot ACCOUNT`.") from None


# =========================================================================== SWOT


def swot_result_message(result: SwotResult) -> SlackMessage:
    blocks = [header(f"SWOT draft: {result.account_name}"[:150])]
    blocks.append(context(f"{drafted_by_line(result.drafted_by, result.notes_read)} · each point cites its note · "
                          f"points from notes older than {result.stale_after_days} days are marked stale"))
    for notice in result.notices:
        blocks.append(section(f":information_source: {slack_escape(notice)}"))
    budget = MAX_BLOCKS - len(blocks) - 2 - len(QUADRANTS)
    per_point = 3 if result.can_decide else 2
    shown = _fit(result, budget // per_point)
    for quadrant in QUADRANTS:
        points = [p for p in shown if p.quadrant == quadrant]
        title = f"{QUADRANT_EMOJI[quadrant]} *{QUADRANT_TITLES[quadrant]}*"
        blocks.append(section(title if points else f"{title}\n_nothing in the notes_"))
        for point in points:
            blocks += _point_blocks(result, point)
    hidden = len(result.points) - len(shown)
    footer = "Accepted points go into the account plan's SWOT; rejected ones are not offered again."
    if not result.can_decide:
        footer = "Only the account team, its executive sponsor or an admin can accept points into the plan."
    if hidden:
        footer += f" {hidden} more point{'s' if hidden != 1 else ''} did not fit: accept or reject some, then ask again."
    blocks.append(context(footer))
    return SlackMessage(f"SWOT draft for {result.account_name}: {len(result.points)} points", blocks[:MAX_BLOCKS],
                        stream=_swot_stream(result, shown, footer), stream_blocks=_swot_stream_buttons(result, shown))


def _fit(result: SwotResult, capacity: int) -> list[SwotPointDraft]:
    """As many points as the message holds, spread across the quadrants, best first."""
    queues = {q: result.in_quadrant(q) for q in QUADRANTS}
    shown: list[SwotPointDraft] = []
    while len(shown) < capacity and any(queues.values()):
        for quadrant in QUADRANTS:
            if queues[quadrant] and len(shown) < capacity:
                shown.append(queues[quadrant].pop(0))
    return shown


def _point_blocks(result: SwotResult, point: SwotPointDraft) -> list[dict]:
    stale = " :hourglass: _stale_" if point.stale else ""
    blocks = [section(f"• {escape_model_text(point.text)}{stale}"),
              context(f"Source: {citation_mrkdwn(point.citation)}")]
    if result.can_decide:
        value = point_value(result.account_id, point)
        blocks.append({"type": "actions", "block_id": f"{BLOCK_PREFIX}{point.point_id}",
                       "elements": [button("Accept", ACCEPT_ACTION, value, style="primary"),
                                    button("Reject", REJECT_ACTION, value)]})
    return blocks


STREAM_EMOJI = {"strength": "💪", "weakness": "🔧", "opportunity": "🌱", "threat": "⚠️"}


def _swot_stream(result: SwotResult, shown: list[SwotPointDraft], footer: str) -> tuple[str, ...]:
    """The SWOT as it is drafted, in markdown: the heading, then each quadrant, then the footer.
    Points are numbered; the buttons under the streamed message carry the same numbers."""
    drafted_by = "offline" if result.drafted_by == "offline" else f"by {clean_model_text(result.drafted_by, 80)}"
    notes = f"{result.notes_read} note{'s' if result.notes_read != 1 else ''}"
    head = [f"## SWOT draft: {markdown_escape(result.account_name)}",
            f"_Drafted {markdown_escape(drafted_by)} from {notes} · each point cites its note · points from notes "
            f"older than {result.stale_after_days} days are marked stale_"]
    head += [f"ℹ️ {markdown_escape(notice)}" for notice in result.notices]
    chunks, number = ["\n".join(head) + "\n\n"], 0
    for quadrant in QUADRANTS:
        lines = [f"### {STREAM_EMOJI[quadrant]} {QUADRANT_TITLES[quadrant]}"]
        points = [p for p in shown if p.quadrant == quadrant]
        if not points:
            lines.append("_nothing in the notes_")
        for point in points:
            number += 1
            stale = " ⏳ _stale_" if point.stale else ""
            lines.append(f"{number}. {markdown_escape(clean_model_text(point.text))}{stale}  \n"
                         f"   Source: {_citation_markdown(point.citation)}")
        chunks.append("\n".join(lines) + "\n\n")
    chunks.append(f"_{markdown_escape(footer)}_\n")
    return tuple(chunks)


def _citation_markdown(citation: Citation) -> str:
    author = citation.author
    who = user_ref(author) if _is_user_id(author) else markdown_escape(clean_model_text(author, 120))
    return f"note #{citation.note_id}, {citation.written_on.isoformat()}, {who}"


def _swot_stream_buttons(result: SwotResult, shown: list[SwotPointDraft]) -> list[dict]:
    """Accept / Reject per numbered point, under the streamed SWOT (the same values as in the message)."""
    if not result.can_decide:
        return []
    return [{"type": "actions", "block_id": f"{BLOCK_PREFIX}{point.point_id}",
             "elements": [button(f"Accept {number}", ACCEPT_ACTION, point_value(result.account_id, point),
                                 style="primary"),
                          button(f"Reject {number}", REJECT_ACTION, point_value(result.account_id, point))]}
            for number, point in enumerate(_in_quadrant_order(shown), 1)][:MAX_BLOCKS - 1]


def _in_quadrant_order(points: list[SwotPointDraft]) -> list[SwotPointDraft]:
    return [p for quadrant in QUADRANTS for p in points if p.quadrant == quadrant]


def swot_result_text(result: SwotResult) -> str:
    lines = [f"SWOT draft: {result.account_name}",
             f"  {drafted_by_line(result.drafted_by, result.notes_read)}; points from notes older than "
             f"{result.stale_after_days} days are marked (stale)"]
    lines += [f"  ! {notice}" for notice in result.notices]
    number = 0  # the console accepts or rejects points by these numbers (`swot ACCOUNT accept 1 3`)
    for quadrant in QUADRANTS:
        lines.append(f"{QUADRANT_TITLES[quadrant]}:")
        points = result.in_quadrant(quadrant)
        if not points:
            lines.append("  - nothing in the notes")
        for point in points:
            number += 1
            stale = " (stale)" if point.stale else ""
            lines.append(f"  {number}. {clean_model_text(point.text)}{stale}")
            lines.append(f"      [{point.citation.label}]")
    if number and result.can_decide:
        lines.append(f"Put points into the plan's SWOT: swot {result.account_name} accept 1 3; "
                     f"leave one out for good: swot {result.account_name} reject 2")
    return "\n".join(lines)


# =========================================================================== decisions


def decision_line(decision: SwotDecision) -> str:
    where = QUADRANT_TITLES[decision.quadrant]
    if decision.accepted:
        verb = "was already in" if decision.already else "added to"
        return f":white_check_mark: {user_ref(decision.decided_by)} {verb} the plan's {where}"
    return f":x: Rejected by {user_ref(decision.decided_by)}: not offered again"


def swot_decision_message(decision: SwotDecision) -> SlackMessage:
    text = (f"{decision_line(decision)} for *{slack_escape(decision.account_name)}*: "
            f"{escape_model_text(decision.text)}")
    return SlackMessage(f"SWOT point {'accepted' if decision.accepted else 'rejected'} for {decision.account_name}",
                        [section(text), context(f"Source: {citation_mrkdwn(decision.citation)}")])


def swot_decision_text(decision: SwotDecision) -> str:
    if decision.accepted:
        state = "already in" if decision.already else "added to"
        return f"{state.capitalize()} {decision.account_name}'s {QUADRANT_TITLES[decision.quadrant]}: {decision.text}"
    return f"Rejected for {decision.account_name}: {decision.text} (not offered again)"


def mark_decided(blocks: list[dict], point_ref: str, decision: SwotDecision) -> list[dict]:
    """The original SWOT message with this point's buttons replaced by who decided what."""
    marked = []
    for block in blocks:
        if block.get("type") == "actions" and block.get("block_id") == f"{BLOCK_PREFIX}{point_ref}":
            marked.append(context(decision_line(decision)))
        else:
            marked.append(block)
    return marked


# =========================================================================== next actions


def drafted_action_line(action: DraftedAction) -> str:
    due = f" (due {action.due.isoformat()})" if action.due else ""
    return f"{clean_model_text(action.text, 280)}{due}"


def drafted_action_blocks(drafts: NextActionDrafts, limit: int = 8) -> list[dict]:
    """Blocks to append under the rule-based next actions (or to show alone)."""
    blocks = [section("*Drafted from the notes*"),
              context(f"{drafted_by_line(drafts.drafted_by)} · each action cites its note")]
    blocks += [section(f":information_source: {slack_escape(n)}") for n in drafts.notices]
    if not drafts.actions:
        blocks.append(section("_No open commitments, requests, questions or risks in the last 90 days of notes._"))
    for action in drafts.actions[:limit]:
        due = f" · due {action.due.isoformat()}" if action.due else ""
        blocks.append(section(f"• {escape_model_text(action.text, 280)}{due}"))
        blocks.append(context(f"{slack_escape(KIND_LABEL.get(action.kind, action.kind))}: "
                              f"{escape_model_text(action.reason, 200)} · {citation_mrkdwn(action.citation)}"))
    return blocks


def drafted_action_text(drafts: NextActionDrafts) -> list[str]:
    who = "offline" if drafts.drafted_by == "offline" else f"by {clean_model_text(drafts.drafted_by, 80)}"
    lines = [f"Drafted from the notes ({who}):"]
    lines += [f"  ! {n}" for n in drafts.notices]
    if not drafts.actions:
        lines.append("  - no open commitments, requests, questions or risks in the last 90 days of notes")
    for action in drafts.actions:
        lines.append(f"  - {drafted_action_line(action)}")
        lines.append(f"      {KIND_LABEL.get(action.kind, action.kind)}: {clean_model_text(action.reason, 200)} "
                     f"[{action.citation.label}]")
    return lines


def next_action_drafts_message(drafts: NextActionDrafts) -> SlackMessage:
    blocks = [header(f"Next actions: {drafts.account_name}"[:150])] + drafted_action_blocks(drafts)
    return SlackMessage(f"Next actions drafted for {drafts.account_name}", blocks[:MAX_BLOCKS])


def next_action_drafts_text(drafts: NextActionDrafts) -> str:
    return "\n".join([f"Next actions: {drafts.account_name}"] + drafted_action_text(drafts))


@dataclass
class NextWithDrafts:
    """The rule-based `/kam next` answer with the actions drafted from the notes under it."""

    rule_based: Any  # whatever the rule-based handler returned, or None while it is not available
    drafted: NextActionDrafts


def next_with_drafts_message(combined: NextWithDrafts, render) -> SlackMessage:
    if combined.rule_based is None:
        return next_action_drafts_message(combined.drafted)
    base = render.to_message(combined.rule_based)
    extra = [{"type": "divider"}] + drafted_action_blocks(combined.drafted)
    room = MAX_BLOCKS - len(base.blocks)
    if room < 4:
        extra = [context(f"{len(combined.drafted.actions)} more actions drafted from the notes: "
                         f"`/kam next #{combined.drafted.account_id}` shows them when the list is shorter")]
    return SlackMessage(base.text, (base.blocks + extra[:room])[:MAX_BLOCKS], ephemeral=base.ephemeral)


def next_with_drafts_text(combined: NextWithDrafts, render) -> str:
    if combined.rule_based is None:
        return next_action_drafts_text(combined.drafted)
    return render.to_text(combined.rule_based) + "\n" + "\n".join(drafted_action_text(combined.drafted))


# =========================================================================== method answers


def source_mrkdwn(answer: KnowledgeAnswer) -> str:
    return " · ".join(f"{slack_escape(s.title)}, “{slack_escape(s.heading)}” (`{s.file}`)" for s in answer.sources)


def knowledge_answer_message(answer: KnowledgeAnswer) -> SlackMessage:
    body = slack_escape(clean_answer_text(answer.text))
    blocks = [section(body[:3000])]
    blocks += [context(f":information_source: {slack_escape(n)}") for n in answer.notices]
    blocks.append(context(f"Source: {source_mrkdwn(answer)} · {drafted_by_line(answer.drafted_by)} from the KAM guides"))
    return SlackMessage(clean_answer_text(answer.text)[:200] or "Answer from the KAM guides", blocks,
                        stream=_answer_stream(answer))


LONG_ANSWER = 1_200  # characters: a longer answer streams paragraph by paragraph in a thread
_LIST_MARKER = re.compile(r"^\s*(?:[-•]|\d{1,2}[.)])\s+")
_ESCAPED_BOLD = re.compile(r"\\\*([^*\n]+?)\\\*")  # the model's *bold*, already escaped


def _answer_stream(answer: KnowledgeAnswer) -> tuple[str, ...]:
    """A long method answer in markdown: its paragraphs, notices, then its sources. A short one: ()."""
    text = clean_answer_text(answer.text)
    if len(text) <= LONG_ANSWER:
        return ()
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    chunks = ["\n".join(_answer_line(line) for line in p.splitlines() if line.strip()) + "\n\n"
              for p in paragraphs]
    chunks += [f"ℹ️ {markdown_escape(notice)}\n\n" for notice in answer.notices]
    sources = " · ".join(f"{markdown_escape(s.title)}, “{markdown_escape(s.heading)}” ({markdown_escape(s.file)})"
                         for s in answer.sources)
    who = "offline" if answer.drafted_by == "offline" else f"by {clean_model_text(answer.drafted_by, 80)}"
    chunks.append(f"_Source: {sources} · drafted {markdown_escape(who)} from the KAM guides_\n")
    return tuple(chunks)


def _answer_line(line: str) -> str:
    """One line of a drafted answer as markdown: its list marker kept, its *bold* kept, the rest literal."""
    marker = _LIST_MARKER.match(line)
    if marker is None:
        return _ESCAPED_BOLD.sub(r"**\1**", markdown_escape(line))
    symbol = marker.group(0).strip()
    prefix = "- " if symbol in ("-", "•") else symbol + " "
    return prefix + _ESCAPED_BOLD.sub(r"**\1**", markdown_escape(line[marker.end():]))


def knowledge_answer_text(answer: KnowledgeAnswer) -> str:
    lines = [clean_answer_text(answer.text).replace("*", "")]
    lines += [f"! {n}" for n in answer.notices]
    lines.append("Source: " + "; ".join(s.label for s in answer.sources))
    return "\n".join(lines)


MESSAGES = {
    SwotResult: swot_result_message,
    SwotDecision: swot_decision_message,
    NextActionDrafts: next_action_drafts_message,
    KnowledgeAnswer: knowledge_answer_message,
}

TEXTS = {
    SwotResult: swot_result_text,
    SwotDecision: swot_decision_text,
    NextActionDrafts: next_action_drafts_text,
    KnowledgeAnswer: knowledge_answer_text,
}

# Results holding other results: their renderers get the wiring to render those.
COMPOSITE_MESSAGES = {
    NextWithDrafts: next_with_drafts_message,
}

COMPOSITE_TEXTS = {
    NextWithDrafts: next_with_drafts_text,
}
