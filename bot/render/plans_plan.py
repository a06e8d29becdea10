"""The account plan and plan edits, as Block Kit and as console text."""
from __future__ import annotations

from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import money, slack_escape as esc, user_ref
from bot.render.plans_common import (
    ACTION_DONE,
    ACTIONS_EDIT,
    LOG_OPEN,
    OBJECTIVE_ADD,
    OBJECTIVE_MENU,
    ROLE_WORD,
    SECTION_EDIT,
    day,
    due_text,
    small_button,
    truncate,
)
from bot.render.overdue import badge, close_or_redate, console_badge, console_offer
from bot.render.text import TIER_LABEL
from kam_domain.rules.overdue import very_overdue_first
from kam_domain.rules.plan_health import Horizon
from kam_domain.services.plans import AccountPlan, ActionRow, ObjectiveRow, PlanChanged

MAX_BLOCKS = 50
SWOT_TITLES = {"strength": "Strengths", "weakness": "Weaknesses", "opportunity": "Opportunities", "threat": "Threats"}


# --------------------------------------------------------------------------- Slack


def _health(p: AccountPlan) -> str:
    if p.days_since_update is None:
        updated = ":warning: never written"
    elif p.stale:
        updated = f":warning: last updated {p.days_since_update} days ago (stale after {p.stale_after})"
    else:
        updated = f"updated {'today' if p.days_since_update <= 0 else f'{p.days_since_update} days ago'}"
    return f"{TIER_LABEL.get(p.tier, p.tier)} · plan {p.completeness}% complete · {updated}"


def _team_text(p: AccountPlan) -> str:
    if not p.team:
        return "*Account team*\n_No one yet._ " + (f"CRM owner: {esc(p.crm_owner_name)}" if p.crm_owner_name else "")
    lines = [f"{ROLE_WORD.get(t.role, esc(t.role.capitalize()))}: {user_ref(t.user_id)}" for t in p.team]
    if not p.sponsor_user_id:
        lines.append(":warning: no executive sponsor")
    return "*Account team*\n" + "\n".join(lines)


def _swot_block(p: AccountPlan) -> dict:
    fields = []
    for quadrant, title in SWOT_TITLES.items():
        points = p.swot.get(quadrant) or []
        text = "\n".join(f"• {esc(truncate(t, 140))}" for t in points[:4]) or "_none yet_"
        if len(points) > 4:
            text += f"\n_… {len(points) - 4} more_"
        fields.append({"type": "mrkdwn", "text": truncate(f"*{title}*\n{text}", 1990)})
    return {"type": "section", "fields": fields}


def _goals_text(p: AccountPlan) -> str:
    g = p.goals
    period = f" ({g.periods[0]}–{g.periods[-1]})" if g.periods else ""
    lines = [f"*Account goals*",
             f"Current worth{period}: *{money(g.current_worth)}* revenue, {money(g.profit)} profit",
             f"Potential: {money(g.potential)} a year" + (f" · untapped {money(g.untapped)}" if g.untapped else ""),
             f"Opportunities: {len(g.open)} open ({money(g.open_value)}) · {g.won_count} won ({money(g.won_value)}) "
             f"· {g.lost_count} lost ({money(g.lost_value)})"]
    for o in g.open[:4]:
        step = esc(truncate(o.next_step, 80)) if o.next_step else ":warning: no next step"
        closes = f", closes {day(o.close_on, p.today)}" if o.close_on else ""
        lines.append(f"   • {esc(o.name)}: {money(o.value)}{closes} · {step}")
    if g.text:
        lines.append(esc(truncate(g.text, 800)))
    return "\n".join(lines)


def _objective_text(o: ObjectiveRow, today) -> str:
    done = f" · {o.done_actions} action{'s' if o.done_actions != 1 else ''} done" if o.done_actions else ""
    return (f":dart: *{esc(o.title)}*\n{user_ref(o.owner_user_id, 'no owner')} · {due_text(o.due_on, today)}{done}")


def _action_text(a: ActionRow, today) -> str:
    very = badge(a.due_on, today) if a.status == "open" else ""
    return (f"    ▸ {esc(a.title)}\n    {user_ref(a.owner_user_id, 'no owner')} · {due_text(a.due_on, today)}"
            + (f" · {very}" if very else ""))


def _objective_menu(o: ObjectiveRow) -> dict:
    options = [("Add an action", f"add_action:{o.id}"), ("Edit objective", f"edit:{o.id}"),
               ("Reassign or reschedule actions", f"actions:{o.id}"), ("Mark achieved", f"done:{o.id}"),
               ("Drop objective", f"drop:{o.id}")]
    if not o.actions:
        options.pop(2)
    return {"type": "overflow", "action_id": OBJECTIVE_MENU,
            "options": [{"text": {"type": "plain_text", "text": label}, "value": value} for label, value in options]}


