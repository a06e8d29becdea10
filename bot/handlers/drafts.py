"""Drafts from the notes index: `/kam swot`, the drafted part of `/kam next`, method answers.

`/kam next` is owned by the plans feature (rule-based actions). Until its handler merges
`kam_domain.services.drafts.draft_next_actions` itself, this module wraps it so the reply
shows the actions drafted from the notes under the rule-based list (`NextWithDrafts`).
"""
from __future__ import annotations

import bot.render.drafts  # noqa: F401  (registers the renderers)
from bot.commands import REGISTRY, Shape
from bot.handlers.declare import subcommand
from bot.render.drafts import NextWithDrafts
from kam_domain.errors import NotYetAvailable
from kam_domain.services import drafts, knowledge, queries
from kam_domain.services.knowledge import KnowledgeAnswer


@subcommand("swot", "ACCOUNT", "drafted SWOT, each point citing its note; accept or reject", Shape.ACCOUNT,
            examples=("/kam swot Borealis",),
            details="Points come from the account's notes and cite the note (number, date, author); points from "
                    "old notes are marked stale. Accepted points go into the plan's SWOT.")
def swot(ctx, inv):
    container = ctx.container
    return drafts.draft_swot(ctx.uow(), ctx.actor, inv.account_text, ctx.today, container.notes_index,
                             container.drafter)


def next_with_drafts(rule_based):
    """`/kam next`: the rule-based answer, then the actions drafted from the notes."""

    def next_(ctx, inv):
        with ctx.uow() as uow:
            account_id = queries.resolve_account(uow.session, ctx.actor.team_id, inv.account_text, command="next").id
        try:
            base = rule_based(ctx, inv)
        except NotYetAvailable:
            base = None
        if getattr(base, "drafted_actions", None) is not None:
            return base  # the plans feature already merged the drafts
        container = ctx.container
        drafted = drafts.next_action_drafts(ctx.uow(), ctx.actor, account_id, ctx.today, container.notes_index,
                                            container.drafter)
        return NextWithDrafts(base, drafted)

    next_.wrapped = rule_based
    return next_


_next = REGISTRY.get("next")
if _next is not None and not hasattr(_next.handler, "wrapped"):
    REGISTRY.replace_handler("next", next_with_drafts(_next.handler))


def method_answer(ctx, text: str) -> KnowledgeAnswer | None:
    """The answer from the KAM guides when `text` is a method question, else None."""
    container = ctx.container
    with ctx.uow() as uow:
        names = [name for candidate in queries.account_candidates(uow.session, ctx.actor.team_id)
                 for name in (candidate.name, *candidate.keys)]
    if not knowledge.is_method_question(text, container.notes_index, names):
        return None
    return knowledge.answer_method_question(text, container.notes_index, container.drafter)
