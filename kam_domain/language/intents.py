"""The intents a plain-language message can have: one per `/kam` subcommand the router may pick,
a write variant where fields make a subcommand a change (score -> score_set), plus methodology
questions (`method`). The subcommand intents come from the bot's subcommand declarations (the bot
builds the table and hands it to the router: this package never imports the bot); only the
intents that are no subcommand are declared here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class IntentSpec:
    name: str
    command: str | None  # the /kam subcommand it runs, None for `method`
    label: str  # how a "did you mean" button names it
    needs_account: bool = False
    writes: bool = False
    account_optional: bool = False  # answers across accounts when none is named (review: the reviews due)
    cues: tuple[tuple[str, str], ...] = ()  # option words read from the phrasing (language/choice_cues.py)
    takes_text: bool = False  # the message itself is the command's argument (`owned-by`: a name in it)

    @property
    def takes_account(self) -> bool:
        return self.needs_account or self.account_optional


NON_COMMAND_INTENTS = (IntentSpec("method", None, "KAM method question"),)

UNKNOWN = "unknown"
CANCEL = "cancel"


class IntentTable:
    """The intents the router knows, by name."""

    def __init__(self, specs: Iterable[IntentSpec]):
        self._specs = {spec.name: spec for spec in specs}

    def __contains__(self, intent: object) -> bool:
        return intent in self._specs

    def spec(self, intent: str) -> IntentSpec:
        return self._specs[intent]

    def get(self, intent: str) -> IntentSpec | None:
        return self._specs.get(intent)

    def names(self) -> list[str]:
        return list(self._specs)

    def for_command(self, command: str, has_values: bool = False) -> str:
        """The subcommand's intent; with values, its write variant if it has one (score -> score_set)."""
        if has_values:
            variant = next((s.name for s in self._specs.values()
                            if s.command == command and s.name != command and s.writes), None)
            if variant:
                return variant
        return command if command in self._specs else UNKNOWN
