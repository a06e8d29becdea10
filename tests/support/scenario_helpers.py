"""Building the container the scenario tests run the real app with."""
from __future__ import annotations

import time

from bot.bootstrap import Container
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from support.app_server import SIGNING_SECRET
from support.constants import NOW


def build_container(engine, fake, tmp_path, **overrides) -> Container:
    token = overrides.pop("SLACK_BOT_TOKEN", "xoxb-test")
    settings = load_settings(SLACK_BOT_TOKEN=token or None, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake.base_url, KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA",
                             KAM_ADMINS=overrides.pop("admins", "U0ADMIN"), **overrides)
    return Container(settings, engine=engine, clock=FixedClock(NOW),
                     slack_client=make_web_client(token or None, fake.base_url))


def indexing_running() -> bool:
    """Whether the background indexing pass (bot.indexing) is at work."""
    from bot import indexing

    if not indexing._background.acquire(blocking=False):
        return True
    indexing._background.release()
    return False


def wait_until(predicate, timeout: float = 10.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)
