"""The intents a plain-language message can have: one per `/kam` subcommand, plus methodology
questions (`method`) and help. Names are the subcommand names where there is one."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IntentSpec:
    name: str
    command: str | None  # the /kam subcommand it runs, None for `method`
    label: str  # how a "did you mean" button names it
    needs_account: bool = False
    writes: bool = False
    account_optional: bool = False  # answers across accounts when none is named (review: the reviews due)

    @property
    def takes_account(self) -> bool:
        return self.needs_account or self.account_optional


INTENTS: dict[str, IntentSpec] = {spec.name: spec for spec in (
    IntentSpec("help", "help", "What I can do"),
    IntentSpec("accounts", "accounts", "List accounts"),
    IntentSpec("account", "account", "Account card", needs_account=True),
    IntentSpec("portfolio", "portfolio", "Portfolio matrix"),
    IntentSpec("score", "score", "Show scores", needs_account=True),
    IntentSpec("score_set", "score", "Set scores", needs_account=True, writes=True),
    IntentSpec("nominate", "nominate", "Nominate as key account", needs_account=True, writes=True),
    IntentSpec("demote", "demote", "Ask to demote", needs_account=True, writes=True),
    IntentSpec("plan", "plan", "Account plan", needs_account=True),
    IntentSpec("swot", "swot", "SWOT draft", needs_account=True),
    IntentSpec("next", "next", "Next actions", needs_account=True),
    IntentSpec("stakeholders", "stakeholders", "Stakeholder map", needs_account=True),
    IntentSpec("stakeholder", "stakeholder", "Add or update a stakeholder", needs_account=True, writes=True),
    IntentSpec("log", "log", "Log a meeting", needs_account=True, writes=True),
    IntentSpec("review", "review", "Account review", account_optional=True),
    IntentSpec("method", None, "KAM method question"),
)}

# Subcommands that change data; the router never runs these from plain language without a click.
WRITE_COMMANDS = frozenset({"nominate", "demote", "stakeholder", "log"})

UNKNOWN = "unknown"
CANCEL = "cancel"


def spec(intent: str) -> IntentSpec:
    return INTENTS[intent]


def intent_for_command(command: str, has_values: bool = False) -> str:
    """`score` with criterion values is a write (score_set); every other subcommand is its own intent."""
    if command == "score" and has_values:
        return "score_set"
    if command == "ask":
        return UNKNOWN
    return command if command in INTENTS else UNKNOWN
