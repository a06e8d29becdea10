"""Meeting logs: from `/kam log ACCOUNT what happened` (or the form) to a living relationship map.

A log writes, in one transaction: the Interaction and its attendees, the Note it came from
(indexed later by the retrieval pass), the next step as an Action owned by the logger, and
the attendees' last contact. Changes to the map it can only infer (contact level up, an
attitude nudged by the sentiment) come back as proposals a person accepts with one click.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import Account, Action, Interaction, InteractionAttendee, Note, Stakeholder
from kam_domain.rules.colleagues import Colleague, colleague_candidates, step_owner
from kam_domain.rules.log_dates import confirm_suffix, confirmed_date, needs_confirmation, short_day, unreadable_date
from kam_domain.rules.meeting_log import (
    MAX_STEP,
    find_due_date,
    find_meeting_date,
    name_candidates,
    parse_due_date,
    parse_meeting_log,
    proposed_map_changes,
    sentiment as read_sentiment,
)
from kam_domain.rules.relationships import (
    ATTITUDE_LABELS,
    ATTITUDE_MAX,
    ATTITUDE_MIN,
    ContactLevel,
    parse_attitude,
    parse_contact_level,
)
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.colleagues import PeopleSource, known_colleagues
from kam_domain.services.importing import content_hash
from kam_domain.services.stakeholders import new_person, people_of, person_in_team, writable_account
from kam_domain.store.uow import UnitOfWork

MAX_NOTES = 4000
PROPOSABLE = ("contact_level", "attitude")
KINDS = ("meeting", "call", "visit", "email", "event")
# Date-looking words the log must be able to read ("2026-13-45" or "31/02/2026" are mistakes).
DATE_LIKE = re.compile(r"(?<![\w/.\-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?![\w/\-])")


# --------------------------------------------------------------------------- inputs and results


@dataclass
class NewPerson:
    name: str
    title: str | None = None

    @property
    def display(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass
class MeetingInput:
    occurred_on: date
    notes: str
    attendee_ids: list[int] = field(default_factory=list)
    new_people: list[NewPerson] = field(default_factory=list)  # added to the map as they are logged
    sentiment: int | None = None  # None: read from the notes
    next_step: str | None = None
    due_on: date | None = None
    attitudes: dict[int, int] = field(default_factory=dict)  # attitude after the meeting, set by hand
    kind: str = "meeting"
    owner_user_id: str | None = None  # who does the next step; None: the logger
    date_confirmed: bool = False  # a future date the person confirmed (log_dates.needs_confirmation)


@dataclass
class Attendee:
    id: int
    name: str
    title: str | None
    new: bool = False

    @property
    def display(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass
class Proposal:
    """A map change the log suggests; `token` is what the accept button carries (re-checked on accept)."""

    stakeholder_id: int
    stakeholder_name: str
    field: str  # contact_level | attitude
    old: Any
    new: Any
    reason: str
    interaction_id: int

    @property
    def token(self) -> dict[str, Any]:
        return {"s": self.stakeholder_id, "f": self.field, "o": self.old, "n": self.new, "i": self.interaction_id}

    @property
    def describe(self) -> str:
        return f"{self.stakeholder_name}: {FIELD_NAMES[self.field]} {value_label(self.field, self.old)} → " \
               f"{value_label(self.field, self.new)}"


FIELD_NAMES = {"contact_level": "contact level", "attitude": "attitude"}


def value_label(field_name: str, value: Any) -> str:
    if field_name == "attitude":
        number = int(value)
        return f"{number:+d} {ATTITUDE_LABELS[number].lower()}" if number else "0 neutral"
    return parse_contact_level(value).label.lower()


@dataclass
class MeetingLogged:
    interaction_id: int
    account_id: int
    account_name: str
    occurred_on: date
    date_was_given: bool
    attendees: list[Attendee]
    unknown_people: list[NewPerson]  # named in the text, not on the map: offered as new stakeholders
    unnamed_mentions: list[str]  # "the CFO": on the map nobody has that title
    sentiment: int
    next_step: str | None
    due_on: date | None
    action_id: int | None
    action_owner: str | None
    summary: str
    proposals: list[Proposal]
    attitude_changes: list[str]
    warnings: list[str]
    note_id: int
    updated: bool = False
    kind: str = "meeting"
    today: date | None = None  # the day it was logged: dates are shown relative to it

    @property
    def sentiment_label(self) -> str:
        return value_label("attitude", self.sentiment)


@dataclass
class DateToConfirm:
    """A log whose date is in the future or more than a year back: nothing is written until the
    person confirms that date (`command_line` is the same log with `confirm-date=…`)."""

    account_id: int
    account_name: str
    occurred_on: date
    phrase: str | None
    reason: str
    command_line: str  # a /kam command line, without "/kam"
    today: date

    @property
    def day(self) -> str:
        return short_day(self.occurred_on)


@dataclass
class LogForm:
    """What the meeting form shows: the account's people, and for an edit the log as it stands."""

    account_id: int | None
    account_name: str | None
    people: list[tuple[int, str, int]]  # (id, display, attitude)
    occurred_on: date
    notes: str = ""
    attendee_ids: list[int] = field(default_factory=list)
    sentiment: int | None = None
    next_step: str = ""
    due_on: date | None = None
    interaction_id: int | None = None
    channel_id: str | None = None


