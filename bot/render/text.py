"""Plain-text rendering for the console (`kam chat`, `kam ask`)."""
from __future__ import annotations


from bot.commands import UsageError
from bot.results import HelpResult, Notice, OpenModal
from bot.render.key_status import key_status_lines
from bot.render.escape import money, number
from kam_domain.errors import NeedsChoice, UserError
from kam_domain.services.accounts import AccountCard, AccountList

TIER_LABEL = {"key": "Key account", "candidate": "Candidate (watch-list)", "regular": "Regular"}


def any_text(result) -> str:
    """A result without a renderer of its own: its text."""
    return str(result)


def str_text(result: str) -> str:
    return result


def notice_text(result: Notice) -> str:
    return result.text


def open_modal_text(result: OpenModal) -> str:
    return result.console_hint


def help_result_text(result: HelpResult) -> str:
    if result.detail:
        c = result.detail
        lines = [f"{c.usage}", f"  {c.summary}"]
        if c.details:
            lines.append(f"  {c.details}")
        lines += [f"  e.g. {e.removeprefix('/kam ')}" for e in c.examples]
        return "\n".join(lines)
    lines = ["What I can do (type a line without the /kam):"]
    for c in result.commands:
        lines += [f"  {c.usage.removeprefix('/kam ')}", f"      {c.summary}"]
    lines.append("Details: help SUBCOMMAND, e.g. help log")
    return "\n".join(lines)


def account_list_text(result: AccountList) -> str:
    title = {"key": "Key accounts", "candidates": "Watch-list (candidates)", "regular": "Regular accounts",
             "all": "All accounts"}[result.which]
    lines = [f"{title}: {result.total}" + (f" (key accounts {result.key_count} of a cap of {result.key_cap})"
                                           if result.which == "key" else "")]
    if not result.rows:
        lines.append("  none")
    period = _period_label(result.periods)
    width = len(str(result.last))
    for n, r in enumerate(result.rows, result.offset + 1):
        lines.append(f"  {n:>{width}}. {r.name:<32} {TIER_LABEL.get(r.tier, r.tier):<12} score {number(r.weighted_score)}"
                     f"  {(r.quadrant or 'unscored') + ('°' if r.derived_only else ''):<10}  revenue {money(r.revenue)}  profit {money(r.profit)}{period}")
        lines += [f"      - {reason}" for reason in r.reasons]
    if any(r.derived_only for r in result.rows):
        lines.append("  ° placed from data only: no person has scored it yet")
    if result.rows and (result.offset or result.last < result.total):
        lines.append(f"  {result.first}-{result.last} of {result.total}"
                     + (f"; next: accounts {result.which} page {result.next_page}" if result.next_page else ""))
    return "\n".join(lines)


def _period_label(periods: list[str]) -> str:
    return f" ({periods[0]}..{periods[-1]})" if periods else ""


def account_card_text(card: AccountCard) -> str:
    lines = [
        f"{card.name} - {TIER_LABEL.get(card.tier, card.tier)}" + (" (restricted)" if card.restricted else ""),
        f"  Industry {card.industry or '—'}, {card.country or '—'}; customer size {money(card.customer_annual_revenue)}"
        f"; CRM id {card.crm_id or '—'}",
        f"  Quadrant {card.quadrant or 'unscored'}; score {number(card.weighted_score)} "
        f"(attractiveness {number(card.attractiveness)}, our strength {number(card.strength)})"
        + (" - from data only" if card.derived_only else ""),
        f"  Owner {card.owner_user_id or card.crm_owner_name or '—'}; sponsor {card.sponsor_user_id or 'none'}"
        + (f"; team {', '.join(card.team_user_ids)}" if card.team_user_ids else "")
        + f"; channel {('#' + card.channel_id) if card.channel_id else 'none'}",
        f"  Revenue {money(card.revenue)}, cost to serve {money(card.cost)}, profit {money(card.profit)}"
        f"{_period_label(card.periods)}",
        f"  Coverage {card.coverage_status.upper()}" + (f" ({card.coverage_reason})" if card.coverage_reason else "")
        + (": " + "; ".join(card.coverage_gaps) if card.coverage_gaps else ""),
        f"  Next review {card.next_review_due or 'not scheduled'}" + (" (OVERDUE)" if card.review_overdue else ""),
        f"  Open actions {card.open_actions}" + (f", {card.overdue_actions} overdue" if card.overdue_actions else ""),
    ]
    if card.key_status is not None:
        lines[1:1] = [f"  {line}" for line in key_status_lines(card.key_status, slack=False)]
    if card.quadrant_advice:
        lines.append(f"  {card.quadrant_advice}")
    if card.waiting_criteria and card.scored_from_data:
        lines.append(f"  Scores from data: {card.scored_from_data}; waiting for a person: "
                     f"{', '.join(card.waiting_criteria)} (`score #{card.id}`)")
    if card.engagement_trend:
        lines.append("  Engagement (reviews, 1-5): " + " > ".join(str(v) for v in card.engagement_trend))
    if card.loyalty_trend:
        lines.append("  Loyalty (reviews, 1-5): " + " > ".join(str(v) for v in card.loyalty_trend))
    return "\n".join(lines)


def error_text(exc: Exception, reference: str | None = None) -> str:
    if isinstance(exc, NeedsChoice):
        options = "\n".join(f"  {i}. {c.label}" for i, c in enumerate(exc.choices, 1))
        return f"{exc.question}\n{options}"
    if isinstance(exc, (UsageError, UserError)):
        return exc.message
    return f"Sorry, something went wrong on our side (reference {reference}). It has been logged."


TEXTS = {
    object: any_text,
    str: str_text,
    Notice: notice_text,
    OpenModal: open_modal_text,
    HelpResult: help_result_text,
    AccountList: account_list_text,
    AccountCard: account_card_text,
}
