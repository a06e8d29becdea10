"""Errors a user may see as written. Anything else is a bug and gets an apology with a reference."""
from __future__ import annotations

from dataclasses import dataclass, field


class UserError(Exception):
    """A message for the user, shown as written; nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(UserError):
    """The actor may not do this."""


@dataclass
class Choice:
    label: str
    value: str


class NeedsChoice(UserError):
    """Ambiguous input: ask one short question with choices instead of guessing."""

    def __init__(self, question: str, choices: list[Choice], retry_command: str = ""):
        super().__init__(question)
        self.question = question
        self.choices = choices
        # The command to re-run with the chosen value put in place of `{choice}`.
        self.retry_command = retry_command


@dataclass
class FieldErrors(UserError):
    """Per-field problems, e.g. for a modal submission."""

    errors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        UserError.__init__(self, "; ".join(f"{k}: {v}" for k, v in self.errors.items()))