def _section_accessory(p: AccountPlan, kind: str) -> dict:
    return {"accessory": small_button("Edit", SECTION_EDIT, {"a": p.account_id, "k": kind})} if p.can_edit else {}


def _objective_blocks(p: AccountPlan, budget: int) -> list[dict]:
    blocks: list[dict] = []
    hidden = 0
    for group in p.horizons:
        title = f"*{group.title}* ({group.span})"
        if not group.objectives:
            blocks.append(context(f"{title}: _no objectives yet_"))
            continue
        blocks.append(context(title))
        for o in group.objectives:
            if len(blocks) >= budget - 1:
                hidden += 1 + len(o.actions)
                continue
            blocks.append(section(_objective_text(o, p.today), **({"accessory": _objective_menu(o)} if p.can_edit else {})))
            for a in o.actions:
                if len(blocks) >= budget - 1:
                    hidden += 1
                    continue
                blocks += _as_blocks(_action_block(p, a))
    if p.loose_actions:
        blocks.append(section("*Other open actions* (next steps from meetings and suggestions)",
                              **({"accessory": small_button("Reassign", ACTIONS_EDIT, {"a": p.account_id, "o": None})}
                                 if p.can_edit else {})))
        for a in p.loose_actions:
            if len(blocks) >= budget:
                hidden += 1
                continue
            blocks += _as_blocks(_action_block(p, a))
    if hidden:
        blocks.append(context(f"… {hidden} more objectives and actions; see the plan in the console or narrow it down."))
    return blocks


def _as_blocks(block: dict | list[dict]) -> list[dict]:
    return block if isinstance(block, list) else [block]


def _action_block(p: AccountPlan, a: ActionRow) -> dict | list[dict]:
    if p.can_edit and a.status == "open" and badge(a.due_on, p.today):  # close or re-date, as in /kam next
        return [section(_action_text(a, p.today)), close_or_redate(a.id, f"overdue_action_{a.id}")]
    extra = {"accessory": small_button("Done", ACTION_DONE, str(a.id))} if p.can_edit else {}
    return section(_action_text(a, p.today), **extra)


def account_plan_message(p: AccountPlan) -> SlackMessage:
    blocks = [header(f"Account plan: {p.account_name}"), context(_health(p))]
    if p.missing:
        blocks.append(context("Missing: " + esc(", ".join(p.missing))))
    blocks.append(section("*The customer's business*"))
    for s in p.business:
        body = esc(truncate(s.body, 700)) if s.body else "_not written yet_"
        blocks.append(section(f"*{esc(s.label)}*\n{body}", **_section_accessory(p, s.kind)))
    blocks.append(section(_team_text(p)))
    blocks.append(section("*SWOT* (accepted points)",
                          accessory=button("Draft SWOT", f"{RUN_ACTION}:plan_swot", f"swot #{p.account_id}")))
    blocks.append(_swot_block(p))
    blocks.append(section(truncate(_goals_text(p), 2990), **_section_accessory(p, "account_goals")))
    objectives_title = "*Objectives and actions*" + (f" · {p.achieved} achieved" if p.achieved else "")
    blocks.append(section(objectives_title, **({"accessory": small_button("Add objective", OBJECTIVE_ADD,
                                                                          str(p.account_id), "primary")}
                                                 if p.can_edit else {})))
    footer = {"type": "actions", "elements": [
        button("Stakeholders", f"{RUN_ACTION}:plan_map", f"stakeholders #{p.account_id}"),
        button("Next actions", f"{RUN_ACTION}:plan_next", f"next #{p.account_id}"),
    ] + ([small_button("Log meeting", LOG_OPEN, {"a": p.account_id}),
          button("Put the plan in the channel canvas", f"{RUN_ACTION}:plan_canvas", f"plan #{p.account_id} canvas")]
         if p.can_edit else [])}
    blocks += _objective_blocks(p, MAX_BLOCKS - len(blocks) - 1)
    blocks.append(footer)
    return SlackMessage(f"Account plan of {p.account_name}: {p.completeness}% complete", blocks[:MAX_BLOCKS])


def plan_changed_message(c: PlanChanged) -> SlackMessage:
    facts = []
    if c.horizon:
        h = Horizon(c.horizon)
        facts.append(f"{h.term} ({h.label})")
    if c.owner_user_id:
        facts.append(f"owner {user_ref(c.owner_user_id)}")
    if c.due_on:
        facts.append(f"due {c.due_on.isoformat()}")
    text = f":white_check_mark: {esc(c.message)}" + (f"\n{' · '.join(facts)}" if facts else "")
    if c.items:
        text += "\n" + "\n".join(f"• {esc(i)}" for i in c.items[:10])
    blocks = [section(text), {"type": "actions", "elements": [
        button("Open the plan", f"{RUN_ACTION}:changed_plan", f"plan #{c.account_id}")]}]
    return SlackMessage(c.message, blocks)


