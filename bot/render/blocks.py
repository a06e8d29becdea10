"""Block Kit rendering for Slack. Every piece of data passes through `slack_escape`."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.results import HelpResult, Notice, OpenModal
from bot.render.charts import money_trend_blocks
from bot.render.key_status import key_status_lines
from bot.render.escape import channel_ref, money, number, slack_escape as esc, user_ref
from bot.render.tables import MAX_ROWS, Column, Person, message_text, table_block
from bot.render.text import TIER_LABEL
from kam_domain.errors import NeedsChoice
from kam_domain.services.accounts import AccountCard, AccountList

RUN_ACTION = "kam_run"  # a button whose value is a /kam command line to run for the clicker
COVERAGE_EMOJI = {"red": ":red_circle:", "amber": ":large_orange_circle:", "green": ":large_green_circle:"}


@dataclass
class SlackMessage:
    text: str
    blocks: list[dict] = field(default_factory=list)
    ephemeral: bool = True
    # A long draft in a thread may stream instead (bot/listeners/streaming.py): these markdown chunks in
    # order, then `stream_blocks` under them (None: this message's actions blocks). Empty: never streamed.
    stream: tuple[str, ...] = ()
    stream_blocks: list[dict] | None = None


def section(text: str, **extra) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}, **extra}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:3000]}]}


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:150], "emoji": True}}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    element = {"type": "button", "text": {"type": "plain_text", "text": label[:75], "emoji": True},
               "action_id": action_id, "value": value[:2000]}
    if style:
        element["style"] = style
    return element


def run_buttons(*pairs: tuple[str, str]) -> dict:
    """Buttons that run a /kam command for whoever clicks them."""
    return {"type": "actions",
            "elements": [button(label, f"{RUN_ACTION}:{i}", command) for i, (label, command) in enumerate(pairs)]}


def any_message(result) -> SlackMessage:
    """A result without a renderer of its own: its text."""
    return SlackMessage(esc(str(result)), [section(esc(str(result)))])


def laid_out_message(message: SlackMessage) -> SlackMessage:
    """A message its caller already laid out."""
    return message


def str_message(result: str) -> SlackMessage:
    return SlackMessage(result, [section(esc(result))])


def notice_message(result: Notice) -> SlackMessage:
    return SlackMessage(result.text, [section(esc(result.text))], ephemeral=result.ephemeral)


def open_modal_message(result: OpenModal) -> SlackMessage:
    return SlackMessage(result.title, [section(esc(result.console_hint))])


def _joined_within(lines: list[str], limit: int) -> list[str]:
    """Lines joined into as few texts as fit a section's limit each (never a line cut in two)."""
    texts: list[str] = []
    for line in lines:
        if texts and len(texts[-1]) + 1 + len(line) <= limit:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def help_result_message(result: HelpResult) -> SlackMessage:
    if result.detail:
        c = result.detail
        lines = [f"*`{esc(c.usage)}`*", esc(c.summary)]
        if c.details:
            lines.append(esc(c.details))
        lines += [f"e.g. `{esc(e)}`" for e in c.examples]
        return SlackMessage(c.usage, [section("\n".join(lines))])
    lines = [f"`{esc(c.usage)}`  {esc(c.summary)}" for c in result.commands]
    blocks = [header("KAM assistant: what I can do"), *[section(text) for text in _joined_within(lines, 3000)],
              context("Or just ask me in plain words, e.g. _who are the decision makers at Borealis?_ "
                      "· `/kam help log` for one subcommand")]
    return SlackMessage("KAM assistant help", blocks)


ACCOUNT_COLUMNS = (Column("#", "right"), Column("Account", wrap=True), Column("Tier"), Column("Quadrant"),
                   Column("Score", "right"), Column("Revenue", "right"), Column("Profit", "right"), Column("Owner"))
WHY_COLUMN = Column("Why on the watch-list", wrap=True)
ROWS_PER_MESSAGE = MAX_ROWS - 1  # one table a message: the header row and 99 accounts
BUTTONS_PER_ROW = 25  # Slack's limit of elements in an actions block


def _list_title(result: AccountList) -> str:
    return {"key": "Key accounts", "candidates": "Watch-list (candidates)", "regular": "Regular accounts",
            "all": "All accounts"}[result.which]


def _account_columns(result: AccountList) -> tuple[Column, ...]:
    return ACCOUNT_COLUMNS + ((WHY_COLUMN,) if result.which == "candidates" else ())


def _account_cells(result: AccountList, number_: int, row) -> list[object]:
    quadrant = (row.quadrant or "unscored") + (" (from data)" if row.derived_only else "")
    cells = [number_, row.name, TIER_LABEL.get(row.tier, row.tier), quadrant, number(row.weighted_score),
             money(row.revenue), money(row.profit), Person(row.owner_user_id, row.crm_owner_name or "—")]
    return cells + (["; ".join(row.reasons) or "—"] if result.which == "candidates" else [])


def account_list_message(result: AccountList) -> SlackMessage:
    title = _list_title(result)
    blocks = [header(f"{title} ({result.total})")]
    if result.which == "key":
        over = " :warning: over the cap" if result.key_count > result.key_cap else ""
        blocks.append(context(f"{result.key_count} key accounts of a cap of {result.key_cap}{over}"))
    shown = result.rows[:ROWS_PER_MESSAGE]
    cells = [_account_cells(result, n, row) for n, row in enumerate(shown, result.offset + 1)]
    if shown:
        blocks.append(table_block(_account_columns(result), cells))
        blocks += _row_buttons(result, shown)
    else:
        blocks.append(section("_None yet._"))
    paging = _paging_blocks(result, len(shown))
    blocks += paging
    text = message_text(f"{title}: {result.total}", _account_columns(result), cells,
                        paging[0]["elements"][0]["text"] if paging else "")
    return SlackMessage(text, blocks[:50])


