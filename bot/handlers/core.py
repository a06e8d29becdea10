"""help, accounts, account, ask."""
from __future__ import annotations

from bot.commands import Shape, Subcommand, UsageError
from bot.handlers.conversation import answer
from bot.results import HelpResult
from kam_domain.services import accounts


def help_(ctx, inv):
    registry = ctx.container.wiring.registry
    if not inv.text:
        return HelpResult(registry.all())
    name = inv.text.split()[0]
    command = registry.get(name)
    if command is None:
        suggestions = registry.did_you_mean(name)
        hint = f" Did you mean {', '.join('`' + s + '`' for s in suggestions)}?" if suggestions else ""
        raise UsageError(inv.command, f"There is no subcommand `{name}`.{hint}", suggestions)
    return HelpResult(registry.all(), detail=command)


def accounts_(ctx, inv):
    if ctx.surface == "console" and inv.page is None:  # a terminal scrolls: every row at once
        return accounts.list_accounts(ctx.uow(), ctx.actor, inv.choice or "key", limit=None)
    return accounts.list_accounts(ctx.uow(), ctx.actor, inv.choice or "key", page=inv.page or 1)


def account(ctx, inv):
    return accounts.account_card(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


def ask(ctx, inv):
    return answer(ctx, inv.text)


COMMANDS = (
    Subcommand("help", "[subcommand]", "what I can do, or how to use one subcommand", Shape.TEXT,
               examples=("/kam help", "/kam help log"), intent_label="What I can do",
               handler=help_),
    Subcommand("accounts", "[key|candidates|regular|all] [page N]", "list accounts by tier (default: key)", Shape.CHOICE,
               choices=("key", "candidates", "regular", "all"), default_choice="key", pageable=True,
               examples=("/kam accounts", "/kam accounts candidates", "/kam accounts all page 2"), aliases=("list",),
               details=f"Slack shows {accounts.PAGE_SIZE} accounts a page, with a Show more button; "
               "the console shows them all.",
               intent_label="List accounts", tool="List accounts: which is one of key, candidates, regular, all.",
               handler=accounts_),
    Subcommand("account", "ACCOUNT", "account card: tier, quadrant, score, owner, sponsor, revenue and profit, "
               "coverage, next review", Shape.ACCOUNT, examples=("/kam account Borealis",), aliases=("card",),
               intent_label="Account card",
               tool="The account card: tier, quadrant, score, owner, sponsor, revenue and profit, coverage, next review.",
               handler=account),
    Subcommand("ask", "QUESTION", "anything, in plain words, as to an @mention", Shape.TEXT, text_required=True,
               examples=("/kam ask who are the decision makers at Borealis?",),
               handler=ask),
)
