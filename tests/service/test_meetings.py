"""Meeting logs on real databases: from a line of text (or the form) to notes, actions and a living map."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import FieldErrors, NotAllowed, UserError
from kam_domain.models import (
    Action,
    AuditEntry,
    Interaction,
    InteractionAttendee,
    Note,
    Stakeholder,
)
from kam_domain.services import meetings
from kam_domain.services.authz import Actor
from kam_domain.services.meetings import LogForm, MeetingInput, NewPerson
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_member, add_stakeholder

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ALICE = Actor("T_ALPHA", "U_ALICE")


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           aliases=["ARG"])
        add_member(session, acme, "U_BOB")
        ana = add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5, attitude=0,
                              contact_level="brief", last_contact_on=date(2026, 10, 1), owner_user_id="U_ALICE")
        tom = add_stakeholder(session, acme, "Tom Berg", title="Head of IT", role="technical_buyer", influence=3,
                              attitude=1, contact_level="multiple", last_contact_on=date(2026, 11, 20))
        other = add_account(session, "T_BETA", "Acme Retail Group", tier="key", owner_user_id="U_BETA")
        spy = add_stakeholder(session, other, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5)
        session.commit()
        return {"acme": acme.id, "ana": ana.id, "tom": tom.id, "beta": other.id, "spy": spy.id}


def _one(engine, model, *where):
    with Session(engine) as session:
        return session.exec(select(model).where(*where)).one()


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _counts(engine) -> tuple:
    return tuple(_count(engine, m) for m in (Interaction, Note, Action, Stakeholder, AuditEntry))


LINE = "met Ana Ruiz (CFO) today, keen on the 3-year deal; send draft contract by Friday"


def test_a_one_line_log_records_the_meeting_the_note_the_action_and_last_contact(engine):
    ids = _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    assert logged.account_id == ids["acme"] and logged.occurred_on == TODAY and logged.date_was_given
    assert [a.id for a in logged.attendees] == [ids["ana"]]
    assert logged.sentiment == 1
    assert logged.next_step == "Send draft contract by Friday" and logged.due_on == date(2026, 11, 27)
    assert logged.action_owner == "U_ALICE"
    interaction = _one(engine, Interaction, Interaction.id == logged.interaction_id)
    assert (interaction.team_id, interaction.logged_by, interaction.sentiment) == ("T_ALPHA", "U_ALICE", 1)
    note = _one(engine, Note, Note.id == interaction.note_id)
    assert note.source == "log" and note.indexed_at is None and note.body == LINE
    expected = hashlib.sha256(f"T_ALPHA|{ids['acme']}|2026-11-23|{LINE}".encode()).hexdigest()
    assert note.content_hash == expected
    action = _one(engine, Action, Action.interaction_id == interaction.id)
    assert (action.owner_user_id, action.due_on, action.source, action.status) == ("U_ALICE", date(2026, 11, 27),
                                                                                    "log", "open")
    assert _one(engine, Stakeholder, Stakeholder.id == ids["ana"]).last_contact_on == TODAY
    assert _one(engine, Stakeholder, Stakeholder.id == ids["spy"]).last_contact_on is None  # the other workspace
    attendee = _one(engine, InteractionAttendee, InteractionAttendee.interaction_id == interaction.id)
    assert attendee.stakeholder_id == ids["ana"]
    with Session(engine) as session:
        actions = {e.action for e in session.exec(select(AuditEntry)).all()}
    assert {"meeting.logged", "action.created", "stakeholder.updated"} <= actions


def test_the_log_proposes_map_changes_instead_of_making_them(engine):
    ids = _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    assert {(p.field, p.old, p.new) for p in logged.proposals} == {("contact_level", "brief", "multiple"),
                                                                   ("attitude", 0, 1)}
    ana = _one(engine, Stakeholder, Stakeholder.id == ids["ana"])
    assert (ana.contact_level, ana.attitude) == ("brief", 0)


def test_accepting_a_proposal_applies_it_once_and_audits_it(engine):
    ids = _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    tokens = [p.token for p in logged.proposals]
    first = meetings.accept_changes(UnitOfWork(engine), Actor("T_ALPHA", "U_BOB"), tokens, NOW)
    assert len(first.applied) == 2 and not first.skipped
    ana = _one(engine, Stakeholder, Stakeholder.id == ids["ana"])
    assert (ana.contact_level, ana.attitude) == ("multiple", 1)
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.actor == "U_BOB",
                                                      AuditEntry.action == "stakeholder.updated")).first()
    assert entry.before in ({"contact_level": "brief"}, {"attitude": 0})
    again = meetings.accept_changes(UnitOfWork(engine), ALICE, tokens, NOW)
    assert not again.applied and len(again.skipped) == 2 and "already" in again.skipped[0]


def test_a_proposal_is_not_applied_over_a_change_made_since(engine):
    ids = _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    with Session(engine) as session:
        session.get(Stakeholder, ids["ana"]).attitude = -1
        session.commit()
    token = next(p.token for p in logged.proposals if p.field == "attitude")
    result = meetings.accept_changes(UnitOfWork(engine), ALICE, [token], NOW)
    assert not result.applied and "changed" in result.skipped[0]
    assert _one(engine, Stakeholder, Stakeholder.id == ids["ana"]).attitude == -1


def test_forged_or_foreign_proposals_are_refused(engine):
    ids = _seed(engine)
    forged = {"s": ids["spy"], "f": "attitude", "o": 0, "n": 2, "i": 1}
    with pytest.raises(UserError, match="no longer on a stakeholder map"):
        meetings.accept_changes(UnitOfWork(engine), ALICE, [forged], NOW)
    with pytest.raises(UserError):
        meetings.accept_changes(UnitOfWork(engine), ALICE, [{"s": ids["ana"], "f": "title", "o": 0, "n": 1}], NOW)
    with pytest.raises(UserError):
        meetings.accept_changes(UnitOfWork(engine), ALICE, [{"s": ids["ana"], "f": "attitude", "o": 0, "n": 7}], NOW)
    with pytest.raises(NotAllowed):
        meetings.accept_changes(UnitOfWork(engine), Actor("T_ALPHA", "U_STRANGER"),
                                [{"s": ids["ana"], "f": "attitude", "o": 0, "n": 1}], NOW)
    assert _one(engine, Stakeholder, Stakeholder.id == ids["ana"]).attitude == 0


@pytest.mark.parametrize("text, expected", [
    ("called Tom Berg yesterday, all fine", date(2026, 11, 22)),
    ("met Tom Berg last Tuesday about the rollout", date(2026, 11, 17)),
    ("lunch with Tom Berg on 12 Nov", date(2026, 11, 12)),
    ("workshop with Tom Berg 2026-11-02", date(2026, 11, 2)),
])
def test_the_meeting_date_is_understood(engine, text, expected):
    _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["ARG", *text.split()], TODAY, NOW)
    assert logged.occurred_on == expected and logged.date_was_given


def test_without_a_date_the_log_takes_today_and_says_so(engine):
    _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", "quick", "chat", "with", "Tom", "Berg"],
                                       TODAY, NOW)
    assert logged.occurred_on == TODAY and not logged.date_was_given
    assert any("No date" in w for w in logged.warnings)


def test_unknown_people_are_offered_as_new_stakeholders_not_added(engine):
    _seed(engine)
    people = _count(engine, Stakeholder)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE,
                                       ["Acme", *"met Lea Vogt (CTO) and Ana Ruiz today".split()], TODAY, NOW)
    assert [(p.name, p.title) for p in logged.unknown_people] == [("Lea Vogt", "CTO")]
    assert _count(engine, Stakeholder) == people
    added = meetings.add_person_from_log(UnitOfWork(engine), ALICE, logged.interaction_id, "Lea Vogt", "CTO",
                                         TODAY, NOW)
    assert added.created and added.person.title == "CTO" and added.person.last_contact_on == TODAY
    lea = _one(engine, Stakeholder, Stakeholder.name == "Lea Vogt")
    assert lea.contact_level == "brief"
    assert _one(engine, InteractionAttendee, InteractionAttendee.stakeholder_id == lea.id).interaction_id \
        == logged.interaction_id


# Issue 15: the wording is "could not read the date '…'" with the likely day; a future date is asked
# about (DateToConfirm, see tests/service/test_log_dates_people.py) instead of refused.
@pytest.mark.parametrize("text, words", [
    ("met Ana Ruiz on 2026-13-45, fine", "could not read the date '2026-13-45'"),
    ("met Ana Ruiz on 31/02/2026", "could not read the date '31/02/2026'"),
])
def test_a_bad_date_gets_a_clear_message_and_nothing_is_written(engine, text, words):
    _seed(engine)
    before = _counts(engine)
    with pytest.raises(UserError) as caught:
        meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *text.split()], TODAY, NOW)
    assert words in caught.value.message
    assert _counts(engine) == before


def test_a_future_date_is_asked_about_and_nothing_is_written(engine):
    _seed(engine)
    before = _counts(engine)
    result = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *"meeting with Ana Ruiz on 2026-12-04".split()],
                                       TODAY, NOW)
    assert isinstance(result, meetings.DateToConfirm) and "in 11 days" in result.reason
    assert _counts(engine) == before


def test_the_same_log_twice_is_refused(engine):
    _seed(engine)
    meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    before = _counts(engine)
    with pytest.raises(UserError, match="already logged"):
        meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    assert _counts(engine) == before


def test_people_outside_the_account_team_cannot_log(engine):
    _seed(engine)
    before = _counts(engine)
    with pytest.raises(NotAllowed):
        meetings.log_from_command(UnitOfWork(engine), Actor("T_ALPHA", "U_STRANGER"), ["Acme", *LINE.split()],
                                  TODAY, NOW)
    assert _counts(engine) == before


def test_the_account_alone_gives_the_form_and_writes_nothing(engine):
    ids = _seed(engine)
    before = _counts(engine)
    form = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", "Retail"], TODAY, NOW, channel_id="C1")
    assert isinstance(form, LogForm) and form.account_id == ids["acme"] and form.channel_id == "C1"
    assert [p[1] for p in form.people] == ["Ana Ruiz (CFO)", "Tom Berg (Head of IT)"]
    assert _counts(engine) == before


def test_the_form_logs_attendees_new_people_attitudes_and_the_next_step(engine):
    ids = _seed(engine)
    meeting = MeetingInput(occurred_on=date(2026, 11, 19), notes="QBR: they want faster delivery; Ana sceptical",
                           attendee_ids=[ids["ana"], ids["tom"]], new_people=[NewPerson("Lea Vogt", "CTO")],
                           sentiment=None, next_step="Send delivery SLA proposal", due_on=date(2026, 11, 30),
                           attitudes={ids["ana"]: -1})
    logged = meetings.log_meeting(UnitOfWork(engine), ALICE, ids["acme"], meeting, TODAY, NOW)
    assert [a.name for a in logged.attendees] == ["Ana Ruiz", "Tom Berg", "Lea Vogt"]
    assert logged.attendees[-1].new
    assert logged.sentiment == -1  # "sceptical", read from the notes
    assert logged.attitude_changes == ["Ana Ruiz: attitude 0 neutral → -1 negative"]
    assert not any(p.field == "attitude" and p.stakeholder_id == ids["ana"] for p in logged.proposals)
    assert _one(engine, Stakeholder, Stakeholder.id == ids["ana"]).attitude == -1
    tom = _one(engine, Stakeholder, Stakeholder.id == ids["tom"])
    assert tom.last_contact_on == date(2026, 11, 20)  # a later contact is kept
    assert _one(engine, Action, Action.interaction_id == logged.interaction_id).due_on == date(2026, 11, 30)


def test_form_errors_come_back_per_field_and_nothing_is_written(engine):
    ids = _seed(engine)
    before = _counts(engine)
    meeting = MeetingInput(occurred_on=date(2026, 12, 1), notes="", attendee_ids=[ids["spy"]],
                           due_on=date(2026, 11, 1), attitudes={ids["tom"]: 3})
    with pytest.raises(FieldErrors) as caught:
        meetings.log_meeting(UnitOfWork(engine), ALICE, ids["acme"], meeting, TODAY, NOW)
    assert set(caught.value.errors) == {"date", "notes", "attendees", "due", "next_step", f"attitude_{ids['tom']}"}
    assert _counts(engine) == before
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        meetings.log_meeting(UnitOfWork(engine), ALICE, ids["beta"], MeetingInput(TODAY, "hi"), TODAY, NOW)


def test_editing_a_log_moves_last_contact_and_the_next_step_with_it(engine):
    ids = _seed(engine)
    logged = meetings.log_from_command(UnitOfWork(engine), ALICE, ["Acme", *LINE.split()], TODAY, NOW)
    form = meetings.form_for_edit(UnitOfWork(engine), ALICE, logged.interaction_id, TODAY)
    assert form.attendee_ids == [ids["ana"]] and form.next_step == "Send draft contract by Friday"
    meeting = MeetingInput(occurred_on=date(2026, 11, 21), notes=LINE + " (Saturday, actually)",
                           attendee_ids=[ids["tom"]], next_step="Send draft contract", due_on=date(2026, 12, 2))
    updated = meetings.update_meeting(UnitOfWork(engine), ALICE, logged.interaction_id, meeting, TODAY, NOW)
    assert updated.updated and [a.id for a in updated.attendees] == [ids["tom"]]
    assert _one(engine, Stakeholder, Stakeholder.id == ids["ana"]).last_contact_on == date(2026, 10, 1)  # as before
    assert _one(engine, Stakeholder, Stakeholder.id == ids["tom"]).last_contact_on == date(2026, 11, 21)
    action = _one(engine, Action, Action.interaction_id == logged.interaction_id)
    assert (action.title, action.due_on) == ("Send draft contract", date(2026, 12, 2))
    note = _one(engine, Note, Note.id == updated.note_id)
    assert note.body.endswith("(Saturday, actually)") and note.indexed_at is None
    assert note.written_on == date(2026, 11, 21)


def test_the_shortcut_logs_any_message_text_for_a_chosen_account(engine):
    ids = _seed(engine)
    text = "Quick sync with Tom Berg - happy with the pilot. Next step: book the rollout workshop next week"
    logged = meetings.log_text(UnitOfWork(engine), ALICE, ids["acme"], text, TODAY, NOW,
                               occurred_on=date(2026, 11, 18))
    assert logged.occurred_on == date(2026, 11, 18) and [a.name for a in logged.attendees] == ["Tom Berg"]
    assert logged.sentiment >= 1 and logged.next_step.startswith("Book the rollout workshop")
    with pytest.raises(UserError):
        meetings.log_text(UnitOfWork(engine), ALICE, ids["beta"], text, TODAY, NOW)


def test_the_account_picker_lists_my_accounts_first_and_filters_by_name(engine):
    ids = _seed(engine)
    with Session(engine) as session:
        add_account(session, "T_ALPHA", "Zephyr Works", tier="key")
        add_account(session, "T_ALPHA", "Hidden Deal", restricted=True)
        session.commit()
    options = meetings.account_options(UnitOfWork(engine), ALICE, "")
    assert options[0] == (ids["acme"], "Acme Retail Group")
    assert "Hidden Deal" not in [name for _, name in options]
    assert [name for _, name in meetings.account_options(UnitOfWork(engine), ALICE, "zeph")] == ["Zephyr Works"]
    assert all(account_id != ids["beta"] for account_id, _ in options)
