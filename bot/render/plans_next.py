"""Next actions, each with its reason and the one button that acts on it."""
from __future__ import annotations

from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.plans_common import ACTION_DONE, ADOPT, LOG_OPEN, PERSON_ADD, PRIORITY_EMOJI, day, small_button, truncate
from bot.render.overdue import badge, close_or_redate, console_badge, console_offer
from kam_domain.rules.next_actions import SuggestionKind
from kam_domain.services.next_actions import NextAction, NextActions

MAX_ITEMS = 20
ROLE_OF_GAP = {"Find and map the economic buyer": "economic_buyer", "Find and map the decision maker": "decision_maker"}


def _accessory(n: NextActions, item: NextAction) -> dict:
    kind = SuggestionKind(item.kind)
    ref = f"#{n.account_id}"
    if kind in (SuggestionKind.REVIEW_DUE, SuggestionKind.REVIEW_OVERDUE):
        return {"accessory": button("Review", f"{RUN_ACTION}:next_review", f"review {ref}")}
    if not n.can_edit:
        return {}
    if kind in (SuggestionKind.OVERDUE_ACTION, SuggestionKind.ACTION_DUE_SOON) and item.action_id:
        return {"accessory": small_button("Done", ACTION_DONE, str(item.action_id))}
    if kind == SuggestionKind.UNCOVERED_ROLE:
        role = ROLE_OF_GAP.get(item.text)
        return {"accessory": small_button("Add person", PERSON_ADD, {"a": n.account_id, **({"r": role} if role else {})})}
    if kind == SuggestionKind.STALE_PLAN:
        return {"accessory": button("Open plan", f"{RUN_ACTION}:next_plan", f"plan {ref}")}
    if item.adoptable:
        return {"accessory": small_button("Add to actions", ADOPT, {"a": n.account_id, "k": item.key})}
    return {}


def _very_overdue(item: NextAction, today) -> bool:
    return item.kind == SuggestionKind.OVERDUE_ACTION.value and item.action_id is not None and bool(
        badge(item.due_on, today))


def _item_text(i: int, item: NextAction, today) -> str:
    due = f" · due {day(item.due_on, today)}" if item.due_on else ""
    if _very_overdue(item, today):
        due += f" · {badge(item.due_on, today)}"
    owner = f" · {user_ref(item.owner_user_id)}" if item.owner_user_id else ""
    return (f"{PRIORITY_EMOJI.get(item.priority, '')} *{i}. {esc(item.text)}*{due}{owner}\n"
            f"_{esc(truncate(item.reason, 600))}_")


def _drafted_text(item) -> str:
    title = getattr(item, "text", None) or getattr(item, "title", None) or str(item)
    why = getattr(item, "reason", None) or getattr(item, "why", None)
    cites = getattr(item, "citations", None) or []
    line = f":bulb: *{esc(truncate(str(title), 300))}*"
    if why:
        line += f"\n_{esc(truncate(str(why), 500))}_"
    if cites:
        line += "\n" + " · ".join(esc(truncate(str(getattr(c, "label", c)), 80)) for c in list(cites)[:3])
    return line


def next_actions_message(n: NextActions) -> SlackMessage:
    blocks = [header(f"Next actions: {n.account_name}")]
    if not n.items:
        blocks.append(section(":white_check_mark: Nothing pressing: no overdue actions, no one gone cold, "
                              "the decision roles are mapped and the plan is current."))
    else:
        blocks.append(context(f"{len(n.items)} suggestion{'s' if len(n.items) != 1 else ''}, most urgent first, "
                              "from the plan, the stakeholder map, reviews and opportunities"))
    for i, item in enumerate(n.items[:MAX_ITEMS], 1):
        if _very_overdue(item, n.today) and n.can_edit:  # offered to close or re-date, under the item
            blocks += [section(_item_text(i, item, n.today)),
                       close_or_redate(item.action_id, f"overdue_action_{item.action_id}")]
            continue
        blocks.append(section(_item_text(i, item, n.today), **_accessory(n, item)))
    if len(n.items) > MAX_ITEMS:
        blocks.append(context(f"… and {len(n.items) - MAX_ITEMS} more"))
    if n.drafted:
        blocks.append(section("*Drafted from the account's notes* (check them before acting)"))
        blocks += [section(_drafted_text(d)) for d in n.drafted[:8]]
    elements = [button("Plan", f"{RUN_ACTION}:next_plan_all", f"plan #{n.account_id}"),
                button("Stakeholders", f"{RUN_ACTION}:next_map", f"stakeholders #{n.account_id}")]
    if n.can_edit:
        elements.append(small_button("Log meeting", LOG_OPEN, {"a": n.account_id}))
    blocks.append({"type": "actions", "elements": elements})
    return SlackMessage(f"Next actions for {n.account_name}: {len(n.items)}", blocks[:50])


def next_actions_text(n: NextActions) -> str:
    if not n.items and not n.drafted:
        return f"Next actions for {n.account_name}: nothing pressing."
    lines = [f"Next actions for {n.account_name} (most urgent first):"]
    for i, item in enumerate(n.items, 1):
        due = f", due {item.due_on.isoformat()}" if item.due_on else ""
        owner = f", @{item.owner_user_id}" if item.owner_user_id else ""
        very = _very_overdue(item, n.today)
        flag = f" {console_badge(item.due_on, n.today)}" if very else ""
        lines.append(f"  {i}. [{item.priority_label}] {item.text}{due}{owner}{flag}")
        lines.append(f"       why: {item.reason}")
        if very and n.can_edit:
            lines.append(f"       {console_offer(n.account_name, item.action_id, n.today)}")
    if n.drafted:
        lines.append("Drafted from the account's notes:")
        for d in n.drafted:
            title = getattr(d, "text", None) or getattr(d, "title", None) or str(d)
            why = getattr(d, "reason", None) or getattr(d, "why", None)
            lines.append(f"  - {title}" + (f"\n       why: {why}" if why else ""))
    return "\n".join(lines)


MESSAGES = {
    NextActions: next_actions_message,
}

TEXTS = {
    NextActions: next_actions_text,
}
