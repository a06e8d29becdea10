"""Facts about one account or person, as Block Kit and console text: money per quarter (a table),
reports-to chains, a person's attitude with the notes behind it, promises, changes since a day."""
from __future__ import annotations

from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import slack_escape as esc, user_ref
from bot.render.tables import Column, table_block, table_text
from kam_domain.services.account_history import AccountChanges, Promise, Promises
from kam_domain.services.account_money import AccountMoney
from kam_domain.services.person_facts import CitedNote, PersonAttitude, PersonLink, ReportsChain

MONEY_COLUMNS = (Column("Quarter"), Column("Revenue", "right"), Column("Cost to serve", "right"),
                 Column("Profit", "right"), Column("Margin", "right"))
PROMISE_COLUMNS = (Column("Promise", wrap=True), Column("Due"), Column("From"))
CHANGE_COLUMNS = (Column("Day"), Column("What"), Column("Change", wrap=True), Column("Who"))


def amount(value: float | None) -> str:
    return "no figures" if value is None else f"{value:,.0f}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:+.1f}%"


def share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _is_user(who: str | None) -> bool:
    return bool(who) and who[:1] in "UW" and who.isalnum() and who.isupper()


def who_slack(who: str | None) -> str:
    return user_ref(who) if _is_user(who) else esc(who or "—")


def who_plain(who: str | None) -> str:
    return f"@{who}" if _is_user(who) else (who or "—")


# --------------------------------------------------------------------------- money


def money_rows(m: AccountMoney) -> list[list[str]]:
    rows = [[q.period, amount(q.revenue), amount(q.cost), amount(q.profit), share(q.margin)] for q in m.quarters]
    rows.append(["Total", amount(m.revenue), amount(m.cost), amount(m.profit), share(m.margin)])
    return rows


def money_summary(m: AccountMoney) -> str:
    head = (f"{m.account_name}, last {m.quarters_asked} quarter{'s' if m.quarters_asked != 1 else ''} "
            f"({m.period}): revenue {amount(m.revenue)}, cost to serve {amount(m.cost)}, profit {amount(m.profit)}, "
            f"margin {share(m.margin)}.")
    growth = [f"revenue growth {percent(m.growth)} from {_first_known(m)} to {_last_known(m)}"] if m.growth is not None else []
    if m.growth_vs_previous is not None:
        growth.append(f"{percent(m.growth_vs_previous)} against the {m.quarters_asked} quarters before")
    return head + (" " + "; ".join(growth)[:1].upper() + "; ".join(growth)[1:] + "." if growth else "")


def _first_known(m: AccountMoney) -> str:
    return next(q.period for q in m.quarters if q.revenue is not None)


def _last_known(m: AccountMoney) -> str:
    return next(q.period for q in reversed(m.quarters) if q.revenue is not None)


def _money_notes(m: AccountMoney) -> list[str]:
    notes = [f"Source: {m.source}. Margin = (revenue - cost to serve) / revenue."]
    if m.missing:
        notes.append(f"No figures for {', '.join(m.missing)}.")
    return notes


def money_message(m: AccountMoney) -> SlackMessage:
    blocks = [header(f"Revenue and profit: {m.account_name}")]
    if not any(q.revenue is not None for q in m.quarters):
        text = f"No financial figures for {m.account_name} in {m.period}. Import them with `kam import financials FILE.csv`."
        return SlackMessage(text, blocks + [section(esc(text))])
    blocks += [section(esc(money_summary(m))), table_block(MONEY_COLUMNS, money_rows(m)),
               context(esc(" ".join(_money_notes(m)))),
               {"type": "actions", "elements": [
                   button("8 quarters", f"{RUN_ACTION}:revenue_8", f"revenue #{m.account_id} 8 quarters"),
                   button("Account card", f"{RUN_ACTION}:revenue_card", f"account #{m.account_id}")]}]
    return SlackMessage(money_summary(m) + "\n" + table_text(MONEY_COLUMNS, money_rows(m)), blocks)


def money_text(m: AccountMoney) -> str:
    if not any(q.revenue is not None for q in m.quarters):
        return f"No financial figures for {m.account_name} in {m.period}."
    return "\n".join([money_summary(m), table_text(MONEY_COLUMNS, money_rows(m)), *_money_notes(m)])


