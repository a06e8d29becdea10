"""What the router may look up, scoped to one workspace: the port and its SQL adapter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session, select

from kam_domain.language.entities import PersonRef
from kam_domain.language.slots import CriterionName
from kam_domain.models import Account, ConversationMemory, Criterion, Stakeholder, utcnow
from kam_domain.rules.matching import NameCandidate
from kam_domain.services.queries import account_candidates


@dataclass(frozen=True)
class ThreadKey:
    """Where a conversation happens: a Slack thread, or a console user's session."""

    channel_id: str
    thread_ts: str


@dataclass(frozen=True)
class Memory:
    account_id: int | None
    stakeholder_id: int | None
    last_intent: str | None


class Directory(Protocol):
    def account_candidates(self) -> list[NameCandidate]: ...
    def account_name(self, account_id: int) -> str | None: ...
    def channel_account(self, channel_id: str | None) -> int | None: ...
    def people_of(self, account_id: int) -> list[PersonRef]: ...
    def all_people(self) -> list[PersonRef]: ...
    def criteria(self) -> list[CriterionName]: ...
    def recall(self, key: ThreadKey | None) -> Memory | None: ...
    def remember(self, key: ThreadKey | None, memory: Memory) -> None: ...


_PERSON_COLUMNS = (Stakeholder.id, Stakeholder.account_id, Stakeholder.name, Stakeholder.title, Stakeholder.role)


class SqlDirectory:
    """Reads (and the thread memory write) on one session, never outside `team_id`."""

    def __init__(self, session: Session, team_id: str):
        self.session = session
        self.team_id = team_id
        self._candidates: list[NameCandidate] | None = None
        self._names: dict[int, str] | None = None
        self._people_of: dict[int, list[PersonRef]] = {}  # one message's reads, not a long-lived cache
        self._criteria: list[CriterionName] | None = None

    def account_candidates(self) -> list[NameCandidate]:
        if self._candidates is None:
            self._candidates = account_candidates(self.session, self.team_id)
        return self._candidates

    def account_name(self, account_id: int) -> str | None:
        if self._candidates is not None:  # this message already read the workspace's accounts
            if self._names is None:
                self._names = {c.id: c.name for c in self._candidates}
            return self._names.get(account_id)
        account = self.session.get(Account, account_id)
        return account.name if account is not None and account.team_id == self.team_id else None

    def channel_account(self, channel_id: str | None) -> int | None:
        if not channel_id:
            return None
        return self.session.exec(select(Account.id).where(Account.team_id == self.team_id,
                                                          Account.channel_id == channel_id)).first()

    def people_of(self, account_id: int) -> list[PersonRef]:
        if account_id not in self._people_of:
            self._people_of[account_id] = self._people(Stakeholder.account_id == account_id)
        return self._people_of[account_id]

    def all_people(self) -> list[PersonRef]:
        return self._people()

    def _people(self, *where) -> list[PersonRef]:
        rows = self.session.exec(select(*_PERSON_COLUMNS).where(Stakeholder.team_id == self.team_id, *where)
                                 .order_by(Stakeholder.id)).all()
        return [PersonRef(*row) for row in rows]

    def criteria(self) -> list[CriterionName]:
        if self._criteria is None:
            self._criteria = self._read_criteria()
        return self._criteria

    def _read_criteria(self) -> list[CriterionName]:
        rows = self.session.exec(select(Criterion).where(Criterion.team_id == self.team_id,
                                                         Criterion.active == True)  # noqa: E712
                                 .order_by(Criterion.position, Criterion.id)).all()
        return [CriterionName(c.key, c.label) for c in rows]

    def recall(self, key: ThreadKey | None) -> Memory | None:
        if key is None:
            return None
        row = self.session.get(ConversationMemory, (self.team_id, key.channel_id, key.thread_ts))
        if row is None:
            return None
        account_id = row.account_id if row.account_id and self.account_name(row.account_id) else None
        return Memory(account_id, row.stakeholder_id if account_id else None, row.last_intent)

    def remember(self, key: ThreadKey | None, memory: Memory) -> None:
        if key is None:
            return
        row = self.session.get(ConversationMemory, (self.team_id, key.channel_id, key.thread_ts))
        if row is None:
            row = ConversationMemory(team_id=self.team_id, channel_id=key.channel_id, thread_ts=key.thread_ts)
        row.account_id = memory.account_id
        row.stakeholder_id = memory.stakeholder_id
        row.last_intent = (memory.last_intent or "")[:32] or None
        row.updated_at = utcnow()
        self.session.add(row)
