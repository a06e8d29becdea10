"""A logged meeting: what was understood, with one-click fixes (accept map changes, add new
people, edit the log)."""
from __future__ import annotations

from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, section
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.plans_common import (
    ACCEPT,
    ACCEPT_ALL,
    ADD_PERSON,
    EDIT_LOG,
    SENTIMENT_EMOJI,
    day,
    small_button,
    truncate,
)
from kam_domain.services.meetings import ChangesAccepted, DateToConfirm, MeetingLogged

MAX_PROPOSALS = 20
MAX_NEW = 8
MAX_BUTTON_VALUE = 2000  # Slack's limit on a button's value: a longer log is confirmed by typing


def proposal_block_id(index: int) -> str:
    return f"proposal_{index}"


def newcomer_block_id(index: int) -> str:
    return f"newcomer_{index}"


def _facts(m: MeetingLogged, today) -> list[str]:
    people = ", ".join(esc(a.display) + (" _(new)_" if a.new else "") for a in m.attendees) or "_nobody I know_"
    when = day(m.occurred_on, today) + ("" if m.date_was_given else " _(no date given)_")
    step = "_none_"
    if m.next_step:
        due = f", due {day(m.due_on, today)}" if m.due_on else ", no due date"
        step = f"{esc(m.next_step)}{due} · {user_ref(m.action_owner, 'you')}"
    return [f"*When*\n{when}", f"*Who*\n{people}",
            f"*How it went*\n{SENTIMENT_EMOJI.get(m.sentiment, '')} {m.sentiment_label}", f"*Next step*\n{step}"]


def log_blocks(m: MeetingLogged, today) -> list[dict]:
    verb = "updated" if m.updated else "logged"
    blocks = [
        section(f":memo: Meeting {verb} for *{esc(m.account_name)}*"),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in _facts(m, today)]},
        context(esc(truncate(m.summary, 600))),
    ]
    for warning in m.warnings[:3]:
        blocks.append(context(f":warning: {esc(warning)}"))
    for change in m.attitude_changes[:10]:
        blocks.append(context(f":pencil2: {esc(change)}"))
    if m.proposals:
        blocks.append(section("*Update the stakeholder map?*"))
    for i, p in enumerate(m.proposals[:MAX_PROPOSALS]):
        blocks.append(section(f"{esc(p.describe)}\n_{esc(p.reason)}_", block_id=proposal_block_id(i),
                              accessory=small_button("Accept", ACCEPT, p.token, "primary")))
    for i, person in enumerate(m.unknown_people[:MAX_NEW]):
        blocks.append(section(f"*{esc(person.display)}* is not on the {esc(m.account_name)} map.",
                              block_id=newcomer_block_id(i),
                              accessory=small_button("Add to map", ADD_PERSON,
                                                     {"i": m.interaction_id, "n": person.name[:200],
                                                      "t": (person.title or "")[:200]})))
    for title in m.unnamed_mentions[:3]:
        blocks.append(context(f"You mentioned the {esc(title)}, but nobody on the map has that title: add them with "
                              f"`/kam stakeholder {esc(m.account_name)} NAME title={esc(title)}`."))
    elements = []
    if len(m.proposals) > 1:
        elements.append(small_button("Accept all", ACCEPT_ALL, [p.token for p in m.proposals[:MAX_PROPOSALS]],
                                     "primary"))
    elements += [small_button("Edit log", EDIT_LOG, str(m.interaction_id)),
                 button("Stakeholder map", f"{RUN_ACTION}:log_map", f"stakeholders #{m.account_id}"),
                 button("Next actions", f"{RUN_ACTION}:log_next", f"next #{m.account_id}")]
    blocks.append({"type": "actions", "block_id": "log_actions", "elements": elements})
    return blocks[:50]


def meeting_logged_message(m: MeetingLogged) -> SlackMessage:
    return SlackMessage(f"Meeting {'updated' if m.updated else 'logged'} for {m.account_name}",
                        log_blocks(m, _today_of(m)))


def _today_of(m: MeetingLogged):
    return m.today or m.occurred_on


def changes_accepted_message(c: ChangesAccepted) -> SlackMessage:
    lines = [f":white_check_mark: {esc(a)}" for a in c.applied] + [f":information_source: {esc(s)}" for s in c.skipped]
    title = f"Stakeholder map of {c.account_name} updated" if c.applied else "Nothing to change"
    return SlackMessage(title, [section("\n".join(lines) or "Nothing to change.")])


def date_to_confirm_message(c: DateToConfirm) -> SlackMessage:
    blocks = [section(f":calendar: *Check the date before I log this meeting for {esc(c.account_name)}*\n"
                      f"{esc(c.reason)}"),
              context("Nothing was logged. If the date is wrong, send the log again with the day you met.")]
    if len(c.command_line) <= MAX_BUTTON_VALUE:
        # No click, no log: the message says so, so there is no cancel to wait on.
        blocks.append({"type": "actions", "block_id": "log_date", "elements": [
            button(f"Yes, log it on {c.day}", f"{RUN_ACTION}:confirm", c.command_line, style="primary")]})
    else:
        blocks.append(context(f"To log it with that date, send the log again with "
                              f"`confirm-date={c.occurred_on.isoformat()}` at the end."))
    return SlackMessage(f"Check the date before I log this meeting for {c.account_name}: {c.reason}", blocks)


# --------------------------------------------------------------------------- console


def date_to_confirm_text(c: DateToConfirm) -> str:
    return "\n".join([f"Check the date before I log this meeting for {c.account_name}: {c.reason}",
                      f"Nothing was logged. If {c.day} is right, type: {c.command_line}"])


def meeting_logged_text(m: MeetingLogged) -> str:
    today = _today_of(m)
    people = ", ".join(a.display + (" (new)" if a.new else "") for a in m.attendees) or "nobody I know"
    lines = [f"Meeting {'updated' if m.updated else 'logged'} for {m.account_name} (log #{m.interaction_id})",
             f"  When: {m.occurred_on.isoformat()} ({day(m.occurred_on, today)})"
             + ("" if m.date_was_given else " - no date given"),
             f"  Who: {people}",
             f"  How it went: {m.sentiment_label}"]
    if m.next_step:
        due = f", due {m.due_on.isoformat()}" if m.due_on else ", no due date"
        lines.append(f"  Next step: {m.next_step}{due} (owner {m.action_owner})")
    lines += [f"  Warning: {w}" for w in m.warnings]
    lines += [f"  Attitude set: {c}" for c in m.attitude_changes]
    if m.proposals:
        lines.append("  Suggested map changes (accept them in Slack, or with `stakeholder`):")
        lines += [f"    - {p.describe}" for p in m.proposals]
    for person in m.unknown_people:
        lines.append(f"  {person.display} is not on the map: stakeholder {m.account_name} {person.name}"
                     + (f' title="{person.title}"' if person.title else ""))
    for title in m.unnamed_mentions:
        lines.append(f"  You mentioned the {title}; nobody on the map has that title.")
    return "\n".join(lines)


def changes_accepted_text(c: ChangesAccepted) -> str:
    return "\n".join([f"Done: {a}" for a in c.applied] + [f"Skipped: {s}" for s in c.skipped]) or "Nothing to change."


MESSAGES = {
    MeetingLogged: meeting_logged_message,
    ChangesAccepted: changes_accepted_message,
    DateToConfirm: date_to_confirm_message,
}

TEXTS = {
    DateToConfirm: date_to_confirm_text,
    MeetingLogged: meeting_logged_text,
    ChangesAccepted: changes_accepted_text,
}