@dataclass
class ChangesAccepted:
    account_id: int | None
    account_name: str | None
    applied: list[str]
    skipped: list[str]


# --------------------------------------------------------------------------- logging from text


def log_from_command(uow: UnitOfWork, actor: Actor, words: list[str], today: date, now: datetime,
                     channel_id: str | None = None, people: PeopleSource | None = None
                     ) -> MeetingLogged | LogForm | DateToConfirm:
    """`/kam log ACCOUNT met Ana Ruiz (CFO) today, keen ...; send the draft by Friday`.

    With nothing after the account: the meeting form for it (LogForm), nothing written. A date in
    the future or more than a year back: DateToConfirm, nothing written. `people`: the workspace's
    directory (Slack users), asked only to tell colleagues from customer people.
    """
    with uow:
        session = uow.session
        account, text = queries.resolve_account_and_rest(session, actor.team_id, words, "log")
        if not text.strip():
            require(session, actor, Permission.WRITE, account)
            return _blank_form(session, account, today, channel_id)
        logged = _log_text(session, actor, account, text, today, now, people=people)
        if isinstance(logged, MeetingLogged):
            uow.commit()
        return logged


def log_text(uow: UnitOfWork, actor: Actor, account_id: int, text: str, today: date, now: datetime,
             occurred_on: date | None = None, people: PeopleSource | None = None) -> MeetingLogged | DateToConfirm:
    """Any text (a Slack message from the shortcut) as a log of the given account."""
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, int(account_id))
        logged = _log_text(session, actor, account, text, today, now, occurred_on, people=people)
        if isinstance(logged, MeetingLogged):
            uow.commit()
        return logged


