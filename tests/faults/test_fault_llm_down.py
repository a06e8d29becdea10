"""The LLM provider down: `KAM_LLM=openai:...` with OPENAI_BASE_URL at a port nothing listens on.
The real LangChain client fails to connect; the conversation (tool-calling) path answers with
the offline router and says so, and drafting falls back to the offline drafter and says so.
(A slow model and model errors are covered in tests/drafting/test_openai_compatible.py,
tests/drafting/test_llm_drafting.py and tests/language/test_language_console_and_llm.py.)"""
from __future__ import annotations

import hashlib
from datetime import date

from sqlmodel import Session

from bot.bootstrap import Container
from bot.console import answer_line
from bot.settings import load_settings
from faults_support import TEAM, HashEmbedder
from kam_domain.clock import FixedClock
from kam_domain.models import Note
from support.app_server import free_port
from support.builders import add_account
from support.constants import NOW


def test_a_model_server_that_is_down_falls_back_offline_and_says_so(sqlite_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    monkeypatch.setenv("KAM_LLM_TIMEOUT", "2")
    with Session(sqlite_engine) as session:
        account = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        body = "Lars told me their maintenance crew trusts our application engineers more than anyone."
        session.add(Note(team_id=TEAM, account_id=account.id, written_on=date(2026, 11, 20), author="Anna Keller",
                         body=body, content_hash=hashlib.sha256(body.encode()).hexdigest()))
        session.commit()
    settings = load_settings(KAM_LLM="openai:gpt-4o-mini", KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM)
    container = Container(settings, engine=sqlite_engine, clock=FixedClock(NOW), embedder=HashEmbedder())

    talked = answer_line(container, "tell me about borealis")
    assert "language model could not answer" in talked and "offline assistant answered" in talked, talked
    assert "Borealis Logistics GmbH" in talked and "reference" not in talked.lower()

    drafted = answer_line(container, "swot borealis")
    assert "Drafted offline: the model did not answer" in drafted, drafted
    assert "trusts our application engineers" in drafted


def test_a_missing_prompt_falls_back_offline_instead_of_crashing(sqlite_engine, tmp_path, monkeypatch):
    """A broken install (the prompt files absent) with KAM_LLM set: `swot` answers offline and says why."""
    from kam_domain import assets
    from kam_domain.drafting.prompts import template

    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    empty = tmp_path / "kam_prompts"
    empty.mkdir()
    monkeypatch.setattr(assets, "prompts_root", lambda: empty)
    template.cache_clear()
    try:
        with Session(sqlite_engine) as session:
            account = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
            body = "Lars told me their maintenance crew trusts our application engineers more than anyone."
            session.add(Note(team_id=TEAM, account_id=account.id, written_on=date(2026, 11, 20), author="Anna Keller",
                             body=body, content_hash=hashlib.sha256(body.encode()).hexdigest()))
            session.commit()
        settings = load_settings(KAM_LLM="openai:gpt-4o-mini", KAM_DATA_DIR=str(tmp_path / "data"), KAM_TEAM_ID=TEAM)
        container = Container(settings, engine=sqlite_engine, clock=FixedClock(NOW), embedder=HashEmbedder())

        drafted = answer_line(container, "swot borealis")
        assert "Drafted offline: the prompt for the model is missing from this install (prompts/swot.md)" in drafted, \
            drafted
        assert "trusts our application engineers" in drafted
    finally:
        template.cache_clear()
