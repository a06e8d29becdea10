"""Which prompts an assistant thread gets for the channel the user views, and its working status, on
real databases: only an account of the user's workspace that they may read."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from kam_domain.language.directory import Memory, SqlDirectory, ThreadKey
from kam_domain.models import Account, Note
from kam_domain.services.assistant_prompts import PORTFOLIO, THINKING, prompts_for_channel, working_status
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, two_workspaces_with_borealis

ALICE = Actor("T_ALPHA", "U_ALICE")
BOB = Actor("T_ALPHA", "U_BOB")  # in the workspace, not on any account team
GUEST = Actor("T_ALPHA", "U_GUEST", is_guest=True)
BETA = Actor("T_BETA", "U_BETAUSER")


def _seed(engine) -> None:
    with Session(engine) as session:
        alpha, beta = two_workspaces_with_borealis(session)
        alpha.channel_id = "C_BOREALIS"
        beta.channel_id = "C_BETA_BOREALIS"
        add_account(session, "T_ALPHA", "Helios Foods SA", channel_id="C_HELIOS", restricted=True,
                    owner_user_id="U_ALICE")
        for day in (1, 2, 3):
            session.add(Note(team_id="T_ALPHA", account_id=alpha.id, written_on=date(2026, 11, day), author="Alice",
                             body=f"Call {day} with Lars", content_hash=f"h{day}"))
        session.add(Note(team_id="T_BETA", account_id=beta.id, written_on=date(2026, 11, 1), author="Beta",
                         body="Beta secret", content_hash="hb"))
        session.commit()


def test_an_account_channel_gets_that_accounts_prompts(engine):
    _seed(engine)
    prompts = prompts_for_channel(UnitOfWork(engine), ALICE, "C_BOREALIS")
    assert prompts.title == "Ask about Borealis Logistics"
    assert prompts.prompts[0].message == "swot Borealis Logistics GmbH"


def test_elsewhere_and_without_read_rights_the_portfolio_prompts(engine):
    _seed(engine)
    assert prompts_for_channel(UnitOfWork(engine), ALICE, None) == PORTFOLIO
    assert prompts_for_channel(UnitOfWork(engine), ALICE, "C_GENERAL") == PORTFOLIO
    assert prompts_for_channel(UnitOfWork(engine), ALICE, "C_BETA_BOREALIS") == PORTFOLIO  # other workspace's
    assert prompts_for_channel(UnitOfWork(engine), BOB, "C_HELIOS") == PORTFOLIO  # restricted, not on the team
    assert prompts_for_channel(UnitOfWork(engine), GUEST, "C_BOREALIS") == PORTFOLIO
    assert prompts_for_channel(UnitOfWork(engine), ALICE, "C_HELIOS").title == "Ask about Helios Foods"


def test_the_status_counts_the_notes_a_swot_reads_in_the_actors_workspace_only(engine):
    _seed(engine)
    assert working_status(UnitOfWork(engine), ALICE, "swot", "borealis") == "is reading 3 notes on Borealis Logistics…"
    assert working_status(UnitOfWork(engine), BETA, "swot", "borealis") == "is reading 1 note on Borealis Logistics…"
    assert working_status(UnitOfWork(engine), ALICE, "account", "borealis") == THINKING
    assert working_status(UnitOfWork(engine), ALICE, "swot", "no such account at all") == THINKING
    assert working_status(UnitOfWork(engine), BOB, "swot", "helios") == THINKING  # may not read it
    assert working_status(UnitOfWork(engine), ALICE, "swot", "helios") == THINKING  # no notes


def test_until_its_first_answer_a_thread_is_about_the_account_channel_the_user_views(engine):
    _seed(engine)
    thread = ThreadKey("DU_ALICE", "1700000000.000100")
    with Session(engine) as session:
        borealis = session.exec(select(Account.id).where(Account.team_id == "T_ALPHA",
                                                          Account.channel_id == "C_BOREALIS")).one()

    def remembered(actor=ALICE):
        with UnitOfWork(engine) as uow:
            return SqlDirectory(uow.session, actor.team_id).recall(thread)

    prompts_for_channel(UnitOfWork(engine), ALICE, "C_GENERAL", thread)
    assert remembered() is None  # nothing to remember
    prompts_for_channel(UnitOfWork(engine), ALICE, "C_BOREALIS", thread)
    assert remembered() == Memory(borealis, None, None)
    prompts_for_channel(UnitOfWork(engine), ALICE, "C_GENERAL", thread)  # moved on before asking
    assert remembered() == Memory(None, None, None)
    prompts_for_channel(UnitOfWork(engine), ALICE, "C_BOREALIS", thread)
    with UnitOfWork(engine) as uow:  # the first answer sets the conversation's own subject
        SqlDirectory(uow.session, "T_ALPHA").remember(thread, Memory(borealis, None, "coverage"))
        uow.commit()
    prompts_for_channel(UnitOfWork(engine), ALICE, "C_GENERAL", thread)
    assert remembered() == Memory(borealis, None, "coverage")
    other = ThreadKey("DU_BOB", "1700000000.000200")
    prompts_for_channel(UnitOfWork(engine), BOB, "C_HELIOS", other)  # may not read Helios: nothing remembered
    with UnitOfWork(engine) as uow:
        assert SqlDirectory(uow.session, "T_ALPHA").recall(other) is None
