"""The plans feature in the console: the same handlers and services as Slack, rendered as text."""
from __future__ import annotations

import time
from datetime import date

import pytest
from sqlmodel import Session, select

from bot import indexing
from bot.bootstrap import Container
from bot.handlers import plans as plan_handlers
from bot.console import answer_line
from bot.settings import load_settings
from drafting.drafting_data import HashEmbedder
from kam_domain.clock import FixedClock
from kam_domain.drafting.offline import OfflineDrafter
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.models import Action, Note, Objective, Stakeholder
from kam_domain.services.authz import Actor
from support.builders import add_account, add_stakeholder
from support.constants import NOW
from bot.wiring import default_wiring

REGISTRY = default_wiring().registry

ALICE = Actor("T_ALPHA", "U_ALICE")


@pytest.fixture
def container(engine, tmp_path):
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA")
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5, attitude=0,
                        owner_user_id="U_ALICE", last_contact_on=date(2026, 8, 1), contact_level="brief")
        session.add(Objective(team_id="T_ALPHA", account_id=acme.id, horizon="short", title="Win the renewal",
                              owner_user_id="U_ALICE", due_on=date(2027, 1, 31), created_by="U_ALICE"))
        session.commit()
    return Container(settings, engine=engine, clock=FixedClock(NOW))


@pytest.fixture
def notes_index(container, tmp_path):
    """A real notes index (Chroma in tmp, the hash embedder) and the offline drafter: a log's indexing and
    `next`'s drafted part run for real."""
    index = ChromaIndex.local(tmp_path / "index", HashEmbedder)
    container.__dict__.update(notes_index=index, drafter=OfflineDrafter(HashEmbedder))
    yield index
    deadline = time.monotonic() + 10
    while not indexing._background.acquire(timeout=0.05):  # the pass the log started has ended
        assert time.monotonic() < deadline, "the indexing pass did not end"
    indexing._background.release()
    index.close()


def test_stakeholders_in_the_console(container):
    text = answer_line(container, "stakeholders acme", ALICE)
    assert "Stakeholder map of Acme Retail Group: coverage RED" in text
    assert "Economic buyer:" in text and "Ana Ruiz (CFO): influence 5/5, 0 neutral" in text
    assert "Key people gone cold" in text and "COLD" in text


@pytest.mark.parametrize("line", ["stakeholder map acme", "/kam Stakeholder Map acme", "map acme"])
def test_stakeholder_map_is_the_stakeholders_command_not_a_person_called_map(container, line):
    text = answer_line(container, line, ALICE)
    assert "Stakeholder map of Acme Retail Group: coverage RED" in text


def test_a_person_whose_name_starts_with_map_is_still_added_through_the_stakeholder_command():
    invocation = REGISTRY.parse('stakeholder acme "Mapp Ina"')
    assert invocation.command.name == "stakeholder" and invocation.words == ["acme", "Mapp Ina"]


def test_adding_and_updating_a_stakeholder_in_the_console(container, engine):
    text = answer_line(container, 'stakeholder acme Tom Berg title="Head of IT" role=tb influence=3 attitude=+1 '
                                  "owner=@U_BOB", ALICE)
    assert "Tom Berg (Head of IT) added to the Acme Retail Group map." in text
    text = answer_line(container, "stakeholder acme Ana Ruiz attitude=2", ALICE)
    # issue 15: Ana Ruiz (CFO) is cold, so her turning champion lifts coverage to amber, not green
    assert "Attitude: 0 neutral -> +2 champion" in text and "Coverage red -> amber" in text
    bad = answer_line(container, "stakeholder acme Ana Ruiz attitude=9", ALICE)
    assert "Attitude '9' is not valid" in bad and "Nothing was changed" in bad
    with Session(engine) as session:
        assert session.exec(select(Stakeholder.attitude).where(Stakeholder.name == "Ana Ruiz")).one() == 2
    hint = answer_line(container, "stakeholder acme Ana Ruiz", ALICE)
    assert "Change fields with e.g." in hint


def test_logging_a_meeting_in_the_console(container, engine, notes_index):
    text = answer_line(container, "log acme met Ana Ruiz (CFO) today, keen on the 3-year deal; "
                                  "send draft contract by Friday", ALICE)
    assert "Meeting logged for Acme Retail Group" in text
    assert "When: 2026-11-23 (today)" in text and "Who: Ana Ruiz (CFO)" in text
    assert "Next step: Send draft contract by Friday, due 2026-11-27" in text
    assert "Ana Ruiz: contact level brief contact → multiple contacts" in text
    with Session(engine) as session:
        assert session.exec(select(Note.source)).all() == ["log"]
        assert session.exec(select(Action.owner_user_id)).all() == ["U_ALICE"]
        note_id = session.exec(select(Note.id)).one()
    deadline = time.monotonic() + 10  # the new note is indexed after the commit, in its own workspace
    while note_id not in notes_index.note_ids("T_ALPHA"):
        assert time.monotonic() < deadline, f"note {note_id} never reached T_ALPHA's index"
        time.sleep(0.02)
    form = answer_line(container, "log acme", ALICE)
    assert "Say what happened after the account name" in form
    bad = answer_line(container, "log acme met Ana on 2026-02-30", ALICE)
    assert "could not read the date '2026-02-30'" in bad and "Nothing was logged" in bad


def test_the_plan_in_the_console(container):
    text = answer_line(container, "plan acme", ALICE)
    assert "Account plan of Acme Retail Group - Key account" in text
    assert "never written" in text and "Short term (0-6 months):" in text and "Win the renewal" in text
    assert "Mid term (6-18 months): none yet" in text


def test_next_actions_in_the_console(container, notes_index):
    text = answer_line(container, "next acme", ALICE)
    assert "Next actions for Acme Retail Group (most urgent first):" in text
    assert "Reconnect with Ana Ruiz (CFO)" in text and "why: Ana Ruiz is the economic buyer" in text
    assert "Write the account plan" in text


def test_unknown_accounts_and_outsiders_get_clear_messages(container):
    assert "No account matches" in answer_line(container, "plan zzzz", ALICE)
    outsider = answer_line(container, "stakeholder acme Eve title=Spy", Actor("T_ALPHA", "U_EVE"))
    assert "Only the account team" in outsider
    assert "not a Slack user" in answer_line(container, "stakeholder acme Ana Ruiz owner=bob", ALICE)


class BrokenIndex:
    """A retrieval index that fails in a way nobody planned for (every call raises)."""

    def embed(self, texts):
        raise RuntimeError("chroma is down")

    def upsert_notes(self, records, vectors=None):
        raise RuntimeError("chroma is down")


def test_an_indexing_failure_never_fails_the_log(container, engine):
    container.__dict__["notes_index"] = BrokenIndex()
    text = answer_line(container, "log acme called Ana Ruiz yesterday", ALICE)
    assert "Meeting logged" in text
    plan_handlers.index_soon(container, "T_ALPHA", background=False)  # raises nothing either
    deadline = time.monotonic() + 10
    while not indexing._background.acquire(timeout=0.05):  # the pass the log started has ended
        assert time.monotonic() < deadline, "the indexing pass did not end"
    indexing._background.release()
    with Session(engine) as session:
        assert session.exec(select(Note.indexed_at)).all() == [None]