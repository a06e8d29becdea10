"""CRM account owners -> Slack users: who each owner is, and making them the accounts' KAM.

Used by the CRM import (kam_domain/services/importing.py) inside its one transaction:
1. `resolve_owners`: for each DISTINCT owner of the file, an existing OwnerLink wins (by email,
   then by name); else the people directory is asked (users.list once, users.lookupByEmail for
   an email the list does not show) and matched by kam_domain.rules.people_matching.
2. `relink_accounts`: a matched owner becomes the KAM of their accounts (owner_user_id,
   owner_source="crm", a TeamMember row with role "kam", an audit entry "owner linked from CRM").
   An account whose KAM was set by a person (owner_source "manual", or a KAM set before owners
   were linked, owner_source empty) is never changed; a "crm" KAM follows the CRM owner, so a
   changed owner in a re-import moves the KAM and its kam TeamMember row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from kam_domain.models import Account, AuditEntry, OwnerLink, TeamMember
from kam_domain.rules.people_matching import PeopleIndex, email_key, name_key, owner_key
from kam_domain.services.directory import DirectoryUnavailable, PeopleDirectory

LINKED_REASON = "owner linked from CRM"
LINK_ACTION = "account.owner_linked"
CRM, MANUAL = "crm", "manual"
MATCHED, MANUAL_LINK = "matched", "manual"
HOW_TO_LINK = ("link them with `kam import users FILE` (columns CRM Owner and Slack User ID, or Email) "
               "or in Slack with `/kam team ACCOUNT owner=@user`")
MAX_NAMED = 20


@dataclass(frozen=True)
class CrmOwner:
    """One owner as the file names them."""

    name: str | None
    email: str | None

    @property
    def key(self) -> str:
        return owner_key(self.name, self.email)

    @property
    def label(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email or ""


@dataclass
class OwnerResolution:
    """Who the file's owners are: user ids by owner key, and what could not be matched."""

    users: dict[str, str] = field(default_factory=dict)  # owner key -> Slack user id
    labels: dict[str, str] = field(default_factory=dict)  # owner key -> how the file names them
    new_links: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (label, user id) to remember
    reused: int = 0  # owners linked by an earlier OwnerLink
    unmatched: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    skipped: str | None = None  # why nothing was linked (no directory, Slack error)
    slack_calls: int = 0

    def user_of(self, owner: CrmOwner | None) -> str | None:
        return self.users.get(owner.key) if owner is not None and owner.key else None

    @property
    def linked(self) -> dict[str, str]:
        return {self.labels[key]: user for key, user in self.users.items()}


def owner_of(name: str | None, email: str | None) -> CrmOwner | None:
    owner = CrmOwner(name or None, email_key(email) or None)
    return owner if owner.key else None


def existing_links(session: Session, team_id: str) -> dict[str, OwnerLink]:
    return {link.crm_owner_key: link for link in session.scalars(
        select(OwnerLink).where(OwnerLink.team_id == team_id))}


def resolve_owners(session: Session, team_id: str, owners: Iterable[CrmOwner],
                   directory: PeopleDirectory | None) -> OwnerResolution:
    """Link each distinct owner: earlier links first, then the directory (one users.list)."""
    resolution = OwnerResolution()
    distinct = {o.key: o for o in owners if o.key}
    if not distinct:
        return resolution
    if directory is None:
        resolution.skipped = ("Account owners were not linked to Slack users: this import ran without Slack "
                              "(no bot token is set). Run it where SLACK_BOT_TOKEN is set, or " + HOW_TO_LINK + ".")
        return resolution
    links = existing_links(session, team_id)
    pending: list[CrmOwner] = []
    for key, owner in distinct.items():
        resolution.labels[key] = owner.label
        link = links.get(email_key(owner.email)) if owner.email else None
        link = link or (links.get(name_key(owner.name)) if owner.name else None)
        if link is not None:
            resolution.users[key] = link.user_id
            resolution.reused += 1
        else:
            pending.append(owner)
    if pending:
        try:
            _match_with_directory(pending, directory, resolution)
        except DirectoryUnavailable as exc:
            return OwnerResolution(skipped=exc.message)
    return resolution


def _match_with_directory(owners: list[CrmOwner], directory: PeopleDirectory, resolution: OwnerResolution) -> None:
    index = PeopleIndex(directory.people())
    for owner in owners:
        by_email = None
        if owner.email and owner.email not in index.by_email:
            by_email = directory.by_email(owner.email)
        match = index.match(owner.name, owner.email, by_email)
        if match.user_id is not None:
            resolution.users[owner.key] = match.user_id
            resolution.new_links[owner.key] = (owner.label, match.user_id)
        elif match.ambiguous:
            resolution.ambiguous[owner.label] = list(match.candidates)
        else:
            resolution.unmatched.append(owner.label)
    resolution.unmatched.sort(key=str.lower)


