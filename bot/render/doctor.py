"""`kam doctor`'s report: text for the CLI, Block Kit sections for an admin's App Home.

Account and owner names come from the CRM: escaped before they reach Slack."""
from __future__ import annotations

from bot.render.escape import slack_escape as esc
from kam_domain.services.doctor import ERROR, WARNING, DoctorReport, SetupItem

MARK = {ERROR: "[!!]", WARNING: "[!]", "info": "[i]"}
EMOJI = {ERROR: ":red_circle:", WARNING: ":large_orange_circle:", "info": ":information_source:"}
MAX_ITEMS_IN_BLOCKS = 12  # a title and the items: well under Slack's 50 blocks, and an App Home stays short


def _more(item: SetupItem) -> int:
    return max(0, item.count - len(item.examples)) if item.examples else 0


def doctor_text(report: DoctorReport) -> str:
    if report.all_set:
        checked = " (Slack channels checked)" if report.checked_slack else ""
        return f"All set: nothing left to set up in workspace {report.team_id}{checked}."
    lines = [f"Set-up left to do in workspace {report.team_id}: {len(report.items)} "
             f"item{'s' if len(report.items) != 1 else ''}"]
    for item in report.items:
        lines.append(f"{MARK.get(item.severity, '[ ]')} {item.message}")
        if item.examples:
            more = _more(item)
            lines.append("    " + "; ".join(item.examples) + (f"; and {more} more" if more else ""))
        lines.append(f"    fix: {item.fix_command}")
    if not report.checked_slack:
        lines.append("(Slack not checked: with SLACK_BOT_TOKEN set I also check that I am in each key account's channel.)")
    return "\n".join(lines)


def doctor_blocks(report: DoctorReport) -> list[dict]:
    """Section blocks, ready to place in an App Home view (the caller adds its own header)."""
    if report.all_set:
        return [_section(":white_check_mark: *All set*: nothing left to set up.")]
    blocks = [_section(f"*Set-up left to do* ({len(report.items)})")]
    for item in report.items[:MAX_ITEMS_IN_BLOCKS]:
        text = f"{EMOJI.get(item.severity, '')} {esc(item.message)}"
        if item.examples:
            more = _more(item)
            text += "\n" + "; ".join(esc(e) for e in item.examples) + (f"; and {more} more" if more else "")
        text += f"\nFix: `{esc(item.fix_command)}`"
        blocks.append(_section(text))
    return blocks


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}
