"""The stakeholder map and stakeholder changes, as Block Kit and as console text."""
from __future__ import annotations

from bot.render.blocks import COVERAGE_EMOJI, RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.tables import Column, Person, message_text, table_block, table_pages
from bot.render.plans_common import (
    ATTITUDE_EMOJI,
    COVERAGE_MEANING,
    LOG_OPEN,
    PERSON_ADD,
    PERSON_EDIT,
    ago,
    attitude_text,
    mention_ids,
    plain_ids,
    small_button,
    truncate,
)
from kam_domain.rules.relationships import COLD_AFTER_DAYS, INFLUENCE_LABELS
from kam_domain.services.stakeholders import PersonRow, StakeholderMap, StakeholderSaved

MAX_BLOCKS = 50


# --------------------------------------------------------------------------- Slack


def person_line(p: PersonRow) -> str:
    head = f"*{esc(p.name)}*" + (f" · {esc(p.title)}" if p.title else "")
    facts = [
        f"influence {p.influence}/5",
        f"{ATTITUDE_EMOJI.get(p.attitude, '')} {attitude_text(p.attitude)}",
        p.contact_label.lower(),
        f"owner {user_ref(p.owner_user_id, 'nobody')}",
        f"last contact {ago(p.days_since_contact)}",
    ]
    if p.cold:
        facts.append(":snowflake: *cold*")
    if p.reports_to_name:
        facts.append(f"reports to {esc(p.reports_to_name)}")
    return f"{head}\n{' · '.join(facts)}"


def coverage_block(m: StakeholderMap) -> dict:
    emoji = COVERAGE_EMOJI.get(m.coverage_status, "")
    why = m.coverage_reason or COVERAGE_MEANING.get(m.coverage_status, '')
    return section(f"{emoji} *Coverage: {m.coverage_status}*: {esc(why)}.")


def gaps_block(m: StakeholderMap) -> dict | None:
    if not m.gaps:
        return None
    lines = "\n".join(f"• {mention_ids(g.message, g.user_ids)}" for g in m.gaps[:10])
    return section(f"*Gaps*\n{lines}")


MAP_COLUMNS = (Column("Person", wrap=True), Column("Title", wrap=True), Column("Role"), Column("Influence", "right"),
               Column("Attitude"), Column("Contact"), Column("Owner"), Column("Last contact"), Column("Reports to"))


def _person_cells(p: PersonRow) -> list[object]:
    last = ago(p.days_since_contact) + (" (cold)" if p.cold else "")
    return [p.name, p.title or "—", p.role_label, f"{p.influence}/5", attitude_text(p.attitude), p.contact_label.lower(),
            Person(p.owner_user_id, "nobody"), last, p.reports_to_name or "—"]


def map_rows(m: StakeholderMap) -> list[tuple[PersonRow, list[object]]]:
    """Every person on the map with the table's cells, grouped by role as the service ordered them."""
    return [(p, _person_cells(p)) for group in m.groups for p in group.people]


def _edit_buttons(m: StakeholderMap, people: list[PersonRow], room: int) -> list[dict]:
    """One Edit button per person under the table (the form's listener takes one action id per block);
    when the block budget runs out, the last block says how to edit the others."""
    blocks = [{"type": "actions", "elements": [small_button(f"Edit {truncate(p.name, 65)}", PERSON_EDIT,
                                                            {"a": m.account_id, "s": p.id})]} for p in people]
    if len(blocks) <= room:
        return blocks
    rest = len(people) - (room - 1)
    return blocks[:room - 1] + [context(f"{rest} more without an Edit button here: "
                                        f"`/kam stakeholder #{m.account_id} NAME influence=.. attitude=..` changes anyone.")]


def stakeholder_map_message(m: StakeholderMap) -> SlackMessage:
    blocks = [header(f"Stakeholder map: {m.account_name}"), coverage_block(m)]
    gaps = gaps_block(m)
    if gaps:
        blocks.append(gaps)
    rows = map_rows(m)
    page = table_pages(rows)[0]
    if not rows:
        blocks.append(section("_No one is on the map yet._ Add the people who decide, influence and use what we sell."))
    else:
        blocks.append(table_block(MAP_COLUMNS, [cells for _, cells in page]))
    tail = [_map_facts(m, shown=len(page)), _map_actions(m)]
    if m.can_edit and page:
        blocks += _edit_buttons(m, [p for p, _ in page], MAX_BLOCKS - len(blocks) - len(tail))
    blocks += tail
    text = message_text(f"Stakeholder map of {m.account_name}: coverage {m.coverage_status}", MAP_COLUMNS,
                        [cells for _, cells in page])
    return SlackMessage(text, blocks[:MAX_BLOCKS])


def _map_facts(m: StakeholderMap, shown: int) -> dict:
    cold = COLD_AFTER_DAYS.get(m.tier)
    facts = [f"{m.total} {'person' if m.total == 1 else 'people'}",
             f"KAM {user_ref(m.owner_user_id, 'none')}", f"executive sponsor {user_ref(m.sponsor_user_id, 'none')}"]
    if shown < m.total:
        facts.append(f"the first {shown} shown; `kam stakeholders` in the console lists everyone")
    if cold:
        facts.append(f"key people go cold after {cold[0]} days (influence 4+) or {cold[1]} days on a {m.tier} account")
    return context(" · ".join(facts))


