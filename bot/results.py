"""Results that belong to the adapter layer rather than to one service."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.commands import Subcommand


@dataclass
class HelpResult:
    commands: list[Subcommand]
    detail: Subcommand | None = None


@dataclass
class OpenModal:
    """Ask the surface to open a form; the console prints how to do the same in one line."""

    view: str
    title: str
    console_hint: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Notice:
    """A short confirmation or information line."""

    text: str
    ephemeral: bool = True
