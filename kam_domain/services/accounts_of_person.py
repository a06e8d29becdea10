""""Key accounts for Anna Keller": the accounts one of our people works on, as KAM, executive sponsor or team
member. The person is a Slack mention, "me", or a name found in the words, resolved through the names we
store (CRM owners linked, the demo's people) and, in Slack, the workspace's people directory."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlmodel import Session, select

from kam_domain.errors import UserError
from kam_domain.models import TeamMember
from kam_domain.rules.names import fold
from kam_domain.services.colleagues import PeopleSource, stored_names
from kam_domain.services.portfolio_queries import MAX_LISTED, PortfolioAnswer, readable_accounts, tier_words
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork

log = logging.getLogger("kam.accounts_of_person")

MENTION = re.compile(r"(?<![\w@])@([UW][A-Z0-9_]{2,})\b")  # as `clean_slack_text` leaves a mention
ME = re.compile(r"\b(?:me|my|mine|i)\b", re.I)
ROLE_ORDER = {"kam": 0, "sponsor": 1, "specialist": 2, "member": 3}
ROLE_WORDS = {"kam": "KAM", "sponsor": "executive sponsor", "specialist": "specialist", "member": "team member"}


@dataclass(frozen=True)
class PersonAccountRow:
    account_id: int
    account_name: str
    tier: str
    role: str  # kam, sponsor, specialist, member

    @property
    def role_label(self) -> str:
        return ROLE_WORDS.get(self.role, self.role)


@dataclass
class AccountsOfPerson(PortfolioAnswer):
    user_id: str = ""
    person_name: str = ""
    rows: list[PersonAccountRow] = field(default_factory=list)


def accounts_of_person(uow: UnitOfWork, actor: Actor, text: str, tier: str | None = None,
                       people: PeopleSource | None = None) -> AccountsOfPerson:
    with uow:
        session = uow.session
        accounts = readable_accounts(session, actor, tier)
        user_id, name = resolve_person(session, actor, text, people)
        roles: dict[int, str] = {}
        for account_id, role in session.exec(select(TeamMember.account_id, TeamMember.role).where(
                TeamMember.team_id == actor.team_id, TeamMember.user_id == user_id)).all():
            roles[account_id] = role if role in ROLE_ORDER else "member"
        for account in accounts.values():
            if account.sponsor_user_id == user_id:
                roles[account.id] = "sponsor"
            if account.owner_user_id == user_id:
                roles[account.id] = "kam"
        rows = [PersonAccountRow(a, accounts[a].name, accounts[a].tier, role) for a, role in roles.items()
                if a in accounts]
        rows.sort(key=lambda r: (r.tier != "key", ROLE_ORDER[r.role], r.account_name))
        shown = name or "them"
        title = f"{tier_words(tier).capitalize()} of {shown}"
        basis = "account teams: KAM, executive sponsor and team members (`/kam team ACCOUNT`)"
        answer = AccountsOfPerson("owned-by", title, basis, user_id=user_id, person_name=name)
        answer.more, answer.rows = max(0, len(rows) - MAX_LISTED), rows[:MAX_LISTED]
        return answer


def resolve_person(session: Session, actor: Actor, text: str, people: PeopleSource | None) -> tuple[str, str]:
    """(user id, name) of the person the words mean; a UserError naming what to write when unclear."""
    names = _known_names(session, actor.team_id, people)
    mention = MENTION.search(text or "")
    if mention:
        user_id = mention.group(1)
        return user_id, _first_name_of(names, user_id)
    said = fold(text)
    hits = _matches(said, names) if said else []
    ids = sorted({u for u, _ in hits})
    if not ids and ME.search(text or ""):
        return actor.user_id, _first_name_of(names, actor.user_id) or "you"
    if not said:
        raise UserError("Say whose accounts: mention them (`/kam owned-by @anna`) or write their name.")
    if len(ids) == 1:
        return ids[0], max((n for u, n in hits), key=len)
    if len(ids) > 1:
        options = ", ".join(sorted({n for _, n in hits}))
        raise UserError(f"That name fits more than one colleague ({options}): write the full name or mention them.")
    raise UserError(f"I don't know a colleague called “{text.strip()[:60]}”: mention them (@name) or write the "
                    "name Slack shows.")


def _known_names(session: Session, team_id: str, people: PeopleSource | None) -> list[tuple[str, str]]:
    names = [(u, n) for u, n in stored_names(session, team_id).items()]
    if people is not None:
        try:
            for person in people():
                if person.user_id and not person.is_bot and not person.deleted:
                    names += [(person.user_id, n) for n in {person.real_name, person.display_name} - {None, ""}]
        except Exception as exc:  # noqa: BLE001 - the directory is a help: stored names still answer
            log.warning("the people directory could not be read (%s); using stored names", exc.__class__.__name__)
    return names


def _matches(said: str, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Full names found in the words; failing that, a first name or surname standing alone."""
    padded = f" {said} "
    full = [(u, n) for u, n in names if len(fold(n).split()) > 1 and f" {fold(n)} " in padded]
    if full:
        return full
    said_words = set(said.split())
    return [(u, n) for u, n in names if any(len(part) >= 3 and part in said_words for part in fold(n).split())]


def _first_name_of(names: list[tuple[str, str]], user_id: str) -> str:
    return next((n for u, n in names if u == user_id), "")
