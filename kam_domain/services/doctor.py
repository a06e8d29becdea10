"""`kam doctor`: the set-up left to do in one workspace, each item with the command that fixes it.

A report, never a change: it reads the workspace and says what is missing (owners not linked
to Slack users, accounts without an owner, key accounts without a sponsor or a channel, no
criteria, judgement scores waiting, notes not indexed) and, when the caller hands in a way to
ask Slack (`channel_membership`), whether the bot is in each key account's channel. The Slack
side stays out of here: the port is a callable `channel_id -> MEMBER | NOT_MEMBER | NOT_FOUND`
(or an object with such a `membership` method) that the bot builds from its Web API client.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Protocol, Union

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from kam_domain.models import Account, Note
from kam_domain.services import queries
from kam_domain.services.effective_scores import effective_scores, today_or_system
from kam_domain.store.uow import UnitOfWork

ERROR, WARNING, INFO = "error", "warning", "info"  # severities, most serious first
SEVERITY_ORDER = (ERROR, WARNING, INFO)
EXAMPLES = 5  # names shown per item; the count says how many there are in all

MEMBER, NOT_MEMBER, NOT_FOUND = "member", "not_member", "not_found"

class ChannelMembership(Protocol):
    def membership(self, channel_id: str) -> str:
        """MEMBER, NOT_MEMBER or NOT_FOUND; raise when Slack could not say."""


SlackPort = Union[ChannelMembership, Callable[[str], str]]


@dataclass
class SetupItem:
    key: str
    severity: str
    count: int
    message: str
    fix_command: str
    examples: list[str] = field(default_factory=list)


@dataclass
class DoctorReport:
    team_id: str
    items: list[SetupItem] = field(default_factory=list)
    checked_slack: bool = False

    @property
    def all_set(self) -> bool:
        return not self.items

    def item(self, key: str) -> SetupItem | None:
        return next((i for i in self.items if i.key == key), None)


def setup_checks(uow: UnitOfWork, team_id: str, *, slack: SlackPort | None = None,
                 today: date | None = None) -> DoctorReport:
    """Everything left to set up in workspace `team_id`, most serious first. Reads only.
    `today` (the caller's clock) dates the scores the data gives."""
    today = today_or_system(today)
    with uow:
        session = uow.session
        items = [item for check in _CHECKS if (item := check(session, team_id)) is not None]
        if (waiting := _scores_waiting(session, team_id, today)) is not None:
            items.append(waiting)
        channels = _key_channels(session, team_id) if slack is not None else []
    if slack is not None:
        items += _channel_items(channels, slack)
    items.sort(key=lambda i: SEVERITY_ORDER.index(i.severity))  # stable: the order of _CHECKS within a severity
    return DoctorReport(team_id, items, checked_slack=slack is not None)


# --------------------------------------------------------------------------- the checks


def _names(session: Session, query, limit: int = EXAMPLES) -> tuple[int, list]:
    rows = session.exec(query).all()
    return len(rows), list(rows[:limit])


def _owners_not_linked(session: Session, team_id: str) -> SetupItem | None:
    count, rows = _names(session, select(Account.name, Account.crm_owner_name).where(
        Account.team_id == team_id, Account.crm_owner_name.is_not(None), Account.crm_owner_name != "",
        Account.owner_user_id.is_(None)).order_by(Account.name))
    if not count:
        return None
    owners = len(set(session.exec(select(Account.crm_owner_name).where(
        Account.team_id == team_id, Account.crm_owner_name.is_not(None), Account.crm_owner_name != "",
        Account.owner_user_id.is_(None))).all()))
    return SetupItem(
        "owners_not_linked", WARNING, count,
        f"{_n(count, 'account')} {_has(count)} a CRM owner not linked to a Slack user ({_n(owners, 'owner')}): "
        "no reminders or nudges reach them.",
        "kam import users owners.csv   (or, one account at a time: /kam team ACCOUNT owner=@user)",
        [f"{name} (CRM owner {owner})" for name, owner in rows])


def _no_owner(session: Session, team_id: str) -> SetupItem | None:
    count, rows = _names(session, select(Account.name).where(
        Account.team_id == team_id, Account.owner_user_id.is_(None),
        or_(Account.crm_owner_name.is_(None), Account.crm_owner_name == "")).order_by(Account.name))
    if not count:
        return None
    return SetupItem("no_owner", WARNING, count, f"{_n(count, 'account')} {_has(count)} no owner at all.",
                     "/kam team ACCOUNT owner=@user", list(rows))


def _key_without(column, key: str, what: str, fix: str):
    def check(session: Session, team_id: str) -> SetupItem | None:
        count, rows = _names(session, select(Account.name).where(
            Account.team_id == team_id, Account.tier == "key", or_(column.is_(None), column == ""))
            .order_by(Account.name))
        if not count:
            return None
        return SetupItem(key, WARNING, count, f"{_n(count, 'key account')} {_has(count)} no {what}.", fix, list(rows))

    return check


def _no_criteria(session: Session, team_id: str) -> SetupItem | None:
    """Criteria chosen and all switched off (a workspace that never chose has the day-one template)."""
    if queries.criteria_defs(session, team_id):
        return None
    from kam_domain.services.selection import TEMPLATE_CHOICES  # what `/kam criteria template` accepts

    names = "|".join(TEMPLATE_CHOICES)
    return SetupItem("no_criteria", ERROR, 0,
                     "No scoring criteria are active: accounts cannot be scored or placed in the portfolio.",
                     f"/kam criteria template NAME   (NAME: {names})", [])


def _scores_waiting(session: Session, team_id: str, today: date) -> SetupItem | None:
    """Key and candidate accounts with an active criterion that neither a person nor the data has scored:
    the judgement criteria, and data criteria without data (the scoring queue's own rule)."""
    defs = queries.criteria_defs(session, team_id)
    if not defs:
        return None  # no criteria is its own item
    accounts = session.exec(select(Account.id, Account.name).where(
        Account.team_id == team_id, Account.tier.in_(("key", "candidate"))).order_by(Account.name)).all()
    if not accounts:
        return None
    scores = effective_scores(session, team_id, defs, today, [account_id for account_id, _ in accounts])
    waiting = [name for account_id, name in accounts if scores.waiting(account_id, defs)]
    if not waiting:
        return None
    return SetupItem("scores_waiting", WARNING, len(waiting),
                     f"{_n(len(waiting), 'key or candidate account')} {_is(len(waiting))} waiting for judgement "
                     "scores (a criterion neither a person nor the data has scored).",
                     "/kam score ACCOUNT", waiting[:EXAMPLES])


def _notes_not_indexed(session: Session, team_id: str) -> SetupItem | None:
    count = session.exec(select(func.count()).select_from(Note).where(
        Note.team_id == team_id, Note.indexed_at.is_(None))).one()
    if not count:
        return None
    return SetupItem("notes_not_indexed", INFO, count,
                     f"{_n(count, 'note')} {_is(count)} not in the retrieval index yet: SWOTs and next actions "
                     "read them from the database until they are.", "kam reindex", [])


_CHECKS = (
    _no_criteria,
    _owners_not_linked,
    _no_owner,
    _key_without(Account.sponsor_user_id, "no_sponsor", "executive sponsor", "/kam team ACCOUNT sponsor=@user"),
    _key_without(Account.channel_id, "no_channel", "account channel", "/kam team ACCOUNT channel=#channel"),
    _notes_not_indexed,
)


# --------------------------------------------------------------------------- Slack, through the port


def _key_channels(session: Session, team_id: str) -> list[tuple[str, str]]:
    return list(session.exec(select(Account.name, Account.channel_id).where(
        Account.team_id == team_id, Account.tier == "key", and_(Account.channel_id.is_not(None),
                                                               Account.channel_id != "")).order_by(Account.name)).all())


def _channel_items(channels: list[tuple[str, str]], slack: SlackPort) -> list[SetupItem]:
    ask = slack.membership if hasattr(slack, "membership") else slack
    outside: list[str] = []
    missing: list[str] = []
    unknown: list[str] = []
    answers: dict[str, str] = {}  # one question per channel, however many accounts share it
    for name, channel in channels:
        if channel not in answers:
            try:
                answers[channel] = ask(channel)
            except Exception as exc:  # noqa: BLE001 - a report: say what could not be checked, carry on
                answers[channel] = f"could not ask ({exc.__class__.__name__})"
        answer = answers[channel]
        if answer == NOT_MEMBER:
            outside.append(f"{name} (channel {channel})")
        elif answer == NOT_FOUND:
            missing.append(f"{name} (channel {channel})")
        elif answer != MEMBER:
            unknown.append(f"{name} (channel {channel}: {answer})")
    items = []
    if outside:
        items.append(SetupItem("bot_not_in_channel", WARNING, len(outside),
                               f"I am not in the channel of {_n(len(outside), 'key account')}: reminders for "
                               "them cannot be posted there.", "/invite @kam   (in each channel listed)",
                               outside[:EXAMPLES]))
    if missing:
        items.append(SetupItem("channel_not_found", WARNING, len(missing),
                               f"The channel of {_n(len(missing), 'key account')} does not exist or is private "
                               "without me in it.", "/invite @kam in the private channel, or /kam team ACCOUNT "
                               "channel=#channel", missing[:EXAMPLES]))
    if unknown:
        items.append(SetupItem("channel_check_failed", INFO, len(unknown),
                               f"Slack could not tell me about the channel of {_n(len(unknown), 'key account')}.",
                               "kam doctor   (again later; check the bot token's channels:read scope)",
                               unknown[:EXAMPLES]))
    return items


# --------------------------------------------------------------------------- words


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _has(count: int) -> str:
    return "has" if count == 1 else "have"


def _is(count: int) -> str:
    return "is" if count == 1 else "are"
