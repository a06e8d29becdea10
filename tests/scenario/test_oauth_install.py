"""Multi-workspace install over OAuth, token use per workspace, and uninstall."""
from __future__ import annotations

import re
import urllib.request

import pytest
from sqlmodel import Session, select

from bot.app import create_app
from bot.http import create_web_app
from kam_domain.models import Account, Workspace
from support.app_server import ServerThread, SlackScenario, free_port
from support.builders import add_account
from support.scenario_helpers import build_container

INSTALL_RESPONSE = {
    "ok": True, "access_token": "xoxb-beta-installed", "token_type": "bot", "scope": "commands,chat:write",
    "bot_user_id": "U_BOTBETA", "app_id": "A_KAM", "team": {"id": "T_BETA", "name": "Beta Corp"},
    "enterprise": None, "is_enterprise_install": False, "authed_user": {"id": "U_INSTALLER"},
}


@pytest.fixture
def oauth_app(engine, fake_slack, tmp_path, request):
    on_uninstall = getattr(request, "param", "keep")
    container = build_container(engine, fake_slack, tmp_path, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222",
                                SLACK_CLIENT_SECRET="oauth-secret", KAM_ON_UNINSTALL=on_uninstall)
    port = free_port()
    server = ServerThread(create_web_app(create_app(container), container), port)
    server.start()
    fake_slack.set_response("oauth.v2.access", INSTALL_RESPONSE)
    fake_slack.set_token("xoxb-beta-installed", "T_BETA", user_id="U_BOTBETA", bot_id="B_BETA")
    yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake_slack, container=container,
                        team_id="T_BETA"), port
    server.stop()


def _install(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/slack/install", timeout=10) as response:
        page = response.read().decode()
        # The state cookie is Secure (HTTPS in production); carry it by hand over test HTTP.
        cookie = response.headers["Set-Cookie"].split(";")[0]
    authorize = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page).group(1)
    assert "client_id=111.222" in authorize and "commands" in authorize
    state = re.search(r"state=([^&\"]+)", authorize).group(1)
    request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/oauth_redirect?code=the-code&state={state}",
                                     headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as done:
        return done.read().decode()


def test_install_stores_the_workspace_token_and_requests_use_it(engine, oauth_app):
    scenario, port = oauth_app
    _install(port)
    access = scenario.fake.last("oauth.v2.access").args
    assert access["code"] == "the-code"
    with Session(engine) as session:
        add_account(session, "T_BETA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_BETAKAM")
        session.commit()
    scenario.event({"type": "app_home_opened", "user": "U_BETAKAM", "tab": "home", "channel": "D1"})
    published = scenario.fake.wait_for("views.publish")[0]
    assert published.token == "xoxb-beta-installed"
    assert "Borealis" in str(published.args["view"])
    assert scenario.container.slack_client_for("T_BETA").token == "xoxb-beta-installed"
    with pytest.raises(LookupError):
        scenario.container.slack_client_for("T_NEVER_INSTALLED")


def test_a_workspace_that_never_installed_gets_nothing(engine, oauth_app):
    scenario, _port = oauth_app
    status, _, body = scenario.command("account borealis", team_id="T_STRANGER")
    assert status == 200
    replies = scenario.replies()  # Bolt tells the user to reinstall; our listener never runs
    assert len(replies) == 1 and "reinstall" in replies[0]["text"]
    assert "blocks" not in replies[0]


def test_uninstall_forgets_the_installation_and_keeps_the_data_by_default(engine, oauth_app):
    scenario, port = oauth_app
    _install(port)
    with Session(engine) as session:
        add_account(session, "T_BETA", "Borealis Logistics GmbH")
        session.commit()
    status, _, _ = scenario.event({"type": "app_uninstalled"})
    assert status == 200
    scenario.fake.wait_for("auth.test", count=1)
    import time

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with Session(engine) as session:
            workspace = session.get(Workspace, "T_BETA")
            if workspace is not None and not workspace.installed:
                break
        time.sleep(0.05)
    with Session(engine) as session:
        assert session.get(Workspace, "T_BETA").installed is False
        assert session.exec(select(Account).where(Account.team_id == "T_BETA")).first() is not None
    assert scenario.container.installation_store.find_bot(enterprise_id=None, team_id="T_BETA") is None


def _wait_until(predicate, timeout: float = 5.0, what: str = "the condition") -> None:
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for {what}"
        time.sleep(0.05)


def test_tokens_revoked_removes_the_bot_token_from_the_installation_store(engine, oauth_app):
    scenario, port = oauth_app
    _install(port)
    store = scenario.container.installation_store
    assert store.find_bot(enterprise_id=None, team_id="T_BETA").bot_token == "xoxb-beta-installed"
    scenario.fake.revoke_token("xoxb-beta-installed")  # Slack has revoked it; the event tells the app
    status, _, _ = scenario.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U_BOTBETA"]}})
    assert status == 200
    _wait_until(lambda: store.find_bot(enterprise_id=None, team_id="T_BETA") is None,
                what="the revoked bot token to leave the installation store")
    with pytest.raises(LookupError):
        scenario.container.slack_client_for("T_BETA")


@pytest.mark.parametrize("oauth_app", ["erase"], indirect=True)
def test_uninstall_erases_the_workspace_data_when_configured(engine, oauth_app):
    scenario, port = oauth_app
    _install(port)
    with Session(engine) as session:
        add_account(session, "T_BETA", "Borealis Logistics GmbH")
        add_account(session, "T_ALPHA", "Acme Retail Group")
        session.commit()
    status, _, _ = scenario.event({"type": "app_uninstalled"})
    assert status == 200

    def erased() -> bool:
        with Session(engine) as session:
            return session.exec(select(Account).where(Account.team_id == "T_BETA")).first() is None

    _wait_until(erased, what="T_BETA's data to be erased")
    with Session(engine) as session:  # another workspace's data is untouched
        assert session.exec(select(Account).where(Account.team_id == "T_ALPHA")).one().name == "Acme Retail Group"
    assert scenario.container.installation_store.find_bot(enterprise_id=None, team_id="T_BETA") is None
