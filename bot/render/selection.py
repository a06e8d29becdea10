"""Selection results as Slack Block Kit and console text, and the outbox messages of tier changes.

Each result is laid out once as a `Doc` (title, parts of lines, buttons) by a function that
takes a formatter; the Slack formatter escapes every piece of data, the console one leaves
it plain.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from bot.render.blocks import (
    RUN_ACTION,
    SlackMessage,
    button,
    context,
    header,
    run_buttons,
    section,
)
from bot.render.escape import money, number, slack_escape as esc, user_ref
from bot.render.text import TIER_LABEL
from kam_domain.models import Delivery
from kam_domain.services.portfolio import CriteriaCheckReport, PortfolioReport
from kam_domain.rules.criteria_switch import quadrant_label
from kam_domain.rules.portfolio import distinct_percents, percent_decimals
from kam_domain.services.selection import CriteriaPreview, CriteriaView, ScoreCard
from kam_domain.services.tier_changes import (
    ANNOUNCEMENT_KIND,
    DECISION_KIND,
    REQUEST_KIND,
    PendingRequests,
    RequestDetails,
    TierDecision,
    TierRequest,
    request_details,
)

APPROVE_ACTION = "tier_decision:approve"
REJECT_ACTION = "tier_decision:reject"
OVERRIDE_ACTION = "tier_decision:override"
TREND = {"up": "↑", "down": "↓", "flat": "→"}
AXIS_LABEL = {"attractiveness": "attractiveness", "strength": "our strength"}


# ============================================================================ layout


@dataclass
class Part:
    heading: str | None
    lines: list[str]


@dataclass
class Doc:
    title: str
    parts: list[Part] = field(default_factory=list)
    footer: str | None = None
    buttons: list[tuple[str, str]] = field(default_factory=list)  # label, /kam command line
    ephemeral: bool = True

    def add(self, heading: str | None, lines: list[str]) -> None:
        if lines:
            self.parts.append(Part(heading, lines))


class Plain:
    """Console formatting: data as it is."""

    slack = False

    def b(self, text: str) -> str:
        return text

    def t(self, text: object) -> str:
        return "" if text is None else str(text)

    def i(self, text: str) -> str:
        return text

    def user(self, user_id: str | None, fallback: str = "—") -> str:
        return user_id or fallback

    def cmd(self, line: str) -> str:
        return line

    def channel(self, channel_id: str | None) -> str:
        return channel_id or "—"


class Slack(Plain):
    """Slack mrkdwn: every piece of data escaped, mentions only from validated ids."""

    slack = True

    def b(self, text: str) -> str:
        return f"*{text}*"

    def t(self, text: object) -> str:
        return esc("" if text is None else str(text))

    def i(self, text: str) -> str:
        return f"_{text}_"

    def user(self, user_id: str | None, fallback: str = "—") -> str:
        return user_ref(user_id, fallback)

    def cmd(self, line: str) -> str:
        return f"`/kam {esc(line)}`"

    def channel(self, channel_id: str | None) -> str:
        if channel_id and channel_id[:1] in "CG" and channel_id.replace("_", "").isalnum():
            return f"<#{channel_id}>"
        return esc(channel_id or "—")


PLAIN, SLACK = Plain(), Slack()


def as_text(doc: Doc) -> str:
    lines = [doc.title]
    for part in doc.parts:
        indent = "    " if part.heading else "  "
        if part.heading:
            lines.append(f"  {part.heading}")
        lines += [indent + piece for line in part.lines for piece in line.split("\n")]
    if doc.footer:
        lines.append(f"  {doc.footer}")
    if doc.buttons:
        lines.append("  Next: " + " | ".join(command for _, command in doc.buttons))
    return "\n".join(lines)


def as_message(doc: Doc, extra_blocks: list[dict] | None = None) -> SlackMessage:
    blocks = [header(doc.title)]
    for part in doc.parts:
        text = (f"*{part.heading}*\n" if part.heading else "") + "\n".join(part.lines)
        blocks += [section(chunk) for chunk in _chunks(text)]
    if doc.footer:
        blocks.append(context(doc.footer))
    if doc.buttons:
        blocks.append(run_buttons(*doc.buttons[:5]))
    blocks += extra_blocks or []
    return SlackMessage(esc(doc.title), blocks[:50], ephemeral=doc.ephemeral)


def _chunks(text: str, limit: int = 2900) -> list[str]:
    chunks, current = [], ""
    for line in text.split("\n"):
        if current and len(current) + len(line) + 1 > limit:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line[:limit]
    return chunks + ([current] if current else [])


def pct(value: float | None, signed: bool = False, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:+.{decimals}%}" if signed else f"{value:.{decimals}%}"


def day(value: datetime | date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def tier_label(tier: str) -> str:
    return TIER_LABEL.get(tier, tier)


def _names(f: Plain, names: list[str], limit: int = 6) -> str:
    shown = ", ".join(f.t(n) for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# ============================================================================ criteria


def criteria_doc(view: CriteriaView, f: Plain) -> Doc:
    doc = Doc("Scoring criteria" + (f": {view.changed}" if view.changed else ""))
    if view.placed_before is not None and view.placed_after is not None:
        (before, total), (after, _) = view.placed_before, view.placed_after
        doc.add(None, [f"On the matrix: {after} of {total} accounts now, {before} before "
                       "(unscored criteria are taken from the data where it answers them)."]
                + ([f"Scores carried over: {', '.join(f'{f.t(old)} → {f.t(new)}' for new, old in view.carried)} "
                    f"({view.scores_carried} score{'s' if view.scores_carried != 1 else ''})."]
                   if view.carried else []))
    for axis in ("attractiveness", "strength"):
        rows = [c for c in view.criteria if c.axis == axis]
        heading = ("Attractiveness (y-axis): how attractive the customer is to us" if axis == "attractiveness"
                   else "Our strength (x-axis): how the customer sees us")
        doc.add(heading, [f"{f.b(f.t(c.label))} ({f.t(c.key)}) weight {c.weight:g}, {c.share:.0%} of the axis"
                          + (f" {f.i(f.t(c.description))}" if c.description and not f.slack else "")
                          for c in rows])
    s = view.settings
    doc.add("Thresholds", [
        f"Key-account cap {s.key_account_cap}",
        f"Watch-list: weighted score {s.watch_threshold:g} or more, or revenue growth {s.growth_threshold:.0%} or more",
        f"Concentration risk: one account above {s.concentration_share:.0%} of profit",
        f"Perception gap: our strength and the customer's rating of us {s.perception_gap:g} points apart or more",
    ])
    doc.add("Warnings", [f.t(w) for w in view.warnings])
    if view.can_change:
        lines = [f"{f.cmd('criteria template ' + t.name)}: {f.t(t.description)}" for t in view.templates]
        if view.set_line:
            lines.append(f"Edit weights or axes: {f.cmd(view.set_line)}")
        lines.append(f"Thresholds: {f.cmd('criteria thresholds cap=35 watch=6.5 growth=25% concentration=25% gap=2')}")
        doc.add("Change them (admins)", lines)
    else:
        doc.footer = "Only admins change the criteria and thresholds."
    return doc


SWITCH_LABEL = "Switch criteria"
MAX_MOVES_SHOWN = 12


def preview_doc(pv: CriteriaPreview, f: Plain) -> Doc:
    """The preview of a criteria switch: counts, key accounts first, then the rest; nothing written."""
    p = pv.preview
    doc = Doc(f"Preview: switch the scoring criteria to {pv.what}")
    if pv.same:
        doc.add(None, ["These are the criteria in force already: nothing would change."])
        return doc
    doc.add(None, [f"On the matrix: {f.b(str(p.placed_after))} of {p.total} accounts after the switch, "
                   f"{p.placed_before} now. {len(p.moved)} would move quadrant, {len(p.unplaced)} would leave "
                   f"the matrix (scores missing), {len(p.placed)} would join it, {p.unchanged} stay as they are."
                   + (f" {len(p.key_affected)} key account{'s' if len(p.key_affected) != 1 else ''} affected."
                      if p.key_affected else "")])
    if p.empties_matrix:
        doc.add(None, [f.b("Every account would leave the matrix")
                       + ": the new criteria have no scores yet and the data does not answer enough of them. "
                         "Score them after the switch, or choose criteria the data answers."])
    doc.add("Key accounts affected", [_move_line(m, f) for m in p.key_affected[:MAX_MOVES_SHOWN]])
    others = lambda moves: [m for m in moves if m.tier != "key"]  # noqa: E731
    doc.add(f"Would move quadrant ({len(p.moved)})", _move_lines(others(p.moved), f))
    doc.add(f"Would leave the matrix: scores missing ({len(p.unplaced)})", _move_lines(others(p.unplaced), f))
    doc.add(f"Would join the matrix ({len(p.placed)})", _move_lines(others(p.placed), f))
    what = []
    if pv.added:
        what.append(f"New: {_names(f, pv.added, 12)}.")
    if pv.removed:
        what.append(f"Dropped (their scores stay as history): {_names(f, pv.removed, 12)}.")
    for new, old in pv.carried:
        what.append(f"{f.t(new)} keeps the scores given for {f.t(old)} (same meaning).")
    if pv.derived:
        what.append(f"Scored from the data where no person scored them: {_names(f, pv.derived, 12)}.")
    doc.add("The criteria", what)
    if f.slack:
        doc.footer = "Nothing changes until you click Switch criteria. Only admins can switch."
    else:
        doc.footer = f"Nothing is changed yet. To switch, type: {pv.confirm_line}"
    return doc


def _move_line(m, f: Plain) -> str:
    return f"{f.b(f.t(m.name))} ({tier_label(m.tier)}): {quadrant_label(m.before)} → {quadrant_label(m.after)}"


def _move_lines(moves, f: Plain) -> list[str]:
    lines = [_move_line(m, f) for m in moves[:MAX_MOVES_SHOWN]]
    if len(moves) > MAX_MOVES_SHOWN:
        lines.append(f"and {len(moves) - MAX_MOVES_SHOWN} more")
    return lines


def criteria_preview_text(pv: CriteriaPreview) -> str:
    return as_text(preview_doc(pv, PLAIN))


def criteria_preview_message(pv: CriteriaPreview) -> SlackMessage:
    if pv.same:
        return as_message(preview_doc(pv, SLACK))
    actions = {"type": "actions", "block_id": "criteria_switch",
               "elements": [button(SWITCH_LABEL, f"{RUN_ACTION}:confirm", pv.confirm_line, style="primary"),
                            button("Cancel", f"{RUN_ACTION}:cancel", "criteria")]}
    return as_message(preview_doc(pv, SLACK), [actions])


def criteria_view_text(view: CriteriaView) -> str:
    return as_text(criteria_doc(view, PLAIN))


def criteria_view_message(view: CriteriaView) -> SlackMessage:
    return as_message(criteria_doc(view, SLACK))


# ============================================================================ scores


def score_doc(card: ScoreCard, f: Plain) -> Doc:
    doc = Doc(f"Scores: {card.account_name}" + (" (saved)" if card.changed else ""))
    if not card.criteria:
        doc.add(None, ["There are no scoring criteria yet: an admin sets them with "
                       f"{f.cmd('criteria template classic')}."])
        return doc
    if card.changed:
        doc.add(None, [f"Saved: {_names(f, card.changed, 10)}."])
    doc.add(None, [_position_line(card, f)])
    for axis in ("attractiveness", "strength"):
        doc.add(AXIS_LABEL[axis].capitalize(), [_criterion_line(c, f) for c in card.criteria if c.axis == axis])
    waiting = card.waiting
    if waiting:
        doc.add("Waiting for a person", [", ".join(f.t(c.label) for c in waiting)
                                         + (": the data does not answer them." if len(waiting) > 1
                                            else ": the data does not answer it.")])
    if card.default_criteria:
        doc.add(None, [f.i("Criteria: the day-one template (data first), in force until an admin chooses others "
                           "with ") + f.cmd("criteria template classic") + "."])
    doc.add("Perception", _perception(card, f))
    doc.add("History", [_history_line(h, f) for h in card.history])
    ref = f"#{card.account_id}"
    if card.can_edit:
        example = " ".join(f"{c.key}={c.value or 7}" for c in card.criteria[:2])
        doc.footer = f"Set scores: {f.cmd(f'score {ref} {example}')} (1 to 10)" if not f.slack else None
        doc.buttons.append(("Edit scores", f"score {ref}"))
    doc.buttons.append(("Account card", f"account {ref}"))
    if card.tier != "key":
        doc.buttons.append(("Nominate as key", f"nominate {ref}"))
    return doc


def _position_line(card: ScoreCard, f: Plain) -> str:
    line = (f"Weighted score {f.b(number(card.weighted))} · attractiveness {number(card.attractiveness)} · "
            f"our strength {number(card.strength)} · {tier_label(card.tier)}")
    if card.quadrant:
        line += f"\n{f.b(card.quadrant)}: {card.quadrant_advice}"
    else:
        line += "\nNot on the matrix yet: both axes need at least one score."
    if card.derived_only:
        line += "\nPlaced from data only: score the judgement criteria to confirm it."
    if card.tier != "key" and card.weighted is not None and card.weighted >= card.watch_threshold:
        line += f"\nAt or above the watch threshold {card.watch_threshold:g}: a candidate to watch."
    return line


def _criterion_line(c, f: Plain) -> str:
    """A person's score (who, when) wins; else the data's with its provenance; else it waits."""
    derived = getattr(c, "derived", None)
    provenance = getattr(c, "provenance", None)
    if c.value is None:
        if derived is not None:
            return f"{f.t(c.label)} (×{c.weight:g}): {f.b(str(derived))} · from data: {f.t(provenance)}"
        return f"{f.t(c.label)} (×{c.weight:g}): not scored, waits for a person"
    trend = f" {TREND[c.trend]} from {c.previous}" if c.trend in ("up", "down") and c.previous is not None else ""
    data = f" (data says {derived})" if derived is not None and derived != c.value else ""
    return (f"{f.t(c.label)} (×{c.weight:g}): {f.b(str(c.value))}{trend} · "
            f"scored by {f.user(c.scored_by)} on {day(c.scored_at)}{data}")


def _perception(card: ScoreCard, f: Plain) -> list[str]:
    if card.customer_rating is None:
        return []
    line = f"The customer rates us {card.customer_rating:g}/10"
    recorded = getattr(card, "recorded_rating", None)
    if recorded is not None and recorded != card.customer_rating:
        line += f" (as scored by a person; the account's record says {recorded:g}/10)"
    line += f"; our strength score is {number(card.strength)}."
    if card.perception_gap is not None and abs(card.perception_gap) >= card.gap_threshold:
        side = "higher" if card.perception_gap > 0 else "lower"
        line += (f" We rate the relationship {abs(card.perception_gap):.1f} points {side} than they do: "
                 "a perception gap to talk about.")
    return [line]


def _history_line(h, f: Plain) -> str:
    changes = ", ".join(f"{f.t(label)} {before if before is not None else '—'}→{after}"
                        for label, before, after in h.changes)
    return f"{day(h.at)} {f.user(h.by)}: {changes} (weighted {number(h.weighted)})"


def score_card_text(card: ScoreCard) -> str:
    return as_text(score_doc(card, PLAIN))


def score_card_message(card: ScoreCard) -> SlackMessage:
    return as_message(score_doc(card, SLACK))


# ============================================================================ tier requests and decisions


def request_doc(r: TierRequest, f: Plain) -> Doc:
    what = "make it key" if r.kind == "nomination" else "end its key status"
    doc = Doc(f"{r.kind.capitalize()} of {r.account_name} sent for approval")
    lines = [f"Asked {', '.join(f.user(u) for u in r.approvers)} to approve: {what}."]
    if r.reason:
        lines.append(f"Reason: {f.i(f.t(r.reason))}")
    if r.weighted is not None:
        lines.append(f"Weighted score {number(r.weighted)}" + (f", {r.quadrant.capitalize()}" if r.quadrant else ""))
    if r.cap is not None:
        lines.append(r.cap.message + (" Approval will need an admin override with a reason." if r.cap.over else ""))
    if r.waiting:
        lines.append(f"Slack did not take {'the message' if r.waiting == 1 else f'{r.waiting} messages'} to the "
                     "approvers yet: it is kept and sent again shortly.")
    doc.add(None, lines)
    if not f.slack:
        doc.footer = ("The approvers get the request in Slack (now, or from the scheduler when Slack is "
                      f"connected); in the console: approve {r.account_name} | reject {r.account_name} REASON")
    return doc


def decision_doc(d: TierDecision, f: Plain) -> Doc:
    name = f.t(d.account_name)
    if d.approved:
        title = (f"Approved: {d.account_name} is now a key account" if d.to_tier == "key"
                 else f"Approved: {d.account_name} is no longer a key account")
    else:
        title = f"Rejected: the {d.kind} of {d.account_name}"
    doc = Doc(title)
    lines = []
    if d.approved:
        lines.append(f"{name} is now {tier_label(d.to_tier)} (was {tier_label(d.from_tier)}).")
        if d.override_reason:
            what = d.overridden or "key-account cap"
            lines.append(f"{what[0].upper()}{what[1:]} overridden: {f.i(f.t(d.override_reason))}")
        if d.sponsor_named:
            lines.append(f"Executive sponsor: {f.user(d.sponsor_named)} (named with the approval).")
        if d.review_cadence_days:
            lines.append(f"Reviews every {d.review_cadence_days} days; next review {day(d.next_review_on)}.")
        elif d.to_tier == "regular":
            lines.append("No more key-account reviews: open ones were closed, and it is watched by the numbers.")
        lines.append(f"Announced in {f.channel(d.announced_in)}." if d.announced_in
                     else "The account has no channel, so nothing was announced in one.")
    else:
        lines.append(f"Reason: {f.i(f.t(d.decision_reason))}")
    if d.notified:
        lines.append("Told " + ", ".join(f.user(u) for u in d.notified) + ".")
    doc.add(None, lines)
    doc.buttons.append(("Account card", f"account #{d.account_id}"))
    return doc


def pending_doc(p: PendingRequests, f: Plain) -> Doc:
    doc = Doc(f"Pending tier changes ({len(p.rows)})")
    if not p.rows:
        doc.add(None, ["Nothing waits for a decision."])
    for r in p.rows:
        doc.add(None, [f"{f.b(f.t(r.account_name))}: {r.kind} requested by {f.user(r.requested_by)} on "
                       f"{day(r.requested_at)}" + (f": {f.i(f.t(r.reason))}" if r.reason else "")])
    if p.rows and not f.slack:
        doc.footer = "Decide with: approve ACCOUNT [override REASON] | reject ACCOUNT REASON"
    return doc


def tier_request_text(r: TierRequest) -> str:
    return as_text(request_doc(r, PLAIN))


def tier_request_message(r: TierRequest) -> SlackMessage:
    return as_message(request_doc(r, SLACK))


def tier_decision_text(d: TierDecision) -> str:
    return as_text(decision_doc(d, PLAIN))


def tier_decision_message(d: TierDecision) -> SlackMessage:
    return as_message(decision_doc(d, SLACK))


def pending_requests_text(p: PendingRequests) -> str:
    return as_text(pending_doc(p, PLAIN))


def pending_requests_message(p: PendingRequests) -> SlackMessage:
    message = as_message(pending_doc(p, SLACK))
    for r in p.rows[:20]:
        message.blocks.append(decision_buttons(r.tier_change_id))
    return message


def decision_buttons(tier_change_id: int) -> dict:
    value = str(tier_change_id)
    return {"type": "actions", "block_id": f"tier_decision_{value}",
            "elements": [button("Approve", APPROVE_ACTION, value, style="primary"),
                         button("Reject", REJECT_ACTION, value, style="danger")]}


def override_button(tier_change_id: int) -> dict:
    return {"type": "actions", "block_id": f"tier_override_{tier_change_id}",
            "elements": [button("Override the cap with a reason", OVERRIDE_ACTION, str(tier_change_id),
                                style="danger")]}


# ============================================================================ outbox messages


def render_request(session: Session, delivery: Delivery) -> SlackMessage:
    details = _details(session, delivery)
    c, a = details.change, details.account
    what = "make *{}* a key account" if c.kind == "nomination" else "end key status for *{}*"
    title = f"Approval needed: {c.kind} of {a.name}"
    lines = [f"{user_ref(c.requested_by)} asks you to {what.format(esc(a.name))}."]
    lines.append(f"> {esc(c.reason)}" if c.reason else "_No reason given._")
    blocks = [header(title), section("\n".join(lines)), section(_facts(details))]
    if details.score is not None:
        blocks.append(section("*Scores*\n" + "\n".join(_criterion_line(s, SLACK) for s in details.score.criteria)))
    if details.cap is not None:
        blocks.append(context(esc(details.cap.message) + (" Approving needs an admin override with a reason."
                                                          if details.cap.over else "")))
    if c.status == "pending":
        blocks.append(decision_buttons(c.id))
    else:
        blocks.append(context(f"Already {c.status} by {user_ref(c.decided_by, 'someone')} on {day(c.decided_at)}."))
    return SlackMessage(title, blocks, ephemeral=False)


def render_decision(session: Session, delivery: Delivery) -> SlackMessage:
    details = _details(session, delivery)
    c, a = details.change, details.account
    verb = {"approved": "approved", "rejected": "rejected"}.get(c.status, c.status)
    title = f"The {c.kind} of {a.name} was {verb}"
    lines = [f"{user_ref(c.decided_by, 'someone')} {verb} the {c.kind} of *{esc(a.name)}* "
             f"(requested by {user_ref(c.requested_by)})."]
    if c.status == "approved":
        lines.append(_tier_line(details))
    if c.decision_reason:
        lines.append(f"> {esc(c.decision_reason)}")
    return SlackMessage(title, [section("\n".join(lines)), run_buttons(("Account card", f"account #{a.id}"))],
                        ephemeral=False)


def render_announcement(session: Session, delivery: Delivery) -> SlackMessage:
    details = _details(session, delivery)
    c, a = details.change, details.account
    if c.to_tier == "key":
        title = f":star: {a.name} is now a key account"
    else:
        title = f":arrow_down: {a.name} is no longer a key account"
    lines = [f"*{esc(title)}*",
             f"{c.kind.capitalize()} by {user_ref(c.requested_by)}" + (f": {esc(c.reason)}" if c.reason else "."),
             f"Approved by {user_ref(c.decided_by, 'someone')} on {day(c.decided_at)}.", _tier_line(details)]
    if c.override_reason:
        lines.append(f"Approved over the key-account cap: {esc(c.override_reason)}")
    return SlackMessage(title, [section("\n".join(lines))], ephemeral=False)


def _details(session: Session, delivery: Delivery) -> RequestDetails:
    details = request_details(session, delivery.team_id, int(delivery.payload.get("tier_change_id", 0)))
    if details is None:
        raise KeyError("the tier change of this delivery is gone")  # the sender records it and retries
    return details


def _facts(d: RequestDetails) -> str:
    a = d.account
    periods = f" ({d.periods[0]}–{d.periods[-1]})" if d.periods else ""
    score = d.score
    position = (f"weighted score *{number(score.weighted)}*, {esc(score.quadrant or 'not on the matrix')}"
                if score else "not scored")
    return (f"*{esc(a.name)}* · {tier_label(a.tier)} · {position}\n"
            f"Revenue {money(d.revenue)} · profit {money(d.profit)}{periods} · potential "
            f"{money(a.potential_annual_value)} · KAM {user_ref(a.owner_user_id, esc(a.crm_owner_name or '—'))}")


def _tier_line(d: RequestDetails) -> str:
    a = d.account
    if d.review_cadence_days:
        return (f"Now {tier_label(a.tier)}: reviews every {d.review_cadence_days} days, next on "
                f"{day(d.next_review_on)}.")
    return f"Now {tier_label(a.tier)}: watched by the numbers, no personal review cadence."


# ============================================================================ portfolio


@dataclass
class PortfolioReply:
    """The portfolio report with its chart; the Slack reply layer uploads `attachments_png`."""

    report: PortfolioReport
    png: bytes
    chart_path: Path | None = None
    filename: str = "portfolio.png"

    @property
    def attachments_png(self) -> list[tuple[str, bytes, str, str]]:
        r = self.report
        comment = (f"Portfolio matrix: {r.total_accounts} accounts, {r.cap.key_count} key (cap {r.cap.cap}). "
                   f"{len(r.pareto.top)} accounts make {r.pareto.share:.0%} of profit.")
        return [(self.filename, self.png, "Key-account portfolio matrix", comment)]


def chart_notes(r: PortfolioReport) -> tuple[str, ...]:
    """The story of the chart in a few short lines, drawn beside it (plain text: it is an image)."""
    notes = []
    p = r.pareto
    if p.top:
        notes.append(f"{len(p.top)} of {p.total_accounts} accounts make {p.share:.0%} of the profit; "
                     f"{len(p.key_in_top)} of them are key.")
    if p.top_not_key:
        notes.append(f"Making the profit but not key: {_plain_names(p.top_not_key, 3)}.")
    for name, share in r.concentration[:1]:
        notes.append(f"Concentration risk: {name} makes {share:.0%} of the profit.")
    key = [x for x in r.points if x.tier == "key"]
    streamline = [x.name for x in key if x.quadrant == "streamline"]
    losing = [x.name for x in key if x.profit < 0]
    if streamline or losing:
        notes.append(f"Key but in Streamline or losing money: {_plain_names(sorted(set(streamline + losing)), 3)}.")
    notes.append(f"{r.cap.key_count} key accounts, cap {r.cap.cap}" + (f": over by {r.cap.over_by}." if r.cap.over
                                                                        else "."))
    if r.gaps:
        g = r.gaps[0]
        notes.append(f"Perception gaps at {len(r.gaps)} account{'s' if len(r.gaps) != 1 else ''}; largest "
                     f"{g.name}: we {g.ours:.1f}, they {g.theirs:g}.")
    if r.untapped:
        notes.append(f"Untapped potential {money(r.total_untapped)}; largest {r.untapped[0].name} "
                     f"{money(r.untapped[0].untapped)}.")
    return tuple(notes[:7])


def _plain_names(names: list[str], limit: int) -> str:
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


def portfolio_doc(r: PortfolioReport, f: Plain, chart_note: str | None = None) -> Doc:
    doc = Doc(f"Portfolio: {r.total_accounts} accounts, {r.cap.key_count} key (cap {r.cap.cap})")
    period = f"{r.periods[0]}–{r.periods[-1]}" if r.periods else "no financials yet"
    doc.add(None, [f"Last year ({period}): revenue {money(r.total_revenue)}, profit {money(r.total_profit)}; "
                   f"key accounts {money(r.key_revenue)} revenue ({_share(r.key_revenue, r.total_revenue)}) and "
                   f"{money(r.key_profit)} profit ({_share(r.key_profit, r.total_profit)})."])
    doc.add("Quadrants", _quadrant_lines(r, f))
    doc.add("80/20", _pareto_lines(r, f))
    doc.add("Risks and selection", _risk_lines(r, f))
    doc.add(f"Perception gaps (our strength vs the customer's rating, {r.settings.perception_gap:g}+ points)",
            [f"{f.t(g.name)}: we {g.ours:.1f}, they {g.theirs:g} ({g.gap:+.1f})"
             + (" - we think better of it than they do" if g.gap > 0 else " - they rate us better than we think")
             for g in r.gaps[:6]])
    doc.add(f"Untapped potential: {money(r.total_untapped)} in total",
            [f"{f.t(u.name)} ({tier_label(u.tier)}): {money(u.untapped)} (potential {money(u.potential)}, "
             f"now {money(u.current)} a year)" for u in r.untapped[:6]])
    doc.add("Are our criteria right?", _check_summary(r.check, f))
    doc.footer = chart_note
    doc.buttons = [("Criteria check", "portfolio check"), ("Watch-list", "accounts candidates"),
                   ("Key accounts", "accounts key"), ("Criteria", "criteria")]
    return doc


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole > 0 else "—"


DATA_ONLY_MARK = "°"


def _quadrant_lines(r: PortfolioReport, f: Plain) -> list[str]:
    if not r.has_criteria:
        return []
    from_data = set(getattr(r, "derived_only", []) or [])
    lines = [f"{f.b(q.label)} {q.count} ({q.key_count} key): {q.advice.rstrip('.')}"
             + (f". {_marked_names(f, q.names, from_data, 4)}" if q.names else "") for q in r.quadrants]
    if r.unplaced:
        lines.append(f"Not on the matrix (scores missing): {len(r.unplaced)}: {_names(f, r.unplaced, 4)}")
    if from_data:
        lines.append(f"{DATA_ONLY_MARK} Placed from data only: {len(from_data)} of {r.placed}; score the judgement "
                     f"criteria to confirm them ({f.cmd('score ACCOUNT')}).")
    if getattr(r, "default_criteria", False):
        lines.append(f.i("Criteria: the day-one template (data first), in force until an admin chooses others "
                         "with ") + f.cmd("criteria template classic") + ".")
    return lines


def _marked_names(f: Plain, names: list[str], marked: set[str], limit: int) -> str:
    shown = ", ".join(f.t(n) + (DATA_ONLY_MARK if n in marked else "") for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _pareto_lines(r: PortfolioReport, f: Plain) -> list[str]:
    p = r.pareto
    if not p.top:
        return ["No account made a profit in the last year (or there are no financials yet)."]
    lines = [f"{len(p.top)} of {p.total_accounts} accounts ({p.share_of_accounts:.0%}) make {p.share:.0%} of the "
             f"profit ({money(p.covered_profit)} of the {money(p.total_profit)} the profitable accounts make): "
             f"{_names(f, [n for n, _, _ in p.top], 8)}.",
             p.verdict]
    if p.top_not_key:
        lines.append(f"Making the profit but not key: {_names(f, p.top_not_key)}.")
    if p.key_not_in_top:
        lines.append(f"Key but not among them: {_names(f, p.key_not_in_top)}.")
    return lines


def _risk_lines(r: PortfolioReport, f: Plain) -> list[str]:
    lines = []
    for name, share in r.concentration:
        theirs, limit = distinct_percents(share, r.settings.concentration_share)
        lines.append(f"Concentration risk: {f.b(f.t(name))} makes {theirs} of the profit (more than {limit}).")
    if r.cap.over:
        weakest = ", ".join(f"{f.t(n)} ({number(w)})" for n, w in r.weakest_key)
        lines.append(f"{r.cap.key_count} key accounts, over the cap of {r.cap.cap} by {r.cap.over_by}. "
                     f"Weakest key accounts by score: {weakest}.")
    else:
        lines.append(f"{r.cap.message}")
    if r.cap.warning:
        lines.append(r.cap.warning)
    lines += [f.t(w) for w in r.warnings]
    return lines


def _check_summary(check: CriteriaCheckReport, f: Plain) -> list[str]:
    if check.note and check.key is None:
        return [f.t(check.note)]
    lines = [f.t(x) for x in check.findings] or ["No clear signal either way yet."]
    lines.append(f"Details: {f.cmd('portfolio check')}")
    return lines


def portfolio_reply_text(reply: PortfolioReply) -> str:
    note = f"Chart: {reply.chart_path}" if reply.chart_path else None
    return as_text(portfolio_doc(reply.report, PLAIN, note))


def portfolio_reply_message(reply: PortfolioReply) -> SlackMessage:
    return as_message(portfolio_doc(reply.report, SLACK, "The matrix chart is posted in this channel."))


def portfolio_report_text(report: PortfolioReport) -> str:
    return as_text(portfolio_doc(report, PLAIN))


def portfolio_report_message(report: PortfolioReport) -> SlackMessage:
    return as_message(portfolio_doc(report, SLACK))


# ============================================================================ criteria check


def check_doc(c: CriteriaCheckReport, f: Plain) -> Doc:
    doc = Doc("Are our criteria right?")
    if c.key is None:
        doc.add(None, [f.t(c.note or "Not enough history.")])
        return doc
    window = (f"{c.periods_before[0]}–{c.periods_before[-1]} against {c.periods_after[0]}–{c.periods_after[-1]}")
    doc.add(f"Growth, {window}", [
        _group_line("Key accounts", c.key), _group_line("Other accounts", c.rest),
    ] + ([f.t(c.note)] if c.note else []))
    doc.add("Which scores went with profit growth (Spearman, scores at selection time)",
            [f"{f.t(r.label)}: {'—' if r.spearman is None else f'{r.spearman:+.2f}'} over {r.accounts} accounts, "
             f"{r.reading}" for r in c.readings])
    # one precision for the median and every growth compared with it, so no line reads "1% below 1%"
    decimals = max((percent_decimals(u.profit_growth, c.benchmark_growth) for u in c.underperformers
                    if u.profit_growth is not None and c.benchmark_growth is not None), default=0)
    benchmark = (f" (non-key median {pct(c.benchmark_growth, True, decimals)})"
                 if c.benchmark_growth is not None else "")
    doc.add(f"Key accounts that returned less than their selection promised{benchmark}",
            [f"{f.b(f.t(u.name))}: profit {money(u.profit_before)} → {money(u.profit_after)} "
             f"({pct(u.profit_growth, True, decimals)}): {'; '.join(u.reasons)}" for u in c.underperformers])
    doc.add("Findings", [f.t(x) for x in c.findings])
    doc.buttons = [("Criteria", "criteria"), ("Portfolio", "portfolio")]
    return doc


def _group_line(name: str, g) -> str:
    return (f"{name} ({g.accounts}): revenue {money(g.revenue_before)} → {money(g.revenue_after)} "
            f"({pct(g.revenue_growth, True)}), profit {money(g.profit_before)} → {money(g.profit_after)} "
            f"({pct(g.profit_growth, True)})")


def criteria_check_report_text(c: CriteriaCheckReport) -> str:
    return as_text(check_doc(c, PLAIN))


def criteria_check_report_message(c: CriteriaCheckReport) -> SlackMessage:
    return as_message(check_doc(c, SLACK))


MESSAGES = {
    CriteriaPreview: criteria_preview_message,
    CriteriaView: criteria_view_message,
    ScoreCard: score_card_message,
    TierRequest: tier_request_message,
    TierDecision: tier_decision_message,
    PendingRequests: pending_requests_message,
    PortfolioReply: portfolio_reply_message,
    PortfolioReport: portfolio_report_message,
    CriteriaCheckReport: criteria_check_report_message,
}

TEXTS = {
    CriteriaPreview: criteria_preview_text,
    CriteriaView: criteria_view_text,
    ScoreCard: score_card_text,
    TierRequest: tier_request_text,
    TierDecision: tier_decision_text,
    PendingRequests: pending_requests_text,
    PortfolioReply: portfolio_reply_text,
    PortfolioReport: portfolio_report_text,
    CriteriaCheckReport: criteria_check_report_text,
}

OUTBOX = {
    REQUEST_KIND: render_request,
    DECISION_KIND: render_decision,
    ANNOUNCEMENT_KIND: render_announcement,
}
