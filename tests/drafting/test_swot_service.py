"""`draft_swot`, accept and reject, over a real database (SQLite and PostgreSQL), the real
embedding model and a local Chroma index."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import Session, select

from drafting_data import TODAY, add_note, index_everything, seed
from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import Account, AuditEntry, SwotPoint, Workspace
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import (
    accept_swot_point,
    draft_swot,
    draft_swot_by_id,
    reject_swot_point,
)
from kam_domain.store.uow import UnitOfWork

ALICE = Actor("T_ALPHA", "U_ALICE")  # Borealis's KAM
NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


@pytest.fixture
def seeded(engine, notes_index):
    with Session(engine) as session:
        data = seed(session)
    index_everything(engine, notes_index)
    return data


def swot(engine, index, drafter, actor=ALICE, text="borealis"):
    return draft_swot(UnitOfWork(engine), actor, text, TODAY, index, drafter)


def test_swot_cites_this_accounts_notes_in_four_quadrants(engine, notes_index, offline, seeded):
    result = swot(engine, notes_index, offline)
    assert result.account_name == "Borealis Logistics GmbH" and result.drafted_by == "offline"
    assert not result.notices
    assert {p.quadrant for p in result.points} == {"strength", "weakness", "opportunity", "threat"}
    assert {p.citation.note_id for p in result.points} <= set(seeded.alpha_notes)
    texts = " ".join(p.text for p in result.points)
    assert "late" in texts and "Kraftmann" in texts and "Poznań" in texts
    assert "BETA-SECRET" not in texts and "VANTOR-SECRET" not in texts
    for point in result.points:
        assert point.citation.label.startswith(f"note #{point.citation.note_id}, 2026-")
    assert result.retrieval_ms is not None and result.retrieval_ms < 1000


def test_points_from_old_notes_are_marked_stale_and_the_age_is_configurable(engine, notes_index, offline, seeded):
    result = swot(engine, notes_index, offline)
    by_date = {p.citation.written_on: p.stale for p in result.points}
    assert all(stale == ((TODAY - day).days > 180) for day, stale in by_date.items())
    assert any(by_date.values())  # the notes from February and March
    with Session(engine) as session:
        workspace = session.get(Workspace, "T_ALPHA")
        workspace.settings = {**workspace.settings, "swot_stale_after_days": 30}
        session.add(workspace)
        session.commit()
    result = swot(engine, notes_index, offline)
    assert result.stale_after_days == 30
    assert all(p.stale == ((TODAY - p.citation.written_on).days > 30) for p in result.points)


def test_accept_writes_the_plan_swot_with_provenance_and_audit(engine, notes_index, offline, seeded):
    point = swot(engine, notes_index, offline).in_quadrant("weakness")[0]
    decision = accept_swot_point(UnitOfWork(engine), ALICE, seeded.alpha_id, point.citation.note_id, "weakness",
                                 point.point_id, point.text, now=NOW)
    assert decision.accepted and not decision.already
    again = accept_swot_point(UnitOfWork(engine), ALICE, seeded.alpha_id, point.citation.note_id, "weakness",
                              point.point_id, point.text, now=NOW)
    assert again.already
    with Session(engine) as session:
        [row] = session.exec(select(SwotPoint)).all()
        assert (row.account_id, row.quadrant, row.text, row.source_note_id, row.accepted_by) == \
            (seeded.alpha_id, "weakness", point.text, point.citation.note_id, "U_ALICE")
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "swot_point.accepted")).all()
        assert entry.after["source_note_id"] == point.citation.note_id and entry.actor == "U_ALICE"
        assert session.get(Account, seeded.alpha_id).plan_updated_at is not None
    redraft = swot(engine, notes_index, offline)
    assert point.point_id not in {p.point_id for p in redraft.points}  # accepted: not offered again


def test_rejected_points_are_not_offered_again(engine, notes_index, offline, seeded):
    first = swot(engine, notes_index, offline)
    rejected = first.in_quadrant("threat")[0]
    reject_swot_point(UnitOfWork(engine), ALICE, seeded.alpha_id, rejected.citation.note_id, "threat",
                      rejected.point_id, rejected.text)
    second = swot(engine, notes_index, offline)
    assert rejected.point_id not in {p.point_id for p in second.points}
    assert not any(p.citation.note_id == rejected.citation.note_id and p.quadrant == "threat"
                   and p.text == rejected.text for p in second.points)
    with Session(engine) as session:
        assert session.exec(select(SwotPoint)).all() == []
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "swot_point.rejected")).all()
        assert entry.entity_id == rejected.citation.note_id and entry.after["point_id"] == rejected.point_id


def test_decisions_recheck_the_note_account_workspace_and_permission(engine, notes_index, offline, seeded):
    point = swot(engine, notes_index, offline).points[0]
    args = (point.citation.note_id, point.quadrant, point.point_id, point.text)
    with pytest.raises(NotAllowed):  # not on Borealis's team
        accept_swot_point(UnitOfWork(engine), Actor("T_ALPHA", "U_STRANGER"), seeded.alpha_id, *args)
    with pytest.raises(UserError, match="no longer exists in this workspace"):  # a forged account id
        accept_swot_point(UnitOfWork(engine), ALICE, seeded.beta_id, *args)
    with pytest.raises(UserError, match="not a note of this account"):  # another account's note
        accept_swot_point(UnitOfWork(engine), Actor("T_ALPHA", "U0ADMIN", is_admin=True), seeded.vantor_id, *args)
    with pytest.raises(UserError, match="does not match"):  # text changed in the button
        accept_swot_point(UnitOfWork(engine), ALICE, seeded.alpha_id, point.citation.note_id, point.quadrant,
                          point.point_id, "We are the best supplier in the world")
    with pytest.raises(UserError, match="not a note of this account"):  # a beta note under alpha's account
        reject_swot_point(UnitOfWork(engine), ALICE, seeded.alpha_id, seeded.beta_notes[0], "strength",
                          point.point_id, point.text)
    with Session(engine) as session:
        assert session.exec(select(SwotPoint)).all() == []


def test_a_reader_outside_the_team_sees_the_draft_without_buttons(engine, notes_index, offline, seeded):
    result = swot(engine, notes_index, offline, actor=Actor("T_ALPHA", "U_STRANGER"))
    assert result.points and not result.can_decide


def test_unindexed_notes_are_read_from_the_database(engine, notes_index, offline, seeded):
    with Session(engine) as session:
        account = session.get(Account, seeded.alpha_id)
        fresh_id = add_note(session, account, TODAY, "Their COO praised our new remote monitoring service.").id
        session.commit()
    result = swot(engine, notes_index, offline)
    assert fresh_id in {p.citation.note_id for p in result.points}


def test_an_account_without_notes_says_what_to_do(engine, notes_index, offline, seeded):
    result = draft_swot_by_id(UnitOfWork(engine), Actor("T_ALPHA", "U0ADMIN", is_admin=True), seeded.vantor_id + 0,
                              TODAY, notes_index, offline)
    assert result.account_name == "Vantor Energy AS"
    with Session(engine) as session:
        from support.builders import add_account

        empty = add_account(session, "T_ALPHA", "Quiet Holdings AG")
        session.commit()
        empty_id = empty.id
    result = draft_swot_by_id(UnitOfWork(engine), ALICE, empty_id, TODAY, notes_index, offline)
    assert result.points == [] and "no notes" in result.notices[0]


def test_an_index_without_this_accounts_notes_falls_back_to_the_database(engine, tmp_path, embedder, offline):
    from kam_domain.index.chroma_index import ChromaIndex

    with Session(engine) as session:
        data = seed(session)
    empty_index = ChromaIndex.local(tmp_path / "empty", lambda: embedder)
    result = swot(engine, empty_index, offline)
    assert result.points and {p.citation.note_id for p in result.points} <= set(data.alpha_notes)
    assert "not in the search index yet" in result.notices[0]