def _log_text(session: Session, actor: Actor, account: Account, text: str, today: date, now: datetime,
              occurred_on: date | None = None, people: PeopleSource | None = None) -> MeetingLogged | DateToConfirm:
    require(session, actor, Permission.WRITE, account)
    text = re.sub(r"[ \t]+", " ", (text or "")).strip()
    if not text:
        raise UserError(f"Say what happened after the account name, e.g. `/kam log {account.name} met Ana Ruiz "
                        "(CFO) today, keen on the renewal; send the draft contract by Friday`. "
                        f"Or `/kam log {account.name}` alone for the form.")
    if len(text) > MAX_NOTES:
        raise UserError(f"That log is {len(text)} characters long; keep it under {MAX_NOTES}.")
    text, confirmed, _ = confirmed_date(text)
    problem = unreadable_date(text, today)
    if problem is not None:
        raise UserError(problem.message(today))
    _check_dates_readable(text, today)
    customers = people_of(session, account)
    known = [(p.id, p.name, p.title) for p in customers]
    draft = parse_meeting_log(text, today, known, [account.name, *(account.aliases or [])])
    when = occurred_on or draft.date
    reason = needs_confirmation(when, today, draft.date_phrase if occurred_on is None else None)
    if reason and confirmed != when:
        return DateToConfirm(account.id, account.name, when, draft.date_phrase, reason,
                             f"log #{account.id} {text} {confirm_suffix(when)}", today)
    named = [m for m in draft.unknown_people if m.name]
    colleagues = known_colleagues(session, account, people if (named or draft.next_step) else None)
    warnings: list[str] = []
    unknown: list[NewPerson] = []
    for mention in named:
        ours = colleague_candidates(mention.name, colleagues)
        could_be = name_candidates(mention.name, known)
        if ours and not (len(mention.name.split()) > 1 and could_be):
            continue  # one of ours (the account team, a colleague): never a customer stakeholder
        if len(could_be) > 1:
            names = " or ".join(k.name for k in could_be[:4])
            warnings.append(f"'{mention.name}' could be {names}: I left them off this log. Use Edit to pick "
                            "the right one, or write the full name.")
            continue
        unknown.append(NewPerson(mention.name, mention.title))
    owner = step_owner(draft.next_step.text, colleagues) if draft.next_step else None
    if owner is not None and owner.note:
        warnings.append(owner.note)
    meeting = MeetingInput(
        occurred_on=when, notes=text,
        attendee_ids=[m.stakeholder_id for m in draft.attendees_matched], sentiment=draft.sentiment,
        next_step=draft.next_step.text if draft.next_step else None,
        due_on=draft.next_step.due if draft.next_step else None,
        owner_user_id=owner.user_id if owner else None, date_confirmed=confirmed == when,
    )
    try:
        logged = _record(session, actor, account, meeting, today, now, summary=draft.summary)
    except FieldErrors as exc:
        raise UserError(" ".join(exc.errors.values()) + " Nothing was logged.") from None
    logged.date_was_given = draft.date_was_given or occurred_on is not None
    logged.unknown_people = unknown
    logged.unnamed_mentions = [m.title for m in draft.unknown_people if not m.name and m.title]
    logged.warnings = [w for w in draft.warnings if "in the future" not in w] + logged.warnings + warnings
    if meeting.date_confirmed:
        logged.warnings.append(f"Logged on {short_day(when)} as you confirmed.")
    if not draft.date_was_given and occurred_on is None:
        logged.warnings.append("No date in the log, so I took today. Use Edit to change it.")
    return logged


def _check_dates_readable(text: str, today: date) -> None:
    for match in DATE_LIKE.finditer(text):
        word = match.group(0)
        if find_meeting_date(word, today) is None and find_due_date(word, today) is None:
            raise UserError(f"I can't read the date `{word}`. Write it as {today.isoformat()}, "
                            f"{today.day} {today.strftime('%b')}, yesterday or last Tuesday. Nothing was logged.")


# --------------------------------------------------------------------------- logging from the form


def log_meeting(uow: UnitOfWork, actor: Actor, account_id: int, meeting: MeetingInput, today: date,
                now: datetime) -> MeetingLogged:
    """The meeting form. Raises FieldErrors keyed by form field (date, attendees, notes, due ...)."""
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        logged = _record(session, actor, account, meeting, today, now)
        uow.commit()
        return logged


def _validate(session: Session, account: Account, meeting: MeetingInput, today: date,
              people: dict[int, Stakeholder]) -> None:
    errors: dict[str, str] = {}
    if meeting.occurred_on > today and not meeting.date_confirmed:
        errors["date"] = (f"{meeting.occurred_on.isoformat()} is in the future; a log is for a meeting that "
                          "happened. Pick the day you met.")
    if not meeting.notes.strip():
        errors["notes"] = "Write a line or two about what happened."
    elif len(meeting.notes) > MAX_NOTES:
        errors["notes"] = f"Keep the notes under {MAX_NOTES} characters (they are {len(meeting.notes)})."
    strangers = [i for i in meeting.attendee_ids if i not in people]
    if strangers:
        errors["attendees"] = f"Some attendees are not on the {account.name} map any more; pick them again."
    if meeting.sentiment is not None and not ATTITUDE_MIN <= meeting.sentiment <= ATTITUDE_MAX:
        errors["sentiment"] = "Sentiment goes from -2 (hostile) to +2 (very positive)."
    if meeting.due_on and meeting.due_on < meeting.occurred_on:
        errors["due"] = "The next step can't be due before the meeting."
    if meeting.due_on and not (meeting.next_step or "").strip():
        errors["next_step"] = "Say what the next step is, or clear its due date."
    if meeting.next_step and len(meeting.next_step) > MAX_STEP:
        errors["next_step"] = f"Keep the next step under {MAX_STEP} characters."
    if meeting.kind not in KINDS:
        errors["kind"] = f"A log is one of: {', '.join(KINDS)}."
    for sid, value in meeting.attitudes.items():
        if sid not in people and sid not in meeting.attendee_ids:
            errors[f"attitude_{sid}"] = "That person is not on this account's map."
        elif not ATTITUDE_MIN <= int(value) <= ATTITUDE_MAX:
            errors[f"attitude_{sid}"] = "Attitude goes from -2 (hostile) to +2 (champion)."
    for person in meeting.new_people:
        if len(person.name) > 200:
            errors["new_people"] = "Keep each new person's name under 200 characters."
    if errors:
        raise FieldErrors(errors)


