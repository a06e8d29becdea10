"""The account team: the KAM, cross-functional members, the executive sponsor and the account channel.

Reads: `show_team` (`/kam team ACCOUNT`) and `team_form` (what the edit form needs).
Writes: `change_team` (`/kam team ACCOUNT owner=.. sponsor=.. add=.. remove=.. channel=..`) and
`save_team_form` (the edit form). `import_teams` (`kam import teams FILE`) lives in
`kam_domain.services.team_import`.

Who may write is in `authz` (EDIT_TEAM, CHANGE_KAM): the KAM, the sponsor and admins edit the
team; only the current KAM or an admin changes the KAM. Bad input writes nothing and says what
to fix, per field. Every change is one audit entry. A KAM set by a person is
`owner_source="manual"`, so a later CRM re-import never overwrites it. The KAM and the sponsor
also have TeamMember rows (role "kam", "sponsor"); a KAM or sponsor who is replaced stays on the
team as a member unless removed in the same change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import Account, TeamMember
from kam_domain.rules import team as rules
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.plan_canvas_queue import plan_changed
from kam_domain.store.uow import UnitOfWork

FIELDS = ("owner", "sponsor", "add", "remove", "channel")
MANUAL = "manual"


# --------------------------------------------------------------------------- results


@dataclass
class TeamMemberRow:
    user_id: str
    role: str

    @property
    def role_label(self) -> str:
        return rules.ROLE_LABELS.get(self.role, self.role)


@dataclass
class TeamView:
    account_id: int
    account_name: str
    tier: str
    kam_user_id: str | None
    crm_owner_name: str | None  # the CRM's owner when no Slack user is linked yet
    owner_source: str | None
    sponsor_user_id: str | None
    channel_id: str | None
    members: list[TeamMemberRow]  # everyone besides the KAM and the sponsor
    can_edit: bool
    can_change_kam: bool

    @property
    def editors(self) -> list[str]:
        """Who may edit the team besides admins: the KAM and the sponsor."""
        return [u for u in (self.kam_user_id, self.sponsor_user_id) if u]


@dataclass
class TeamChange:
    """One change: kind is owner, sponsor, channel, added or removed."""

    kind: str
    before: str | None = None  # a user or channel id
    after: str | None = None
    role: str | None = None  # added / removed: the member's role


@dataclass
class TeamChangeResult:
    team: TeamView
    changes: list[TeamChange]


@dataclass
class TeamChanges:
    """What a person asked to change, as typed (ids are checked by `change_team`)."""

    owner: str | None = None
    sponsor: str | None = None  # a user, or none/clear to clear
    add: list[str] = field(default_factory=list)  # "@U1:specialist", "@U2", or several comma separated
    remove: list[str] = field(default_factory=list)
    channel: str | None = None  # a channel, or none/clear to clear

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> "TeamChanges":
        unknown = sorted(set(fields) - set(FIELDS))
        if unknown:
            raise UserError(f"Unknown field `{unknown[0]}`. Fields: {', '.join(FIELDS)}.")
        return cls(owner=fields.get("owner"), sponsor=fields.get("sponsor"),
                   add=[fields["add"]] if fields.get("add") is not None else [],
                   remove=[fields["remove"]] if fields.get("remove") is not None else [],
                   channel=fields.get("channel"))

    def is_empty(self) -> bool:
        return self.owner is None and self.sponsor is None and not self.add and not self.remove \
            and self.channel is None


@dataclass
class TeamForm:
    account_id: int
    account_name: str
    kam_user_id: str | None
    sponsor_user_id: str | None
    member_ids: list[str]
    channel_id: str | None
    can_change_kam: bool


class TeamProblems(FieldErrors):
    """Per-field problems with a team change; nothing was written. The message lists them all."""

    def __post_init__(self):
        UserError.__init__(self, "\n".join(self.errors.values()) + "\nNothing was changed.")


# --------------------------------------------------------------------------- reads


def show_team(uow: UnitOfWork, actor: Actor, account_text: str) -> TeamView:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="team")
        require(uow.session, actor, Permission.READ, account)
        return build_view(uow.session, actor, account)


def show_team_by_id(uow: UnitOfWork, actor: Actor, account_id: int) -> TeamView:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, int(account_id))
        require(uow.session, actor, Permission.READ, account)
        return build_view(uow.session, actor, account)


def build_view(session: Session, actor: Actor, account: Account) -> TeamView:
    special = {account.owner_user_id, account.sponsor_user_id} - {None}
    members = [TeamMemberRow(m.user_id, m.role if m.role not in (rules.KAM, rules.SPONSOR) else rules.MEMBER)
               for m in _rows(session, account).values() if m.user_id not in special]
    members.sort(key=lambda m: (m.role != rules.SPECIALIST, m.user_id))
    return TeamView(
        account_id=account.id, account_name=account.name, tier=account.tier, kam_user_id=account.owner_user_id,
        crm_owner_name=account.crm_owner_name, owner_source=account.owner_source,
        sponsor_user_id=account.sponsor_user_id, channel_id=account.channel_id, members=members,
        can_edit=allowed(session, actor, Permission.EDIT_TEAM, account),
        can_change_kam=allowed(session, actor, Permission.CHANGE_KAM, account),
    )


def team_form(uow: UnitOfWork, actor: Actor, account: str | int) -> TeamForm:
    """What the edit form shows; only for people who may edit the team."""
    with uow:
        session = uow.session
        row = _account(session, actor, account)
        require(session, actor, Permission.EDIT_TEAM, row)
        view = build_view(session, actor, row)
        return TeamForm(row.id, row.name, row.owner_user_id, row.sponsor_user_id,
                        [m.user_id for m in view.members], row.channel_id, view.can_change_kam)


# --------------------------------------------------------------------------- writes


def change_team(uow: UnitOfWork, actor: Actor, account: str | int, changes: TeamChanges, now: datetime, *,
                names_resolvable: bool = True) -> TeamChangeResult:
    """Apply the changes all together, or none of them (TeamProblems / NotAllowed)."""
    with uow:
        session = uow.session
        row = _account(session, actor, account)
        applied = _apply(session, actor, row, changes, now, names_resolvable=names_resolvable)
        view = build_view(session, actor, row)
        uow.commit()
        return TeamChangeResult(view, applied)


def save_team_form(uow: UnitOfWork, actor: Actor, account_id: int, *, owner: str | None, sponsor: str | None,
                   members: Iterable[str], channel: str | None, now: datetime,
                   owner_shown: bool = True) -> TeamChangeResult:
    """The edit form: the whole team as it should be; the difference is applied as `change_team` would."""
    with uow:
        session = uow.session
        row = _account(session, actor, int(account_id))
        require(session, actor, Permission.EDIT_TEAM, row)
        current = _rows(session, row)
        wanted = [m for m in dict.fromkeys(members or []) if m]
        changes = TeamChanges()
        if owner_shown and (owner or None) != row.owner_user_id:
            changes.owner = owner or "none"
        final_owner = (owner or None) if owner_shown else row.owner_user_id
        if (sponsor or None) != row.sponsor_user_id:
            changes.sponsor = sponsor or "none"
        special = {final_owner, sponsor or None, row.owner_user_id, row.sponsor_user_id} - {None}
        on_team = set(current) | {row.owner_user_id, row.sponsor_user_id} - {None}
        changes.add = [m for m in wanted if m not in on_team and m not in special]
        changes.remove = [u for u, m in current.items() if u not in special and u not in wanted]
        if (channel or None) != row.channel_id:
            changes.channel = channel or "none"
        applied = _apply(session, actor, row, changes, now, names_resolvable=True)
        view = build_view(session, actor, row)
        uow.commit()
        return TeamChangeResult(view, applied)


def _account(session: Session, actor: Actor, account: str | int) -> Account:
    if isinstance(account, int):
        return queries.account_by_id(session, actor.team_id, account)
    return queries.resolve_account(session, actor.team_id, str(account), command="team")


def _rows(session: Session, account: Account) -> dict[str, TeamMember]:
    rows = session.exec(select(TeamMember).where(TeamMember.team_id == account.team_id,
                                                 TeamMember.account_id == account.id)
                        .order_by(TeamMember.id)).all()
    return {m.user_id: m for m in rows}


def _mention(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id else "nobody"


@dataclass
class _Wanted:
    owner: str | None
    sponsor: str | None
    channel: str | None
    owner_given: bool
    sponsor_given: bool
    channel_given: bool
    adds: list[tuple[str, str]]
    removes: list[str]


def _read(changes: TeamChanges, names_resolvable: bool) -> tuple[_Wanted, dict[str, str]]:
    """The typed values as ids; problems by field."""
    problems: dict[str, str] = {}

    def person(key: str, raw: str | None) -> str | None:
        try:
            return rules.user_id(raw, names_resolvable=names_resolvable)
        except rules.NotAUser as exc:
            problems.setdefault(key, str(exc))
            return None

    owner = sponsor = channel = None
    if changes.owner is not None:
        if rules.is_clear(changes.owner):
            problems["owner"] = "An account always has a KAM: set another owner (owner=@someone) instead of none."
        else:
            owner = person("owner", changes.owner)
    if changes.sponsor is not None and not rules.is_clear(changes.sponsor):
        sponsor = person("sponsor", changes.sponsor)
    if changes.channel is not None and not rules.is_clear(changes.channel):
        try:
            channel = rules.channel_id(changes.channel)
        except ValueError as exc:
            problems["channel"] = str(exc)
    adds: list[tuple[str, str]] = []
    for raw in changes.add:
        for spec in rules.split_members(raw):
            user = person("add", spec.who)
            try:
                role = rules.member_role(spec.role)
            except ValueError as exc:
                problems.setdefault("add", str(exc))
                continue
            if user and any(user == u for u, _ in adds):
                problems.setdefault("add", f"{_mention(user)} is given twice in add=: name each person once.")
            elif user:
                adds.append((user, role))
    if changes.add and not adds and "add" not in problems:
        problems["add"] = "Say who to add, e.g. add=@ana or add=@ana:specialist."
    removes: list[str] = []
    for raw in changes.remove:
        for who in rules.split_users(raw):
            user = person("remove", who)
            if user and user not in removes:
                removes.append(user)
    if changes.remove and not removes and "remove" not in problems:
        problems["remove"] = "Say who to remove, e.g. remove=@ana."
    wanted = _Wanted(owner, sponsor, channel, changes.owner is not None, changes.sponsor is not None,
                     changes.channel is not None, adds, removes)
    return wanted, problems


def apply_in_session(session: Session, actor: Actor, account: Account, changes: TeamChanges, now: datetime, *,
                     names_resolvable: bool = True) -> list[TeamChange]:
    """`change_team` inside another service's unit of work (e.g. a sponsor named with a key-account approval)."""
    return _apply(session, actor, account, changes, now, names_resolvable=names_resolvable)


