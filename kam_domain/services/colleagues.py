"""Who is one of ours, for one account: its team (KAM, sponsor, members) and every colleague whose
name we know, from what is stored and, in Slack, from the workspace directory.

Stored names: CRM owner links (`kam import users`, owners linked on import), accounts' CRM owner
names with their linked KAM, and the demo's people where their user ids are on a team of this
workspace. The directory (`PeopleDirectory`, Slack's users.list) is asked only when a log or an
edit names someone we could not place otherwise; without it (the console) stored names are all.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterable

from sqlmodel import Session, select

from kam_domain.models import Account, OwnerLink, TeamMember
from kam_domain.rules.colleagues import Colleague, merge
from kam_domain.rules.people_matching import SlackPerson

log = logging.getLogger("kam.colleagues")

# A callable that returns the workspace's people (Slack's users.list), or None where there is no Slack.
PeopleSource = Callable[[], Iterable[SlackPerson]]


def team_roles(session: Session, account: Account) -> dict[str, str]:
    """user id -> kam / sponsor / member / specialist on this account."""
    roles: dict[str, str] = {}
    rows = session.exec(select(TeamMember).where(TeamMember.team_id == account.team_id,
                                                 TeamMember.account_id == account.id)).all()
    for row in rows:
        roles.setdefault(row.user_id, row.role if row.role in ("kam", "sponsor", "member", "specialist") else "member")
    if account.sponsor_user_id:
        roles[account.sponsor_user_id] = "sponsor"
    if account.owner_user_id:
        roles[account.owner_user_id] = "kam"
    return roles


def stored_names(session: Session, team_id: str) -> dict[str, str]:
    """user id -> a name we know for them without asking Slack."""
    names: dict[str, str] = {}
    for link in session.exec(select(OwnerLink).where(OwnerLink.team_id == team_id)).all():
        if link.crm_owner_name and "@" not in link.crm_owner_name:
            names.setdefault(link.user_id, link.crm_owner_name)
    owners = session.exec(select(Account.owner_user_id, Account.crm_owner_name).where(
        Account.team_id == team_id, Account.owner_user_id.is_not(None), Account.crm_owner_name.is_not(None))).all()
    for user_id, name in owners:
        if name and "@" not in name:
            names.setdefault(user_id, name)
    names.update({u: n for u, n in _demo_names(session, team_id).items() if u not in names})
    return names


def _demo_names(session: Session, team_id: str) -> dict[str, str]:
    """The demo's colleagues (`kam demo`), for the user ids that really are on this workspace's teams."""
    from kam_domain.demo import DEMO_USERS

    on_teams = set(session.exec(select(TeamMember.user_id).where(TeamMember.team_id == team_id,
                                                                 TeamMember.user_id.in_(list(DEMO_USERS)))).all())
    on_teams |= set(session.exec(select(Account.sponsor_user_id).where(
        Account.team_id == team_id, Account.sponsor_user_id.in_(list(DEMO_USERS)))).all())
    on_teams |= set(session.exec(select(Account.owner_user_id).where(
        Account.team_id == team_id, Account.owner_user_id.in_(list(DEMO_USERS)))).all())
    return {u: DEMO_USERS[u] for u in on_teams if u in DEMO_USERS}


def known_colleagues(session: Session, account: Account, people: PeopleSource | None = None) -> list[Colleague]:
    """The account team first (with their names where known), then every other colleague we can name."""
    roles = team_roles(session, account)
    names = stored_names(session, account.team_id)
    found = [Colleague(u, names.get(u, ""), role) for u, role in roles.items()]
    found += [Colleague(u, n) for u, n in names.items()]
    if people is not None:
        try:
            for person in people():
                if person.user_id and not person.is_bot and not person.deleted:
                    for name in {person.real_name, person.display_name} - {None, ""}:
                        found.append(Colleague(person.user_id, name, roles.get(person.user_id)))
        except Exception as exc:  # noqa: BLE001 - the directory is a help, never a reason to lose a log
            log.warning("the people directory could not be read (%s); using stored names", exc.__class__.__name__)
    merged = merge(c for c in found if c.name or c.team_role)
    # A directory may give two names (real and display) for one id: keep each as its own entry to match on.
    extra = [c for c in found if c.name and all(m.name != c.name or m.user_id != c.user_id for m in merged)]
    return merged + [Colleague(c.user_id, c.name, roles.get(c.user_id)) for c in extra]