def _map_actions(m: StakeholderMap) -> dict:
    ref = f"#{m.account_id}"
    elements = []
    if m.can_edit:
        elements += [small_button("Add person", PERSON_ADD, {"a": m.account_id}, "primary"),
                     small_button("Log meeting", LOG_OPEN, {"a": m.account_id})]
    elements += [button("Plan", f"{RUN_ACTION}:map_plan", f"plan {ref}"),
                 button("Next actions", f"{RUN_ACTION}:map_next", f"next {ref}")]
    return {"type": "actions", "elements": elements}


def _change_value(field: str, value) -> str:
    if value is None or value == "":
        return "—"
    if field == "attitude":
        return attitude_text(value)
    if field == "influence":
        return f"{value} ({INFLUENCE_LABELS.get(value, value)})"
    if field in ("role", "contact"):
        return str(value).replace("_", " ")
    return str(value)


def _change_slack(c) -> str:
    if c.field == "owner":
        return f"{esc(c.label)}: {user_ref(c.old, '—')} → {user_ref(c.new, '—')}"
    if c.field == "reports_to":
        return f"{esc(c.label)} changed"
    return f"{esc(c.label)}: {esc(_change_value(c.field, c.old))} → {esc(_change_value(c.field, c.new))}"


def stakeholder_saved_message(s: StakeholderSaved) -> SlackMessage:
    verb = "added to" if s.created else ("updated on" if s.changes else "unchanged on")
    lines = [f":busts_in_silhouette: *{esc(s.person.display)}* {verb} the *{esc(s.account_name)}* map."]
    lines += [f"• {_change_slack(c)}" for c in s.changes]
    if s.note:
        lines.append(esc(s.note))
    blocks = [section("\n".join(lines)), section(person_line(s.person))]
    if s.coverage_before != s.coverage_after:
        blocks.append(context(f"Coverage {COVERAGE_EMOJI.get(s.coverage_before, '')} {s.coverage_before} → "
                              f"{COVERAGE_EMOJI.get(s.coverage_after, '')} {s.coverage_after}"))
    else:
        blocks.append(context(f"Coverage {COVERAGE_EMOJI.get(s.coverage_after, '')} {s.coverage_after}"))
    blocks.append({"type": "actions", "elements": [
        small_button("Edit", PERSON_EDIT, {"a": s.account_id, "s": s.person.id}),
        button("Stakeholder map", f"{RUN_ACTION}:saved_map", f"stakeholders #{s.account_id}"),
    ]})
    return SlackMessage(f"{s.person.display} {verb} the {s.account_name} map", blocks)


# --------------------------------------------------------------------------- console


def person_text(p: PersonRow) -> str:
    facts = [p.role_label, f"influence {p.influence}/5", attitude_text(p.attitude), p.contact_label.lower(),
             f"owner {'@' + p.owner_user_id if p.owner_user_id else 'nobody'}",
             f"last contact {ago(p.days_since_contact)}"]
    if p.cold:
        facts.append("COLD")
    if p.reports_to_name:
        facts.append(f"reports to {p.reports_to_name}")
    return f"{p.display}: " + ", ".join(facts)


def stakeholder_map_text(m: StakeholderMap) -> str:
    lines = [f"Stakeholder map of {m.account_name}: coverage {m.coverage_status.upper()} "
             f"({m.coverage_reason or COVERAGE_MEANING.get(m.coverage_status, '')})"]
    if m.gaps:
        lines.append("Gaps:")
        lines += [f"  - {plain_ids(g.message, g.user_ids)}" for g in m.gaps]
    if not m.groups:
        lines.append("No one is on the map yet. Add someone: stakeholder ACCOUNT NAME title=.. role=..")
    for group in m.groups:
        lines.append(f"{group.label}:")
        for p in group.people:
            facts = [f"influence {p.influence}/5", attitude_text(p.attitude), p.contact_label.lower(),
                     f"owner {'@' + p.owner_user_id if p.owner_user_id else 'nobody'}",
                     f"last contact {ago(p.days_since_contact)}"]
            if p.cold:
                facts.append("COLD")
            if p.reports_to_name:
                facts.append(f"reports to {p.reports_to_name}")
            lines.append(f"  {p.display}: " + ", ".join(facts))
    lines.append(f"{m.total} people; KAM {m.owner_user_id or 'none'}, executive sponsor {m.sponsor_user_id or 'none'}")
    return "\n".join(lines)


def _change_line(c) -> str:
    if c.field == "reports_to":
        return f"  - {c.label} changed"
    return f"  - {c.label}: {_change_value(c.field, c.old)} -> {_change_value(c.field, c.new)}"


def stakeholder_saved_text(s: StakeholderSaved) -> str:
    verb = "added to" if s.created else ("updated on" if s.changes else "unchanged on")
    lines = [f"{s.person.display} {verb} the {s.account_name} map."]
    lines += [_change_line(c) for c in s.changes]
    if s.note:
        lines.append(s.note)
    lines.append("  " + person_text(s.person))
    if s.coverage_before != s.coverage_after:
        lines.append(f"Coverage {s.coverage_before} -> {s.coverage_after}")
    return "\n".join(lines)


MESSAGES = {
    StakeholderMap: stakeholder_map_message,
    StakeholderSaved: stakeholder_saved_message,
}

TEXTS = {
    StakeholderMap: stakeholder_map_text,
    StakeholderSaved: stakeholder_saved_text,
}
