"""What the router decides: run a read (`Route`), confirm a write (`ConfirmWrite`), or say
something (`Reply`). Ambiguity raises `kam_domain.errors.NeedsChoice`."""
from __future__ import annotations

from dataclasses import dataclass, field

# A choice or confirmation that must go through the router again carries these pins in its
# `ask` line: "#42" fixes the account, "intent:log" the intent.
INTENT_PIN = "intent:"


@dataclass(frozen=True)
class Route:
    intent: str
    command_line: str | None  # a /kam command line (without "/kam"); None for `method`
    account_id: int | None = None
    stakeholder_id: int | None = None
    role_filter: str | None = None  # a DecisionRole value when one role was asked for
    confidence: float = 1.0
    needs_confirmation: bool = False
    question_for_user: str | None = None
    text: str = ""  # the message as understood (for `method`: the question)
    account_name: str | None = None
    stakeholder_name: str | None = None
    role_plural: bool = False


@dataclass(frozen=True)
class ConfirmWrite:
    """A write asked for in plain words: nothing happens until someone clicks "Yes, do it"."""

    summary: str
    command_line: str
    intent: str = ""
    account_id: int | None = None
    stakeholder_id: int | None = None
    confidence: float = 1.0
    alternatives: tuple[tuple[str, str], ...] = ()  # (label, command line) of reads it might have meant
    understood: tuple[tuple[str, str], ...] = ()  # (what, as read) the write will record, e.g. ("Date", "Mon 7 Dec")


@dataclass(frozen=True)
class Reply:
    """A short answer in words: what I can do, what I need to know, cancelled..."""

    text: str
    examples: tuple[str, ...] = field(default_factory=tuple)
    intent: str = "unknown"
    account_id: int | None = None
