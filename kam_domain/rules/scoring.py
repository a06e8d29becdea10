"""Key-account selection rules: criteria, weighted scores, the two axes, quadrants,
the key-account cap and the watch-list. Pure functions over plain values."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Literal

ATTRACTIVENESS = "attractiveness"
STRENGTH = "strength"
AXIS_NAMES: tuple[str, ...] = (ATTRACTIVENESS, STRENGTH)

MIN_CRITERIA = 3
MAX_CRITERIA_PER_AXIS = 8
SCORE_MIN = 1
SCORE_MAX = 10

RECOMMENDED_CAP = (15, 35)
TOO_MANY_KEY_ACCOUNTS = 50

_SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

AccountId = Hashable
Trend = Literal["up", "down", "flat"]


@dataclass(frozen=True)
class CriterionDef:
    """One weighted criterion of a workspace's scoring matrix."""

    key: str
    label: str
    weight: float
    axis: str = ATTRACTIVENESS
    description: str = ""


# --- criteria -----------------------------------------------------------------


def validate_criteria(defs: Sequence[CriterionDef]) -> list[str]:
    """Everything wrong with a set of criteria, as messages saying what to fix."""
    errors: list[str] = []
    per_axis = {axis: 0 for axis in AXIS_NAMES}
    seen: set[str] = set()
    for d in defs:
        errors.extend(_criterion_errors(d))
        if d.key in seen:
            errors.append(
                f"Criterion key '{d.key}' is used twice: give each criterion its own key."
            )
        seen.add(d.key)
        if d.axis in per_axis:
            per_axis[d.axis] += 1
    if len(defs) < MIN_CRITERIA:
        errors.append(
            f"Define at least {MIN_CRITERIA} criteria (there are {len(defs)}): add "
            f"{MIN_CRITERIA - len(defs)} more."
        )
    for axis, count in per_axis.items():
        if count > MAX_CRITERIA_PER_AXIS:
            errors.append(
                f"At most {MAX_CRITERIA_PER_AXIS} {axis} criteria are allowed (there are "
                f"{count}): remove {count - MAX_CRITERIA_PER_AXIS}."
            )
    if per_axis[ATTRACTIVENESS] == 0:
        errors.append(
            "Add at least one attractiveness criterion: it places accounts on the "
            "attractiveness axis."
        )
    return errors


def _criterion_errors(d: CriterionDef) -> list[str]:
    errors = []
    name = d.key if isinstance(d.key, str) and d.key else repr(d.label)
    if not isinstance(d.key, str) or not _SNAKE_CASE.match(d.key):
        errors.append(
            f"Criterion key {d.key!r} must be snake_case (lower-case letters, digits and "
            "underscores, starting with a letter), e.g. 'product_fit'."
        )
    if not isinstance(d.label, str) or not d.label.strip():
        errors.append(f"Criterion '{name}' needs a label.")
    if not _is_positive_number(d.weight):
        errors.append(f"Criterion '{name}' has weight {d.weight!r}: use a number greater than 0.")
    if d.axis not in AXIS_NAMES:
        errors.append(
            f"Criterion '{name}' has axis {d.axis!r}: use 'attractiveness' or 'strength'."
        )
    return errors


def _is_positive_number(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def validate_score_value(raw: object) -> int:
    """A score as an int in 1..10; ValueError with a readable message otherwise."""
    hint = f"a score is a whole number from {SCORE_MIN} to {SCORE_MAX}"
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a score: {hint}.")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer():
            raise ValueError(f"{raw!r} is not a whole number: {hint}.")
        value = int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"'{raw}' is not a whole number: {hint}.") from None
    else:
        raise ValueError(f"{raw!r} is not a score: {hint}.")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValueError(f"{value} is out of range: {hint}.")
    return value


# --- weighted score and axes ----------------------------------------------------


