"""What the assistant thread offers and says while it works (Slack's agent / assistant view).

A thread opened while the user views an account's channel suggests questions about that account,
if the user may read it; anywhere else, questions about the portfolio. Each suggestion's `message`
is a line the conversation answers directly (a read subcommand), its `title` what Slack shows.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.language.directory import Memory, SqlDirectory, ThreadKey
from kam_domain.models import Account, Note
from kam_domain.rules.names import LEGAL_SUFFIXES, fold
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, allowed

MAX_PROMPTS = 4  # Slack's limit for assistant.threads.setSuggestedPrompts
SHORT_NAME = 24
THINKING = "is thinking…"
NOTE_READERS = frozenset({"swot", "ask"})  # subcommands whose answer reads the account's notes


@dataclass(frozen=True)
class Prompt:
    title: str  # what the user sees
    message: str  # what is sent as the user's message when they pick it


@dataclass(frozen=True)
class ThreadPrompts:
    title: str  # the heading above the suggestions
    prompts: tuple[Prompt, ...]
    account_id: int | None = None  # the account they are about, if any


PORTFOLIO = ThreadPrompts("Ask about your key accounts", (
    Prompt("Which key accounts need a review?", "review"),
    Prompt("Key accounts", "accounts key"),
    Prompt("The portfolio matrix", "portfolio"),
    Prompt("Candidates for key status", "accounts candidates"),
))


def short_name(name: str) -> str:
    """"Borealis Logistics GmbH" -> "Borealis Logistics"; a long name -> its first word."""
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in LEGAL_SUFFIXES:
        words.pop()
    shorter = " ".join(words)
    return shorter if len(shorter) <= SHORT_NAME else words[0][:SHORT_NAME]


def account_prompts(account_id: int, name: str) -> ThreadPrompts:
    short = short_name(name)
    prompts = (
        Prompt(f"SWOT for {short}", f"swot {name}"),
        Prompt(f"Who haven't we met at {short}?", f"stakeholders {name}"),
        Prompt(f"What's due at {short}?", f"plan {name}"),
        Prompt(f"Next actions for {short}", f"next {name}"),
    )
    return ThreadPrompts(f"Ask about {short}", prompts[:MAX_PROMPTS], account_id)


def prompts_for_channel(uow, actor: Actor, channel_id: str | None, thread: ThreadKey | None = None) -> ThreadPrompts:
    """The suggestions for a thread opened while viewing `channel_id` (None: not in a channel).

    Until its first answer, the `thread` is about the account of that channel: its conversation memory
    says so, so a question typed there without an account name is about it, as in the channel itself."""
    with uow:
        account = readable_account_in_channel(uow.session, actor, channel_id) if channel_id else None
        prompts = account_prompts(account.id, account.name) if account is not None else PORTFOLIO
        if thread is not None and _about_the_viewed_channel(uow.session, actor, thread, prompts.account_id):
            uow.commit()
        return prompts


def _about_the_viewed_channel(session: Session, actor: Actor, thread: ThreadKey, account_id: int | None) -> bool:
    directory = SqlDirectory(session, actor.team_id)
    memory = directory.recall(thread)
    if memory is not None and memory.last_intent is not None:
        return False  # the conversation has its own subject now
    if memory is None and account_id is None:
        return False
    directory.remember(thread, Memory(account_id, None, None))
    return True


def readable_account_in_channel(session: Session, actor: Actor, channel_id: str) -> Account | None:
    """The first account (by name) of the actor's workspace whose channel this is and which they may read."""
    rows = session.exec(select(Account).where(Account.team_id == actor.team_id, Account.channel_id == channel_id)
                        .order_by(Account.name)).all()
    return next((a for a in rows if allowed(session, actor, Permission.READ, a)), None)


def working_status(uow, actor: Actor, command: str | None, account_text: str | None) -> str:
    """What the thread shows while the answer is produced: how many notes it reads, when it reads an
    account's notes the actor may see; else that it is thinking."""
    if command not in NOTE_READERS or not account_text:
        return THINKING
    with uow:
        session = uow.session
        try:
            account = queries.resolve_account(session, actor.team_id, account_text, command)
        except UserError:
            return THINKING  # the answer says what is wrong with the name
        if not allowed(session, actor, Permission.READ, account):
            return THINKING
        count = session.exec(select(func.count()).select_from(Note)
                             .where(Note.team_id == actor.team_id, Note.account_id == account.id)).one()
        if not count:
            return THINKING
        return f"is reading {count} note{'s' if count != 1 else ''} on {short_name(account.name)}…"
