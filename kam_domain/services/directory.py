"""The port to the workspace's people directory (Slack's users), for linking CRM owners.

The Slack adapter is `bot.slack_directory.SlackPeopleDirectory`; tests pass a plain class.
Without a directory (the console, no Slack token) an import links no owners and says so.
"""
from __future__ import annotations

from typing import Protocol

from kam_domain.errors import UserError
from kam_domain.rules.people_matching import SlackPerson

__all__ = ["DirectoryUnavailable", "PeopleDirectory", "SlackPerson"]


class DirectoryUnavailable(UserError):
    """The directory could not answer (a Slack error other than "no such user").

    The message says why. An accounts import then links no owner, imports the rest and says
    so in its summary; `kam import users` stops and writes nothing."""


class PeopleDirectory(Protocol):
    @property
    def name(self) -> str:
        """How messages name the directory, e.g. "Slack workspace T123"."""
        ...

    def people(self) -> list[SlackPerson]:
        """Everyone in the workspace (bots, guests and deleted users included; matching skips them)."""
        ...

    def by_email(self, email: str) -> SlackPerson | None:
        """The person with this email, or None when there is none."""
        ...