def remember_links(session: Session, team_id: str, links: dict[str, tuple[str, str]], source: str,
                   now: datetime) -> None:
    """Insert or update OwnerLinks (key -> (label, user id)) in the caller's transaction."""
    if not links:
        return
    current = existing_links(session, team_id)
    inserts, updates = [], []
    for key, (label, user_id) in links.items():
        link = current.get(key)
        if link is None:
            inserts.append({"team_id": team_id, "crm_owner_key": key[:254], "crm_owner_name": label[:254],
                            "user_id": user_id, "source": source, "linked_at": now})
        elif (link.user_id, link.source, link.crm_owner_name) != (user_id, source, label[:254]):
            updates.append({"id": link.id, "user_id": user_id, "source": source, "crm_owner_name": label[:254],
                            "linked_at": now})
    if inserts:
        session.execute(insert(OwnerLink), inserts)
    if updates:
        session.execute(update(OwnerLink), updates)


# --------------------------------------------------------------------------- accounts


def follows_crm(owner_user_id: str | None, owner_source: str | None) -> bool:
    """May an import set this account's KAM? Not when a person set it."""
    if owner_source == MANUAL:
        return False
    return owner_source == CRM or owner_user_id is None


@dataclass
class Relinked:
    accounts: int = 0  # accounts whose KAM changed
    moved: int = 0  # of which had another CRM-linked KAM before


def relink_accounts(session: Session, team_id: str, wanted: dict[int, tuple[str, str]], actor: str,
                    now: datetime) -> Relinked:
    """Make `wanted[account_id] = (user_id, crm owner label)` the KAM where the account follows the CRM."""
    result = Relinked()
    if not wanted:
        return result
    accounts = {r.id: r for r in session.execute(
        select(Account.id, Account.owner_user_id, Account.owner_source).where(Account.team_id == team_id))
        if r.id in wanted}
    members: dict[tuple[int, str], Any] = {
        (m.account_id, m.user_id): m for m in session.execute(
            select(TeamMember.id, TeamMember.account_id, TeamMember.user_id, TeamMember.role)
            .where(TeamMember.team_id == team_id))
        if m.account_id in wanted}
    account_updates, member_inserts, member_promotions, member_deletes, audits = [], [], [], [], []
    for account_id, (user_id, label) in wanted.items():
        current = accounts.get(account_id)
        if current is None or not follows_crm(current.owner_user_id, current.owner_source):
            continue
        if current.owner_user_id == user_id and current.owner_source == CRM:
            continue
        old = current.owner_user_id
        account_updates.append({"id": account_id, "owner_user_id": user_id, "owner_source": CRM, "updated_at": now})
        if old and old != user_id:
            result.moved += 1
            row = members.get((account_id, old))
            if row is not None and row.role == "kam":
                member_deletes.append(row.id)
        row = members.get((account_id, user_id))
        if row is None:
            member_inserts.append({"team_id": team_id, "account_id": account_id, "user_id": user_id, "role": "kam"})
        elif row.role in ("member", "specialist"):
            member_promotions.append({"id": row.id, "role": "kam"})
        audits.append({
            "team_id": team_id, "account_id": account_id, "actor": (actor or "import")[:32], "action": LINK_ACTION,
            "entity": "account", "entity_id": account_id,
            "before": {"owner_user_id": old, "owner_source": current.owner_source},
            "after": {"owner_user_id": user_id, "owner_source": CRM, "crm_owner": label},
            "reason": LINKED_REASON, "at": now})
        result.accounts += 1
    for chunk in _chunks(member_deletes, 500):
        session.execute(delete(TeamMember).where(TeamMember.id.in_(chunk)))
    for statement, rows in ((update(Account), account_updates), (update(TeamMember), member_promotions),
                            (insert(TeamMember), member_inserts), (insert(AuditEntry), audits)):
        for chunk in _chunks(rows, 1000):
            session.execute(statement, chunk)
    return result


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --------------------------------------------------------------------------- summary


def summary_lines(resolution: OwnerResolution, relinked: Relinked | None, dry_run: bool) -> list[str]:
    """What the report says about owners: linked, not matched and ambiguous, and how to fix those."""
    if resolution.skipped:
        return [resolution.skipped]
    lines = []
    if resolution.users:
        found = len(resolution.users)
        line = (f"{'Would link' if dry_run else 'Linked'} {found} CRM owner{'s' if found != 1 else ''} "
                f"to Slack users")
        if resolution.reused:
            line += f" ({resolution.reused} from earlier links)"
        if relinked is not None:
            line += f"; {relinked.accounts} account{'s' if relinked.accounts != 1 else ''} got a new KAM"
            if relinked.moved:
                line += f" ({relinked.moved} moved from another KAM as the CRM owner changed)"
        lines.append(line + ".")
    if resolution.unmatched:
        names = resolution.unmatched
        lines.append(f"{len(names)} CRM owner{'s' if len(names) != 1 else ''} matched no Slack user: "
                     + _listed(names) + ".")
    if resolution.ambiguous:
        parts = [f"{label} ({', '.join(ids)})" for label, ids in sorted(resolution.ambiguous.items())]
        lines.append(f"{len(parts)} CRM owner{'s' if len(parts) != 1 else ''} matched several Slack users, so none "
                     "was chosen: " + _listed(parts) + ".")
    if resolution.unmatched or resolution.ambiguous:
        lines.append("To fix that, " + HOW_TO_LINK + ".")
    return lines


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_NAMED])
    return shown + (f" and {len(items) - MAX_NAMED} more" if len(items) > MAX_NAMED else "")
