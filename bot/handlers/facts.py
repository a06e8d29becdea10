"""Facts about one account or one person that the store holds: money over N quarters, reports-to
chains, a person's attitude with the notes behind it, what we promised, what changed since a day."""
from __future__ import annotations

import re

from bot.commands import Shape, Subcommand, UsageError
from kam_domain.language.slots import quarters_asked
from kam_domain.services import account_history, account_money, person_facts

_LEADING_FILLER = re.compile(r"^(?:(?:for|on|at|of|about|with|from|to|the|pls|please)\b[\s:,\-]*)+", re.I)
_SINCE = re.compile(r"\s*\b(since|from|after)\b\s*(.*)$", re.I | re.S)
_COUNT = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# "Borealis over the last 8 quarters", "Borealis 8 qtrs", "Borealis past year": where the period starts
_PERIOD = re.compile(rf"\s*\b(?:(?:over|for|in|during)\s+)?(?:the\s+)?(?:(?:last|past|previous)\s+(?:{_COUNT}\s*)?|"
                     rf"{_COUNT}\s*-?\s*)(?:quarters?|qtrs?|q|years?|yrs?|months?)\b.*$", re.I | re.S)


def account_words(text: str) -> str:
    """"for Borealis?" -> "Borealis": the filler before an account and the punctuation after it go."""
    return _LEADING_FILLER.sub("", text.strip()).strip(" ?!.:,")


def revenue(ctx, inv):
    count = quarters_asked(inv.text)
    account_text = account_words(_PERIOD.sub("", inv.text))
    if not account_text:
        raise UsageError(inv.command, "Name an account before the number of quarters.")
    return account_money.account_money(ctx.uow(), ctx.actor, account_text, count)


def reports(ctx, inv):
    return person_facts.reports_chain(ctx.uow(), ctx.actor, inv.text)


def attitude(ctx, inv):
    return person_facts.person_attitude(ctx.uow(), ctx.actor, inv.text)


def promises(ctx, inv):
    return account_history.promises(ctx.uow(), ctx.actor, account_words(inv.account_text), ctx.today)


def changes(ctx, inv):
    account_text, since = inv.text, ""
    if m := _SINCE.search(inv.text):
        account_text, since = inv.text[:m.start()], m.group(2)
        if not since.strip():
            raise UsageError(inv.command, "Say since when after `since`, e.g. `since 1 Nov`.")
    else:
        since = (ctx.today - account_history.DEFAULT_WINDOW).isoformat()
    return account_history.changes_since(ctx.uow(), ctx.actor, account_words(account_text), since, ctx.today)


COMMANDS = (
    Subcommand("revenue", "ACCOUNT [N quarters]", "revenue, cost to serve, profit, margin and growth per quarter",
               Shape.ACCOUNT_REST, aliases=("financials",),
               examples=("/kam revenue Borealis", "/kam revenue Borealis 8 quarters"),
               details=f"The last {account_money.DEFAULT_QUARTERS} quarters unless you give a number (up to "
               f"{account_money.MAX_QUARTERS}); totals, margin = (revenue - cost to serve) / revenue, and growth, "
               "from the imported financials (what the customer pays us).",
               intent_label="Revenue, profit and growth of an account",
               tool="Revenue, cost to serve, profit and margin of one account per quarter over the last N quarters "
               "(default 4), with totals and revenue growth, from the imported financials.",
               handler=revenue),
    Subcommand("reports", "PERSON [at ACCOUNT]", "whom a person reports to, up to the top, and who reports to them",
               Shape.TEXT, text_required=True, account_optional=True, aliases=("reports-to",),
               examples=("/kam reports Ana Ruiz", "/kam reports Ana Ruiz at Acme"),
               intent_label="Who a person reports to",
               tool="The reports-to chain of one stakeholder (a person at a customer): their manager, up to the top, "
               "and their direct reports.",
               handler=reports),
    Subcommand("attitude", "PERSON [at ACCOUNT]", "is a person for or against us: the map's attitude and the notes",
               Shape.TEXT, text_required=True, account_optional=True,
               examples=("/kam attitude Ana Ruiz", "/kam attitude Lars at Borealis"),
               details="The attitude on the stakeholder map (-2 hostile .. +2 champion), who set it and when, what "
               "the notes suggest, and the notes that mention the person, each with its date and author.",
               intent_label="Is a person for or against us",
               tool="Whether one stakeholder is for or against us: the map's attitude (-2..+2), who set it when, "
               "what the notes suggest and the notes that mention them, cited by date and author.",
               handler=attitude),
    Subcommand("promises", "ACCOUNT", "what we promised an account: open actions and commitments in notes",
               Shape.ACCOUNT_REST, aliases=("commitments", "promised"), examples=("/kam promises Borealis",),
               intent_label="What we promised an account",
               tool="What we promised one account: its open actions, and the commitments our side made in its notes "
               "that no action carries yet, each citing its note.",
               handler=promises),
    Subcommand("changes", "ACCOUNT [since DATE]", "what changed at an account since a day (default: 30 days)",
               Shape.ACCOUNT_REST, examples=("/kam changes Borealis since 1 Nov", "/kam changes Borealis"),
               details="Notes, meetings, plan, stakeholder, score, team and tier changes since the day, oldest first.",
               intent_label="What changed at an account",
               tool="What changed at one account since a day: notes, meetings, plan, stakeholder, score, team and "
               "tier changes.",
               handler=changes),
)
