"""The plan draft (`/kam plan-draft`): Slack blocks with Accept / Reject per point, and console text
numbered the way `plan-draft ACCOUNT accept 1 3` reads it."""
from __future__ import annotations

from bot.render.blocks import SlackMessage, button, context, header, section
from bot.render.drafts import citation_mrkdwn, escape_model_text
from bot.render.escape import slack_escape
from kam_domain.errors import UserError
from kam_domain.services.plan_draft_decisions import DraftPoint, PlanDraft, PlanDraftDecisions

ACCEPT_ACTION = "plan_draft:accept"
REJECT_ACTION = "plan_draft:reject"
BLOCK_PREFIX = "plan_draft:"
MAX_BLOCKS = 50
GROUPS = (("section", "Customer business"), ("objective", "Objectives by horizon"),
          ("stakeholder", "Stakeholder reads"))
TARGET_LABELS = {"goals": "Goals", "initiatives": "Initiatives", "financial_health": "Financial health",
                 "competitors": "Competitors", "short": "Short term (0-6 months)", "mid": "Mid term (6-18 months)",
                 "long": "Long term (18+ months)"}


def point_value(account_id: int, point: DraftPoint) -> str:
    return f"{account_id}:{point.point_id}"


def parse_point_value(value: str | None) -> tuple[int, str]:
    account, _, point = (value or "").partition(":")
    if not account.isdigit() or not point.isalnum() or len(point) > 16:
        raise UserError("That button is not valid any more: draft the plan again with `/kam plan-draft ACCOUNT`.")
    return int(account), point


def plan_draft_message(draft: PlanDraft) -> SlackMessage:
    blocks = [header(f"Plan draft: {draft.account_name}"[:150]),
              context("Drafted offline from the notes · each point cites its notes · nothing goes into the plan "
                      "until someone accepts it")]
    if not draft.points:
        blocks.append(section("Nothing new to propose: the notes hold no goals, initiatives, competitors or "
                              "stakeholder signals that are not in the plan already."))
        return SlackMessage(f"Plan draft for {draft.account_name}: nothing new", blocks)
    per_point = 3 if draft.can_write else 2
    room = (MAX_BLOCKS - len(blocks) - len(GROUPS) - 1) // per_point
    shown = draft.points[:room]
    for kind, title in GROUPS:
        points = [p for p in shown if p.kind == kind]
        if points:
            blocks.append(section(f"*{title}*"))
        for point in points:
            blocks += _point_blocks(draft, point)
    footer = "Accepted points go into the plan or the stakeholder map; rejected ones are not offered again."
    if not draft.can_write:
        footer = "Only the account team, its executive sponsor or an admin can accept points into the plan."
    if len(shown) < len(draft.points):
        footer += f" {len(draft.points) - len(shown)} more did not fit: decide on these, then ask again."
    blocks.append(context(footer))
    return SlackMessage(f"Plan draft for {draft.account_name}: {len(draft.points)} proposals", blocks)


def _point_blocks(draft: PlanDraft, point: DraftPoint) -> list[dict]:
    where = TARGET_LABELS.get(point.target, "")
    prefix = f"_{where}_ · " if where else ""
    sources = " · ".join(citation_mrkdwn(c) for c in point.citations[:3])
    blocks = [section(f"{prefix}{escape_model_text(point.text, 600)}"), context(f"Source: {sources}")]
    if draft.can_write:
        value = point_value(draft.account_id, point)
        blocks.append({"type": "actions", "block_id": f"{BLOCK_PREFIX}{point.point_id}",
                       "elements": [button("Accept", ACCEPT_ACTION, value, "primary"),
                                    button("Reject", REJECT_ACTION, value)]})
    return blocks


def plan_draft_text(draft: PlanDraft) -> str:
    lines = [f"Plan draft for {draft.account_name} (from the notes; nothing is in the plan until accepted)"]
    if not draft.points:
        return lines[0] + "\nNothing new to propose."
    number = 0
    for kind, title in GROUPS:
        points = draft.of_kind(kind)
        if points:
            lines.append(f"\n{title}:")
        for point in points:
            number += 1
            where = TARGET_LABELS.get(point.target)
            sources = "; ".join(c.label for c in point.citations[:3])
            lines.append(f"  {number}. {f'[{where}] ' if where else ''}{point.text}\n     Source: {sources}")
    if draft.can_write:
        lines.append(f"\nPut points into the plan: plan-draft {draft.account_name} accept 1 3; "
                     f"leave one out for good: plan-draft {draft.account_name} reject 2")
    return "\n".join(lines)


def decisions_text(result: PlanDraftDecisions) -> str:
    lines = [f"Plan draft of {result.account_name}:"]
    for d in result.decisions:
        lines.append(f"  {'Accepted' if d.accepted else 'Rejected'}: {d.point.text} ({d.outcome})")
    return "\n".join(lines)


def decisions_message(result: PlanDraftDecisions) -> SlackMessage:
    text = decisions_text(result)
    lines = [f"{':white_check_mark:' if d.accepted else ':x:'} {escape_model_text(d.point.text, 300)} "
             f"_({slack_escape(d.outcome)})_" for d in result.decisions]
    return SlackMessage(text, [section(f"*Plan draft of {slack_escape(result.account_name)}*"),
                               *[section(line) for line in lines[:45]]])


def mark_decided(blocks: list[dict], point_id: str, decision_line: str) -> list[dict]:
    """The clicked point's buttons become the decision; the rest of the message stays as it was."""
    target = f"{BLOCK_PREFIX}{point_id}"
    return [context(decision_line) if b.get("block_id") == target else b for b in blocks]


MESSAGES = {PlanDraft: plan_draft_message, PlanDraftDecisions: decisions_message}
TEXTS = {PlanDraft: plan_draft_text, PlanDraftDecisions: decisions_text}
