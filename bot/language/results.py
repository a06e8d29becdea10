"""Results of the plain-language path that are not a subcommand's own answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class WithNote:
    """Another result, with a line saying how it was produced (e.g. the LLM failed, offline router used)."""

    note: str
    result: Any


@dataclass
class Answered:
    """The language model's answer in words, with the cards its tools returned."""

    text: str
    attachments: list[Any] = field(default_factory=list)
    note: str = ""
    account_id: int | None = None
