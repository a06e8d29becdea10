"""Building the container the scenario tests run the real app with."""
from __future__ import annotations

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
