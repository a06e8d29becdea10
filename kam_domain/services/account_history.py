"""What we promised an account, and what changed at it since a day.

Promises: the open actions of the account, and the commitments on our side that its notes make
("I promised to send the revised TCO model by Friday") which no action carries yet, each with the
note it came from. Changes: the notes written and meetings held since the day, and every change
the audit log holds for the account (plan, map, scores, team, tier), oldest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlmodel import Session, select

from kam_domain.drafting import commitments
from kam_domain.errors import UserError
from kam_domain.models import Account, Action, AuditEntry, Interaction, Note
from kam_domain.rules.meeting_log import parse_meeting_date
from kam_domain.rules.names import fold
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.store.uow import UnitOfWork

NOTES_LOOKBACK_DAYS = 365  # commitments older than a year are history, not promises
MAX_ROWS = 60
DEFAULT_WINDOW = timedelta(days=30)  # "what changed at X?" with no day: the last 30 days


@dataclass(frozen=True)
class Promise:
    text: str
    due_on: date | None
    source: str  # action | note
    owner_user_id: str | None = None  # an action's owner
    action_id: int | None = None
    note_id: int | None = None  # where a note's commitment was written
    written_on: date | None = None
    author: str | None = None
    sentence: str | None = None

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class Promises:
    account_id: int
    account_name: str
    today: date
    actions: list[Promise]  # open actions, soonest due first
    from_notes: list[Promise]  # our commitments in notes that no action carries, newest note first


@dataclass(frozen=True)
class Change:
    at: date
    kind: str  # note, meeting, plan, stakeholder, score, team, tier, action, review, account
    text: str
    who: str | None = None  # a Slack user id or a note's author


@dataclass(frozen=True)
class AccountChanges:
    account_id: int
    account_name: str
    since: date
    today: date
    changes: list[Change]  # oldest first
    total: int

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


# --------------------------------------------------------------------------- promises


def promises(uow: UnitOfWork, actor: Actor, account_text: str, today: date) -> Promises:
    with uow:
        session = uow.session
        account = queries.resolve_account(session, actor.team_id, account_text, command="promises")
        require(session, actor, Permission.READ, account)
        actions = session.exec(select(Action).where(
            Action.team_id == actor.team_id, Action.account_id == account.id, Action.status == "open")).all()
        carried = {fold(a.title) for a in session.exec(select(Action).where(
            Action.team_id == actor.team_id, Action.account_id == account.id)).all()}
        open_rows = sorted((Promise(a.title, a.due_on, "action", a.owner_user_id, a.id) for a in actions),
                           key=lambda p: (p.due_on or date.max, p.text))
        return Promises(account.id, account.name, today, open_rows, _note_promises(session, account, today, carried))


def _note_promises(session: Session, account: Account, today: date, carried: set[str]) -> list[Promise]:
    notes = session.exec(select(Note).where(
        Note.team_id == account.team_id, Note.account_id == account.id,
        Note.written_on >= today - timedelta(days=NOTES_LOOKBACK_DAYS))
        .order_by(Note.written_on.desc(), Note.id.desc())).all()
    found = []
    for note in notes:
        for finding in commitments.find(note.body, note.written_on):
            if finding.kind == "commitment" and finding.by == "us" and fold(finding.text) not in carried:
                carried.add(fold(finding.text))
                found.append(Promise(finding.text, finding.due, "note", note_id=note.id, written_on=note.written_on,
                                     author=note.author, sentence=finding.sentence))
    return found[:MAX_ROWS]


# --------------------------------------------------------------------------- changes


_SINCE = re.compile(r"^\s*(?:since|from|after)\s+", re.I)


def since_date(text: str, today: date) -> date:
    """"since 1 Nov", "2026-11-01", "last monday" -> the day; nothing readable is a usage error."""
    text = _SINCE.sub("", text or "").strip()
    if not text:
        raise UserError("Say since when, e.g. `/kam changes Borealis since 1 Nov`.")
    day, _span = parse_meeting_date(text, today)
    if day is None:
        raise UserError(f"I can't read “{text[:60]}” as a day. Write it like `since 1 Nov` or `since 2026-11-01`.")
    if day > today:
        raise UserError(f"{day.isoformat()} is in the future: changes since a day that has passed, e.g. `since 1 Nov`.")
    return day


def changes_since(uow: UnitOfWork, actor: Actor, account_text: str, since_text: str, today: date) -> AccountChanges:
    since = since_date(since_text, today)
    with uow:
        session = uow.session
        account = queries.resolve_account(session, actor.team_id, account_text, command="changes")
        require(session, actor, Permission.READ, account)
        rows = _notes_and_meetings(session, account, since) + _audited(session, account, since)
        rows.sort(key=lambda c: (c.at, c.kind))
        return AccountChanges(account.id, account.name, since, today, rows[-MAX_ROWS:], len(rows))


def _notes_and_meetings(session: Session, account: Account, since: date) -> list[Change]:
    meetings = session.exec(select(Interaction).where(
        Interaction.team_id == account.team_id, Interaction.account_id == account.id,
        Interaction.occurred_on >= since)).all()
    logged = {m.note_id for m in meetings if m.note_id}
    notes = session.exec(select(Note).where(
        Note.team_id == account.team_id, Note.account_id == account.id, Note.written_on >= since)).all()
    rows = [Change(m.occurred_on, "meeting", f"{m.kind.capitalize()}: {_short(m.summary)}", m.logged_by)
            for m in meetings]
    rows += [Change(n.written_on, "note", _short(n.body), n.author) for n in notes if n.id not in logged]
    return rows


def _audited(session: Session, account: Account, since: date) -> list[Change]:
    start = datetime.combine(since, time.min, tzinfo=timezone.utc)
    entries = session.exec(select(AuditEntry).where(
        AuditEntry.team_id == account.team_id, AuditEntry.account_id == account.id, AuditEntry.at >= start)
        .order_by(AuditEntry.at, AuditEntry.id)).all()
    return [Change(_day(e.at), _KIND.get(e.action.split(".")[0], "account"), describe(e), e.actor)
            for e in entries if not e.action.startswith("meeting.")]  # meetings are listed from their own rows


_KIND = {"stakeholder": "stakeholder", "plan": "plan", "objective": "plan", "action": "action", "scores": "score",
         "team": "team", "tier_change": "tier", "review": "review", "swot": "plan"}
_SAID = {"account.tier_changed": "Tier changed", "tier_change.requested": "Tier change requested",
         "stakeholder.created": "Added to the map", "stakeholder.updated": "Stakeholder updated",
         "plan.section_saved": "Plan section saved", "objective.created": "Objective added",
         "objective.updated": "Objective updated", "objective.status": "Objective status changed",
         "action.created": "Action added", "action.updated": "Action updated", "action.done": "Action done",
         "action.status": "Action status changed", "scores.set": "Scores set", "review.recorded": "Review recorded",
         "team.owner_changed": "KAM changed", "team.sponsor_changed": "Executive sponsor changed",
         "team.channel_changed": "Channel changed", "team.member_added": "Team member added",
         "team.member_removed": "Team member removed", "account.updated": "Account updated"}


def describe(entry: AuditEntry) -> str:
    what = _SAID.get(entry.action, entry.action.replace(".", " ").replace("_", " ").capitalize())
    after = entry.after or {}
    before = entry.before or {}
    name = after.get("name") or after.get("title") or before.get("name") or before.get("title")
    fields = [f"{k.replace('_id', '').replace('_', ' ')} {_value(before.get(k))} → {_value(v)}"
              for k, v in after.items() if k in before and before.get(k) != v]
    parts = [what] + ([str(name)] if name else []) + ([", ".join(fields[:4])] if fields else [])
    if entry.reason:
        parts.append(f"“{_short(entry.reason, 120)}”")
    return ": ".join(parts[:2]) + ("; " + "; ".join(parts[2:]) if parts[2:] else "")


def _value(value) -> str:
    return "none" if value in (None, "") else str(value)


def _short(text: str | None, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _day(at: datetime) -> date:
    return at.date() if isinstance(at, datetime) else at
