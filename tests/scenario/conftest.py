from __future__ import annotations

import pytest

from support.app_server import serving
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container  # noqa: F401  (re-exported for older imports)


@pytest.fixture
def fake_slack():
    with FakeSlack(team_id="T_ALPHA") as fake:
        yield fake


@pytest.fixture
def scenario(engine, fake_slack, tmp_path):
    with serving(build_container(engine, fake_slack, tmp_path), fake_slack) as scenario:
        yield scenario  # on exit no lazy work may write after the test (PostgreSQL truncates next)