def _record(session: Session, actor: Actor, account: Account, meeting: MeetingInput, today: date, now: datetime,
            summary: str | None = None) -> MeetingLogged:
    people = {p.id: p for p in people_of(session, account)}
    meeting.attendee_ids = list(dict.fromkeys(int(i) for i in meeting.attendee_ids))
    _validate(session, account, meeting, today, people)
    tone = read_sentiment(meeting.notes) if meeting.sentiment is None else meeting.sentiment
    note = _note(session, actor, account, meeting.occurred_on, meeting.notes, now)
    interaction = Interaction(team_id=account.team_id, account_id=account.id, occurred_on=meeting.occurred_on,
                              kind=meeting.kind, summary=summary or meeting.notes, sentiment=tone,
                              logged_by=actor.user_id, note_id=note.id, created_at=now)
    session.add(interaction)
    session.flush()
    attendees = [Attendee(p.id, p.name, p.title) for p in (people[i] for i in meeting.attendee_ids)]
    for newcomer in meeting.new_people:
        person = new_person(session, actor, account, newcomer.name, newcomer.title, now,
                            contact_level=ContactLevel.BRIEF.value)
        if person.id not in meeting.attendee_ids:
            meeting.attendee_ids.append(person.id)
            attendees.append(Attendee(person.id, person.name, person.title, new=person.id not in people))
            people[person.id] = person
    for attendee in attendees:
        session.add(InteractionAttendee(interaction_id=interaction.id, stakeholder_id=attendee.id))
    action = _next_step_action(session, actor, account, interaction, meeting, today, now)
    audit.record(session, actor, "meeting.logged", "interaction", interaction.id, account_id=account.id,
                 after={"occurred_on": meeting.occurred_on, "attendees": meeting.attendee_ids, "sentiment": tone,
                        "note_id": note.id, "action_id": action.id if action else None})
    session.flush()  # the log is stored: only now do the attendees' last contact and attitude follow it
    proposals, attitude_changes = [], []
    for attendee in attendees:
        proposals += _after_meeting(session, actor, account, people[attendee.id], interaction, meeting, tone, now,
                                    attitude_changes, newcomer=attendee.new, future=meeting.occurred_on > today)
    session.flush()
    return MeetingLogged(
        interaction_id=interaction.id, account_id=account.id, account_name=account.name,
        occurred_on=meeting.occurred_on, date_was_given=True, attendees=attendees, unknown_people=[],
        unnamed_mentions=[], sentiment=tone, next_step=action.title if action else None,
        due_on=action.due_on if action else None, action_id=action.id if action else None,
        action_owner=action.owner_user_id if action else None, summary=interaction.summary,
        proposals=proposals, attitude_changes=attitude_changes, warnings=[], note_id=note.id, kind=meeting.kind,
        today=today,
    )


def _note(session: Session, actor: Actor, account: Account, written_on: date, body: str, now: datetime) -> Note:
    digest = content_hash(account.team_id, account.id, written_on, body)
    twin = session.exec(select(Note).where(Note.team_id == account.team_id, Note.content_hash == digest)).first()
    if twin is not None:
        raise UserError(f"That meeting is already logged for {account.name} on {written_on.isoformat()}; "
                        "nothing was logged twice.")
    note = Note(team_id=account.team_id, account_id=account.id, written_on=written_on, author=actor.user_id,
                body=body, source="log", content_hash=digest, indexed_at=None, created_at=now)
    session.add(note)
    session.flush()
    return note


