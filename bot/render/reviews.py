"""Reviews, reminders, nudges and the digest as Slack messages and console text.

The outbox renderers (OUTBOX), the review modal (VIEWS) and the result renderers (MESSAGES, TEXTS)
are wired in bot.wiring. An outbox renderer that finds nothing left to say (the review was done
meanwhile, every nudge item was handled) returns None and nothing is sent.
"""
from __future__ import annotations

import json
from datetime import date

from sqlmodel import Session

from bot.results import OpenModal
from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.tables import Column, Person, message_text, table_block, table_pages
from bot.render.text import TIER_LABEL
from kam_domain.models import Account, Delivery
from kam_domain.services import digest as digest_service
from kam_domain.services import reminders
from kam_domain.services.authz import Actor
from kam_domain.services.reminders import NudgeAnswer
from kam_domain.services.reviews import (
    COVERAGE_ANSWERS, OBJECTIVE_STATUSES, RATING_MAX, RATING_MIN, ReviewChecklist, ReviewRecorded, ReviewsDue,
    build_checklist, review_due,
)

REVIEW_FORM = "kam_review_form"
START_REVIEW = "kam_review_start"
NUDGE_DONE = "kam_nudge_done"
NUDGE_SNOOZE = "kam_nudge_snooze"
VALUE = "value"
NUDGE_BLOCK = "nudge_item_"  # + item number
MAX_NUDGE_ITEMS = 15  # two blocks each, within Slack's 50
MAX_DIGEST_LINES = 8
SYSTEM = "U0KAMCLOCK"  # reads facts for a reminder; never shown
QUADRANT_LABEL = {"strategic": "Strategic", "star": "Star", "status": "Status", "streamline": "Streamline"}


def day(value: date | None) -> str:
    return value.strftime("%a %d %b") if value else "—"


def _in_days(due: date, today: date) -> str:
    delta = (due - today).days
    if delta == 0:
        return "today"
    if delta > 0:
        return f"in {delta} day{'s' if delta != 1 else ''}"
    return f"{-delta} day{'s' if delta != -1 else ''} overdue"


def _trend(values: list[int]) -> str:
    return " → ".join(str(v) for v in values) if values else "none yet"


def _cadence(c: ReviewChecklist) -> str:
    box = f", {QUADRANT_LABEL.get(c.quadrant, c.quadrant)}" if c.quadrant else ""
    every = f"; reviewed every {c.cadence_days} days" if c.cadence_days else "; no review cadence"
    return f"{TIER_LABEL.get(c.tier, c.tier)}{box}{every}"


# ============================================================================ the checklist


def checklist_lines(c: ReviewChecklist, today: date | None = None) -> list[tuple[str, str]]:
    """(question, what we know) pairs, shared by Slack and the console."""
    plan = ("never written" if c.plan_days is None else f"updated {c.plan_days} days ago") + \
        (" (stale)" if c.plan_stale else "")
    objectives = f"{c.open_objectives} open" + (f", {c.overdue_objectives} overdue" if c.overdue_objectives else "")
    cover = c.coverage_status.upper() + (": " + "; ".join(c.coverage_gaps[:2]) if c.coverage_gaps else "")
    return [
        ("Plan still current?", plan),
        ("Objectives on track?", objectives + f"; actions {c.open_actions} open"
         + (f", {c.overdue_actions} overdue" if c.overdue_actions else "")),
        ("Stakeholder coverage", cover),
        ("Risks", "what could lose or shrink the account"),
        ("Engagement and loyalty (1-5)", f"engagement {_trend(c.engagement_trend)}; loyalty {_trend(c.loyalty_trend)}"),
        ("Outcome", "what was decided, who does what next"),
    ]


def _due_line(c: ReviewChecklist) -> str:
    if c.due_on is None:
        return "No review scheduled yet."
    if c.days_overdue:
        return f"Due {day(c.due_on)}: {c.days_overdue} days overdue."
    return f"Due {day(c.due_on)}."


def record_example(c: ReviewChecklist) -> str:
    return (f'review #{c.account_id} engagement=4 loyalty=3 outcome="what was decided" '
            'plan=yes objectives=on_track coverage=good risks="..."')


def review_checklist_text(c: ReviewChecklist) -> str:
    lines = [f"Review of {c.account_name} ({_cadence(c)})", f"  {_due_line(c)}"]
    lines += [f"  [ ] {question}: {known}" for question, known in checklist_lines(c)]
    if c.can_record:
        lines += ["Record it in one line (engagement, loyalty and outcome are required):",
                  f"  {record_example(c)}",
                  f"  objectives: {', '.join(OBJECTIVE_STATUSES)}; coverage: {', '.join(COVERAGE_ANSWERS)}"]
    else:
        lines.append("Only the account team, its executive sponsor or an admin can record the review.")
    return "\n".join(lines)


