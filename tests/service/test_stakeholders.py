"""The stakeholder map service on real databases: reading the map, adding and updating people."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import FieldErrors, NotAllowed, UserError
from kam_domain.models import Account, AuditEntry, Stakeholder
from kam_domain.services import stakeholders
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_member, add_stakeholder, two_workspaces_with_borealis

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ALICE = Actor("T_ALPHA", "U_ALICE")
OUTSIDER = Actor("T_ALPHA", "U_OUTSIDER")


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        alpha, _beta = two_workspaces_with_borealis(session)
        alpha.sponsor_user_id = "U_SPONSOR"
        add_member(session, alpha, "U_BOB")
        add_stakeholder(session, alpha, "Katrin Vogel", title="CFO", role="economic_buyer", influence=5, attitude=0,
                        owner_user_id="U_ALICE", last_contact_on=date(2026, 9, 1), contact_level="brief")
        add_stakeholder(session, alpha, "Dieter Brandt", title="Head of IT", role="blocker", influence=4, attitude=-2,
                        owner_user_id="U_BOB", last_contact_on=date(2026, 11, 20), contact_level="multiple")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        secret = add_account(session, "T_ALPHA", "Secret Merger Target", tier="key", owner_user_id="U_BOB",
                             restricted=True)
        session.commit()
        return {"borealis": alpha.id, "acme": acme.id, "secret": secret.id}


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def _person(engine, name: str) -> Stakeholder:
    with Session(engine) as session:
        return session.exec(select(Stakeholder).where(Stakeholder.name == name,
                                                      Stakeholder.team_id == "T_ALPHA")).one()


def test_the_map_groups_people_by_role_with_coverage_and_named_gaps(engine):
    ids = _seed(engine)
    result = stakeholders.stakeholder_map(UnitOfWork(engine), ALICE, "borealis", TODAY)
    assert result.account_id == ids["borealis"]
    assert [g.role for g in result.groups] == ["economic_buyer", "decision_maker", "blocker"]
    katrin = result.groups[0].people[0]
    assert (katrin.title, katrin.influence, katrin.attitude, katrin.owner_user_id) == ("CFO", 5, 0, "U_ALICE")
    assert katrin.days_since_contact == 83 and katrin.cold
    # Lars, a supportive decision maker, would make it green; issue 15: never better than its worst gap
    assert result.coverage_status == "amber"
    assert "key people gone cold" in result.coverage_reason and "influential detractors" in result.coverage_reason
    kinds = [g.kind for g in result.gaps]
    assert "influential_detractors" in kinds and "cold_key_people" in kinds
    assert "no_executive_sponsor" not in kinds
    assert result.can_edit
    assert "Beta Secret Person" not in str(result)  # the same-named account of another workspace


def test_gaps_name_a_missing_economic_buyer_single_threading_and_no_sponsor(engine):
    ids = _seed(engine)
    with Session(engine) as session:
        acme = session.get(Account, ids["acme"])
        add_stakeholder(session, acme, "Ana Ruiz", title="Head of Stores", role="influencer", influence=3,
                        owner_user_id="U_ALICE")
        add_stakeholder(session, acme, "Tom Berg", title="IT lead", role="technical_buyer", influence=3,
                        owner_user_id="U_ALICE")
        session.commit()
    result = stakeholders.stakeholder_map_by_id(UnitOfWork(engine), ALICE, ids["acme"], TODAY)
    assert result.coverage_status == "red"
    kinds = [g.kind for g in result.gaps]
    assert kinds[0] == "no_economic_buyer"
    assert "single_threaded" in kinds and "no_executive_sponsor" in kinds
    single = next(g for g in result.gaps if g.kind == "single_threaded")
    assert single.user_ids == ["U_ALICE"]


def test_a_restricted_account_is_hidden_from_people_outside_its_team(engine):
    ids = _seed(engine)
    with pytest.raises(NotAllowed):
        stakeholders.stakeholder_map_by_id(UnitOfWork(engine), OUTSIDER, ids["secret"], TODAY)
    everyone = stakeholders.stakeholder_map_by_id(UnitOfWork(engine), OUTSIDER, ids["borealis"], TODAY)
    assert not everyone.can_edit


def test_adding_a_person_from_the_command_parses_every_field_and_audits(engine):
    ids = _seed(engine)
    saved = stakeholders.save_from_command(
        UnitOfWork(engine), ALICE, ["Acme", "Ana", "Ruiz"],
        {"title": "CFO", "role": "EB", "influence": "high", "attitude": "+1", "owner": "U_BOB",
         "contact": "in depth", "email": "Ana.Ruiz@Acme.example"}, TODAY, NOW)
    assert saved.created and saved.account_id == ids["acme"]
    # a supportive economic buyer, but gaps stay open (issue 15: not "red -> green" while gaps remain)
    assert saved.coverage_before == "red" and saved.coverage_after == "amber"
    ana = _person(engine, "Ana Ruiz")
    assert (ana.title, ana.role, ana.influence, ana.attitude, ana.owner_user_id, ana.contact_level, ana.email) == (
        "CFO", "economic_buyer", 4, 1, "U_BOB", "in_depth", "ana.ruiz@acme.example")
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "stakeholder.created")).one()
    assert entry.actor == "U_ALICE" and entry.entity_id == ana.id and entry.after["role"] == "economic_buyer"


def test_updating_a_person_changes_only_the_fields_given_and_records_before_and_after(engine):
    _seed(engine)
    saved = stakeholders.save_from_command(UnitOfWork(engine), ALICE, ["borealis", "Katrin", "Vogel"],
                                           {"attitude": "positive", "reports_to": "Lars Henriksen"}, TODAY, NOW)
    assert not saved.created
    assert [(c.field, c.old, c.new) for c in saved.changes][0] == ("attitude", 0, 1)
    katrin = _person(engine, "Katrin Vogel")
    assert katrin.attitude == 1 and katrin.title == "CFO"
    assert katrin.reports_to_id == _person(engine, "Lars Henriksen").id
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "stakeholder.updated")).one()
    assert entry.before == {"attitude": 0, "reports_to_id": None}
    assert entry.after["attitude"] == 1


def test_a_typo_in_the_name_updates_the_known_person_instead_of_adding_a_twin(engine):
    _seed(engine)
    saved = stakeholders.save_from_command(UnitOfWork(engine), ALICE, ["borealis", "Katrin", "Vogl"],
                                           {"influence": "4"}, TODAY, NOW)
    assert not saved.created and saved.person.name == "Katrin Vogel"


@pytest.mark.parametrize("fields, words", [
    ({"attitude": "5"}, "Attitude"),
    ({"attitude": "very keen"}, "Attitude"),
    ({"influence": "9"}, "Influence"),
    ({"role": "wizard"}, "Unknown role"),
    ({"owner": "bob"}, "not a Slack user"),
    ({"email": "not-an-address"}, "not an email"),
    ({"reports_to": "Nobody Known"}, "add them first"),
])
def test_bad_input_gets_a_clear_message_and_writes_nothing(engine, fields, words):
    _seed(engine)
    people, audits = _count(engine, Stakeholder), _count(engine, AuditEntry)
    with pytest.raises(UserError) as caught:
        stakeholders.save_from_command(UnitOfWork(engine), ALICE, ["Acme", "Ana", "Ruiz"],
                                       {"title": "CFO", **fields}, TODAY, NOW)
    assert words in caught.value.message and "Nothing was changed" in caught.value.message
    assert (_count(engine, Stakeholder), _count(engine, AuditEntry)) == (people, audits)


def test_a_reporting_loop_is_refused(engine):
    _seed(engine)
    stakeholders.save_from_command(UnitOfWork(engine), ALICE, ["borealis", "Katrin", "Vogel"],
                                   {"reports_to": "Lars Henriksen"}, TODAY, NOW)
    with pytest.raises(UserError, match="loop"):
        stakeholders.save_from_command(UnitOfWork(engine), ALICE, ["borealis", "Lars", "Henriksen"],
                                       {"reports_to": "Katrin Vogel"}, TODAY, NOW)


def test_only_the_account_team_sponsor_or_admins_change_the_map(engine):
    ids = _seed(engine)
    before = _count(engine, Stakeholder)
    with pytest.raises(NotAllowed):
        stakeholders.save_from_command(UnitOfWork(engine), OUTSIDER, ["Acme", "Ana"], {"title": "CFO"}, TODAY, NOW)
    stakeholders.save_from_command(UnitOfWork(engine), Actor("T_ALPHA", "U_SPONSOR"), ["borealis", "New", "Person"],
                                   {"title": "CTO"}, TODAY, NOW)
    stakeholders.save_from_command(UnitOfWork(engine), Actor("T_ALPHA", "U_ADMIN", is_admin=True),
                                   ["Acme", "Other", "Person"], {"title": "COO"}, TODAY, NOW)
    assert _count(engine, Stakeholder) == before + 2
    with pytest.raises(NotAllowed):
        stakeholders.form_for(UnitOfWork(engine), OUTSIDER, ids["acme"], TODAY)


def test_the_form_path_returns_per_field_errors_and_ids_are_checked_against_the_workspace(engine):
    ids = _seed(engine)
    with pytest.raises(FieldErrors) as caught:
        stakeholders.save_person(UnitOfWork(engine), ALICE, ids["acme"], None,
                                 {"name": "Ana Ruiz", "influence": "0", "owner": "someone"}, TODAY, NOW)
    assert set(caught.value.errors) == {"influence", "owner"}
    with Session(engine) as session:
        beta_person = session.exec(select(Stakeholder).where(Stakeholder.team_id == "T_BETA")).one()
    with pytest.raises(UserError, match="no longer on a stakeholder map"):
        stakeholders.save_person(UnitOfWork(engine), ALICE, ids["borealis"], beta_person.id,
                                 {"name": "Hijack"}, TODAY, NOW)
    saved = stakeholders.save_person(UnitOfWork(engine), ALICE, ids["acme"], None,
                                     {"name": "Ana Ruiz", "title": "CFO", "role": "economic_buyer", "influence": "5",
                                      "attitude": "1", "contact": "brief", "owner": "U_ALICE", "reports_to": "none",
                                      "email": ""}, TODAY, NOW)
    assert saved.created and saved.person.role == "economic_buyer"


def test_name_only_gives_the_form_filled_in_for_a_known_person(engine):
    ids = _seed(engine)
    form = stakeholders.form_from_command(UnitOfWork(engine), ALICE, ["borealis", "Katrin", "Vogel"], TODAY)
    assert form.account_id == ids["borealis"] and form.person.title == "CFO"
    assert "Katrin Vogel (CFO)" not in [label for _, label in form.others]
    blank = stakeholders.form_from_command(UnitOfWork(engine), ALICE, ["Acme", "Ana", "Ruiz"], TODAY)
    assert blank.person is None and blank.name == "Ana Ruiz"