def _after_meeting(session: Session, actor: Actor, account: Account, person: Stakeholder, interaction: Interaction,
                   meeting: MeetingInput, tone: int, now: datetime, attitude_changes: list[str],
                   newcomer: bool = False, future: bool = False) -> list[Proposal]:
    """Last contact moves now; an attitude set by hand is applied; the rest is proposed."""
    before = {"last_contact_on": person.last_contact_on, "attitude": person.attitude}
    view = queries.to_view(person)
    changes = proposed_map_changes(view, tone, meeting.occurred_on)
    if meeting.occurred_on and not future and (
            person.last_contact_on is None or meeting.occurred_on > person.last_contact_on):
        person.last_contact_on = meeting.occurred_on  # a meeting still to come is no contact yet
    explicit = meeting.attitudes.get(person.id)
    if explicit is not None and int(explicit) != person.attitude:
        attitude_changes.append(f"{person.name}: attitude {value_label('attitude', person.attitude)} → "
                                f"{value_label('attitude', int(explicit))}")
        person.attitude = int(explicit)
    after = {"last_contact_on": person.last_contact_on, "attitude": person.attitude}
    if after != before:
        person.updated_at = now
        changed = [k for k in after if after[k] != before[k]]
        audit.record(session, actor, "stakeholder.updated", "stakeholder", person.id, account_id=account.id,
                     before={k: before[k] for k in changed}, after={k: after[k] for k in changed},
                     reason=f"meeting log #{interaction.id}")
    proposals = []
    for change in changes:
        if change.field not in PROPOSABLE:
            continue
        if change.field == "attitude" and explicit is not None:
            continue
        if change.field == "contact_level" and newcomer:
            continue
        old = change.old.value if isinstance(change.old, ContactLevel) else change.old
        new = change.new.value if isinstance(change.new, ContactLevel) else change.new
        proposals.append(Proposal(person.id, person.name, change.field, old, new, change.reason, interaction.id))
    return proposals


def _next_step_action(session: Session, actor: Actor, account: Account, interaction: Interaction,
                      meeting: MeetingInput, today: date, now: datetime) -> Action | None:
    step = (meeting.next_step or "").strip()
    if not step:
        return None
    due = meeting.due_on or parse_due_date(step, today)
    action = Action(team_id=account.team_id, account_id=account.id, interaction_id=interaction.id,
                    title=step[:MAX_STEP], owner_user_id=meeting.owner_user_id or actor.user_id, due_on=due,
                    status="open", source="log", created_at=now)
    session.add(action)
    session.flush()
    audit.record(session, actor, "action.created", "action", action.id, account_id=account.id,
                 after={"title": action.title, "owner_user_id": action.owner_user_id, "due_on": due,
                        "interaction_id": interaction.id})
    return action


# --------------------------------------------------------------------------- the form


def form_for(uow: UnitOfWork, actor: Actor, account_id: int, today: date, attendee_ids: Iterable[int] = (),
             notes: str = "") -> LogForm:
    with uow:
        session = uow.session
        account = writable_account(session, actor, account_id)
        form = _blank_form(session, account, today)
        known = {p[0] for p in form.people}
        form.attendee_ids = [int(i) for i in attendee_ids if int(i) in known]
        form.notes = notes
        return form


def form_for_edit(uow: UnitOfWork, actor: Actor, interaction_id: int, today: date) -> LogForm:
    with uow:
        session = uow.session
        interaction = _interaction(session, actor, interaction_id)
        account = writable_account(session, actor, interaction.account_id)
        form = _blank_form(session, account, today)
        note = session.get(Note, interaction.note_id) if interaction.note_id else None
        action = _log_action(session, interaction)
        form.occurred_on = interaction.occurred_on
        form.notes = note.body if note else interaction.summary
        form.attendee_ids = _attendee_ids(session, interaction)
        form.sentiment = interaction.sentiment
        form.next_step = action.title if action else ""
        form.due_on = action.due_on if action else None
        form.interaction_id = interaction.id
        return form


def _blank_form(session: Session, account: Account, today: date, channel_id: str | None = None) -> LogForm:
    people = sorted(people_of(session, account), key=lambda p: (-p.influence, p.name))
    return LogForm(account.id, account.name,
                   [(p.id, f"{p.name} ({p.title})" if p.title else p.name, p.attitude) for p in people],
                   today, channel_id=channel_id)


def _interaction(session: Session, actor: Actor, interaction_id: int) -> Interaction:
    return queries.row_in_workspace(session, Interaction, actor.team_id, int(interaction_id), "meeting log")


