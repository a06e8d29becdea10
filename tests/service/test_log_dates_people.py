"""Issue 15 on real databases (SQLite and PostgreSQL): bad or far dates write nothing and leave last
contact alone; first names match; colleagues stay off customer maps; next steps go to the colleague named."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import UserError
from kam_domain.models import Action, AuditEntry, Interaction, Note, OwnerLink, Stakeholder
from kam_domain.rules.people_matching import SlackPerson
from kam_domain.services import meetings, stakeholders
from kam_domain.services.authz import Actor
from kam_domain.services.meetings import DateToConfirm, MeetingLogged
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_member, add_stakeholder

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ANNA = Actor("T_ALPHA", "U_ANNA")
LARS_LAST = date(2026, 11, 17)


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ANNA",
                               sponsor_user_id="U_HELENA", crm_owner_name="Anna Keller")
        add_member(session, borealis, "U_TOMASZ")
        session.add(OwnerLink(team_id="T_ALPHA", crm_owner_key="helena berg", crm_owner_name="Helena Berg",
                              user_id="U_HELENA"))
        lars = add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                               attitude=1, contact_level="in_depth", last_contact_on=LARS_LAST)
        katrin = add_stakeholder(session, borealis, "Katrin Vogel", title="CFO", role="economic_buyer", influence=5,
                                 contact_level="multiple", last_contact_on=date(2026, 11, 4))
        eva = add_stakeholder(session, borealis, "Eva Lund", title="Head of Procurement", influence=4)
        add_stakeholder(session, borealis, "Eva Brandt", title="Buyer", influence=2)
        session.commit()
        return {"borealis": borealis.id, "lars": lars.id, "katrin": katrin.id, "eva": eva.id}


def _counts(engine) -> tuple:
    with Session(engine) as session:
        return tuple(session.exec(select(func.count()).select_from(m)).one()
                     for m in (Interaction, Note, Action, Stakeholder, AuditEntry))


def _person(engine, stakeholder_id: int) -> Stakeholder:
    with Session(engine) as session:
        return session.get(Stakeholder, stakeholder_id)


def _log(engine, text: str, people=None):
    return meetings.log_from_command(UnitOfWork(engine), ANNA, ["Borealis", *text.split()], TODAY, NOW, people=people)


@pytest.mark.parametrize("text, phrase", [
    ("met Lars Henriksen on 31 Feb, fine", "31 Feb"),
    ("met Lars Henriksen on 2026-13-05, fine", "2026-13-05"),
    ("met Lars Henriksen on 32 Dec", "32 Dec"),
    ("met Lars Henriksen on 31/04/2026", "31/04/2026"),
])
def test_an_unreadable_date_is_refused_and_nothing_is_written(engine, text, phrase):
    ids = _seed(engine)
    before = _counts(engine)
    with pytest.raises(UserError) as caught:
        _log(engine, text)
    assert f"I could not read the date '{phrase}'" in caught.value.message
    assert "Nothing was logged" in caught.value.message
    assert _counts(engine) == before
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


@pytest.mark.parametrize("text, when", [
    ("met Lars Henriksen on 1999-01-01, fine", date(1999, 1, 1)),
    ("met Lars Henriksen next Friday, fine", date(2026, 11, 27)),
    ("met Lars Henriksen on 2027-01-04", date(2027, 1, 4)),
])
def test_a_far_or_future_date_is_asked_about_first_and_nothing_is_written(engine, text, when):
    ids = _seed(engine)
    before = _counts(engine)
    asked = _log(engine, text)
    assert isinstance(asked, DateToConfirm) and asked.occurred_on == when
    assert asked.command_line == f"log #{ids['borealis']} {text} confirm-date={when.isoformat()}"
    assert _counts(engine) == before
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


def test_a_confirmed_old_date_is_logged_on_that_day_and_last_contact_does_not_go_back(engine):
    ids = _seed(engine)
    logged = _log(engine, "met Lars Henriksen on 1999-01-01, fine confirm-date=1999-01-01")
    assert isinstance(logged, MeetingLogged) and logged.occurred_on == date(1999, 1, 1)
    assert any("as you confirmed" in w for w in logged.warnings)
    with Session(engine) as session:
        note = session.get(Note, logged.note_id)
        assert "confirm-date" not in note.body and note.written_on == date(1999, 1, 1)
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


def test_a_confirmed_future_date_is_logged_but_is_no_contact_yet(engine):
    ids = _seed(engine)
    logged = _log(engine, "met Lars Henriksen next Friday, fine confirm-date=2026-11-27")
    assert isinstance(logged, MeetingLogged) and logged.occurred_on == date(2026, 11, 27)
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


def test_a_confirmation_of_another_date_asks_again(engine):
    _seed(engine)
    before = _counts(engine)
    asked = _log(engine, "met Lars Henriksen on 1999-01-01 confirm-date=1999-02-01")
    assert isinstance(asked, DateToConfirm) and asked.occurred_on == date(1999, 1, 1)
    assert _counts(engine) == before


def test_a_log_stores_the_meeting_before_last_contact_moves(engine):
    ids = _seed(engine)
    logged = _log(engine, "met Lars Henriksen yesterday, fine")
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        kinds = [e.action for e in entries]
        assert kinds.index("meeting.logged") < kinds.index("stakeholder.updated")
    assert _person(engine, ids["lars"]).last_contact_on == date(2026, 11, 22) == logged.occurred_on


# --------------------------------------------------------------------------- people


def test_a_first_name_alone_updates_the_one_person_who_has_it(engine):
    ids = _seed(engine)
    people = _counts(engine)[3]
    saved = stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "katrin"], {"attitude": "-1"},
                                           TODAY, NOW)
    assert not saved.created and saved.person.name == "Katrin Vogel"
    assert _person(engine, ids["katrin"]).attitude == -1
    assert _counts(engine)[3] == people


def test_a_surname_alone_updates_the_one_person_who_has_it(engine):
    ids = _seed(engine)
    stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "Henriksen"], {"influence": "4"}, TODAY, NOW)
    assert _person(engine, ids["lars"]).influence == 4


def test_a_first_name_two_people_share_asks_which_with_both_full_names(engine):
    _seed(engine)
    before = _counts(engine)
    with pytest.raises(UserError) as caught:
        stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "eva"], {"attitude": "1"}, TODAY, NOW)
    message = caught.value.message
    assert "'eva' could be" in message and "Eva Lund" in message and "Eva Brandt" in message
    assert "Nothing was changed" in message
    assert _counts(engine) == before


def test_an_ambiguous_first_name_in_a_log_is_asked_about_not_added(engine):
    _seed(engine)
    logged = _log(engine, "met Eva yesterday, fine")
    assert logged.unknown_people == [] and logged.attendees == []
    assert any("'Eva' could be" in w and "Eva Lund" in w and "Eva Brandt" in w for w in logged.warnings)


def test_a_unique_first_name_in_a_log_is_that_person(engine):
    ids = _seed(engine)
    logged = _log(engine, "met Katrin yesterday, fine")
    assert [a.id for a in logged.attendees] == [ids["katrin"]]


def test_a_colleague_named_in_a_log_is_not_offered_as_a_customer_person(engine):
    _seed(engine)
    logged = _log(engine, "met Katrin Vogel yesterday, Helena Berg joined; Petra Lang (CTO) too")
    assert [p.name for p in logged.unknown_people] == ["Petra Lang"]


def test_a_colleague_from_the_slack_directory_is_not_offered_either(engine):
    _seed(engine)
    asked = []

    def directory():
        asked.append(1)
        return [SlackPerson("U_PRIYA", "Priya Nair", "priya", None), SlackPerson("U_BOT", "Rob Ot", None, None,
                                                                                   is_bot=True)]

    logged = _log(engine, "met Katrin Vogel yesterday with Priya Nair and Rob Ot", people=directory)
    assert [p.name for p in logged.unknown_people] == ["Rob Ot"] and asked == [1]


def test_a_colleague_cannot_be_added_to_a_customer_map(engine):
    _seed(engine)
    before = _counts(engine)
    with pytest.raises(UserError) as caught:
        stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "Helena", "Berg"], {"title": "CFO"},
                                       TODAY, NOW)
    assert "Helena Berg (executive sponsor) is one of ours" in caught.value.message
    assert _counts(engine) == before


# --------------------------------------------------------------------------- action owners


def test_a_next_step_naming_a_colleague_is_that_colleagues_action(engine):
    _seed(engine)
    logged = _log(engine, "met Katrin Vogel yesterday, fine; next step: Helena to call her back by 15 Dec")
    assert (logged.action_owner, logged.due_on) == ("U_HELENA", date(2026, 12, 15))
    with Session(engine) as session:
        action = session.get(Action, logged.action_id)
        assert (action.owner_user_id, action.due_on) == ("U_HELENA", date(2026, 12, 15))
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "action.created")).one()
        assert entry.actor == "U_ANNA" and entry.after["owner_user_id"] == "U_HELENA"


def test_a_next_step_naming_nobody_of_ours_is_the_loggers(engine):
    _seed(engine)
    logged = _log(engine, "met Katrin Vogel yesterday; next step: Katrin to send the volumes by Friday")
    assert logged.action_owner == "U_ANNA"


def test_owner_by_a_team_members_name_is_their_user_id(engine):
    ids = _seed(engine)
    stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "katrin"], {"owner": "@Anna Keller"},
                                   TODAY, NOW, names_resolvable=False)
    assert _person(engine, ids["katrin"]).owner_user_id == "U_ANNA"


def test_owner_by_an_unknown_name_in_the_console_is_refused_and_nothing_is_added(engine):
    ids = _seed(engine)
    before = _counts(engine)
    with pytest.raises(UserError) as caught:
        stakeholders.save_from_command(UnitOfWork(engine), ANNA, ["borealis", "katrin"],
                                       {"owner": "@Anna Kellerman"}, TODAY, NOW, names_resolvable=False)
    message = caught.value.message
    assert "is not a Slack user id" in message and "owner=U0123ABCD" in message
    assert "Anna Keller (KAM)" in message and "Helena Berg (executive sponsor)" in message
    assert _counts(engine) == before
    assert _person(engine, ids["katrin"]).owner_user_id is None
