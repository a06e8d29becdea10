"""The language layer's data files, read through `importlib.resources` (a checkout, a wheel or a zipped
install alike; see kam_domain/assets.py for why never through file system paths)."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping


@cache
def phrasebook() -> Mapping[str, tuple[str, ...]]:
    """intent -> extra examples for the classifier's embedding matrix (`{a}` the account, `{p}` a person):
    phrasebook.json, written by scripts/build_phrasebook.py from the training phrasing sets of tests/language."""
    text = resources.files(__name__).joinpath("phrasebook.json").read_text(encoding="utf-8")
    examples = json.loads(text)["examples"]
    return MappingProxyType({intent: tuple(phrases) for intent, phrases in examples.items()})