def _attendee_ids(session: Session, interaction: Interaction) -> list[int]:
    return list(session.exec(select(InteractionAttendee.stakeholder_id)
                             .where(InteractionAttendee.interaction_id == interaction.id)).all())


def _log_action(session: Session, interaction: Interaction) -> Action | None:
    return session.exec(select(Action).where(Action.interaction_id == interaction.id, Action.source == "log")
                        .order_by(Action.id)).first()


# --------------------------------------------------------------------------- fixing a log


def update_meeting(uow: UnitOfWork, actor: Actor, interaction_id: int, meeting: MeetingInput, today: date,
                   now: datetime) -> MeetingLogged:
    """The Edit button: the log as the form now says; last contacts follow the new date and attendees."""
    with uow:
        session = uow.session
        interaction = _interaction(session, actor, interaction_id)
        account = writable_account(session, actor, interaction.account_id)
        people = {p.id: p for p in people_of(session, account)}
        meeting.attendee_ids = list(dict.fromkeys(int(i) for i in meeting.attendee_ids))
        _validate(session, account, meeting, today, people)
        old_ids = set(_attendee_ids(session, interaction))
        before = {"occurred_on": interaction.occurred_on, "attendees": sorted(old_ids),
                  "sentiment": interaction.sentiment, "summary": interaction.summary}
        tone = read_sentiment(meeting.notes) if meeting.sentiment is None else meeting.sentiment
        _update_note(session, account, interaction, meeting, now)
        old_date = interaction.occurred_on
        interaction.occurred_on, interaction.summary, interaction.sentiment = meeting.occurred_on, meeting.notes, tone
        interaction.kind = meeting.kind
        for newcomer in meeting.new_people:
            person = new_person(session, actor, account, newcomer.name, newcomer.title, now,
                                contact_level=ContactLevel.BRIEF.value)
            people[person.id] = person
            if person.id not in meeting.attendee_ids:
                meeting.attendee_ids.append(person.id)
        new_ids = set(meeting.attendee_ids)
        for sid in old_ids - new_ids:
            row = session.get(InteractionAttendee, (interaction.id, sid))
            if row is not None:
                session.delete(row)
        session.flush()
        proposals, attitude_changes = [], []
        for sid in meeting.attendee_ids:
            person = people[sid]
            if sid not in old_ids:
                session.add(InteractionAttendee(interaction_id=interaction.id, stakeholder_id=sid))
                proposals += _after_meeting(session, actor, account, person, interaction, meeting, tone, now,
                                            attitude_changes)
            elif meeting.attitudes.get(sid) is not None and int(meeting.attitudes[sid]) != person.attitude:
                _after_meeting(session, actor, account, person, interaction, meeting, tone, now, attitude_changes)
        session.flush()
        for sid in old_ids | new_ids:
            _refresh_last_contact(session, actor, account, people[sid], old_date, now, interaction.id)
        action = _update_action(session, actor, account, interaction, meeting, today, now)
        audit.record(session, actor, "meeting.updated", "interaction", interaction.id, account_id=account.id,
                     before=before, after={"occurred_on": meeting.occurred_on, "attendees": sorted(new_ids),
                                           "sentiment": tone, "summary": meeting.notes})
        uow.commit()
        attendees = [Attendee(people[i].id, people[i].name, people[i].title) for i in meeting.attendee_ids]
        return MeetingLogged(
            interaction_id=interaction.id, account_id=account.id, account_name=account.name,
            occurred_on=meeting.occurred_on, date_was_given=True, attendees=attendees, unknown_people=[],
            unnamed_mentions=[], sentiment=tone, next_step=action.title if action else None,
            due_on=action.due_on if action else None, action_id=action.id if action else None,
            action_owner=action.owner_user_id if action else None, summary=meeting.notes, proposals=proposals,
            attitude_changes=attitude_changes, warnings=[], note_id=interaction.note_id or 0, updated=True,
            kind=meeting.kind, today=today,
        )


