"""Very overdue actions stand out (kam_domain.rules.overdue): a marker, and the offer to close or re-date."""
from __future__ import annotations

from datetime import date

from bot.render.blocks import button
from bot.render.plans_common import ACTION_DONE, small_button
from kam_domain.rules.overdue import is_very_overdue, overdue_words

MARKER = ":rotating_light:"
NUDGE_SNOOZE = "kam_nudge_snooze"  # bot.render.reviews.NUDGE_SNOOZE: the nudge listener snoozes "action:ID"


def badge(due: date | None, today: date | None) -> str:
    """":rotating_light: *517 days overdue*" for a very overdue action, else ""."""
    if today is None or not is_very_overdue(due, today):
        return ""
    return f"{MARKER} *{overdue_words(due, today)}*"


def console_badge(due: date | None, today: date | None) -> str:
    if today is None or not is_very_overdue(due, today):
        return ""
    return f"!! {overdue_words(due, today).upper()}"


def close_or_redate(action_id: int, block_id: str) -> dict:
    """Done (the plan's action-done listener) and Snooze 1 week (the nudge listener)."""
    return {"type": "actions", "block_id": block_id, "elements": [
        small_button("Done", ACTION_DONE, str(action_id), style="primary"),
        button("Snooze 1 week", f"{NUDGE_SNOOZE}:{action_id}", f"action:{action_id}"),
    ]}


def console_offer(account_name: str, action_id: int, today: date) -> str:
    later = date(today.year, today.month, 1).replace(year=today.year + (today.month == 12),
                                                     month=today.month % 12 + 1)
    return (f"close: plan {account_name} close action {action_id} | re-date: plan {account_name} redate action "
            f"{action_id} due={later.isoformat()}")