def review_checklist_message(c: ReviewChecklist) -> SlackMessage:
    items = "\n".join(f"• *{question}* {esc(known)}" for question, known in checklist_lines(c))
    blocks = [header(f"Review: {c.account_name}"), context(esc(_cadence(c)) + " · " + esc(_due_line(c))),
              section(items)]
    if c.can_record:
        blocks.append({"type": "actions", "elements": [
            button("Start review", START_REVIEW, str(c.account_id), style="primary")]})
        blocks.append(context(f"Or in one line: `/kam {esc(record_example(c))}`"))
    return SlackMessage(f"Review checklist for {c.account_name}", blocks)


def review_recorded_text(r: ReviewRecorded) -> str:
    following = f"Next review due {day(r.next_due)}." if r.next_due else "No further review is scheduled."
    return (f"Review of {r.account_name} recorded ({r.done_on}): engagement {r.engagement}, loyalty {r.loyalty}. "
            f"{following}\n  Engagement {_trend(r.engagement_trend)}; loyalty {_trend(r.loyalty_trend)}")


def review_recorded_message(r: ReviewRecorded) -> SlackMessage:
    following = f"Next review due *{day(r.next_due)}*." if r.next_due else "No further review is scheduled."
    text = (f":white_check_mark: Review of *{esc(r.account_name)}* recorded: engagement {r.engagement}, "
            f"loyalty {r.loyalty}. {following}")
    return SlackMessage(f"Review of {r.account_name} recorded", [
        section(text), context(f"Engagement {_trend(r.engagement_trend)} · loyalty {_trend(r.loyalty_trend)}"),
        {"type": "actions", "elements": [button("Account card", f"{RUN_ACTION}:review:card", f"account #{r.account_id}")]},
    ], ephemeral=False)


# ============================================================================ the reviews due (`/kam review`)


def _reviews_due_title(r: ReviewsDue) -> str:
    if not r.reviews:
        return f"No account review is overdue or due in the next {r.ahead_days} days."
    overdue = sum(1 for d in r.reviews if d.days_overdue)
    count = len(r.reviews) + r.more
    return (f"{count} account review{'s' if count != 1 else ''} overdue or due in the next {r.ahead_days} days"
            + (f", {overdue} overdue" if overdue else "") + ".")


def reviews_due_text(r: ReviewsDue) -> str:
    lines = [_reviews_due_title(r)]
    lines += [f"  {d.account_name}: {day(d.due_on)} ({_in_days(d.due_on, r.today)}), owner {d.owner_user_id or '—'}"
              for d in r.reviews]
    if r.more:
        lines.append(f"  … and {r.more} more.")
    if r.reviews:
        lines.append(f"Open one with: review {r.reviews[0].account_name}")
    return "\n".join(lines)


DUE_COLUMNS = (Column("Account", wrap=True), Column("Due"), Column("When"), Column("Owner"))
BUTTONS_PER_ROW = 25  # Slack's limit of elements in an actions block


def _due_cells(r: ReviewsDue) -> list[list[object]]:
    return [[d.account_name, day(d.due_on), _in_days(d.due_on, r.today), Person(d.owner_user_id)]
            for d in table_pages(r.reviews)[0]]


