"""The labelled phrasing sets of the language router, read from the JSON Lines files under sets/.

- sets/training/NAME.jsonl: every set that has been measured once and tuned on since. The floors test
  guards them against regressions and scripts/build_phrasebook.py turns them, and only them, into the
  classifier's phrasebook.
- sets/held_out/NAME.jsonl: a blind set sealed until its one measurement (sets/held_out/README.md).
  It is never handed out as training data: `training_set` refuses it, `training_sets` never reads there.

The first line of a file is the set's provenance (PROVENANCE: who wrote it, blind or not, when, what
the writer read, what it measured, how it has been tuned on, and the writer's own account in `about`);
every other line is one Case.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

SETS_ROOT = Path(__file__).resolve().parent / "sets"
TRAINING, HELD_OUT = "training", "held_out"
VANTORS = "?vantor"  # the account label of a phrasing the router must answer by asking which Vantor
PROVENANCE = ("set", "writer", "blind", "written", "read", "measured", "tuned_on", "tuning", "about")


@dataclass(frozen=True)
class Case:
    """One phrasing and what the router must make of it (conventions: the `about` of sets/training/cases.jsonl).

    `account` is a store key of lang_store.seed_language_store (VANTORS: ask which Vantor); `memory` is what
    the thread remembers: (account key, person name or None, last intent)."""

    text: str
    intent: str
    account: str | None = None
    person: str | None = None
    role: str | None = None
    channel: str | None = None
    memory: tuple[str, str | None, str] | None = None
    group: str | None = field(default=None, compare=False)  # the heading the writer put it under
    note: str | None = field(default=None, compare=False)  # the writer's remark on it (e.g. the persona)


@dataclass(frozen=True)
class PhrasingSet:
    name: str
    provenance: dict
    cases: tuple[Case, ...]


class HeldOutSet(LookupError):
    """A held-out set was asked for as training data."""


_CASE_FIELDS = {f.name for f in fields(Case)}


def read_set(path: Path) -> PhrasingSet:
    """One set file: its provenance line, then one Case per line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0]) if lines else {}
    if set(header) != set(PROVENANCE):
        raise ValueError(f"{path}: the first line must be the set's provenance with exactly {PROVENANCE}")
    if header["set"].lower() != path.stem:
        raise ValueError(f"{path}: the provenance names the set {header['set']!r}; the file must be its name in lower case")
    cases = tuple(_case(json.loads(line), path, number) for number, line in enumerate(lines[1:], 2) if line.strip())
    return PhrasingSet(header["set"], header, cases)


def _case(row: dict, path: Path, number: int) -> Case:
    unknown = set(row) - _CASE_FIELDS
    if unknown or not {"text", "intent"} <= set(row):
        raise ValueError(f"{path}:{number}: a case has text, intent and only {sorted(_CASE_FIELDS)}; found {sorted(row)}")
    memory = row.get("memory")
    return Case(**{**row, "memory": tuple(memory) if memory is not None else None})


def training_sets(root: Path = SETS_ROOT) -> dict[str, PhrasingSet]:
    """Every training set by name: all the phrasebook builder may read."""
    sets = _sets_in(root / TRAINING, tuned_on=True,
                    wrong=f"a training set has been tuned on; a set still sealed belongs in {HELD_OUT}/")
    both = sorted(set(sets) & set(held_out_sets(root)))
    if both:
        raise ValueError(f"{both} are both training and held-out sets under {root}")
    return sets


def training_set(name: str, root: Path = SETS_ROOT) -> PhrasingSet:
    """One training set by name; HeldOutSet for a set that is held out."""
    if (root / HELD_OUT / f"{name.lower()}.jsonl").exists():
        raise HeldOutSet(f"{name} is held out: it is read only for its one measurement, never as training data")
    return read_set(root / TRAINING / f"{name.lower()}.jsonl")


def held_out_sets(root: Path = SETS_ROOT) -> dict[str, PhrasingSet]:
    """The sealed sets by name, for their one measurement (and for checks that they stay out of training)."""
    return _sets_in(root / HELD_OUT, tuned_on=False,
                    wrong=f"a held-out set has never been tuned on; once it has, it belongs in {TRAINING}/")


def _sets_in(folder: Path, tuned_on: bool, wrong: str) -> dict[str, PhrasingSet]:
    sets = {}
    for path in _files(folder):
        phrasings = read_set(path)
        if phrasings.provenance["tuned_on"] is not tuned_on:
            raise ValueError(f"{path}: {wrong}")
        sets[phrasings.name] = phrasings
    return sets


def _files(folder: Path) -> list[Path]:
    """The set files of a folder, FINAL2 before FINAL10."""
    def key(path: Path) -> tuple[str, int]:
        stem, number = re.fullmatch(r"(.*?)(\d*)", path.stem).groups()
        return stem, int(number or 0)

    return sorted(folder.glob("*.jsonl"), key=key)
