"""The phrasing sets as data files: each reads back whole with its provenance, training and held-out sets
stay apart by construction, and the packaged phrasebook is what the training sets make."""
from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from kam_domain.language.data import phrasebook
from kam_domain.language.exemplars import EXEMPLARS
from support.scripts import load_script
from phrasings import (HELD_OUT, PROVENANCE, SETS_ROOT, TRAINING, HeldOutSet, held_out_sets, read_set, training_set,
                       training_sets)

ROOT = Path(__file__).resolve().parents[2]
SEALED_PHRASING = "quokka zebra tally for borealis pls"


@pytest.fixture(scope="module")
def builder():
    return load_script("build_phrasebook")


def _write_set(folder: Path, name: str, rows: list[dict], tuned_on: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    header = {"set": name, "writer": "a test", "blind": True, "written": None, "read": "nothing",
              "measured": None, "tuned_on": tuned_on, "tuning": None, "about": "made by the test"}
    lines = [json.dumps(header)] + [json.dumps(row) for row in rows]
    (folder / f"{name.lower()}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def sets_with_a_sealed_one(tmp_path) -> Path:
    """One real training set, and a held-out set whose only phrasing is in no other set."""
    (tmp_path / TRAINING).mkdir()
    shutil.copy(SETS_ROOT / TRAINING / "holdout.jsonl", tmp_path / TRAINING)
    _write_set(tmp_path / HELD_OUT, "SEALED1", [{"text": SEALED_PHRASING, "intent": "score", "account": "borealis"}],
               tuned_on=False)
    return tmp_path


def test_the_packaged_phrasebook_is_what_the_training_sets_make(builder):
    """A set changed without regenerating the phrasebook (python scripts/build_phrasebook.py) fails here."""
    packaged = resources.files("kam_domain.language.data").joinpath("phrasebook.json").read_text(encoding="utf-8")
    assert builder.phrasebook_text() == packaged
    examples = json.loads(packaged)["examples"]
    assert dict(phrasebook()) == {intent: tuple(phrases) for intent, phrases in examples.items()}
    assert set(examples) <= set(EXEMPLARS) and sum(map(len, examples.values())) > 2000


def test_every_training_set_says_where_it_came_from_and_labels_known_intents():
    sets = training_sets()
    assert {"CASES", "HOLDOUT", "DEV2", "FINAL", "FINAL11", "ROUND4"} <= set(sets)
    for name, phrasings in sets.items():
        assert tuple(phrasings.provenance) == PROVENANCE and phrasings.provenance["tuned_on"] is True, name
        assert all(phrasings.provenance[key] for key in ("writer", "read", "measured", "about")), name
        assert phrasings.cases, name
        assert {case.intent for case in phrasings.cases} <= set(EXEMPLARS) | {"unknown"}, name


def test_the_builder_never_reads_a_held_out_set(builder, sets_with_a_sealed_one):
    root = sets_with_a_sealed_one
    assert set(held_out_sets(root)) == {"SEALED1"} and set(training_sets(root)) == {"HOLDOUT"}
    with pytest.raises(HeldOutSet, match="SEALED1 is held out"):
        training_set("SEALED1", root)
    examples = json.loads(builder.phrasebook_text(root))["examples"]
    assert examples and not any("quokka" in phrase for phrases in examples.values() for phrase in phrases)
    sealed = builder.masked_examples(held_out_sets(root)["SEALED1"].cases)
    assert any("quokka" in phrase for phrase in sealed["score"])  # the probe itself would be seen if read


def test_a_set_cannot_be_both_held_out_and_training(sets_with_a_sealed_one):
    root = sets_with_a_sealed_one
    shutil.copy(root / HELD_OUT / "sealed1.jsonl", root / TRAINING / "sealed1.jsonl")
    with pytest.raises(ValueError, match="a training set has been tuned on"):
        training_sets(root)
    _write_set(root / TRAINING, "SEALED1", [{"text": SEALED_PHRASING, "intent": "score"}], tuned_on=True)
    with pytest.raises(ValueError, match="both training and held-out"):
        training_sets(root)


def test_no_phrasing_of_a_held_out_set_is_in_the_phrasebook(builder):
    """Only a held-out phrasing that some training phrasing also masks to may be in the phrasebook."""
    held = [case for phrasings in held_out_sets().values() for case in phrasings.cases]
    if not held:
        assert sorted(p.name for p in (SETS_ROOT / HELD_OUT).iterdir()) == ["README.md"]
        return
    trained = builder.masked_examples(case for s in training_sets().values() for case in s.cases)
    book = phrasebook()
    leaked = {intent: sorted((phrases & set(book.get(intent, ()))) - trained.get(intent, set()))
              for intent, phrases in builder.masked_examples(held).items()}
    assert not any(leaked.values()), leaked


@pytest.mark.parametrize("first, row, problem", [
    ({"set": "BROKEN"}, {"text": "hi", "intent": "help"}, "first line must be the set's provenance"),
    (None, {"text": "hi", "intent": "help", "acount": "acme"}, "a case has text, intent and only"),
    (None, {"intent": "help"}, "a case has text, intent and only"),
])
def test_a_malformed_set_file_says_what_to_fix(tmp_path, first, row, problem):
    _write_set(tmp_path, "BROKEN", [row], tuned_on=True)
    path = tmp_path / "broken.jsonl"
    if first is not None:
        lines = path.read_text().splitlines()
        path.write_text("\n".join([json.dumps(first)] + lines[1:]) + "\n")
    with pytest.raises(ValueError, match=problem):
        read_set(path)
