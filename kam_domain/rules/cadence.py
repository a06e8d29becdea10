"""Review cadence: how often an account is reviewed follows its tier and quadrant.

Pure table lookups. Key accounts get personal attention at a pace set by their quadrant
(McDonald: invest in Strategic and Star accounts, maintain Status, streamline the rest);
candidates on the watch-list are looked at quarterly; regular accounts have no review
cadence of their own (they are watched by the numbers).
"""
from __future__ import annotations

from kam_domain.rules.scoring import Quadrant

KEY_CADENCE_DAYS: dict[Quadrant, int] = {
    Quadrant.STRATEGIC: 30,
    Quadrant.STAR: 30,
    Quadrant.STATUS: 90,
    Quadrant.STREAMLINE: 90,
}
KEY_UNPLACED_DAYS = 30  # a key account not yet placed on the matrix: monthly until it is
CANDIDATE_DAYS = 90


def default_review_cadence_days(tier: str, quadrant: Quadrant | str | None) -> int | None:
    """Days between reviews for an account of this tier and quadrant; None: no reviews.

    `quadrant` is a Quadrant, its value ("strategic") or its label ("Strategic"). The same rule
    as `review_cadence_days` with no override and no workspace defaults.
    """
    return review_cadence_days(tier, quadrant)


def _as_quadrant(value: Quadrant | str | None) -> Quadrant | None:
    if value is None or isinstance(value, Quadrant):
        return value
    try:
        return Quadrant(str(value).strip().lower())
    except ValueError:
        return None


# --------------------------------------------------------------------------- workspace defaults

MIN_CADENCE_DAYS, MAX_CADENCE_DAYS = 1, 366
# Keys a workspace may set in Workspace.settings["review_cadence"]: a quadrant of a key account,
# "key" (a key account not yet placed), "candidate" or "regular".
CADENCE_KEYS = tuple(q.value for q in Quadrant) + ("key", "candidate", "regular")


def parse_cadence_settings(raw: object) -> dict[str, int]:
    """Validate a workspace's cadence defaults, e.g. {"strategic": 14, "candidate": 60}."""
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        raise ValueError("review_cadence must map a quadrant, key, candidate or regular to a number of days.")
    parsed = {}
    for key, value in raw.items():
        name = str(key).strip().lower()
        if name not in CADENCE_KEYS:
            raise ValueError(f"Unknown cadence '{key}'. Use one of: {', '.join(CADENCE_KEYS)}.")
        parsed[name] = _days(value, name)
    return parsed


def _days(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise ValueError(f"The {name} cadence must be a whole number of days, not '{value}'.")
    days = int(str(value).strip())
    if not MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS:
        raise ValueError(f"The {name} cadence must be {MIN_CADENCE_DAYS} to {MAX_CADENCE_DAYS} days, not {days}.")
    return days


def review_cadence_days(tier: str, quadrant: Quadrant | str | None, override: int | None = None,
                        defaults: dict[str, int] | None = None) -> int | None:
    """THE review cadence rule: the account's own override, else the workspace's default, else ours.

    Strategic accounts are reviewed at least as often as Star accounts, whatever the defaults say.
    A tier change clears the account's override (it was set for the old tier), so the next review
    after a promotion or a demotion always follows this rule for the new tier and quadrant.
    """
    if override:
        return override
    defaults = defaults or {}
    tier = str(getattr(tier, "value", tier))
    if tier == "candidate":
        return defaults.get("candidate", CANDIDATE_DAYS)
    if tier != "key":
        return defaults.get("regular")
    box = _as_quadrant(quadrant)
    if box is None:
        return defaults.get("key", KEY_UNPLACED_DAYS)
    days = defaults.get(box.value, KEY_CADENCE_DAYS[box])
    if box == Quadrant.STRATEGIC:  # invest most where we are strongest: never reviewed less often than a Star
        days = min(days, defaults.get(Quadrant.STAR.value, KEY_CADENCE_DAYS[Quadrant.STAR]))
    return days
