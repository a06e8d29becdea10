"""Key-account selection: criteria, score, portfolio, nominate, demote, and the decisions on them."""
from __future__ import annotations

import logging
import re

from bot.commands import KV, Shape, Subcommand, UsageError, Writes, tokenize
from bot.delivery import send_pending
from bot.render import selection as render
from bot.results import OpenModal
from kam_domain.errors import UserError
from kam_domain.models import TierChange
from kam_domain.services import portfolio, selection, tier_changes

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- criteria


def criteria(ctx, inv):
    tokens = tokenize(inv.text)
    if not tokens:
        return selection.show_criteria(ctx.uow(), ctx.actor)
    action, rest = tokens[0].lower(), tokens[1:]
    confirmed = bool(rest) and rest[-1].lower() == CONFIRM_WORD
    if confirmed:
        rest = rest[:-1]
    if action == "template":
        if len(rest) != 1:
            raise UsageError(inv.command, "Name one template: day_one, classic or attractiveness "
                                          "(add `confirm` to switch after the preview).")
        if confirmed:
            return selection.apply_template(ctx.uow(), ctx.actor, rest[0], today=ctx.today)
        return selection.preview_template(ctx.uow(), ctx.actor, rest[0], today=ctx.today)
    if action == "set":
        if confirmed:
            return selection.define_criteria(ctx.uow(), ctx.actor, _pairs(inv, rest), today=ctx.today)
        return selection.preview_criteria_set(ctx.uow(), ctx.actor, _pairs(inv, rest), today=ctx.today)
    if action in ("thresholds", "threshold"):
        return selection.change_thresholds(ctx.uow(), ctx.actor, _pairs(inv, rest))
    raise UsageError(inv.command, f"`{action}` is not template, set or thresholds.")


CONFIRM_WORD = "confirm"  # `criteria template NAME confirm`: the switch after its preview


