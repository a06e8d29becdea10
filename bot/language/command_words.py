"""A plain-language message that starts like a subcommand: "swot for Northstar", "next steps on
Northstar?", "account plan: Northstar", "map the relationships at Northstar".

`/kam` keeps its exact grammar; in plain words (an @mention, a DM, `/kam ask`, a console line) the
words after the subcommand (or a phrase that means it, "next steps" -> `next`) are read leniently:
filler before the account ("for", "on", "at", ":") and a trailing remark or question ("pls - what
are our objectives there?") are skipped. What is left must name an account clearly; when it does
not, the caller hands the whole message to the router instead of saying "No account called 'for X'".
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.commands import Registry, Shape, Subcommand, Writes, clean_slack_text
from bot.context import RequestContext
from bot.language.threads import thread_key
from kam_domain.language.directory import Memory, SqlDirectory
from kam_domain.services import queries

# Phrases that mean a subcommand, longest first when they share a start.
PHRASES: dict[tuple[str, ...], str] = {
    ("next", "steps"): "next", ("next", "step"): "next", ("next", "actions"): "next", ("next", "action"): "next",
    ("account", "plan"): "plan", ("swot", "analysis"): "swot", ("account", "card"): "account",
    ("relationship", "map"): "stakeholders", ("relationships", "map"): "stakeholders",
    ("map", "the", "relationships"): "stakeholders", ("map", "relationships"): "stakeholders",
    ("map", "of", "relationships"): "stakeholders", ("stakeholder", "map"): "stakeholders",
}
FILLER = frozenset({"for", "on", "at", "of", "about", "in", "re", "regarding", "with", "pls", "plz", "please",
                    "thanks", "thx"})
QUESTION_WORDS = frozenset({"what", "whats", "what's", "who", "whos", "who's", "whose", "how", "hows", "how's",
                            "when", "where", "which", "why", "is", "are", "do", "does", "did", "can", "could",
                            "should", "would", "will", "any"})
DASHES = frozenset({"-", "--", "–", "—", "|", "/"})
ENDS_A_PART = ("?", "!", ",", ";", ":")  # a word ending so closes the account's part of the message
EDGE_PUNCTUATION = "?!,;:.()\"'“”"
READ_SHAPES = (Shape.ACCOUNT, Shape.ACCOUNT_KV, Shape.ACCOUNT_REST, Shape.ACCOUNT_REST_KV)


@dataclass(frozen=True)
class PlainRead:
    """What a message that starts like a subcommand says, once its filler is set aside."""

    command: Subcommand
    account_words: list[str]  # the words that should name the account (and, for ACCOUNT_REST, what follows)


def bare(word: str) -> str:
    return word.strip(EDGE_PUNCTUATION).lower()


def command_at_start(words: list[str], registry: Registry) -> tuple[Subcommand | None, int]:
    """The subcommand the first words name (a phrase, a two-word alias or the subcommand word) and the words it took."""
    lowered = [bare(w) for w in words[:3]]
    for phrase in sorted(PHRASES, key=len, reverse=True):
        if tuple(lowered[:len(phrase)]) == phrase and registry.get(PHRASES[phrase]) is not None:
            return registry.get(PHRASES[phrase]), len(phrase)
    if len(lowered) >= 2 and registry.get(" ".join(lowered[:2])) is not None:
        return registry.get(" ".join(lowered[:2])), 2
    command = registry.get(lowered[0]) if lowered else None
    return command, (1 if command is not None else 0)


def plain_read(text: str, registry: Registry) -> PlainRead | None:
    """The subcommand an account read starts with and the words for its account; None when the message
    does not start with one, or its subcommand needs no account or always writes."""
    words = clean_slack_text(text).split()
    command, used = command_at_start(words, registry)
    if command is None or command.shape not in READ_SHAPES or command.writes == Writes.ALWAYS:
        return None
    if command.account_optional and len(words) == used:
        return None  # `review` alone answers across accounts
    account_words = _without_trailing_filler(_up_to_a_break(_without_leading_filler(words[used:])))
    return PlainRead(command, account_words)


def _without_leading_filler(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) and (bare(words[start]) in FILLER or not bare(words[start])):
        start += 1
    return words[start:]


def _up_to_a_break(words: list[str]) -> list[str]:
    """The words before a dash or the first word that ends a part ("Northstar?" "Northstar,")."""
    kept: list[str] = []
    for word in words:
        if word in DASHES:
            break
        if word.endswith(ENDS_A_PART):
            kept.append(word.rstrip(EDGE_PUNCTUATION))
            break
        kept.append(word)
    return [w for w in kept if w]


def _without_trailing_filler(words: list[str]) -> list[str]:
    end = len(words)
    while end > 0 and (bare(words[end - 1]) in FILLER or not bare(words[end - 1])):
        end -= 1
    return words[:end]


def droppable(words: list[str]) -> bool:
    """Words after the account that ask nothing of the command: filler, or a question of their own."""
    meaningful = _without_leading_filler(words)
    return not meaningful or bare(meaningful[0]) in QUESTION_WORDS


# --------------------------------------------------------------------------- against the store


def read_line(ctx: RequestContext, read: PlainRead) -> str | None:
    """The exact line to run for a plain read ("swot #12"), or None when its words name no account
    clearly (the router should read the message). Raises NeedsChoice when the name fits two accounts.
    A thread remembers the account, as it does when the router answers."""
    command = read.command
    with ctx.uow() as uow:
        account, used = queries.account_at_start(uow.session, ctx.actor.team_id, read.account_words, command.name)
        if account is None:
            return None
        rest = read.account_words[used:]
        if droppable(rest):
            line = f"{command.name} #{account.id}"
        elif command.shape == Shape.ACCOUNT_REST:  # its own words after the account ("revenue X 8 quarters")
            line = " ".join([command.name, f"#{account.id}", *rest])
        else:
            return None
        _remember(ctx, uow, account.id, command)
    return line


def _remember(ctx: RequestContext, uow, account_id: int, command: Subcommand) -> None:
    where = thread_key(ctx)
    if where is None:
        return
    intent = command.name if command.intent_label else None
    SqlDirectory(uow.session, ctx.actor.team_id).remember(where, Memory(account_id, None, intent))
    uow.commit()
