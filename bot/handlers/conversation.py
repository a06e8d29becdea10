"""Plain language (@mentions, DMs, `/kam ask`, console lines).

A read typed as a subcommand ("account borealis") runs as that command: fast, no model. Its words
are read leniently ("swot for Northstar", "next steps on Northstar?": bot.language.command_words);
when they name no account clearly the whole message goes to the language router instead.
A write runs directly only as an exact line with an `#ID` account (what a confirmation
button sends); any other write, and everything else, goes to the language router
(`bot.language`), which asks when unsure and turns writes into a confirmation first.
Which subcommands read and which write comes from their declarations (`Subcommand.writes`).
"""
from __future__ import annotations

from bot.commands import Invocation, UsageError
from bot.dispatch import parse, registry, run_command, run_invocation
from bot.language import is_exact_command, respond_to_message
from bot.language.command_words import plain_read, read_line
from kam_domain.errors import NeedsChoice
from kam_domain.services.queries import ACCOUNT_REF, account_at_start


def answer(ctx, text: str):
    if not text.strip():
        return run_command(ctx, "help")
    commands = registry(ctx)
    try:
        invocation = commands.parse(text)
    except UsageError:
        invocation = None
    if invocation is None or invocation.command.name == "ask":
        return _read_in_plain_words(ctx, text, None)
    if not invocation.command.is_write(invocation):
        return _read_in_plain_words(ctx, text, invocation)
    if is_exact_command(text, commands):
        return run_invocation(ctx, invocation)
    return respond_to_message(ctx, text)


def run_typed(ctx, invocation: Invocation, text: str):
    """A console line in the `/kam` grammar: a write runs as typed; a read is read as `answer` reads it."""
    if invocation.command.is_write(invocation):
        if invocation.command.needs_account and not _starts_with_an_account(ctx, invocation):
            return answer(ctx, text)  # "log that I met Ana at Acme ...": plain words, confirmed before writing
        return run_invocation(ctx, invocation)
    return _read_in_plain_words(ctx, text, invocation)


def _starts_with_an_account(ctx, invocation: Invocation) -> bool:
    """Whether the words start with an account; a name two accounts share counts (the command asks which)."""
    try:
        with ctx.uow() as uow:
            account, _ = account_at_start(uow.session, ctx.actor.team_id, invocation.words, invocation.command.name)
    except NeedsChoice:
        return True
    return account is not None


def _read_in_plain_words(ctx, text: str, invocation: Invocation | None):
    read = None if invocation is not None and _names_an_id(invocation) else plain_read(text, registry(ctx))
    if read is None:
        return run_invocation(ctx, invocation) if invocation is not None else respond_to_message(ctx, text)
    line = read_line(ctx, read)  # NeedsChoice when the name fits two accounts: a real answer
    if line is None and _read_as_typed(invocation, read):
        return run_invocation(ctx, invocation)  # "plan zzzz": the command's own "no account matches" and its choices
    exact = parse(ctx, line) if line is not None else None
    if exact is None or exact.command.is_write(exact):
        return respond_to_message(ctx, text)
    return run_invocation(ctx, exact)


def _read_as_typed(invocation: Invocation | None, read) -> bool:
    """Nothing was set aside: the words after the subcommand are the account as typed (a clean command line)."""
    return (invocation is not None and read.command.name == invocation.command.name
            and [w.lower() for w in read.account_words] == [w.lower() for w in invocation.words])


def _names_an_id(invocation: Invocation) -> bool:
    """`account #12` is an exact line (a button's, or one we handed out): run it as typed."""
    return bool(invocation.words) and ACCOUNT_REF.fullmatch(invocation.words[0]) is not None
