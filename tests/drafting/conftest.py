"""Fixtures of the retrieval and drafting tests.

The real bundled embedding model is loaded once per test session (`embedder`, ~8 s) and
shared; every test gets its own Chroma directory. Data and the fake chat model are in
`drafting_data.py`.
"""
from __future__ import annotations


import pytest

from bot.app import create_app
from bot.bootstrap import Container
from bot.http import create_web_app
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from kam_domain.drafting.offline import OfflineDrafter
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.index.embeddings import SentenceEmbedder
from support.app_server import SIGNING_SECRET, ServerThread, SlackScenario, free_port, shut_down_lazy
from support.constants import NOW
from support.fake_slack import FakeSlack


@pytest.fixture(scope="session")
def embedder() -> SentenceEmbedder:
    model = SentenceEmbedder()
    model.embed(["warm up"])
    return model


@pytest.fixture
def notes_index(tmp_path, embedder):
    index = ChromaIndex.local(tmp_path / "index", lambda: embedder)
    yield index
    index.close()


@pytest.fixture
def offline(embedder) -> OfflineDrafter:
    return OfflineDrafter(lambda: embedder)


# --------------------------------------------------------------------------- Slack scenarios


@pytest.fixture
def fake_slack():
    with FakeSlack(team_id="T_ALPHA") as fake:
        yield fake


@pytest.fixture
def drafting_scenario(fake_slack, tmp_path):
    """make(engine, **parts) -> a SlackScenario whose Container has the given parts
    (notes_index, drafter, embedder ...); servers are stopped after the test."""
    servers = []

    def make(engine, **parts) -> SlackScenario:
        settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                                 SLACK_API_URL=fake_slack.base_url, KAM_DATA_DIR=str(tmp_path),
                                 KAM_TEAM_ID="T_ALPHA", KAM_ADMINS="U0ADMIN")
        container = Container(settings, engine=engine, clock=FixedClock(NOW),
                              slack_client=make_web_client("xoxb-test", fake_slack.base_url), **parts)
        app = create_app(container)
        port = free_port()
        server = ServerThread(create_web_app(app, container), port)
        server.start()
        servers.append((server, app))
        return SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake_slack, container=container,
                             app=app)

    yield make
    for server, app in servers:
        server.stop()
        shut_down_lazy(app)  # no lazy work may write after the test