# --------------------------------------------------------------------------- reports to


def _person(p: PersonLink) -> str:
    return p.name + (f" ({p.title})" if p.title else "")


def chain_summary(r: ReportsChain) -> str:
    if not r.chain:
        line = f"{_person(r.person)} at {r.account_name}: the map records no one they report to."
    else:
        line = f"{_person(r.person)} at {r.account_name} reports to {_person(r.chain[0])}"
        line += (". Above them: " + " → ".join(_person(p) for p in r.chain[1:]) + ".") if len(r.chain) > 1 else "."
    if r.loops:
        line += " The map's reports-to links go round in a circle: check them."
    return line


def chain_message(r: ReportsChain) -> SlackMessage:
    ladder = [r.person, *r.chain]
    lines = "\n".join(f"{'  ' * i}{'↳ ' if i else ''}*{esc(p.name)}*" + (f" · {esc(p.title)}" if p.title else "")
                      for i, p in enumerate(reversed(ladder)))
    blocks = [header(f"Reports to: {r.person.name}"), section(esc(chain_summary(r))), section(lines)]
    if r.direct_reports:
        blocks.append(context("Reports to them: " + esc(", ".join(_person(p) for p in r.direct_reports))))
    blocks.append({"type": "actions", "elements": [
        button("Stakeholder map", f"{RUN_ACTION}:reports_map", f"stakeholders #{r.account_id}")]})
    return SlackMessage(chain_summary(r), blocks)


def chain_text(r: ReportsChain) -> str:
    lines = [chain_summary(r)]
    if r.direct_reports:
        lines.append("Reports to them: " + ", ".join(_person(p) for p in r.direct_reports))
    return "\n".join(lines)


# --------------------------------------------------------------------------- attitude


def attitude_summary(a: PersonAttitude) -> str:
    said = f"{_person(a.person)} at {a.account_name} is {a.verdict}: attitude {a.attitude:+d} ({a.attitude_label.lower()})"
    if a.set_at is not None:
        said += f", set by {who_plain(a.set_by)} on {a.set_at.date().isoformat()}"
    else:
        said += " (no record of who set it: imported, or set before the audit log)"
    said += "."
    if a.notes_read is not None and a.notes_read != a.attitude:
        said += f" The notes read {a.notes_read:+d}: worth a look."
    elif a.notes_read is not None:
        said += " The notes agree."
    return said


def _cite(n: CitedNote) -> str:
    return f"note #{n.note_id}, {n.written_on.isoformat()}, {n.author}"


def attitude_message(a: PersonAttitude) -> SlackMessage:
    blocks = [header(f"For or against us: {a.person.name}"), section(esc(attitude_summary(a)))]
    if a.set_at is not None:
        blocks.append(context(f"Set by {who_slack(a.set_by)} on {a.set_at.date().isoformat()}"))
    if a.evidence:
        blocks.append(section("*What the notes say*\n" + "\n".join(
            f"• “{esc(e.text)}” _({esc(_cite(e))})_" for e in a.evidence[:8])))
    if a.mentions:
        blocks.append(section(f"*Notes that mention {esc(a.person.name)}* ({a.mention_count})\n" + "\n".join(
            f"• {esc(m.written_on.isoformat())}, {esc(m.author)}: {esc(m.text)}" for m in a.mentions)))
    else:
        blocks.append(context(f"No note mentions {esc(a.person.name)} yet."))
    blocks.append({"type": "actions", "elements": [
        button("Stakeholder map", f"{RUN_ACTION}:attitude_map", f"stakeholders #{a.account_id}")]})
    return SlackMessage(attitude_summary(a), blocks[:50])


