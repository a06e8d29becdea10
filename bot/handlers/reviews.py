"""Account reviews: `/kam review ACCOUNT [engagement=1..5 loyalty=1..5 outcome="..." ...]`."""
from __future__ import annotations

from bot.commands import Shape, Subcommand, Writes
from bot.render.reviews import review_modal
from kam_domain.services import reviews
from kam_domain.services.reviews import REVIEW_FIELDS


def review(ctx, inv):
    if not inv.words:
        return reviews.reviews_due(ctx.uow(), ctx.actor, ctx.today)
    if inv.kv:
        fields = reviews.parse_review_fields(inv.kv)
        return reviews.record_review(ctx.uow(), ctx.actor, inv.account_text, fields, ctx.container.clock.now(),
                                     ctx.today)
    checklist = reviews.review_checklist(ctx.uow(), ctx.actor, inv.account_text, ctx.today)
    if ctx.surface == "slack" and ctx.trigger_id and checklist.can_record:
        return review_modal(checklist, ctx.channel_id)
    return checklist


COMMANDS = (
    Subcommand("review", "ACCOUNT [engagement=1..5 loyalty=1..5 outcome=\"...\" plan=yes|no objectives=.. coverage=..]",
               "review checklist; records the review", Shape.ACCOUNT_KV, kv_keys=REVIEW_FIELDS,
               examples=("/kam review Borealis",
               '/kam review Borealis engagement=4 loyalty=3 outcome="renewal on track; add a CFO contact"'),
               details="Without values: the checklist (in Slack, the review form). With values: records the review "
               "and schedules the next one. objectives=on_track|at_risk|off_track|none, coverage=good|gaps, "
               "risks=\"...\". Without an account (`/kam review`): the reviews overdue or due in the next "
               f"{reviews.REVIEWS_AHEAD_DAYS} days, across the accounts you can see.",
               account_optional=True, writes=Writes.WITH_FIELDS, intent_label="Account review",
               handler=review),
)
