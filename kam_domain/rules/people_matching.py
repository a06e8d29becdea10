"""Which Slack user is a CRM account owner? Pure: no Slack, no database.

A CRM export names an account's owner ("Jane Doe", sometimes with an email). The import links
that owner to a Slack user:
- by email first (exact, case-insensitive), against the directory's emails or a
  `users.lookupByEmail` answer passed in as `by_email`;
- else by name, compared case-, accent-, punctuation- and space-insensitively with each
  person's real name and display name ("José Núñez" = "jose  nunez" = "JOSE-NUNEZ");
- bots, deleted users and guests never match;
- two or more people with that name are no match: the candidates are listed so a person can
  choose (`kam import users`).

Build a `PeopleIndex` once per import: each match is then a dict look-up, so 50,000 rows cost
O(rows), not O(rows x users).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, Sequence

from kam_domain.rules.names import fold

How = Literal["email", "name"]


@dataclass(frozen=True)
class SlackPerson:
    user_id: str
    real_name: str | None
    display_name: str | None
    email: str | None
    is_bot: bool = False
    deleted: bool = False
    is_guest: bool = False

    @property
    def can_own_accounts(self) -> bool:
        """Only full members of the workspace can be a KAM."""
        return not (self.is_bot or self.deleted or self.is_guest)


@dataclass(frozen=True)
class OwnerMatch:
    user_id: str | None
    how: How | None
    candidates: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        return self.user_id is not None

    @property
    def ambiguous(self) -> bool:
        return self.user_id is None and len(self.candidates) > 1


NO_MATCH = OwnerMatch(None, None, ())


def name_key(name: str | None) -> str:
    """'  José  Núñez ' -> 'josenunez': the form names are compared (and OwnerLinks keyed) in."""
    return "".join(fold(name or "").casefold().split())


def email_key(email: str | None) -> str:
    return (email or "").strip().lower()


def owner_key(name: str | None, email: str | None) -> str:
    """The key of a CRM owner: the lower-case email when there is one, else the name key."""
    return email_key(email) or name_key(name)


class PeopleIndex:
    """The workspace's people by name key and by email, built once."""

    def __init__(self, people: Iterable[SlackPerson]):
        self.by_name: dict[str, list[str]] = {}
        self.by_email: dict[str, str] = {}
        self.size = 0
        for person in people:
            self.size += 1
            if not person.can_own_accounts:
                continue
            if person.email:
                self.by_email.setdefault(email_key(person.email), person.user_id)
            for key in {name_key(person.real_name), name_key(person.display_name)} - {""}:
                ids = self.by_name.setdefault(key, [])
                if person.user_id not in ids:
                    ids.append(person.user_id)

    def match(self, name: str | None, email: str | None = None, by_email: SlackPerson | None = None) -> OwnerMatch:
        """Email first (the index's, else `by_email`), then the name; ambiguity is no match."""
        wanted = email_key(email)
        if wanted:
            if wanted in self.by_email:
                return OwnerMatch(self.by_email[wanted], "email", (self.by_email[wanted],))
            if by_email is not None and by_email.can_own_accounts and email_key(by_email.email) in ("", wanted):
                return OwnerMatch(by_email.user_id, "email", (by_email.user_id,))
        key = name_key(name)
        ids = self.by_name.get(key, []) if key else []
        if len(ids) == 1:
            return OwnerMatch(ids[0], "name", (ids[0],))
        return OwnerMatch(None, None, tuple(sorted(ids)))


def match_owner(name: str | None, email: str | None, people: Sequence[SlackPerson] | PeopleIndex,
                by_email: SlackPerson | None = None) -> OwnerMatch:
    """The Slack user who is this CRM owner, or no match (with the candidates when ambiguous).

    Pass a `PeopleIndex` when matching many owners; a plain sequence is indexed on each call."""
    index = people if isinstance(people, PeopleIndex) else PeopleIndex(people)
    return index.match(name, email, by_email)