def attitude_text(a: PersonAttitude) -> str:
    lines = [attitude_summary(a)]
    if a.evidence:
        lines.append("What the notes say:")
        lines += [f"  - \"{e.text}\" ({_cite(e)})" for e in a.evidence[:8]]
    if a.mentions:
        lines.append(f"Notes that mention {a.person.name} ({a.mention_count}):")
        lines += [f"  - {m.written_on.isoformat()}, {m.author}: {m.text}" for m in a.mentions]
    else:
        lines.append(f"No note mentions {a.person.name} yet.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- promises


def _promise_row(p: Promise, today) -> list[str]:
    due = p.due_on.isoformat() + (" (overdue)" if p.overdue(today) else "") if p.due_on else "—"
    source = (f"action, {who_plain(p.owner_user_id)}" if p.source == "action"
              else f"note #{p.note_id}, {p.written_on.isoformat()}, {p.author}")
    return [p.text, due, source]


def promises_summary(p: Promises) -> str:
    overdue = sum(1 for x in p.actions + p.from_notes if x.overdue(p.today))
    return (f"What we promised {p.account_name}: {len(p.actions)} open action{'s' if len(p.actions) != 1 else ''}"
            f" and {len(p.from_notes)} commitment{'s' if len(p.from_notes) != 1 else ''} in notes with no action yet"
            + (f"; {overdue} overdue." if overdue else "."))


def promises_message(p: Promises) -> SlackMessage:
    rows = [_promise_row(x, p.today) for x in p.actions + p.from_notes]
    blocks = [header(f"What we promised {p.account_name}"), section(esc(promises_summary(p)))]
    if rows:
        blocks.append(table_block(PROMISE_COLUMNS, rows[:99]))
        blocks.append(context("Open actions of the account, then commitments our side made in its notes "
                              "(the last 12 months) that no action carries yet."))
    blocks.append({"type": "actions", "elements": [
        button("Next actions", f"{RUN_ACTION}:promises_next", f"next #{p.account_id}")]})
    text = promises_summary(p) + ("\n" + table_text(PROMISE_COLUMNS, rows) if rows else "")
    return SlackMessage(text, blocks)


def promises_text(p: Promises) -> str:
    rows = [_promise_row(x, p.today) for x in p.actions + p.from_notes]
    return promises_summary(p) + ("\n" + table_text(PROMISE_COLUMNS, rows) if rows else "")


# --------------------------------------------------------------------------- changes


_KIND_WORD = {"note": "Note", "meeting": "Meeting", "plan": "Plan", "stakeholder": "Stakeholder", "score": "Scores",
              "team": "Team", "tier": "Tier", "action": "Action", "review": "Review", "account": "Account"}


def changes_summary(c: AccountChanges) -> str:
    if not c.changes:
        return f"Nothing changed at {c.account_name} since {c.since.isoformat()}."
    kinds = {}
    for change in c.changes:
        kinds[change.kind] = kinds.get(change.kind, 0) + 1
    counted = ", ".join(f"{n} {_KIND_WORD.get(k, k).lower()}{'s' if n != 1 else ''}" for k, n in kinds.items())
    more = f" (the latest {len(c.changes)} of {c.total} shown)" if c.total > len(c.changes) else ""
    return f"What changed at {c.account_name} since {c.since.isoformat()}: {counted}{more}."


def _change_rows(c: AccountChanges) -> list[list[str]]:
    return [[x.at.isoformat(), _KIND_WORD.get(x.kind, x.kind), x.text, who_plain(x.who)] for x in c.changes]


def changes_message(c: AccountChanges) -> SlackMessage:
    blocks = [header(f"Changes at {c.account_name}"), section(esc(changes_summary(c)))]
    rows = _change_rows(c)
    if rows:
        blocks += [table_block(CHANGE_COLUMNS, rows[:99]),
                   context("From the notes, the meeting logs and the audit log of every change.")]
    text = changes_summary(c) + ("\n" + table_text(CHANGE_COLUMNS, rows) if rows else "")
    return SlackMessage(text, blocks)


def changes_text(c: AccountChanges) -> str:
    rows = _change_rows(c)
    return changes_summary(c) + ("\n" + table_text(CHANGE_COLUMNS, rows) if rows else "")


MESSAGES = {
    AccountMoney: money_message,
    ReportsChain: chain_message,
    PersonAttitude: attitude_message,
    Promises: promises_message,
    AccountChanges: changes_message,
}

TEXTS = {
    AccountMoney: money_text,
    ReportsChain: chain_text,
    PersonAttitude: attitude_text,
    Promises: promises_text,
    AccountChanges: changes_text,
}