def weighted_score(
    scores: Mapping[str, float], defs: Sequence[CriterionDef], axis: str | None = None
) -> float | None:
    """sum(w*s)/sum(w) over the criteria that have a score; None when none is scored.

    Scores for keys that are not criteria are ignored, so an old score of a removed
    criterion never counts.
    """
    total = 0.0
    weights = 0.0
    for d in defs:
        if axis is not None and d.axis != axis:
            continue
        score = scores.get(d.key)
        if score is None:
            continue
        total += d.weight * score
        weights += d.weight
    if weights == 0:
        return None
    return total / weights


@dataclass(frozen=True)
class Axes:
    """Position in the portfolio matrix: y = attractiveness, x = our strength."""

    attractiveness: float | None
    strength: float | None


def axes(scores: Mapping[str, float], defs: Sequence[CriterionDef]) -> Axes:
    return Axes(
        attractiveness=weighted_score(scores, defs, ATTRACTIVENESS),
        strength=weighted_score(scores, defs, STRENGTH),
    )


# --- quadrants --------------------------------------------------------------------


class Quadrant(Enum):
    """McDonald's four boxes of the mutual-attractiveness matrix."""

    STRATEGIC = "strategic"
    STAR = "star"
    STATUS = "status"
    STREAMLINE = "streamline"

    @property
    def label(self) -> str:
        return _QUADRANT_TEXT[self][0]

    @property
    def advice(self) -> str:
        return _QUADRANT_TEXT[self][1]


_QUADRANT_TEXT = {
    Quadrant.STRATEGIC: (
        "Strategic",
        "Attractive customer, strong position: invest in the relationship.",
    ),
    Quadrant.STAR: (
        "Star",
        "Attractive customer, weak position: invest selectively to build our position.",
    ),
    Quadrant.STATUS: (
        "Status",
        "Less attractive customer, strong position: maintain the relationship efficiently.",
    ),
    Quadrant.STREAMLINE: (
        "Streamline",
        "Less attractive customer, weak position: serve at low cost.",
    ),
}


@dataclass(frozen=True)
class QuadrantThresholds:
    """Axis values at or above which an account counts as high."""

    attractiveness: float = 5.5
    strength: float = 5.5


DEFAULT_THRESHOLDS = QuadrantThresholds()


def quadrant(
    attractiveness: float | None,
    strength: float | None,
    thresholds: QuadrantThresholds = DEFAULT_THRESHOLDS,
) -> Quadrant | None:
    """The quadrant of an account; None when either axis is unscored."""
    if attractiveness is None or strength is None:
        return None
    attractive = _at_or_above(attractiveness, thresholds.attractiveness)
    strong = _at_or_above(strength, thresholds.strength)
    if attractive:
        return Quadrant.STRATEGIC if strong else Quadrant.STAR
    return Quadrant.STATUS if strong else Quadrant.STREAMLINE


def _at_or_above(value: float, threshold: float) -> bool:
    # A weighted mean that is 5.5 on paper may come out as 5.4999999999 in floats;
    # a relative tolerance keeps "equal counts as high" true and is scale-free.
    return value >= threshold or math.isclose(value, threshold, rel_tol=1e-9)


# --- ranking ------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountScore:
    account_id: AccountId
    name: str
    weighted: float | None


@dataclass(frozen=True)
class RankedAccount:
    """rank is shared by equal scores (1, 2, 2, 4); None for unscored accounts."""

    rank: int | None
    account_id: AccountId
    name: str
    weighted: float | None


def rank_accounts(items: Iterable[AccountScore]) -> list[RankedAccount]:
    """Highest weighted score first, ties by name; unscored accounts last."""
    ordered = sorted(
        items,
        key=lambda a: (a.weighted is None, -(a.weighted or 0.0), a.name.casefold(), a.name),
    )
    ranked: list[RankedAccount] = []
    previous: float | None = None
    rank: int | None = None
    for position, item in enumerate(ordered, start=1):
        if item.weighted is None:
            rank = None
        elif item.weighted != previous:
            rank = position
        previous = item.weighted
        ranked.append(RankedAccount(rank, item.account_id, item.name, item.weighted))
    return ranked


