"""A change of scoring criteria, judged before it is made.

Two pure rules over plain values:

- `carry_over`: which new criteria keep the scores of an old one because they mean the same
  (the same key, or a pair declared in EQUIVALENT_CRITERIA: an explicit table, never a guess);
- `compare_segmentations`: the preview of a switch, a comparison of two segmentations of the
  same accounts (quadrant before and after): who moves quadrant, who leaves the matrix (scores
  missing), who joins it; key accounts first.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kam_domain.rules.scoring import CriterionDef, Quadrant

# Criteria of different templates that measure the same thing, so a person's score of one is a
# score of the other. Both sides on the same axis; a pair works both ways.
EQUIVALENT_CRITERIA: tuple[tuple[str, str], ...] = (
    ("existing_relationships", "relationship_strength"),  # classic ~ strength template
    ("solvency", "financial_security_payment"),  # classic ~ eight-point attractiveness
)

TIER_ORDER = {"key": 0, "candidate": 1, "regular": 2}
QUADRANT_ORDER: tuple[str | None, ...] = tuple(q.value for q in Quadrant) + (None,)


def equivalents(key: str, table: Iterable[tuple[str, str]] = EQUIVALENT_CRITERIA) -> tuple[str, ...]:
    """The keys declared to mean the same as `key`, in table order."""
    found = []
    for a, b in table:
        if a == key:
            found.append(b)
        elif b == key:
            found.append(a)
    return tuple(found)


def carry_over(old: Sequence[CriterionDef], new: Sequence[CriterionDef],
               table: Iterable[tuple[str, str]] = EQUIVALENT_CRITERIA) -> dict[str, str]:
    """{new key: old key whose scores it takes} for each new criterion an old one meant.

    A key in both keeps its own scores (mapped to itself). A new key takes the scores of the
    first declared equivalent among the old criteria on the same axis; otherwise it starts empty.
    """
    table = tuple(table)
    old_by_key = {d.key: d for d in old}
    taken: dict[str, str] = {}
    for d in new:
        if d.key in old_by_key:
            taken[d.key] = d.key
            continue
        for other in equivalents(d.key, table):
            source = old_by_key.get(other)
            if source is not None and source.axis == d.axis and other not in {c.key for c in new}:
                taken[d.key] = other
                break
    return taken


@dataclass(frozen=True)
class Placement:
    """One account in one segmentation: its quadrant (a Quadrant value) or None when unplaced."""

    account_id: object
    name: str
    tier: str
    quadrant: str | None


@dataclass(frozen=True)
class Move:
    account_id: object
    name: str
    tier: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class SwitchPreview:
    moved: tuple[Move, ...]  # on the matrix before and after, in another quadrant
    unplaced: tuple[Move, ...]  # on the matrix before, not after (scores missing)
    placed: tuple[Move, ...]  # not on the matrix before, on it after
    unchanged: int  # same quadrant, or unplaced both times
    total: int
    before: dict[str | None, int]  # accounts per quadrant value; None = not on the matrix
    after: dict[str | None, int]

    @property
    def placed_before(self) -> int:
        return self.total - self.before[None]

    @property
    def placed_after(self) -> int:
        return self.total - self.after[None]

    @property
    def changes(self) -> int:
        return len(self.moved) + len(self.unplaced) + len(self.placed)

    @property
    def key_affected(self) -> tuple[Move, ...]:
        return tuple(m for m in self.moved + self.unplaced + self.placed if m.tier == "key")

    @property
    def empties_matrix(self) -> bool:
        """The switch would take every account off the matrix."""
        return self.placed_before > 0 and self.placed_after == 0

    @property
    def counts(self) -> dict[str, int]:
        """The numbers an audit entry keeps."""
        return {"accounts": self.total, "placed_before": self.placed_before, "placed_after": self.placed_after,
                "moved": len(self.moved), "unplaced": len(self.unplaced), "placed": len(self.placed),
                "key_affected": len(self.key_affected)}


def compare_segmentations(before: Iterable[Placement], after: Iterable[Placement]) -> SwitchPreview:
    """What a switch does to the matrix. An account missing from `after` counts as unplaced after;
    one missing from `before` as unplaced before. Each list: key accounts first, then by name."""
    old = {p.account_id: p for p in before}
    new = {p.account_id: p for p in after}
    moved, unplaced, placed = [], [], []
    unchanged = 0
    counts_before = {q: 0 for q in QUADRANT_ORDER}
    counts_after = {q: 0 for q in QUADRANT_ORDER}
    for account_id in list(old) + [a for a in new if a not in old]:
        was, now = old.get(account_id), new.get(account_id)
        ref = now or was
        q_before = was.quadrant if was else None
        q_after = now.quadrant if now else None
        counts_before[q_before] += 1
        counts_after[q_after] += 1
        move = Move(account_id, ref.name, ref.tier, q_before, q_after)
        if q_before == q_after:
            unchanged += 1
        elif q_after is None:
            unplaced.append(move)
        elif q_before is None:
            placed.append(move)
        else:
            moved.append(move)
    return SwitchPreview(tuple(sorted(moved, key=_order)), tuple(sorted(unplaced, key=_order)),
                         tuple(sorted(placed, key=_order)), unchanged, len(old.keys() | new.keys()),
                         counts_before, counts_after)


def _order(m: Move) -> tuple:
    return TIER_ORDER.get(m.tier, 3), m.name.casefold(), str(m.account_id)


def quadrant_label(value: str | None) -> str:
    return Quadrant(value).label if value else "not on the matrix"
