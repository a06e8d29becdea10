"""Every CLI command acts on one workspace, exactly as Slack requests do: the bot token's
(auth.test), `--team` with OAuth (never a guess), KAM_TEAM_ID with no Slack at all."""
from __future__ import annotations

from pathlib import Path

import pytest

from support.fake_slack import FakeSlack
from test_cli_processes import _env, _kam

CRM = Path(__file__).resolve().parent.parent / "fixtures" / "crm"
pytestmark = pytest.mark.slow


@pytest.fixture
def fake():
    with FakeSlack(team_id="T0REAL") as fake_slack:
        yield fake_slack


def _with_token(tmp_path, fake) -> dict:
    return _env(tmp_path, SLACK_BOT_TOKEN="xoxb-cli", SLACK_API_URL=fake.base_url)


def test_an_import_with_a_bot_token_lands_in_the_tokens_workspace(tmp_path, fake):
    env = _with_token(tmp_path, fake)
    result = _kam(["import", "accounts", str(CRM / "salesforce_accounts.csv")], env)
    assert result.returncode == 0, result.stderr
    assert "Workspace T0REAL (the bot token's workspace)." in result.stderr
    assert fake.calls("auth.test")

    seen = _kam(["ask", "accounts all"], env)
    assert seen.returncode == 0, seen.stderr
    assert "Acme Corporation" in seen.stdout
    # the console on the default local workspace sees none of it: one workspace, never mixed
    offline = _kam(["ask", "accounts all"], _env(tmp_path))
    assert "Workspace T_LOCAL (KAM_TEAM_ID, no Slack token set)." in offline.stderr
    assert "Acme Corporation" not in offline.stdout


def test_a_team_option_that_is_not_the_tokens_workspace_is_refused(tmp_path, fake):
    result = _kam(["ask", "accounts all", "--team", "T0OTHER"], _with_token(tmp_path, fake))
    assert result.returncode == 2
    assert "--team T0OTHER is not the workspace of SLACK_BOT_TOKEN (T0REAL)" in result.stderr


def test_a_token_slack_refuses_stops_with_one_clear_line(tmp_path, fake):
    fake.error_next("auth.test", "invalid_auth", times=5)
    result = _kam(["import", "accounts", str(CRM / "salesforce_accounts.csv")], _with_token(tmp_path, fake))
    assert result.returncode == 2
    assert "auth.test: invalid_auth" in result.stderr
    assert "Imported" not in result.stdout


def test_oauth_needs_team_and_never_guesses(tmp_path):
    env = _env(tmp_path, SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s", SLACK_SIGNING_SECRET="x")
    result = _kam(["import", "accounts", str(CRM / "salesforce_accounts.csv")], env)
    assert result.returncode == 2
    assert "say which with --team" in result.stderr
    refused = _kam(["ask", "accounts all", "--team", "T0NOTHERE"], env)
    assert refused.returncode == 2
    assert "not installed in workspace T0NOTHERE" in refused.stderr


def test_without_slack_the_team_option_picks_the_local_workspace(tmp_path):
    env = _env(tmp_path)
    done = _kam(["import", "accounts", str(CRM / "salesforce_accounts.csv"), "--team", "T0SHOP"], env)
    assert done.returncode == 0, done.stderr
    assert "Workspace T0SHOP (--team, no Slack token set)." in done.stderr
    assert "Acme Corporation" in _kam(["ask", "accounts all", "--team", "T0SHOP"], env).stdout
    assert "Acme Corporation" not in _kam(["ask", "accounts all"], env).stdout