def _update_note(session: Session, account: Account, interaction: Interaction, meeting: MeetingInput,
                 now: datetime) -> None:
    note = session.get(Note, interaction.note_id) if interaction.note_id else None
    digest = content_hash(account.team_id, account.id, meeting.occurred_on, meeting.notes)
    if note is not None and note.content_hash == digest:
        return
    twin = session.exec(select(Note).where(Note.team_id == account.team_id, Note.content_hash == digest)).first()
    if twin is not None:
        raise FieldErrors({"notes": "Another log of this account has exactly these notes on that day."})
    if note is None:
        note = Note(team_id=account.team_id, account_id=account.id, written_on=meeting.occurred_on,
                    author=interaction.logged_by, body=meeting.notes, source="log", content_hash=digest,
                    created_at=now)
        session.add(note)
        session.flush()
        interaction.note_id = note.id
        return
    note.written_on, note.body, note.content_hash, note.indexed_at = meeting.occurred_on, meeting.notes, digest, None


def _refresh_last_contact(session: Session, actor: Actor, account: Account, person: Stakeholder, old_date: date,
                          now: datetime, interaction_id: int) -> None:
    """Last contact follows the meetings they attended; when this log had set it and the log moved
    or they were taken off it, it goes back to the latest meeting or to what it was before the log."""
    latest = session.exec(
        select(Interaction.occurred_on).join(InteractionAttendee,
                                             InteractionAttendee.interaction_id == Interaction.id)
        .where(InteractionAttendee.stakeholder_id == person.id).order_by(Interaction.occurred_on.desc())
    ).first()
    current = person.last_contact_on
    if current == old_date:
        candidates = [d for d in (latest, _before_log(session, person, interaction_id)) if d is not None]
        target = max(candidates) if candidates else None
    elif latest is not None and (current is None or latest > current):
        target = latest
    else:
        return
    if target == current:
        return
    person.last_contact_on = target
    person.updated_at = now
    audit.record(session, actor, "stakeholder.updated", "stakeholder", person.id, account_id=account.id,
                 before={"last_contact_on": current}, after={"last_contact_on": target},
                 reason=f"meeting log #{interaction_id} edited")


def _before_log(session: Session, person: Stakeholder, interaction_id: int) -> date | None:
    """The last contact a person had before this log moved it (from the audit log)."""
    from kam_domain.models import AuditEntry

    entry = session.exec(select(AuditEntry).where(
        AuditEntry.team_id == person.team_id, AuditEntry.entity == "stakeholder", AuditEntry.entity_id == person.id,
        AuditEntry.reason == f"meeting log #{interaction_id}").order_by(AuditEntry.id)).first()
    raw = (entry.before or {}).get("last_contact_on") if entry else None
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def _update_action(session: Session, actor: Actor, account: Account, interaction: Interaction,
                   meeting: MeetingInput, today: date, now: datetime) -> Action | None:
    action = _log_action(session, interaction)
    step = (meeting.next_step or "").strip()
    if action is None:
        return _next_step_action(session, actor, account, interaction, meeting, today, now)
    before = {"title": action.title, "due_on": action.due_on, "status": action.status}
    if not step:
        if action.status == "open":
            action.status = "dropped"
    else:
        action.title = step[:MAX_STEP]
        action.due_on = meeting.due_on or parse_due_date(step, today)
    after = {"title": action.title, "due_on": action.due_on, "status": action.status}
    if after != before:
        audit.record(session, actor, "action.updated", "action", action.id, account_id=account.id,
                     before=before, after=after, reason=f"meeting log #{interaction.id} edited")
    return action if action.status != "dropped" else None


# --------------------------------------------------------------------------- one-click fixes


def accept_changes(uow: UnitOfWork, actor: Actor, tokens: list[dict], now: datetime) -> ChangesAccepted:
    """Apply proposals from a log's buttons. Each is re-checked: the person is in this workspace,
    the actor may change that account, and the value is still what the proposal started from."""
    if not tokens:
        raise UserError("There is nothing to accept.")
    with uow:
        session = uow.session
        applied, skipped, account = [], [], None
        for token in tokens[:50]:
            person, field_name, old, new = _read_token(session, actor, token)
            account = session.get(Account, person.account_id)
            require(session, actor, Permission.WRITE, account)
            current = getattr(person, field_name)
            label = f"{person.name}'s {FIELD_NAMES[field_name]}"
            if current == new:
                skipped.append(f"{label} is already {value_label(field_name, new)}.")
                continue
            if current != old:
                skipped.append(f"{label} has changed to {value_label(field_name, current)} since the log; "
                               "left as it is.")
                continue
            setattr(person, field_name, new)
            person.updated_at = now
            audit.record(session, actor, "stakeholder.updated", "stakeholder", person.id, account_id=account.id,
                         before={field_name: old}, after={field_name: new},
                         reason=f"accepted from meeting log #{token.get('i')}")
            applied.append(f"{label}: {value_label(field_name, old)} → {value_label(field_name, new)}")
        uow.commit()
        return ChangesAccepted(account.id if account else None, account.name if account else None, applied, skipped)


