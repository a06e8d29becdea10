from __future__ import annotations

import pytest

from bot.app import create_app
from bot.http import create_web_app
from support.app_server import ServerThread, SlackScenario, free_port, shut_down_lazy
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container  # noqa: F401  (re-exported for older imports)


@pytest.fixture
def fake_slack():
    with FakeSlack(team_id="T_ALPHA") as fake:
        yield fake


@pytest.fixture
def scenario(engine, fake_slack, tmp_path):
    container = build_container(engine, fake_slack, tmp_path)
    app = create_app(container)
    port = free_port()
    server = ServerThread(create_web_app(app, container), port)
    server.start()
    yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake_slack, container=container, app=app)
    server.stop()
    shut_down_lazy(app)  # no lazy work may write after the test (PostgreSQL truncates next)
