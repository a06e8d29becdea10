"""`kam chat` (the CLI command, its settings from the environment, lines from a non-terminal stdin)
gives the same answers to plain language as the app does (which test_language_console_and_llm.py
holds equal to the Slack answers). It runs in this process through typer's runner: a subprocess
would load torch and the model again (tests/e2e runs `kam chat` as a subprocess already)."""
from __future__ import annotations

import pytest
from sqlmodel import Session, delete

from kam_domain.models import ConversationMemory
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade
from lang_store import TEAM, seed_language_store

pytestmark = pytest.mark.slow

LINES = (
    "who's the EB at vantor energy?",  # a person by role
    "who's the EB at vantor?",  # two accounts match: the question and its choices
    "tell me about borealsi logistics",  # a typo
    "and who's their gatekeeper?",  # the console session remembers the account
    "met Ana Ruiz at acme today, she's keen, send contract Fri",  # a write: shown, not done
    "bananas are yellow",
)


def test_kam_chat_answers_plain_language_as_the_app_does(tmp_path, loaded_embedder):
    from bot.bootstrap import Container
    from bot.console import answer_line
    from bot.settings import load_settings

    url = f"sqlite:///{tmp_path}/chat.sqlite3"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        seed_language_store(session)
        session.commit()
    import io

    from bot.cli import _container
    from bot.console import chat

    container = Container(load_settings(DATABASE_URL=url, KAM_DATA_DIR=str(tmp_path / "data"), KAM_TEAM_ID=TEAM,
                                        KAM_TIMEZONE="UTC"), engine=engine, embedder=loaded_embedder)
    from bot.console import ChatSession

    one_chat = ChatSession()  # the lines of one `kam chat` session
    expected = "".join(answer_line(container, line, session=one_chat) + "\n" for line in LINES)
    with Session(engine) as session:  # `kam chat` starts its console session afresh, as this one did
        session.exec(delete(ConversationMemory))
        session.commit()
    engine.dispose()

    settings = load_settings(DATABASE_URL=url, KAM_DATA_DIR=str(tmp_path / "data"), KAM_TEAM_ID=TEAM,
                             KAM_TIMEZONE="UTC")
    kam_chat = _container(settings)  # what `kam chat` builds: its own engine and the bundled embedder
    out = io.StringIO()
    chat(kam_chat, stdin=io.StringIO("\n".join(LINES) + "\n\nquit\nnever read\n"), stdout=out)
    kam_chat.engine.dispose()
    assert out.getvalue() == expected
    assert "Erik Dahl" in expected and "Which account do you mean" in expected and "Petra Schmidt" in expected
    assert "To do it, type: log #" in expected and "I'm not sure what you mean" in expected