def _row_buttons(result: AccountList, shown: list) -> list[dict]:
    """Each row's button (Open, or Nominate on the watch-list) under the table, 25 to a row of buttons."""
    if result.which == "candidates":
        buttons = [button(f"Nominate {row.name}", f"{RUN_ACTION}:nominate:{row.id}", f"nominate #{row.id}",
                          style="primary") for row in shown]
    else:
        buttons = [button(f"Open {row.name}", f"{RUN_ACTION}:open:{row.id}", f"account #{row.id}") for row in shown]
    return [{"type": "actions", "elements": buttons[i:i + BUTTONS_PER_ROW]}
            for i in range(0, len(buttons), BUTTONS_PER_ROW)]


def _paging_blocks(result: AccountList, shown: int) -> list[dict]:
    """"41-60 of 60", and a Show more button that runs the next page for whoever clicks it."""
    if not shown or (result.offset == 0 and shown >= result.total):
        return []  # everything is on this one page
    last = result.offset + shown
    blocks = [context(f"{result.offset + 1}-{last} of {result.total}")]
    if last < result.total:
        next_page = result.next_page if shown == len(result.rows) else None
        if next_page is None:  # more rows than one message holds: say so (the service pages at PAGE_SIZE)
            blocks[0] = context(f"{result.offset + 1}-{last} of {result.total} · "
                                f"`/kam accounts {result.which} page N` for the rest")
        else:
            blocks.append({"type": "actions", "elements": [
                button("Show more", f"{RUN_ACTION}:more", f"accounts {result.which} page {next_page}")]})
    return blocks


def account_card_message(card: AccountCard) -> SlackMessage:
    periods = f" ({card.periods[0]}–{card.periods[-1]})" if card.periods else ""
    fields = [
        f"*Tier*\n{TIER_LABEL.get(card.tier, card.tier)}",
        f"*Quadrant*\n{esc(card.quadrant or 'unscored')}" + (" _(from data only)_" if card.derived_only else ""),
        f"*Score*\n{number(card.weighted_score)} (attractiveness {number(card.attractiveness)}, "
        f"our strength {number(card.strength)})",
        f"*Owner*\n{user_ref(card.owner_user_id, esc(card.crm_owner_name or '—'))}",
        f"*Executive sponsor*\n{user_ref(card.sponsor_user_id, 'none')}",
        f"*Account channel*\n{channel_ref(card.channel_id)}",
        "*Team*\n" + (", ".join(user_ref(u) for u in card.team_user_ids[:15])
                      + (f" +{len(card.team_user_ids) - 15}" if len(card.team_user_ids) > 15 else "")
                      if card.team_user_ids else "KAM and sponsor only"),
        f"*Revenue / profit{periods}*\n{money(card.revenue)} / {money(card.profit)}",
        f"*Coverage*\n{COVERAGE_EMOJI.get(card.coverage_status, '')} {card.coverage_status}"
        + (f"\n_{esc(card.coverage_reason)}_" if card.coverage_reason and card.coverage_status != "green" else ""),
        f"*Next review*\n{card.next_review_due or 'not scheduled'}" + (" :warning: overdue" if card.review_overdue else ""),
    ]
    blocks = [
        header(card.name + (" 🔒" if card.restricted else "")),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
    ]
    blocks += money_trend_blocks(card.quarters)
    if card.key_status is not None:
        blocks.append(section("*Why key*\n" + "\n".join(key_status_lines(card.key_status, slack=True))[:2900]))
    if card.coverage_gaps:
        blocks.append(section("*Gaps*\n" + "\n".join(f"• {esc(g)}" for g in card.coverage_gaps[:8])))
    facts = [f"{esc(card.industry or '—')}, {esc(card.country or '—')}",
             f"customer size {money(card.customer_annual_revenue)}",
             f"{card.open_actions} open actions" + (f", {card.overdue_actions} overdue" if card.overdue_actions else "")]
    if card.engagement_trend:
        facts.append("engagement " + " → ".join(str(v) for v in card.engagement_trend))
    if card.loyalty_trend:
        facts.append("loyalty " + " → ".join(str(v) for v in card.loyalty_trend))
    blocks.append(context(" · ".join(facts)))
    ref = f"#{card.id}"
    blocks.append(run_buttons(("Stakeholders", f"stakeholders {ref}"), ("Plan", f"plan {ref}"),
                              ("Next actions", f"next {ref}"), ("SWOT", f"swot {ref}"), ("Score", f"score {ref}"),
                              ("Team", f"team {ref}")))
    return SlackMessage(f"{card.name}: {TIER_LABEL.get(card.tier, card.tier)}", blocks)


def choice_message(exc: NeedsChoice) -> SlackMessage:
    buttons = [button(c.label, f"{RUN_ACTION}:choice:{i}", exc.retry_command.replace("{choice}", c.value))
               for i, c in enumerate(exc.choices)]
    blocks = [section(esc(exc.question))]
    if exc.retry_command:
        blocks.append({"type": "actions", "elements": buttons})
    return SlackMessage(exc.question, blocks)


MESSAGES = {
    object: any_message,
    SlackMessage: laid_out_message,
    str: str_message,
    Notice: notice_message,
    OpenModal: open_modal_message,
    HelpResult: help_result_message,
    AccountList: account_list_message,
    AccountCard: account_card_message,
}