def reviews_due_message(r: ReviewsDue) -> SlackMessage:
    title = _reviews_due_title(r)
    blocks = [section(esc(title))]
    cells = _due_cells(r)
    if cells:
        blocks.append(table_block(DUE_COLUMNS, cells))
        buttons = [button(f"Checklist: {d.account_name}", f"{RUN_ACTION}:review:due:{d.account_id}",
                          f"review #{d.account_id}") for d in r.reviews[:len(cells)]]
        blocks += [{"type": "actions", "elements": buttons[i:i + BUTTONS_PER_ROW]}
                   for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    more = r.more + len(r.reviews) - len(cells)
    if more:
        blocks.append(context(f"… and {more} more."))
    return SlackMessage(message_text(title, DUE_COLUMNS, cells, f"… and {more} more." if more else ""), blocks[:50])


def nudge_answer_text(answer: NudgeAnswer) -> str:
    return answer.text


def nudge_answer_message(answer: NudgeAnswer) -> SlackMessage:
    return SlackMessage(answer.text, [section(esc(answer.text))])


# ============================================================================ the review modal


def review_modal(checklist: ReviewChecklist, channel_id: str | None = None) -> OpenModal:
    return OpenModal(REVIEW_FORM, f"Review {checklist.account_name}", console_hint=review_checklist_text(checklist),
                     data={"checklist": checklist, "channel_id": channel_id})


def plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def _option(value: str, label: str) -> dict:
    return {"text": plain(label, 75), "value": value}


def _select(block_id: str, label: str, options: dict[str, str], initial: str | None, radio: bool = False) -> dict:
    element = {"type": "radio_buttons" if radio else "static_select", "action_id": VALUE,
               "options": [_option(v, l) for v, l in options.items()]}
    if initial in options:
        element["initial_option"] = _option(initial, options[initial])
    return {"type": "input", "block_id": block_id, "optional": True, "label": plain(label, 2000), "element": element}


def _rating(block_id: str, label: str, hint: str) -> dict:
    return {"type": "input", "block_id": block_id, "label": plain(label, 2000), "hint": plain(hint, 2000),
            "element": {"type": "number_input", "action_id": VALUE, "is_decimal_allowed": False,
                        "min_value": str(RATING_MIN), "max_value": str(RATING_MAX)}}


def _text_input(block_id: str, label: str, optional: bool, placeholder: str) -> dict:
    return {"type": "input", "block_id": block_id, "optional": optional, "label": plain(label, 2000),
            "element": {"type": "plain_text_input", "action_id": VALUE, "multiline": True, "max_length": 3000,
                        "placeholder": plain(placeholder, 150)}}


def review_form(modal: OpenModal) -> dict:
    c: ReviewChecklist = modal.data["checklist"]
    facts = "\n".join(f"• *{question}* {esc(known)}" for question, known in checklist_lines(c)[:3])
    blocks = [
        section(f"*{esc(c.account_name)}* · {esc(_due_line(c))}\n{facts}"),
        _select("plan", "Is the account plan still current?", {"yes": "Yes", "no": "No, it needs work"},
                "no" if c.plan_stale else "yes", radio=True),
        _select("objectives", "Objectives", OBJECTIVE_STATUSES, "none" if not c.open_objectives else None),
        _select("coverage", "Stakeholder coverage", COVERAGE_ANSWERS,
                "good" if c.coverage_status == "green" else "gaps"),
        _text_input("risks", "Risks", True, "What could lose or shrink the account?"),
        _rating("engagement", "Engagement (1-5)", "How engaged is the customer with us? 1 distant, 5 deeply engaged."),
        _rating("loyalty", "Loyalty (1-5)", "How loyal are they to us? 1 shopping around, 5 would not switch."),
        _text_input("outcome", "Outcome", False, "What was decided, and who does what next?"),
    ]
    return {"type": "modal", "callback_id": REVIEW_FORM, "title": plain("Account review", 24),
            "submit": plain("Record review", 24), "close": plain("Cancel", 24), "blocks": blocks,
            "private_metadata": json.dumps({"account_id": c.account_id, "channel_id": modal.data.get("channel_id")})}


# ============================================================================ outbox: reminders and escalations


def _sent_on(delivery: Delivery) -> date:
    return delivery.due_at.date()


def _expected_due(delivery: Delivery) -> date | None:
    raw = (delivery.payload or {}).get("review_due")
    return date.fromisoformat(raw) if raw else None


def _review_buttons(account_id: int) -> dict:
    return {"type": "actions", "elements": [
        button("Start review", START_REVIEW, str(account_id), style="primary"),
        button("Account card", f"{RUN_ACTION}:review:card", f"account #{account_id}")]}


def render_review_reminder(session: Session, delivery: Delivery) -> SlackMessage | None:
    today = _sent_on(delivery)
    due = review_due(session, delivery.team_id, delivery.account_id, today, _expected_due(delivery))
    if due is None:
        return None
    account = session.get(Account, due.account_id)
    checklist = build_checklist(session, Actor(delivery.team_id, SYSTEM, is_admin=True), account, today)
    title = f"Review due: {due.account_name}"
    lines = [f"The review of *{esc(due.account_name)}* is due *{day(due.due_on)}* ({_in_days(due.due_on, today)}). "
             f"KAM: {user_ref(due.owner_user_id, 'none')}."]
    lines += [f"• *{question}* {esc(known)}" for question, known in checklist_lines(checklist)[:3]]
    return SlackMessage(title, [header(f":calendar: {title}"), section("\n".join(lines)),
                                _review_buttons(due.account_id)], ephemeral=False)


def render_review_escalation(session: Session, delivery: Delivery) -> SlackMessage | None:
    today = _sent_on(delivery)
    due = review_due(session, delivery.team_id, delivery.account_id, today, _expected_due(delivery))
    if due is None:
        return None
    title = f"Overdue review: {due.account_name}"
    why = (f"You sponsor *{esc(due.account_name)}*." if delivery.target == due.sponsor_user_id else
           f"*{esc(due.account_name)}* has no executive sponsor we can reach, so this comes to you as an admin.")
    text = (f"{why} Its review was due *{day(due.due_on)}* and is {due.days_overdue} days overdue. "
            f"KAM: {user_ref(due.owner_user_id, 'none')}. Nudge the team, or hold the review yourself.")
    return SlackMessage(title, [header(f":warning: {title}"), section(text), _review_buttons(due.account_id)],
                        ephemeral=False)


# ============================================================================ outbox: nudges


def render_nudge(session: Session, delivery: Delivery) -> SlackMessage | None:
    payload = delivery.payload or {}
    today = date.fromisoformat(payload["day"]) if payload.get("day") else _sent_on(delivery)
    items = reminders.live_items(session, delivery.team_id, list(payload.get("items", [])), today)
    if not items:
        return None
    count = f"{len(items)} thing{'s' if len(items) != 1 else ''}"
    blocks = [header(f"Check-ins for today: {count}")]
    for n, item in enumerate(items[:MAX_NUDGE_ITEMS]):
        blocks.append(section(_item_text(item, today)))
        blocks.append({"type": "actions", "block_id": f"{NUDGE_BLOCK}{n}", "elements": _item_buttons(item, n)})
    if len(items) > MAX_NUDGE_ITEMS:
        blocks.append(context(f"… and {len(items) - MAX_NUDGE_ITEMS} more; `/kam next ACCOUNT` lists them."))
    blocks.append(context("One message a day at most, in your working hours. Snooze hides an item for a week."))
    return SlackMessage(f"Check-ins for today: {count}", blocks, ephemeral=False)


def _item_text(item: dict, today: date) -> str:
    account = esc(item.get("account", ""))
    if item["type"] == "action":
        due = date.fromisoformat(item["due_on"])
        when = f"overdue since {day(due)}" if due < today else f"due {day(due)} ({_in_days(due, today)})"
        return f":alarm_clock: *{esc(item['title'])}* · {account} · {when}"
    if item["type"] == "condition":
        late = f"{item.get('days_late')} day{'s' if item.get('days_late') != 1 else ''}"
        return (f":warning: *{account}* was made key on condition: “{esc(item.get('title', ''))}”. It was due "
                f"{day(date.fromisoformat(item['due_on']))} ({late} ago) and is not met.")
    if item["type"] == "cold_person":
        who = esc(item["name"]) + (f" ({esc(item['title'])})" if item.get("title") else "")
        since = "never contacted" if item.get("days_since") is None else f"no contact for {item['days_since']} days"
        return f":snowflake: *{who}* at {account}: {since}; key people go cold after {item.get('threshold')} days."
    if item.get("days_since") is None:
        return f":memo: The account plan of *{account}* has never been written."
    return f":memo: The account plan of *{account}* was last updated {item['days_since']} days ago."


def _item_buttons(item: dict, n: int) -> list[dict]:
    subject = f"{'stakeholder' if item['type'] == 'cold_person' else 'plan' if item['type'] == 'stale_plan' else 'action'}" \
              f":{item['id']}"
    account = f"#{item['account_id']}"
    snooze = button("Snooze 1 week", f"{NUDGE_SNOOZE}:{n}", subject)
    if item["type"] == "action":
        return [button("Done", f"{NUDGE_DONE}:{n}", subject, style="primary"), snooze,
                button("Log meeting", f"{RUN_ACTION}:nudge:log:{n}", f"log {account}")]
    if item["type"] == "cold_person":
        return [button("Log meeting", f"{RUN_ACTION}:nudge:log:{n}", f"log {account}", style="primary"), snooze]
    if item["type"] == "condition":  # met by doing it (the plan, the sponsor): no snooze
        command = f"plan {account}" if item.get("kind") == "plan" else f"account {account}"
        return [button("Open plan" if item.get("kind") == "plan" else "Account card",
                       f"{RUN_ACTION}:nudge:condition:{n}", command, style="primary")]
    return [button("Open plan", f"{RUN_ACTION}:nudge:plan:{n}", f"plan {account}", style="primary"), snooze]


def answered_blocks(blocks: list[dict], block_id: str, note: str) -> list[dict]:
    """The nudge message with one item's buttons replaced by what was done about it."""
    return [context(esc(note)) if b.get("block_id") == block_id else b for b in blocks]


# ============================================================================ outbox: the weekly digest


def render_digest(session: Session, delivery: Delivery) -> SlackMessage | None:
    payload = delivery.payload or {}
    week_end = date.fromisoformat(payload["week_end"])
    week_start = date.fromisoformat(payload["week_start"])
    d = digest_service.weekly_digest(session, delivery.team_id, week_start, week_end, week_end)
    title = f"Weekly KAM digest, week to {day(week_end)}"
    blocks = [header(f":bar_chart: {title}"), section(_reviews_text(d)), section(_coverage_text(d)),
              section(_moves_text(d)), section(_concentration_text(d))]
    if d.restricted_hidden:
        blocks.append(context(f"{d.restricted_hidden} restricted account(s) left out; their teams see them."))
    return SlackMessage(title, blocks, ephemeral=False)


def _lines(rows: list[str], empty: str) -> str:
    shown = rows[:MAX_DIGEST_LINES] + ([f"… and {len(rows) - MAX_DIGEST_LINES} more"]
                                       if len(rows) > MAX_DIGEST_LINES else [])
    return "\n".join(f"• {r}" for r in shown) if shown else f"_{empty}_"


def _reviews_text(d: digest_service.Digest) -> str:
    done = [f"{esc(r.account_name)}: engagement {r.engagement or '—'}, loyalty {r.loyalty or '—'}"
            f" ({user_ref(r.done_by, 'someone')}, {day(r.done_on)})" for r in d.done]
    due = [f"{esc(r.account_name)}, {day(r.due_on)}" for r in d.due]
    overdue = [f"{esc(r.account_name)}, due {day(r.due_on)} ({(d.week_end - r.due_on).days} days)" for r in d.overdue]
    return (f"*Reviews done ({len(done)})*\n{_lines(done, 'none this week')}\n"
            f"*Due in the coming week ({len(due)})*\n{_lines(due, 'none')}\n"
            f"*Overdue ({len(overdue)})*\n{_lines(overdue, 'none')}")


def _coverage_text(d: digest_service.Digest) -> str:
    emoji = {"red": ":red_circle:", "amber": ":large_orange_circle:"}
    rows = [f"{emoji.get(c.status, '')} {esc(c.account_name)}: {esc(c.gaps[0]) if c.gaps else c.status}"
            for c in d.coverage]
    return f"*Coverage gaps of key accounts ({len(rows)})*\n{_lines(rows, 'every key account is covered')}"


def _moves_text(d: digest_service.Digest) -> str:
    if not d.compared_weeks:
        return "*Quadrant moves and new watch-list accounts*\n_First week on record: moves show from next week._"
    moves = [f"{esc(m.account_name)}: {QUADRANT_LABEL.get(m.before, m.before)} → {QUADRANT_LABEL.get(m.after, m.after)}"
             for m in d.moves]
    watch = [esc(name) for name in d.new_watch]
    return (f"*Quadrant moves ({len(moves)})*\n{_lines(moves, 'none')}\n"
            f"*New on the watch-list ({len(watch)})*\n{_lines(watch, 'none')}")


def _concentration_text(d: digest_service.Digest) -> str:
    c = d.concentration
    if c is None:
        return "*Profit concentration*\n_No financials yet: `kam import financials`._"
    periods = c.periods[0] if len(c.periods) == 1 else f"{c.periods[0]}–{c.periods[-1]}"
    lines = [f"{c.top} of {c.accounts} accounts make {int(digest_service.PROFIT_SHARE * 100)}% of profit "
             f"({periods}); {c.key_in_top} of those {c.top} are key accounts."]
    if c.top_not_key:
        lines.append("Not key but in the top: " + ", ".join(esc(n) for n in c.top_not_key) + ".")
    lines += [f":warning: {esc(name)} alone makes {share:.0%} of profit." for name, share in c.risky]
    return "*Profit concentration*\n" + "\n".join(lines)


MESSAGES = {
    ReviewChecklist: review_checklist_message,
    ReviewRecorded: review_recorded_message,
    ReviewsDue: reviews_due_message,
    NudgeAnswer: nudge_answer_message,
}

TEXTS = {
    ReviewChecklist: review_checklist_text,
    ReviewRecorded: review_recorded_text,
    ReviewsDue: reviews_due_text,
    NudgeAnswer: nudge_answer_text,
}

OUTBOX = {
    reminders.REVIEW_REMINDER: render_review_reminder,
    reminders.REVIEW_ESCALATION: render_review_escalation,
    reminders.NUDGE: render_nudge,
    reminders.DIGEST: render_digest,
}

VIEWS = {
    REVIEW_FORM: review_form,
}