def _apply(session: Session, actor: Actor, account: Account, changes: TeamChanges, now: datetime, *,
           names_resolvable: bool) -> list[TeamChange]:
    require(session, actor, Permission.EDIT_TEAM, account)
    wanted, problems = _read(changes, names_resolvable)
    old_owner, old_sponsor, old_channel = account.owner_user_id, account.sponsor_user_id, account.channel_id
    owner_changes = wanted.owner_given and wanted.owner is not None and wanted.owner != old_owner
    if owner_changes or (wanted.owner_given and "owner" in problems):
        require(session, actor, Permission.CHANGE_KAM, account)
    rows = _rows(session, account)
    new_owner = wanted.owner if owner_changes else old_owner
    new_sponsor = (wanted.sponsor if wanted.sponsor_given else old_sponsor) if "sponsor" not in problems else old_sponsor
    on_team = set(rows) | ({old_owner, old_sponsor} - {None})

    for user in wanted.removes:
        if user == new_owner:
            problems.setdefault("remove", f"{_mention(user)} is the KAM: set another owner first "
                                          f"(owner=@someone), then remove them.")
        elif user not in on_team:
            problems.setdefault("remove", f"{_mention(user)} is not on the {account.name} team.")
        elif wanted.sponsor_given and user == wanted.sponsor:
            problems.setdefault("remove", f"{_mention(user)} can't be made sponsor and removed at once.")
        elif user == new_sponsor:
            new_sponsor = None  # removing the sponsor leaves the account without one
    staying = on_team - set(wanted.removes)
    for user, role in wanted.adds:
        if user == new_owner:
            problems.setdefault("add", f"{_mention(user)} is the KAM of {account.name} already.")
        elif user == new_sponsor:
            problems.setdefault("add", f"{_mention(user)} is the executive sponsor of {account.name} already.")
        elif user in staying:
            current = rows[user].role if user in rows else rules.MEMBER
            shown = rules.ROLE_LABELS.get(current, current).lower()
            problems.setdefault("add", f"{_mention(user)} is on the {account.name} team already ({shown}). "
                                       "To change their role, remove=@them add=@them:role in one command.")
    if new_owner and new_owner == new_sponsor and "owner" not in problems and "sponsor" not in problems:
        field_name = "sponsor" if wanted.sponsor_given else "owner"
        problems[field_name] = (f"{_mention(new_owner)} can't be both the KAM and the executive sponsor: "
                                "choose someone else for one of them.")
    if problems:
        raise TeamProblems({k: problems[k] for k in FIELDS if k in problems})

    applied: list[TeamChange] = []
    for user in wanted.removes:
        row = rows.pop(user, None)
        role = rules.SPONSOR if user == old_sponsor else (row.role if row else rules.MEMBER)
        if row is not None:
            session.delete(row)
        if user == old_sponsor and not wanted.sponsor_given:
            account.sponsor_user_id = None
        audit.record(session, actor, "team.member_removed", "team_member", row.id if row else None,
                     account_id=account.id, before={"user_id": user, "role": role}, after=None)
        applied.append(TeamChange("removed", before=user, role=role))
    session.flush()  # the removed rows go before anyone is added again (one row per person and account)

    if owner_changes:
        account.owner_user_id, before_source = new_owner, account.owner_source
        account.owner_source = MANUAL
        if old_owner and old_owner not in wanted.removes:
            set_role(session, account, rows, old_owner, rules.MEMBER)
        set_role(session, account, rows, new_owner, rules.KAM)
        audit.record(session, actor, "team.owner_changed", "account", account.id, account_id=account.id,
                     before={"owner_user_id": old_owner, "owner_source": before_source},
                     after={"owner_user_id": new_owner, "owner_source": MANUAL})
        applied.append(TeamChange("owner", before=old_owner, after=new_owner))
    if wanted.sponsor_given and new_sponsor != old_sponsor:
        account.sponsor_user_id = new_sponsor
        if old_sponsor and old_sponsor not in wanted.removes and old_sponsor != new_owner:
            set_role(session, account, rows, old_sponsor, rules.MEMBER)
        if new_sponsor:
            set_role(session, account, rows, new_sponsor, rules.SPONSOR)
        audit.record(session, actor, "team.sponsor_changed", "account", account.id, account_id=account.id,
                     before={"sponsor_user_id": old_sponsor}, after={"sponsor_user_id": new_sponsor})
        applied.append(TeamChange("sponsor", before=old_sponsor, after=new_sponsor))
    for user, role in wanted.adds:
        member = set_role(session, account, rows, user, role)
        session.flush()
        audit.record(session, actor, "team.member_added", "team_member", member.id, account_id=account.id,
                     before=None, after={"user_id": user, "role": role})
        applied.append(TeamChange("added", after=user, role=role))
    if wanted.channel_given and wanted.channel != old_channel:
        account.channel_id = wanted.channel
        audit.record(session, actor, "team.channel_changed", "account", account.id, account_id=account.id,
                     before={"channel_id": old_channel}, after={"channel_id": wanted.channel})
        applied.append(TeamChange("channel", before=old_channel, after=wanted.channel))
    if applied:
        account.updated_at = now
        session.add(account)
        session.flush()
        plan_changed(account, now)  # the plan's channel canvas, if the bot keeps one
    return applied


def set_role(session: Session, account: Account, rows: dict[str, TeamMember], user: str, role: str) -> TeamMember:
    """Give `user` this role on the account's team (a new member if not on it); `rows` by user id is kept current."""
    member = rows.get(user)
    if member is None:
        member = TeamMember(team_id=account.team_id, account_id=account.id, user_id=user, role=role)
        rows[user] = member
    else:
        member.role = role
    session.add(member)
    return member


def snapshot(view: TeamView) -> dict[str, Any]:
    """The team as plain values (for tests and exports)."""
    return {"kam": view.kam_user_id, "sponsor": view.sponsor_user_id, "channel": view.channel_id,
            "members": {m.user_id: m.role for m in view.members}}
