"""`kam start` with Slack tokens, end to end over Socket Mode: a local websocket endpoint plays Slack
(hello, then a slash command, an app_mention and a button click as envelopes), the app acks each by
its envelope id and its replies reach the fake Slack Web API."""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from support import signing
from support.fake_slack import FakeSlack
from support.socket_mode import SocketModeSlack

from test_cli_processes import DEMO_CHANNELS, KAM, _env

pytestmark = pytest.mark.slow
TEAM = "T_SOCKET"


def _reply_named(fake: FakeSlack, name: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        found = [c.args for c in fake.calls("response_url") if c.args.get("_name") == name]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no reply to {name}; the fake saw {fake.methods()}"
        time.sleep(0.05)


def _posted_to(fake: FakeSlack, channel: str, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        found = [c.args for c in fake.calls("chat.postMessage") if c.args.get("channel") == channel]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"nothing posted to {channel}; the fake saw {fake.methods()}"
        time.sleep(0.05)


def _buttons(blocks: list) -> list[dict]:
    found = []
    for block in blocks:
        if block.get("type") == "actions":
            found += [e for e in block["elements"] if e.get("type") == "button"]
        accessory = block.get("accessory") or {}
        if accessory.get("type") == "button":
            found.append(accessory)
    return found


def test_socket_mode_answers_a_command_a_mention_and_a_click(tmp_path: Path):
    with FakeSlack(team_id=TEAM, channels=("C_SOCKET", *DEMO_CHANNELS)) as fake, SocketModeSlack() as slack:
        fake.socket_url = slack.url
        env = _env(tmp_path, SLACK_BOT_TOKEN="xoxb-socket", SLACK_APP_TOKEN="xapp-socket",
                   SLACK_API_URL=fake.base_url)
        process = subprocess.Popen([KAM, "start"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        try:
            slack.wait_connected(timeout=120)
            assert fake.last("apps.connections.open").token == "xapp-socket"

            # a slash command
            form = dict(parse_qsl(signing.slash_command_body(
                "account borealis", team_id=TEAM, user_id="U_ALICE", channel_id="C_SOCKET",
                response_url=fake.response_url("socket-command"))[0]))
            command = slack.send_command(form)
            assert slack.ack_of(command, timeout=3)["envelope_id"] == command
            reply = _reply_named(fake, "socket-command")
            assert "Borealis Logistics GmbH" in json.dumps(reply)

            # an app_mention (events_api): answered in its thread, in the channel
            mention = {"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> account borealis",
                       "channel": "C_SOCKET", "ts": f"{time.time():.6f}", "event_ts": f"{time.time():.6f}"}
            event = json.loads(signing.event_body(mention, team_id=TEAM)[0])
            envelope = slack.send_event(event)
            assert slack.ack_of(envelope, timeout=3)["envelope_id"] == envelope
            posted = _posted_to(fake, "C_SOCKET")  # (the demo's clock may DM people meanwhile)
            assert posted["thread_ts"] == mention["ts"]
            assert "Borealis Logistics GmbH" in json.dumps(posted)

            # a click on a button of the card (interactive block_actions)
            button = _buttons(reply.get("blocks") or [])[0]
            before = len(fake.calls())
            click = signing.block_action_payload(button["action_id"], button.get("value", ""), user_id="U_ALICE",
                                                 team_id=TEAM, response_url=fake.response_url("socket-click"))
            interaction = slack.send_interaction(click)
            assert slack.ack_of(interaction, timeout=3)["envelope_id"] == interaction
            deadline = time.monotonic() + 30
            while not [c for c in fake.calls()[before:] if c.method in ("response_url", "views.open", "views.push",
                                                                           "chat.postMessage", "chat.update")]:
                assert time.monotonic() < deadline, f"the click on {button['action_id']} had no effect: " \
                                                    f"{fake.methods()[before:]}"
                time.sleep(0.05)
            fake.wait_idle()
        finally:
            process.terminate()
            output = process.communicate(timeout=30)[0]
        assert process.returncode is not None, output