# --- key-account cap ------------------------------------------------------------------


@dataclass(frozen=True)
class CapCheck:
    key_count: int
    cap: int
    adding: int
    total: int
    over: bool
    over_by: int
    remaining: int
    message: str
    warning: str | None


def check_key_cap(key_count: int, cap: int, adding: int = 0) -> CapCheck:
    """Whether key_count + adding key accounts stay within the cap."""
    if cap < 1:
        raise ValueError(f"The key-account cap must be at least 1, not {cap}.")
    if key_count < 0 or adding < 0:
        raise ValueError("Key-account counts cannot be negative.")
    total = key_count + adding
    over_by = max(0, total - cap)
    remaining = max(0, cap - total)
    if over_by:
        message = (
            f"{total} key accounts would exceed the cap of {cap} by {over_by}: "
            f"demote {over_by} first or raise the cap."
        )
    elif adding:
        message = f"{total} of {cap} key accounts after this change; {remaining} left."
    else:
        message = f"{total} of {cap} key accounts; {remaining} left."
    warning = None
    if cap > TOO_MANY_KEY_ACCOUNTS:
        low, high = RECOMMENDED_CAP
        warning = (
            f"A cap of {cap} key accounts is too many to give real attention: "
            f"McDonald and Woodburn recommend {low}-{high}."
        )
    return CapCheck(
        key_count, cap, adding, total, over_by > 0, over_by, remaining, message, warning
    )


# --- watch-list -----------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueGrowth:
    """Revenue of the last `window` periods against the `window` periods before."""

    window: int
    before: float
    after: float
    growth: float | None  # (after - before) / before; None when before <= 0


def revenue_growth(
    revenue_by_period: Sequence[tuple[object, float]], window: int = 4
) -> RevenueGrowth | None:
    """Growth of the last `window` periods over the ones before.

    With fewer than 2*window periods it compares the last half with the half before
    (e.g. this year against last year when only two years exist); None with < 2 periods.
    """
    ordered = [revenue for _, revenue in sorted(revenue_by_period, key=lambda pr: pr[0])]
    size = min(window, len(ordered) // 2)
    if size == 0:
        return None
    after = math.fsum(ordered[-size:])
    before = math.fsum(ordered[-2 * size : -size])
    growth = (after - before) / before if before > 0 else None
    return RevenueGrowth(size, before, after, growth)


def watch_reasons(
    tier: str,
    weighted: float | None,
    watch_threshold: float,
    revenue_by_period: Sequence[tuple[object, float]],
    growth_threshold: float = 0.25,
) -> list[str]:
    """Why a non-key account belongs on the watch-list; empty when it does not.

    Key accounts are never watched: they get personal attention instead.
    """
    if tier == "key":
        return []
    reasons = []
    if weighted is not None and (
        weighted >= watch_threshold or math.isclose(weighted, watch_threshold, rel_tol=1e-9)
    ):
        reasons.append(
            f"weighted score {weighted:.1f} is at or above the watch threshold "
            f"{watch_threshold:.1f}"
        )
    growth = revenue_growth(revenue_by_period)
    if growth is not None and growth.growth is not None and growth.growth >= growth_threshold:
        periods = "period" if growth.window == 1 else f"{growth.window} periods"
        reasons.append(
            f"revenue grew {growth.growth:.0%} (last {periods}: {growth.after:,.0f} against "
            f"{growth.before:,.0f} before; threshold {growth_threshold:.0%})"
        )
    return reasons


def score_trend(
    history: Sequence[tuple[datetime, float]], tolerance: float = 1e-9
) -> Trend | None:
    """Direction of the latest change: the latest value against the one before it."""
    if len(history) < 2:
        return None
    ordered = sorted(history, key=lambda tv: tv[0])
    change = ordered[-1][1] - ordered[-2][1]
    if change > tolerance:
        return "up"
    if change < -tolerance:
        return "down"
    return "flat"
