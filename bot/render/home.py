"""The App Home view: set-up left to do (admins), your actions due this week, the scores your
accounts wait for, then your accounts with one-click buttons."""
from __future__ import annotations

from bot.render.blocks import COVERAGE_EMOJI, RUN_ACTION, button, context, header, section
from bot.render.escape import slack_escape as esc
from bot.render.plans_common import ACTION_DONE, LOG_OPEN, day, mention_ids, small_button, truncate
from bot.render.overdue import badge as overdue_badge, close_or_redate
from kam_domain.services.effective_scores import ScoringQueue
from kam_domain.services.home import HomeSummary, MyAccount

ROLE_LABEL = {"kam": "you are the KAM", "sponsor": "you sponsor it", "team": "you are on the team"}
TIER_WORD = {"key": "key account", "candidate": "candidate", "regular": "regular"}
MAX_BLOCKS = 100
SCORE_NEXT = f"{RUN_ACTION}:home_score_next"  # runs `score #ID`: the scoring modal of the next account
MAX_QUEUE_CRITERIA = 6
MAX_SETUP_ITEMS = 10


def _review(a: MyAccount) -> str:
    if a.days_to_review is None:
        return "no review scheduled"
    if a.days_to_review < 0:
        return f":warning: review overdue by {-a.days_to_review} days"
    if a.days_to_review == 0:
        return "review due today"
    return f"review in {a.days_to_review} days"


def _account_text(a: MyAccount) -> str:
    facts = [f"{COVERAGE_EMOJI.get(a.coverage_status, '')} coverage {a.coverage_status}",
             f"{a.open_actions} open action{'' if a.open_actions == 1 else 's'}" + (f", :warning: {a.overdue_actions} overdue" if a.overdue_actions else ""),
             _review(a)]
    if a.cold_people:
        facts.append(f":snowflake: {a.cold_people} gone cold")
    if a.plan_stale:
        facts.append(":warning: plan stale")
    text = f"*{esc(a.name)}* · {TIER_WORD.get(a.tier, a.tier)} · {ROLE_LABEL[a.role]}\n" + " · ".join(facts)
    if a.top_gap:
        text += f"\n_{mention_ids(truncate(a.top_gap, 200), a.top_gap_users)}_"
    return text


def _account_buttons(a: MyAccount) -> dict:
    ref = f"#{a.id}"
    return {"type": "actions", "block_id": f"home_account_{a.id}", "elements": [
        small_button("Log meeting", LOG_OPEN, {"a": a.id}, "primary"),
        button("Stakeholders", f"{RUN_ACTION}:home_map", f"stakeholders {ref}"),
        button("Plan", f"{RUN_ACTION}:home_plan", f"plan {ref}"),
        button("Next actions", f"{RUN_ACTION}:home_next", f"next {ref}"),
        button("Card", f"{RUN_ACTION}:home", f"account {ref}"),
    ]}


def scoring_blocks(queue: ScoringQueue | None) -> list[dict]:
    """"N of your accounts wait for scores: product fit (N), ..." and a button for the next one."""
    if queue is None or not queue.accounts:
        return []
    n = len(queue.accounts)
    waits = ", ".join(f"{esc(label[:1].lower() + label[1:])} ({count})"
                      for label, count in queue.by_criterion[:MAX_QUEUE_CRITERIA])
    more = len(queue.by_criterion) - MAX_QUEUE_CRITERIA
    text = (f"*{n} of your {queue.total_accounts} accounts wait for scores:* {waits}"
            + (f" and {more} more criteria" if more > 0 else "") + ".")
    nxt = queue.next_account
    text += (f"\nNext: *{esc(nxt.name)}* ({TIER_WORD.get(nxt.tier, nxt.tier)}): "
             f"{esc(', '.join(nxt.waiting))}.")
    placed = sum(1 for a in queue.accounts if a.placed)
    if placed:
        text += (f"\n{placed} of them {'is' if placed == 1 else 'are'} on the matrix from the data already; "
                 "your scores confirm or move them.")
    return [header("Scores waiting for you"),
            section(text, accessory=button("Score the next one", SCORE_NEXT, f"score #{nxt.account_id}",
                                           style="primary"))]


def setup_blocks(setup: list | None) -> list[dict]:
    """Admins only (the caller decides): set-up left to do, each item a line or (what, command that fixes it)."""
    if not setup:
        return []
    lines = []
    for item in setup[:MAX_SETUP_ITEMS]:
        if isinstance(item, (tuple, list)) and len(item) == 2:
            what, fix = item
            lines.append(f"• {esc(str(what))}" + (f": `{esc(str(fix))}`" if fix else ""))
        else:
            lines.append(f"• {esc(str(item))}")
    if len(setup) > MAX_SETUP_ITEMS:
        lines.append(f"… and {len(setup) - MAX_SETUP_ITEMS} more (`kam doctor` lists them all)")
    return [header("Set-up left to do"), section(truncate("\n".join(lines), 2900)), {"type": "divider"}]


def home_view(summary: HomeSummary, setup: list | None = None) -> dict:
    """`setup`: what an admin still has to set up (empty or None for everyone else: nothing is shown)."""
    today = summary.today
    blocks: list[dict] = setup_blocks(setup)
    if summary.my_actions:
        blocks.append(header("Your actions due this week"))
        for a in summary.my_actions:
            when = (f":warning: was due {a.due_on.isoformat()}" if a.overdue else
                    f"due {day(a.due_on, today) if today else a.due_on.isoformat()}")
            very = overdue_badge(a.due_on, today)
            if very:  # very overdue: it stands out, with Done and Snooze under it
                blocks += [section(f"{very}: {esc(a.title)}\n_{esc(a.account_name)}_ · was due {a.due_on.isoformat()}"),
                           close_or_redate(a.id, f"home_overdue_{a.id}")]
                continue
            blocks.append(section(f"{esc(a.title)}\n_{esc(a.account_name)}_ · {when}",
                                  accessory=small_button("Done", ACTION_DONE, str(a.id))))
        blocks.append({"type": "divider"})
    scoring = scoring_blocks(summary.scoring)
    if scoring:
        blocks += scoring + [{"type": "divider"}]
    blocks.append(header("My accounts"))
    if not summary.accounts:
        blocks.append(section("You own no accounts and are on no account team yet. "
                              "Try `/kam accounts key` to see the key accounts."))
    budget = MAX_BLOCKS - len(blocks) - 2
    shown = 0
    for a in summary.accounts:
        if budget < 2:
            break
        blocks += [section(_account_text(a)), _account_buttons(a)]
        budget -= 2
        shown += 1
    hidden = summary.total_accounts - shown
    more = f" {hidden} more accounts are not shown; `/kam accounts` lists them all." if hidden > 0 else ""
    blocks.append(context("Updated when you open this tab or act here. `/kam help` for everything else." + more))
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}