def _read_token(session: Session, actor: Actor, token: dict) -> tuple[Stakeholder, str, Any, Any]:
    try:
        field_name = str(token["f"])
        if field_name not in PROPOSABLE:
            raise ValueError(field_name)
        person = person_in_team(session, actor, int(token["s"]))
        if field_name == "attitude":
            old, new = parse_attitude(token["o"]), parse_attitude(token["n"])
        else:
            old, new = parse_contact_level(token["o"]).value, parse_contact_level(token["n"]).value
    except UserError:
        raise
    except (KeyError, TypeError, ValueError):
        raise UserError("That button no longer makes sense; run `/kam stakeholders` to see the map.") from None
    return person, field_name, old, new


def add_person_from_log(uow: UnitOfWork, actor: Actor, interaction_id: int, name: str, title: str | None,
                        today: date, now: datetime):
    """"Add Tom Berg (Head of IT) to the map": a new stakeholder who attended this meeting."""
    from kam_domain.services.stakeholders import StakeholderSaved, coverage_of, person_row

    name = re.sub(r"\s+", " ", name or "").strip()
    if not name or len(name) > 200:
        raise UserError("That person's name can't be used; add them with `/kam stakeholder ACCOUNT NAME`.")
    with uow:
        session = uow.session
        interaction = _interaction(session, actor, interaction_id)
        account = writable_account(session, actor, interaction.account_id)
        before = coverage_of(session, account, today).status
        known = {p.id for p in people_of(session, account)}
        person = new_person(session, actor, account, name, (title or "").strip() or None, now,
                            contact_level=ContactLevel.BRIEF.value)
        if session.get(InteractionAttendee, (interaction.id, person.id)) is None:
            session.add(InteractionAttendee(interaction_id=interaction.id, stakeholder_id=person.id))
        if person.last_contact_on is None or interaction.occurred_on > person.last_contact_on:
            person.last_contact_on = interaction.occurred_on
        session.flush()
        after = coverage_of(session, account, today).status
        uow.commit()
        note = (f"Added as an attendee of the {interaction.occurred_on.isoformat()} meeting."
                if person.id not in known else "Already on the map; marked as an attendee of that meeting.")
        return StakeholderSaved(account.id, account.name, person_row(person, today), person.id not in known, [],
                                before, after, note=note)


# --------------------------------------------------------------------------- the account picker


def account_options(uow: UnitOfWork, actor: Actor, typed: str, limit: int = 100) -> list[tuple[int, str]]:
    """Accounts for a picker: the actor's own first, then key accounts, then the rest; filtered by what is typed."""
    from rapidfuzz import fuzz
    from sqlalchemy import or_

    from kam_domain.models import TeamMember
    from kam_domain.rules.names import fold
    from kam_domain.services.authz import allowed

    query = fold(typed or "")
    with uow:
        session = uow.session
        require(session, actor, Permission.READ)
        mine = set(session.exec(select(TeamMember.account_id).where(TeamMember.team_id == actor.team_id,
                                                                    TeamMember.user_id == actor.user_id)).all())
        mine |= set(session.exec(select(Account.id).where(Account.team_id == actor.team_id, or_(
            Account.owner_user_id == actor.user_id, Account.sponsor_user_id == actor.user_id))).all())
        rows = session.exec(select(Account).where(Account.team_id == actor.team_id)).all()
        scored = []
        for account in rows:
            keys = [fold(account.name), *(fold(a) for a in account.aliases or [])]
            if query:
                hit = 100 if any(query in k for k in keys) else max(fuzz.partial_ratio(query, k) for k in keys)
                if hit < 80:
                    continue
            else:
                hit = 100
            if account.restricted and not allowed(session, actor, Permission.READ, account):
                continue
            tier_rank = {"key": 0, "candidate": 1}.get(account.tier, 2)
            scored.append(((account.id not in mine, -hit, tier_rank, account.name.lower()), account.id, account.name))
        scored.sort()
        return [(account_id, name) for _, account_id, name in scored[:limit]]
