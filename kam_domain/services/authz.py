"""Who may do what, enforced here in the service layer (never in prompts or the UI).

| action                        | admin | sponsor | account team | member | guest / shared-channel user |
|-------------------------------|-------|---------|--------------|--------|-----------------------------|
| read an account               | yes   | yes     | yes          | yes, unless restricted | no   |
| read a restricted account     | yes   | yes     | yes          | no     | no                          |
| score, edit plan and map, log | yes   | yes     | yes          | no     | no                          |
| nominate, request demotion    | yes   | yes     | yes          | no     | no                          |
| approve a tier change         | yes   | yes (own accounts) | no    | no     | no                          |
| override the key-account cap  | yes   | no      | no           | no     | no                          |
| change criteria, import       | yes   | no      | no           | no     | no                          |
| edit the account team         | yes   | yes (own accounts) | the KAM only | no | no                    |
| change the KAM                | yes   | no      | the KAM only | no     | no                          |

"Account team" is everyone on the account (KAM, members, specialists); the team itself (members,
sponsor, channel) is edited by its KAM, its executive sponsor or an admin, and only the current
KAM or an admin hands the KAM role to someone else (a sponsor can neither take it nor reassign it).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlmodel import Session, select

from kam_domain.errors import NotAllowed
from kam_domain.models import Account, TeamMember


@dataclass(frozen=True)
class Actor:
    team_id: str
    user_id: str
    is_admin: bool = False
    is_guest: bool = False  # a Slack guest, or a user from another organisation in a shared channel


class Permission(str, Enum):
    READ = "read"
    WRITE = "write"
    REQUEST_TIER_CHANGE = "request_tier_change"
    APPROVE_TIER_CHANGE = "approve_tier_change"
    OVERRIDE_CAP = "override_cap"
    ADMINISTER = "administer"
    EDIT_TEAM = "edit_team"
    CHANGE_KAM = "change_kam"


def team_user_ids(session: Session, account: Account) -> set[str]:
    rows = session.exec(select(TeamMember.user_id).where(TeamMember.account_id == account.id)).all()
    members = set(rows)
    for user_id in (account.owner_user_id, account.sponsor_user_id):
        if user_id:
            members.add(user_id)
    return members


def allowed(session: Session, actor: Actor, permission: Permission, account: Account | None = None) -> bool:
    if account is not None and account.team_id != actor.team_id:
        return False
    if actor.is_guest:
        return False
    if actor.is_admin:
        return True
    if permission in (Permission.OVERRIDE_CAP, Permission.ADMINISTER):
        return False
    if account is None:
        return permission == Permission.READ
    if permission == Permission.READ and not account.restricted:
        return True
    if permission == Permission.APPROVE_TIER_CHANGE:
        return actor.user_id == account.sponsor_user_id
    if permission == Permission.EDIT_TEAM:
        return bool(actor.user_id) and actor.user_id in (account.owner_user_id, account.sponsor_user_id)
    if permission == Permission.CHANGE_KAM:
        return bool(actor.user_id) and actor.user_id == account.owner_user_id
    return actor.user_id in team_user_ids(session, account)


_WHAT = {
    Permission.READ: "see this account",
    Permission.WRITE: "change this account",
    Permission.REQUEST_TIER_CHANGE: "ask for a tier change on this account",
    Permission.APPROVE_TIER_CHANGE: "approve tier changes for this account",
    Permission.OVERRIDE_CAP: "override the key-account cap",
    Permission.ADMINISTER: "change workspace settings",
    Permission.EDIT_TEAM: "change this account's team",
    Permission.CHANGE_KAM: "change this account's KAM",
}


def require(session: Session, actor: Actor, permission: Permission, account: Account | None = None) -> None:
    if not allowed(session, actor, permission, account):
        who = "the account team, its executive sponsor or an admin"
        if permission == Permission.APPROVE_TIER_CHANGE:
            who = "the account's executive sponsor or an admin"
        elif permission in (Permission.OVERRIDE_CAP, Permission.ADMINISTER):
            who = "an admin"
        elif permission == Permission.EDIT_TEAM:
            who = "the account's KAM, its executive sponsor or an admin"
        elif permission == Permission.CHANGE_KAM:
            who = "the current KAM or an admin"
        if actor.is_guest:
            raise NotAllowed("Guests and people from other organisations can't use the KAM assistant here.")
        raise NotAllowed(f"Only {who} can {_WHAT[permission]}.")
