"""The five examples of issue 17 on the demo portfolio: drafts a KAM director would sign.

The demo is seeded into a real SQLite database; the offline drafter (real embedding model)
reads each account's notes as the services hand them over. Logging a note goes through the
meeting-log service and the SWOT and next actions are drafted again through the drafts service.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import Session, select

from drafting_data import TODAY, index_everything, seed
from kam_domain.demo import seed_demo
from kam_domain.drafting.types import ActionsRequest, SourceNote, SwotRequest
from kam_domain.models import Account, Note
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import draft_swot_by_id, next_action_drafts
from kam_domain.services.meetings import log_text
from kam_domain.store.engine import make_engine
from kam_domain.store.uow import UnitOfWork

DEMO_TEAM = "T0DEMODIR"
NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def demo_notes(tmp_path_factory, sqlite_template):
    """Account name -> its notes (as the drafts service hands them to a drafter)."""
    import shutil

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        seed_demo(session, DEMO_TEAM, TODAY)
        session.commit()
        accounts = {a.id: a.name for a in session.exec(select(Account).where(Account.team_id == DEMO_TEAM))}
        notes: dict[str, list[SourceNote]] = {}
        for note in session.exec(select(Note).where(Note.team_id == DEMO_TEAM)):
            notes.setdefault(accounts[note.account_id], []).append(
                SourceNote(note.id, note.written_on, note.author, note.body, 0.5))
    engine.dispose()
    return notes


def _account(demo_notes, prefix: str) -> tuple[str, list[SourceNote]]:
    name = next(n for n in demo_notes if n.startswith(prefix))
    return name, demo_notes[name]


def _swot(offline, demo_notes, prefix: str):
    name, notes = _account(demo_notes, prefix)
    return offline.draft_swot(SwotRequest(name, TODAY, notes, per_quadrant=6)), {n.id: n for n in notes}


def test_lumens_good_signal_is_a_strength_and_never_a_threat(offline, demo_notes):
    draft, notes = _swot(offline, demo_notes, "Lumen")
    strengths = [p for p in draft.points if p.quadrant == "strength"]
    assert strengths, "Lumen's SWOT must not say 'Strengths: nothing in the notes'"
    assert any("spare-parts cabinet" in p.text for p in strengths)
    for point in draft.points:
        if point.quadrant == "threat":
            sentence = next(s for s in notes[point.note_id].text.split(". ") if point.text.rstrip(".")[-20:] in s)
            assert "Good signal" not in sentence, point


def test_a_tough_meeting_with_lars_is_no_strength(offline, demo_notes):
    draft, _ = _swot(offline, demo_notes, "Borealis")
    assert any("Tough meeting with Lars Henriksen" in n.text for n in demo_notes[draft_account(demo_notes)])
    assert not [p for p in draft.points if "Tough meeting" in p.text or "Difficult call" in p.text]


def draft_account(demo_notes) -> str:
    return _account(demo_notes, "Borealis")[0]


def test_a_competitor_offering_below_us_is_a_threat(offline, demo_notes):
    name, notes = _account(demo_notes, "Borealis")
    below = [n for n in notes if "offered 10% below us" in n.text]
    assert below, "the demo's 'offered 10% below us' note"
    draft = offline.draft_swot(SwotRequest(name, TODAY, below, per_quadrant=6))
    assert [p.quadrant for p in draft.points if "10% below us" in p.text] == ["threat"]


def test_next_calls_a_promise_a_promise_and_an_observation_none(offline, demo_notes):
    name, notes = _account(demo_notes, "Borealis")
    draft = offline.draft_next_actions(ActionsRequest(name, TODAY, notes, limit=1000))
    promises = [a for a in draft.actions if a.kind == "commitment"]
    line_up = [a for a in promises if "I will line one up" in a.text]
    assert line_up and all(a.by == "us" for a in line_up)
    assert not [a for a in draft.actions if "love our on-site" in a.text]
    assert all("promised" not in a.reason.lower() for a in draft.actions if a.kind != "commitment")


# --------------------------------------------------------------------------- logging a note refreshes the drafts

ALICE = Actor("T_ALPHA", "U_ALICE")
REBATE = "Katrin Vogel wants a 6% rebate, otherwise they will re-tender."


def test_logging_a_rebate_threat_changes_the_swot_and_next(engine, notes_index, offline):
    with Session(engine) as session:
        data = seed(session)
    index_everything(engine, notes_index)
    before = draft_swot_by_id(UnitOfWork(engine), ALICE, data.alpha_id, TODAY, notes_index, offline)
    next_before = next_action_drafts(UnitOfWork(engine), ALICE, data.alpha_id, TODAY, notes_index, offline)
    assert not [p for p in before.points if "rebate" in p.text]

    log_text(UnitOfWork(engine), ALICE, data.alpha_id, f"{REBATE} (2026-11-22)", TODAY, NOW)

    after = draft_swot_by_id(UnitOfWork(engine), ALICE, data.alpha_id, TODAY, notes_index, offline)
    rebate = [p for p in after.points if "6% rebate" in p.text]
    assert [p.quadrant for p in rebate] == ["threat"]
    assert "Katrin Vogel" in rebate[0].text
    next_after = next_action_drafts(UnitOfWork(engine), ALICE, data.alpha_id, TODAY, notes_index, offline)
    new = [a for a in next_after.actions if "rebate" in a.text]
    assert new and new[0].kind == "risk" and len(next_after.actions) >= len(next_before.actions)
