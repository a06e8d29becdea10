"""Portfolio questions as one table (Slack's `table` block) under a line naming the numbers' period and
source, and as aligned text at the console. Cells are raw text: account names cannot become mentions."""
from __future__ import annotations

from typing import Callable, Sequence

from bot.render.blocks import SlackMessage, context, section
from bot.render.escape import safe_text, slack_escape as esc, user_ref
from bot.render.tables import Column, Person, table_block, table_pages, table_text
from kam_domain.services.accounts_of_person import AccountsOfPerson
from kam_domain.services.portfolio_coverage import ColdAnswer, GapAnswer, MoversAnswer, TrendAnswer
from kam_domain.services.portfolio_queries import GrowthAnswer, MarginAnswer, PortfolioAnswer

QUADRANTS = {"strategic": "Strategic", "star": "Star", "status": "Status", "streamline": "Streamline"}
Table = tuple[list[Column], list[list[object]]]


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _percent(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.0%}" if signed else f"{value:.0%}"


def _tier(tier: str) -> str:
    return {"key": "Key", "candidate": "Candidate"}.get(tier, "Regular")


def _day(value) -> str:
    return value.isoformat() if value else "never"


def _growth(a: GrowthAnswer) -> Table:
    columns = [Column("Account", wrap=True), Column("Tier"), Column("Revenue before", "right"),
               Column("Revenue now", "right"), Column("Growth", "right")]
    return columns, [[r.account_name, _tier(r.tier), _money(r.revenue_before), _money(r.revenue_now),
                      _percent(r.growth, signed=True)] for r in a.rows]


def _margins(a: MarginAnswer) -> Table:
    columns = [Column("Account", wrap=True), Column("Tier"), Column("Revenue", "right"),
               Column("Cost to serve", "right"), Column("Profit", "right"), Column("Margin", "right"),
               Column("Cost / revenue", "right")]
    return columns, [[r.account_name, _tier(r.tier), _money(r.revenue), _money(r.cost_to_serve), _money(r.profit),
                      _percent(r.margin), f"{r.cost_ratio:.2f}" if r.cost_ratio is not None else "—"] for r in a.rows]


def _gaps(a: GapAnswer) -> Table:
    columns = [Column("Account", wrap=True), Column("Tier"), Column("KAM"), Column("Last contact")]
    return columns, [[r.account_name, _tier(r.tier), Person(r.owner_user_id, "nobody"), _day(r.last_contact)]
                     for r in a.rows]


def _cold(a: ColdAnswer) -> Table:
    columns = [Column("Account", wrap=True), Column("Key person", wrap=True), Column("Last contact"),
               Column("Days", "right"), Column("Cold after", "right")]
    return columns, [[r.account_name, r.person, _day(r.last_contact),
                      "never" if r.days_since is None else r.days_since, r.threshold] for r in a.rows]


def _trends(a: TrendAnswer) -> Table:
    number = (lambda v: f"{v:.0f}") if a.measure == "meetings" else (lambda v: f"{v:.0f}/5")
    columns = [Column("Account", wrap=True), Column("Tier"), Column("Before", "right"), Column("Now", "right"),
               Column("Change", "right")]
    return columns, [[r.account_name, _tier(r.tier), number(r.before), number(r.now), f"{r.change:+.0f}"]
                     for r in a.rows]


def _movers(a: MoversAnswer) -> Table:
    columns = [Column("Account", wrap=True), Column("Tier"), Column("Quadrant before"), Column("Quadrant now")]
    return columns, [[r.account_name, _tier(r.tier), QUADRANTS.get(r.before, r.before), QUADRANTS.get(r.now, r.now)]
                     for r in a.rows]


def _of_person(a: AccountsOfPerson) -> Table:
    columns = [Column("Account", wrap=True), Column("Tier"), Column("Role")]
    return columns, [[r.account_name, _tier(r.tier), r.role_label] for r in a.rows]


TABLES: dict[type, Callable[[PortfolioAnswer], Table]] = {
    GrowthAnswer: _growth, MarginAnswer: _margins, GapAnswer: _gaps, ColdAnswer: _cold, TrendAnswer: _trends,
    MoversAnswer: _movers, AccountsOfPerson: _of_person,
}


def _title(a: PortfolioAnswer) -> str:
    if isinstance(a, AccountsOfPerson) and not a.person_name:
        return a.title.replace(" of them", "")  # a mention we could not name: Slack shows it beside the title
    return a.title


def _empty(a: PortfolioAnswer) -> str:
    return f"None: no {_title(a)[0].lower()}{_title(a)[1:]}."


def _tail(a: PortfolioAnswer) -> list[str]:
    lines = [f"… and {a.more} more." if a.more else "", a.note]
    return [line for line in lines if line]


def answer_text(a: PortfolioAnswer) -> str:
    columns, rows = TABLES[type(a)](a)
    title = _title(a) + (f" (@{a.user_id})" if isinstance(a, AccountsOfPerson) and not a.person_name else "")
    lines = [f"{title} ({len(rows) + a.more})" if rows else _empty(a), f"Basis: {a.basis}"]
    if rows:
        lines.append(table_text(columns, rows))
    return "\n".join(lines + _tail(a))


def answer_message(a: PortfolioAnswer) -> SlackMessage:
    columns, rows = TABLES[type(a)](a)
    who = f" {user_ref(a.user_id)}" if isinstance(a, AccountsOfPerson) and not a.person_name else ""
    heading = f"*{esc(_title(a))}*{who} ({len(rows) + a.more})" if rows else esc(_empty(a)) + who
    blocks = [section(heading), context(f"Basis: {esc(a.basis)}")]
    if rows:
        blocks.append(table_block(columns, _first_page(rows)))
    blocks += [context(esc(line)) for line in _tail(a)]
    text = answer_text(a)
    return SlackMessage(safe_text(text[:3000], blocks), blocks)


def _first_page(rows: Sequence[Sequence[object]]) -> Sequence[Sequence[object]]:
    return table_pages(rows)[0]  # the services list at most MAX_LISTED rows: one page


MESSAGES = {kind: answer_message for kind in TABLES}
TEXTS = {kind: answer_text for kind in TABLES}
