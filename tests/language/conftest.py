"""The language tests' parts: the bundled embedding model (loaded once per session) and the fixed
store the evaluation set is written against (lang_store.py)."""
from __future__ import annotations

import os

import pytest
from sqlmodel import Session

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from lang_app import LoadedEmbedder, language_container  # noqa: E402
from lang_store import OTHER_TEAM, TEAM, Store, load_model, seed_language_store  # noqa: E402,F401


@pytest.fixture(scope="session")
def embedding_model():
    return load_model()


@pytest.fixture(scope="session")
def encode(embedding_model):
    from bot.language.encoder import encoder_for

    return encoder_for(embedding_model)


@pytest.fixture
def language_store(sqlite_engine) -> Store:
    with Session(sqlite_engine) as session:
        store = seed_language_store(session)
        session.commit()
    return store


@pytest.fixture(scope="session")
def loaded_embedder(embedding_model):
    return LoadedEmbedder(embedding_model)


@pytest.fixture
def use_router():
    """The app routes plain language through bot.language (wired in bot.handlers.conversation)."""
    return None


@pytest.fixture
def language_scenario(engine, tmp_path, loaded_embedder, use_router):
    """The real app over HTTP with a fake Slack, the fixed store, and the router answering events."""
    from bot.app import create_app
    from bot.http import create_web_app
    from support.app_server import ServerThread, SlackScenario, free_port
    from support.fake_slack import FakeSlack

    with Session(engine) as session:
        store = seed_language_store(session)
        session.commit()
    with FakeSlack(team_id=TEAM) as fake:
        container = language_container(engine, tmp_path, loaded_embedder, fake.base_url)
        port = free_port()
        server = ServerThread(create_web_app(create_app(container), container), port)
        server.start()
        try:
            yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container), store
        finally:
            server.stop()
