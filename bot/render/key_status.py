"""Why an account is key (the stored nomination, its approval, the approval's conditions), as lines
for the account card in Slack and at the console. Only escape helpers are imported here: the card
renderers (bot.render.blocks, bot.render.text) import this module."""
from __future__ import annotations

from datetime import date, datetime

from bot.render.escape import slack_escape as esc, user_ref
from kam_domain.rules.tier_conditions import MISSED
from kam_domain.services.key_status import KeyStatus


def _day(moment: datetime | date | None) -> str:
    if moment is None:
        return "—"
    return (moment.date() if isinstance(moment, datetime) else moment).isoformat()


def key_status_lines(ks: KeyStatus, slack: bool) -> list[str]:
    """'Why key: ...', 'Nominated by ... on ...', 'Approved by ... on ...: ...', one line per condition."""
    t = esc if slack else (lambda s: s or "")
    who = (lambda u: user_ref(u, "someone")) if slack else (lambda u: u or "someone")
    if not ks.on_record:
        return ["Why key: no nomination is on record (imported from the CRM as key, or made key before "
                "tier changes were recorded)."]
    lines = [f"Why key: {t(ks.reason) if ks.reason else 'no reason was given'}",
             f"Nominated by {who(ks.requested_by)} on {_day(ks.requested_at)}; approved by {who(ks.approved_by)} on "
             f"{_day(ks.approved_at)}" + (f": {t(ks.decision_reason)}" if ks.decision_reason else ".")]
    if ks.override_reason:
        lines.append(f"Approved with an override: {t(ks.override_reason)}")
    for c in ks.conditions:
        mark = (":warning: " if c.status == MISSED else "") if slack else ""
        lines.append(f"{mark}Condition: {t(c.line)}")
    return lines
