"""The option words of a portfolio question read from plain words: "which non-key accounts are growing
fastest?" -> `growth non-key`, "customers we lose money on" -> `margins loss`, "no contact in 45 days" ->
`gaps contact 45d`.

A subcommand declares its cues as (word, pattern) pairs (`Subcommand.choice_cues`); every pattern found in
the message adds its word to the command line, in the declared order; a word may take the pattern's
groups ("{0}d" with r"(\\d+) days" -> "45d"). The subcommand's own parser keeps the first word of each kind.
"""
from __future__ import annotations

import re
from typing import Sequence


def cued_words(text: str, cues: Sequence[tuple[str, str]]) -> list[str]:
    found: list[str] = []
    for word, pattern in cues:
        match = re.search(pattern, text or "", re.IGNORECASE)
        if match is None:
            continue
        word = word.format(*match.groups()) if "{" in word else word
        if word not in found:
            found.append(word)
    return found