# --------------------------------------------------------------------------- console


def _action_line(a: ActionRow, today) -> str:
    owner = f"@{a.owner_user_id}" if a.owner_user_id else "no owner"
    due = a.due_on.isoformat() if a.due_on else "no due date"
    very = console_badge(a.due_on, today) if a.status == "open" else ""
    flag = f" {very}" if very else (" OVERDUE" if a.overdue else "")
    return f"      - {a.title} ({owner}, due {due}{flag}) [action #{a.id}]"


def account_plan_text(p: AccountPlan) -> str:
    updated = ("never written" if p.days_since_update is None else
               f"last updated {p.days_since_update} days ago" + (f", STALE (after {p.stale_after})" if p.stale else ""))
    lines = [f"Account plan of {p.account_name} - {TIER_LABEL.get(p.tier, p.tier)}",
             f"  {p.completeness}% complete; {updated}"]
    if p.missing:
        lines.append("  Missing: " + ", ".join(p.missing))
    lines.append("The customer's business:")
    for s in p.business:
        body = (s.body or "(not written yet)").replace("\n", "\n      ")
        lines.append(f"  {s.label}:\n      {body}")
    lines.append("Account team: " + (", ".join(f"{ROLE_WORD.get(t.role, t.role)} @{t.user_id}" for t in p.team)
                                     or "nobody yet") + ("" if p.sponsor_user_id else "; NO executive sponsor"))
    lines.append("SWOT:")
    for quadrant, title in SWOT_TITLES.items():
        points = p.swot.get(quadrant) or []
        lines.append(f"  {title}: " + ("; ".join(points) if points else "none yet"))
    g = p.goals
    lines.append("Account goals:")
    lines.append(f"  Current worth {money(g.current_worth)} revenue, {money(g.profit)} profit"
                 + (f" ({g.periods[0]}..{g.periods[-1]})" if g.periods else ""))
    lines.append(f"  Potential {money(g.potential)}; untapped {money(g.untapped)}")
    lines.append(f"  Opportunities: {len(g.open)} open ({money(g.open_value)}), {g.won_count} won "
                 f"({money(g.won_value)}), {g.lost_count} lost ({money(g.lost_value)})")
    for o in g.open:
        lines.append(f"    - {o.name}: {money(o.value)}" + (f", closes {o.close_on.isoformat()}" if o.close_on else "")
                     + f"; next step: {o.next_step or 'NONE'}")
    if g.text:
        lines.append("  " + g.text.replace("\n", "\n  "))
    lines.append("Objectives:" + (f" ({p.achieved} achieved)" if p.achieved else ""))
    for group in p.horizons:
        lines.append(f"  {group.title} ({group.span}):" + ("" if group.objectives else " none yet"))
        for o in group.objectives:
            owner = f"@{o.owner_user_id}" if o.owner_user_id else "no owner"
            due = o.due_on.isoformat() if o.due_on else "no due date"
            lines.append(f"    * {o.title} ({owner}, due {due}{' OVERDUE' if o.overdue else ''}) [objective #{o.id}]")
            lines += [_action_line(a, p.today) for a in very_overdue_first(o.actions, _due, p.today)]
    if p.loose_actions:
        lines.append("  Other open actions:")
        lines += [_action_line(a, p.today) for a in very_overdue_first(p.loose_actions, _due, p.today)]
    very = [a for o in (g for h in p.horizons for g in h.objectives) for a in o.actions] + list(p.loose_actions)
    very = very_overdue_first([a for a in very if console_badge(a.due_on, p.today)], _due, p.today)
    if very and p.can_edit:
        lines.append(f"Very overdue ({len(very)}): close or re-date them, e.g.")
        lines.append(f"  {console_offer(p.account_name, very[0].id, p.today)}")
    return "\n".join(lines)


def _due(a: ActionRow):
    return a.due_on


def plan_changed_text(c: PlanChanged) -> str:
    facts = []
    if c.horizon:
        facts.append(Horizon(c.horizon).term.lower())
    if c.owner_user_id:
        facts.append(f"owner @{c.owner_user_id}")
    if c.due_on:
        facts.append(f"due {c.due_on.isoformat()}")
    return c.message + (f" ({', '.join(facts)})" if facts else "") + "".join(f"\n  - {i}" for i in c.items)


MESSAGES = {
    AccountPlan: account_plan_message,
    PlanChanged: plan_changed_message,
}

TEXTS = {
    AccountPlan: account_plan_text,
    PlanChanged: plan_changed_text,
}
