"""`kam` as a user runs it: real subprocesses, real HTTP, a fake Slack on loopback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kam_domain import demo
from support import signing
from support.app_server import free_port
from support.fake_slack import FakeSlack

KAM = shutil.which("kam", path=str(Path(sys.executable).parent)) or "kam"
pytestmark = pytest.mark.slow
DEMO_CHANNELS = tuple(demo._channel_id(profile.name) for profile in demo.ACCOUNTS)
"""The demo's key accounts have channels; the bot was invited to them (the clock posts there)."""


def _env(tmp_path: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
    env.update({"KAM_DATA_DIR": str(tmp_path / "data"), "KAM_TIMEZONE": "UTC", "HF_HUB_OFFLINE": "1"})
    env.update(extra)
    return env


def _kam(args: list[str], env: dict, stdin: str | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([KAM, *args], env=env, input=stdin, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("e2e")
    env = _env(tmp_path)
    result = _kam(["demo"], env)
    assert result.returncode == 0, result.stderr
    return env


def test_ask_prints_the_account_card(demo_env):
    result = _kam(["ask", "account borealis"], demo_env)
    assert result.returncode == 0, result.stderr
    assert "Borealis Logistics GmbH - Key account" in result.stdout
    assert "Coverage" in result.stdout


def test_chat_reads_lines_from_stdin_and_exits_zero(demo_env):
    result = _kam(["chat"], demo_env, stdin="accounts key\naccount vantor\n")
    assert result.returncode == 0, result.stderr
    assert "Key accounts:" in result.stdout
    assert "Borealis Logistics GmbH" in result.stdout
    assert "Which account do you mean" in result.stdout


def test_malformed_setting_stops_with_one_line(tmp_path):
    result = _kam(["ask", "help"], _env(tmp_path, KAM_TIMEZONE="Mars/Olympus"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Setting KAM_TIMEZONE is invalid: must be an IANA timezone such as Europe/Berlin."]


def test_serve_answers_a_signed_command_and_refuses_an_unsigned_one(demo_env):
    with FakeSlack(team_id="T_LOCAL", channels=DEMO_CHANNELS) as fake:
        port = free_port()
        env = dict(demo_env, SLACK_BOT_TOKEN="xoxb-e2e", SLACK_SIGNING_SECRET="e2e-secret",
                   SLACK_API_URL=fake.base_url, KAM_TEAM_ID="T_LOCAL")
        server = subprocess.Popen([KAM, "serve", "--port", str(port), "--host", "127.0.0.1"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            _wait_healthy(port, server)
            url = f"http://127.0.0.1:{port}/slack/events"
            body, content_type = signing.slash_command_body("account borealis", team_id="T_LOCAL",
                                                             response_url=fake.response_url("e2e"))
            started = time.monotonic()
            status, _, _ = signing.post_signed(url, body, content_type, "e2e-secret")
            assert status == 200 and time.monotonic() - started < 3
            reply = fake.wait_for("response_url", timeout=20)[0].args
            assert "Borealis Logistics GmbH" in json.dumps(reply["blocks"])
            status, _, _ = signing.post_signed(url, body, content_type, "not-the-secret")
            assert status == 401
            status, _, _ = signing.post_signed(url, body, content_type, "e2e-secret",
                                               timestamp=int(time.time()) - 360)
            assert status == 401
            # refused requests start nothing: a signed sentinel sent after them is answered, and the
            # first command still has its single reply
            sentinel, content_type = signing.slash_command_body("account borealis", team_id="T_LOCAL",
                                                                 response_url=fake.response_url("sentinel"))
            assert signing.post_signed(url, sentinel, content_type, "e2e-secret")[0] == 200
            fake.wait_for("response_url", count=2, timeout=20)
            fake.wait_idle()
            assert [c.args["_name"] for c in fake.calls("response_url")] == ["e2e", "sentinel"]
        finally:
            server.terminate()
            server.communicate(timeout=10)  # reaps it and closes its output pipe


def _wait_healthy(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"kam serve exited: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if json.loads(response.read())["ok"]:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("kam serve did not become healthy")


def test_start_with_slack_tokens_opens_socket_mode_and_seeds_the_demo(tmp_path):
    with FakeSlack(team_id="T_SOCKET", channels=DEMO_CHANNELS) as fake:
        fake.set_response("apps.connections.open", {"ok": True, "url": "ws://127.0.0.1:9/link"})
        env = _env(tmp_path, SLACK_BOT_TOKEN="xoxb-socket", SLACK_APP_TOKEN="xapp-socket",
                   SLACK_API_URL=fake.base_url)
        process = subprocess.Popen([KAM, "start"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        try:
            opened = fake.wait_for("apps.connections.open", timeout=90)
            assert opened[0].token == "xapp-socket"
            assert fake.calls("auth.test")[0].token == "xoxb-socket"
        finally:
            process.terminate()
            output = process.communicate(timeout=20)[0]
        assert "Seeded the demo portfolio" in output and "T_SOCKET" in output
    result = _kam(["ask", "account borealis"], _env(tmp_path, KAM_TEAM_ID="T_SOCKET"))
    assert "Borealis Logistics GmbH" in result.stdout


def test_separate_kam_ask_processes_share_no_memory_and_chat_answers_a_choice_by_number(demo_env):
    """Issue 15: memory belongs to one chat session; a numbered question is answered by its number there."""
    first = _kam(["ask", "tell me about granite peak"], demo_env)
    assert first.returncode == 0, first.stderr
    later = _kam(["ask", "what's next for them?"], demo_env)  # a fresh process: no "them" to remember
    assert later.returncode == 0, later.stderr
    assert "Granite Peak" not in later.stdout
    bare = _kam(["ask", "1"], demo_env)
    assert bare.returncode == 0 and bare.stdout.startswith("There is no question waiting for an answer")

    chat = _kam(["chat"], demo_env, stdin="account vantor\n1\n")
    assert chat.returncode == 0, chat.stderr
    asked, _, answered = chat.stdout.partition("Answer with a number (1-2) or the name.\n")
    assert "1. Vantor Energy AS" in asked
    assert answered.startswith("Vantor Energy AS - Key account")
