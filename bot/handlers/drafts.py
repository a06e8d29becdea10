"""Drafts from the notes index: `/kam swot` (with its accept/reject decisions), the drafted part of
`/kam next` (`next_with_drafts`, composed into the `next` declaration by the plans feature).
"""
from __future__ import annotations

from bot.commands import Shape, Subcommand
from bot.handlers.plan_writes import SWOT_ARGS, SWOT_DETAILS, SWOT_EXAMPLES, is_swot_decision, swot_with_decisions
from bot.render.drafts import NextWithDrafts
from kam_domain.services import drafts, queries


def swot(ctx, inv):
    container = ctx.container
    return drafts.draft_swot(ctx.uow(), ctx.actor, inv.account_text, ctx.today, container.notes_index,
                             container.drafter)


def next_with_drafts(rule_based):
    """`/kam next`: the rule-based answer, then the actions drafted from the notes."""

    def next_(ctx, inv):
        with ctx.uow() as uow:
            account_id = queries.resolve_account(uow.session, ctx.actor.team_id, inv.account_text, command="next").id
        base = rule_based(ctx, inv)
        container = ctx.container
        drafted = drafts.next_action_drafts(ctx.uow(), ctx.actor, account_id, ctx.today, container.notes_index,
                                            container.drafter)
        return NextWithDrafts(base, drafted)

    return next_


COMMANDS = (
    Subcommand("swot", SWOT_ARGS, "drafted SWOT, each point citing its note; accept or reject", Shape.ACCOUNT,
               examples=SWOT_EXAMPLES, details=SWOT_DETAILS, changes_when=is_swot_decision, intent_label="SWOT draft",
               handler=swot_with_decisions(swot)),
)