def _pairs(inv, tokens: list[str]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for token in tokens:
        match = KV.match(token)
        if not match:
            raise UsageError(inv.command, f"`{token}` is not key=value.")
        key = match.group(1).lower().replace("-", "_")
        if key in pairs:
            raise UsageError(inv.command, f"`{key}` is given twice.")
        pairs[key] = match.group(2).strip().strip('"')
    return pairs


# ---------------------------------------------------------------------------- scores


def score(ctx, inv):
    if inv.kv:
        return selection.set_scores(ctx.uow(), ctx.actor, inv.account_text, inv.kv, ctx.container.clock.now())
    card = selection.score_card(ctx.uow(), ctx.actor, inv.account_text, today=ctx.today)
    if ctx.surface == "slack" and ctx.trigger_id and card.can_edit and card.has_criteria:
        return score_modal(card, ctx.channel_id)
    return card


def score_modal(card: selection.ScoreCard, channel_id: str | None) -> OpenModal:
    criteria = [{"key": c.key, "label": c.label, "axis": c.axis, "weight": c.weight, "value": c.value,
                 "description": c.description} for c in card.criteria]
    example = " ".join(f"{c.key}=7" for c in card.criteria[:2])
    return OpenModal("score_form", f"Score {card.account_name}",
                     console_hint=f"Set scores with `/kam score #{card.account_id} {example}` (1 to 10).",
                     data={"account_id": card.account_id, "account_name": card.account_name,
                           "channel_id": channel_id, "criteria": criteria})


# ---------------------------------------------------------------------------- portfolio


def portfolio_(ctx, inv):
    if inv.choice == "check":
        return portfolio.criteria_check(ctx.uow(), ctx.actor)
    report = portfolio.portfolio_overview(ctx.uow(), ctx.actor, today=ctx.today)
    return portfolio_reply(ctx, report)


def portfolio_reply(ctx, report: portfolio.PortfolioReport):
    from bot.render.chart import ChartOptions, axis_labels, render_portfolio_png  # matplotlib: loaded when drawn

    periods = f"{report.periods[0]}–{report.periods[-1]}" if report.periods else "no financials yet"
    subtitle = (f"{report.total_accounts} accounts, {report.cap.key_count} key (cap {report.cap.cap}) · "
                f"point area = profit, {periods} · as of {ctx.today:%d %b %Y}")
    x_label, y_label = axis_labels(report.strength_criteria, report.attractiveness_criteria, report.customer_view)
    png = render_portfolio_png(report.points, ChartOptions(
        subtitle=subtitle, attractiveness_line=report.thresholds.attractiveness,
        strength_line=report.thresholds.strength, notes=render.chart_notes(report),
        x_label=x_label, y_label=y_label))
    reply = render.PortfolioReply(report, png, filename=f"portfolio-{ctx.today:%Y-%m-%d}.png")
    if ctx.surface == "console":
        charts = ctx.container.settings.data_dir / "charts"
        charts.mkdir(parents=True, exist_ok=True)
        path = charts / f"portfolio-{ctx.actor.team_id}-{ctx.container.clock.now():%Y%m%d-%H%M%S}.png"
        path.write_bytes(png)
        reply.chart_path = path.resolve()
    return reply


# ---------------------------------------------------------------------------- nominate, demote, decide


def nominate(ctx, inv):
    request = tier_changes.nominate(ctx.uow(), ctx.actor, inv.words, ctx.container.clock.now(), _admins(ctx))
    request.waiting = flush_outbox(ctx, request.delivery_ids)
    return request


def demote(ctx, inv):
    try:
        request = tier_changes.request_demotion(ctx.uow(), ctx.actor, inv.words, ctx.container.clock.now(),
                                             _admins(ctx))
    except tier_changes.MissingReason as exc:
        raise UsageError(inv.command, exc.message) from None
    request.waiting = flush_outbox(ctx, request.delivery_ids)
    return request


def approve(ctx, inv):
    words, sponsor = _sponsor_field(inv)
    tier_change_id, rest = tier_changes.pending_request_id(ctx.uow(), ctx.actor, words, "approve")
    override = _override_reason(inv, rest)
    try:
        return decide(ctx, tier_change_id, approve=True, override_reason=override,
                      reason=None if override is not None else rest, sponsor=sponsor)
    except tier_changes.CapExceeded as exc:
        hint = (f" Override with `/kam approve #{_account_ref(ctx, tier_change_id)} override REASON`."
                if exc.can_override else "")
        raise UserError(exc.message + hint) from None


def reject(ctx, inv):
    tier_change_id, rest = tier_changes.pending_request_id(ctx.uow(), ctx.actor, inv.words, "reject")
    try:
        return decide(ctx, tier_change_id, approve=False, reason=rest)
    except tier_changes.MissingReason as exc:
        raise UsageError(inv.command, exc.message) from None


def requests(ctx, inv):
    return tier_changes.pending_requests(ctx.uow(), ctx.actor)


def decide(ctx, tier_change_id: int, *, approve: bool, reason: str | None = None,
           override_reason: str | None = None, sponsor: str | None = None) -> tier_changes.TierDecision:
    """Approve or reject, then send the announcement and notices at once (the scheduler retries)."""
    decision = tier_changes.decide(ctx.uow(), ctx.actor, tier_change_id, approve=approve,
                                now=ctx.container.clock.now(), today=ctx.today, reason=reason,
                                override_reason=override_reason,
                                fallback_channel=ctx.container.settings.digest_channel, sponsor=sponsor,
                                names_resolvable=ctx.surface != "console")
    flush_outbox(ctx, decision.delivery_ids)
    return decision


_OVERRIDE = re.compile(r"^override\b[:\s]*", re.I)
_SPONSOR_FIELD = re.compile(r"^sponsor=(.*)$", re.I | re.S)


def _sponsor_field(inv) -> tuple[list[str], str | None]:
    """`/kam approve Alpenglow sponsor=@helena ...`: the words without the field, and the sponsor named."""
    words, sponsors = [], []
    for word in inv.words:
        match = _SPONSOR_FIELD.match(word)
        if match:
            sponsors.append(match.group(1).strip().strip('"'))
        else:
            words.append(word)
    if len(sponsors) > 1:
        raise UsageError(inv.command, "Name one sponsor: `sponsor=@someone`.")
    if sponsors and not sponsors[0]:
        raise UsageError(inv.command, "Say who sponsors the account: `sponsor=@someone`.")
    return words, (sponsors[0] if sponsors else None)


def _override_reason(inv, rest: str) -> str | None:
    text = (rest or "").strip()
    if not _OVERRIDE.match(text):
        return None
    reason = _OVERRIDE.sub("", text).strip()
    if not reason:
        raise UsageError(inv.command, "An override needs a written reason after `override`.")
    return reason


def _account_ref(ctx, tier_change_id: int) -> int:
    with ctx.uow() as uow:
        change = uow.session.get(TierChange, tier_change_id)
        return change.account_id if change else 0


def _admins(ctx) -> frozenset[str]:
    return ctx.container.settings.admin_ids


def flush_outbox(ctx, ids: list[int]) -> int:
    """Send the deliveries a change just queued; what fails stays pending for the scheduler.

    Returns how many Slack did not take (0 with no Slack connected: the console says so itself).
    """
    client = ctx.client
    if client is None and ctx.container.settings.slack_bot_token:
        client = ctx.container.slack_client
    if not ids or client is None:
        return 0
    try:
        report = send_pending(ctx.container, client, ids=ids)
    except Exception:  # noqa: BLE001 - the change is committed; the scheduler sends what is left
        log.exception("sending deliveries %s failed; the scheduler will retry", ids)
        return len(ids)
    return len(report.failed)


COMMANDS = (
    Subcommand("criteria", "[template NAME | set key=weight:axis ... | thresholds cap=.. watch=.. ...]",
               "the scoring criteria and selection thresholds; only admins change them", Shape.TEXT,
               examples=("/kam criteria", "/kam criteria template classic", "/kam criteria template classic confirm",
               "/kam criteria set product_fit=3:attractiveness solvency=2:a relationships=2:strength",
               "/kam criteria thresholds cap=30 concentration=20% gap=2"),
               details="A template or `set` first shows what the switch does to the matrix (who moves quadrant, who "
               "leaves it); add `confirm` (or click Switch criteria) to make it. "
               "Templates: day_one (the default until an admin chooses: criteria the data answers, "
               "scored from financials, the customer's size and rating, the stakeholder map and meetings, plus "
               "judgement criteria), classic (the 8 classic selection criteria) or attractiveness (the 8-point "
               "attractiveness framework plus three strength criteria). `set` replaces all criteria: "
               "3 or more, weights above 0, each on the attractiveness (a) or strength (s) axis. "
               "Thresholds: cap (key accounts), watch (weighted score for the watch-list), growth "
               "(revenue growth for the watch-list), concentration (share of profit), gap (perception gap).",
               writes=Writes.WITH_FIELDS, handler=criteria),
    Subcommand("score", "ACCOUNT [criterion=1..10 ...]", "show scores, or set them; no values opens a form",
               Shape.ACCOUNT_KV, examples=("/kam score Borealis", "/kam score Borealis product_fit=8 solvency=6"),
               writes=Writes.WITH_FIELDS, intent_label="Show scores", write_intent=("score_set", "Set scores"),
               handler=score),
    Subcommand("portfolio", "[check]", "matrix chart, 80/20 view, cap and selection warnings", Shape.CHOICE,
               choices=("check",), examples=("/kam portfolio", "/kam portfolio check"),
               details="`check` asks whether the criteria are right: did the key accounts grow more than the "
               "rest, and which criteria went with growth.",
               intent_label="Portfolio matrix",
               tool="The portfolio: the two-axis matrix, the 80/20 view, the key-account cap and selection warnings.",
               handler=portfolio_),
    Subcommand("nominate", "ACCOUNT [reason]", "ask to make an account key (a sponsor or admin approves)",
               Shape.ACCOUNT_REST, examples=("/kam nominate Helios Foods new plant doubles their volume",),
               writes=Writes.ALWAYS, intent_label="Nominate as key account", handler=nominate),
    Subcommand("demote", "ACCOUNT reason", "ask to end key status (needs a reason and an approval; announced)",
               Shape.ACCOUNT_REST, text_required=True,
               examples=("/kam demote Nordic Paper volumes fell 60% and no growth plan",),
               writes=Writes.ALWAYS, intent_label="Ask to demote", handler=demote),
    Subcommand("approve", "ACCOUNT [sponsor=@u] [override REASON | note]",
               "approve the pending nomination or demotion of an account (its sponsor or an admin)",
               Shape.ACCOUNT_REST, examples=("/kam approve Alpenglow sponsor=@helena",
               "/kam approve Alpenglow Strong fit. Write the account plan within 60 days.",
               "/kam approve Alpenglow override board priority "
               "for 2027, Meridian will be demoted in Q1"),
               details="A key account needs an executive sponsor: approving one without asks you to name one "
               "(sponsor=@someone) or to say why not (override REASON). Words after the account are kept "
               "with the approval; a sentence with a deadline (\"within 60 days\", \"by 2027-03-31\") is a "
               "condition, tracked on the account card and in next actions.",
               writes=Writes.ALWAYS, handler=approve),
    Subcommand("reject", "ACCOUNT reason", "reject the pending nomination or demotion of an account, saying why",
               Shape.ACCOUNT_REST, text_required=True,
               examples=("/kam reject Alpenglow volumes are too small until the new plant opens",),
               writes=Writes.ALWAYS, handler=reject),
    Subcommand("requests", "", "nominations and demotions waiting for a decision", Shape.NONE,
               examples=("/kam requests",), aliases=("approvals",),
               handler=requests),
)
