"""Accepting or rejecting drafted SWOT points by their number in a draft (`swot ACCOUNT accept 1 3`).

The console has no buttons: a SWOT draft numbers its points (strengths, weaknesses, opportunities,
threats, in the order shown) and a later line names them by number. Each decision goes through the
same services the Slack buttons call (`accept_swot_point`, `reject_swot_point`): the same checks,
authorization and audit. Every number is checked before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from kam_domain.errors import UserError
from kam_domain.services.drafts import (
    QUADRANTS,
    SwotDecision,
    SwotPointDraft,
    SwotResult,
    accept_swot_point,
    reject_swot_point,
)
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork

MAX_POINTS_AT_ONCE = 40


@dataclass
class SwotDecisions:
    """What a numbered accept/reject did, and the SWOT draft as it reads now (numbered afresh)."""

    account_id: int
    account_name: str
    decisions: list[SwotDecision]
    draft: SwotResult | None = None


def numbered_points(draft: SwotResult) -> list[SwotPointDraft]:
    """The points in the order the draft shows and numbers them (1 is the first strength)."""
    return [point for quadrant in QUADRANTS for point in draft.in_quadrant(quadrant)]


def parse_numbers(words: list[str], command_example: str) -> list[int] | None:
    """["1", "3"], ["1,3"], ["2-4"] or ["all"] -> the numbers (None for "all"); anything else is refused."""
    raw = [part for word in words for part in word.replace(",", " ").split()]
    if not raw:
        raise UserError(f"Say which points by their number in the draft, e.g. `{command_example}`.")
    if [w.lower() for w in raw] == ["all"]:
        return None
    numbers: list[int] = []
    for part in raw:
        low, dash, high = part.partition("-")
        if low.isdigit() and (not dash or high.isdigit()):
            first, last = int(low), int(high) if dash else int(low)
            if first < 1 or last < first or last - first > MAX_POINTS_AT_ONCE:
                raise UserError(f"`{part}` is not a range of point numbers; points count from 1, e.g. "
                                f"`{command_example}`.")
            numbers += [n for n in range(first, last + 1) if n not in numbers]
            continue
        shown = part if len(part) <= 20 else part[:19] + "…"
        raise UserError(f"`{shown}` is not a point number. Say which points by their number in the draft, e.g. "
                        f"`{command_example}`.")
    return numbers


def chosen_points(draft: SwotResult, numbers: list[int] | None) -> list[SwotPointDraft]:
    points = numbered_points(draft)
    if not points:
        raise UserError(f"The SWOT draft of {draft.account_name} has no points to decide on.")
    if numbers is None:
        return points
    wrong = [n for n in numbers if not 1 <= n <= len(points)]
    if wrong:
        raise UserError(f"The SWOT draft of {draft.account_name} has points 1-{len(points)}; there is no point "
                        f"{', '.join(str(n) for n in wrong)}. Nothing was changed.")
    return [points[n - 1] for n in numbers]


def decide_points(uow: Callable[[], UnitOfWork], actor: Actor, draft: SwotResult, numbers: list[int] | None,
                  accept: bool, now: datetime) -> SwotDecisions:
    """Accept (into the plan's SWOT) or reject the numbered points of `draft`, one service call each."""
    points = chosen_points(draft, numbers)
    decisions = []
    for point in points:
        if accept:
            decisions.append(accept_swot_point(uow(), actor, draft.account_id, point.citation.note_id, point.quadrant,
                                               point.point_id, point.text, now=now))
        else:
            decisions.append(reject_swot_point(uow(), actor, draft.account_id, point.citation.note_id, point.quadrant,
                                               point.point_id, point.text))
    return SwotDecisions(draft.account_id, draft.account_name, decisions)
