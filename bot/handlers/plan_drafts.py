"""`/kam plan-draft ACCOUNT`: the plan drafted from the notes, accepted or rejected point by point
(`plan-draft ACCOUNT accept 1 3`, `reject 2`, `accept all`; in Slack each point has buttons)."""
from __future__ import annotations

from bot.commands import Shape, Subcommand, Writes
from kam_domain.errors import NeedsChoice
from kam_domain.services import plan_draft_decisions as decisions

_VERBS = ("accept", "reject")
DRAFT_DETAILS = ("Proposals from the account's notes, each citing its notes: the customer's business (goals, "
                 "initiatives, financial health, competitors), objectives by horizon (short 0-6 months, mid 6-18, long "
                 "18+), and stakeholder reads (attitude, role, influence the notes suggest). The console numbers the "
                 "points: `plan-draft Borealis accept 1 3` puts them into the plan or the map, `plan-draft Borealis reject 2` "
                 "leaves a point out of later drafts (also `accept 2-4`, `accept all`). In Slack each point has Accept "
                 "and Reject buttons.")


def draft(ctx, inv):
    at = decision_index(inv.words)
    if at is None:
        return decisions.plan_draft(ctx.uow(), ctx.actor, inv.account_text, ctx.today)
    account_words, verb, numbers = inv.words[:at], inv.words[at].lower(), inv.words[at + 1:]
    try:
        return decisions.decide_numbers(ctx.uow, ctx.actor, " ".join(account_words), numbers, verb == "accept",
                                        ctx.today, ctx.container.clock.now())
    except NeedsChoice as exc:
        if exc.retry_command:
            exc.retry_command = f"{exc.retry_command} {verb} {' '.join(numbers)}".strip()
        raise


def decision_index(words: list[str]) -> int | None:
    """`borealis accept 1 3` -> 1: the last accept/reject after the account's words."""
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() in _VERBS:
            return i
    return None


def is_draft_decision(invocation) -> bool:
    return decision_index(invocation.words) is not None


COMMANDS = (
    Subcommand("plan-draft", "ACCOUNT [accept|reject N ...]",
               "plan draft from the notes: business, objectives by horizon, stakeholder reads; accept or reject",
               Shape.ACCOUNT_REST, examples=("/kam plan-draft Borealis", "/kam plan-draft Borealis accept 1 3",
                                             "/kam plan-draft Borealis reject 2"),
               details=DRAFT_DETAILS, writes=Writes.NEVER, changes_when=is_draft_decision,
               intent_label="Plan draft from the notes",
               tool="Proposed plan content drafted from one account's notes: customer business, objectives by "
                    "horizon and stakeholder reads, each with the notes it cites.",
               handler=draft),
)
