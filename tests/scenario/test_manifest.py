"""The committed manifest and the registered listeners agree, both ways."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.listeners import LISTENED

MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[2] / "manifest.yaml").read_text())


def test_every_manifest_command_event_and_shortcut_has_a_listener_and_back():
    features = MANIFEST["features"]
    commands = [c["command"] for c in features.get("slash_commands", [])]
    shortcuts = [s["callback_id"] for s in features.get("shortcuts", [])]
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(commands) == sorted(LISTENED["commands"])
    assert sorted(shortcuts) == sorted(LISTENED["shortcuts"])
    assert sorted(events) == sorted(LISTENED["events"])
    assert sorted(MANIFEST.get("functions") or {}) == sorted(LISTENED["functions"])


def test_manifest_turns_on_what_the_listeners_need():
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "im:history", "users:read", "files:write"} <= scopes


def test_custom_steps_are_declared_as_slack_runs_them():
    """Workflow Builder steps need an org-ready app, remote functions and the function_executed event."""
    settings = MANIFEST["settings"]
    assert settings["org_deploy_enabled"] is True and settings["function_runtime"] == "remote"
    assert "function_executed" in settings["event_subscriptions"]["bot_events"]
    for callback_id, step in MANIFEST["functions"].items():
        assert step["title"] and step["description"], callback_id
        for name, parameter in {**step["input_parameters"], **step["output_parameters"]}.items():
            assert parameter["name"] == name and parameter["type"] and parameter["title"], (callback_id, name)


def test_every_manifest_entry_is_answered_by_the_running_app(engine, scenario):
    """A request Bolt has no listener for gets 404; every manifest entry must get 200."""
    from support import signing

    for command in LISTENED["commands"]:
        body, content_type = signing.slash_command_body("help", command=command,
                                                         response_url=scenario.fake.response_url("m"))
        status, _, _ = signing.post_signed(scenario.url, body, content_type, "test-signing-secret")
        assert status == 200, command
    samples = {
        "app_mention": {"type": "app_mention", "user": "U_ALICE", "text": "<@U_BOT> help", "channel": "C1",
                        "ts": "1.1"},
        "message.im": {"type": "message", "channel_type": "im", "user": "U_ALICE", "text": "help", "channel": "D1",
                       "ts": "1.2"},
        "app_home_opened": {"type": "app_home_opened", "user": "U_ALICE", "tab": "home", "channel": "D1"},
        "app_uninstalled": {"type": "app_uninstalled"},
        "tokens_revoked": {"type": "tokens_revoked", "tokens": {"bot": ["U_BOT"]}},
        "assistant_thread_started": scenario.fake.start_assistant_thread("U_ALICE"),
        "assistant_thread_context_changed": dict(scenario.fake.start_assistant_thread("U_ALICE", context_channel="C1"),
                                                 type="assistant_thread_context_changed"),
    }
    for callback_id in LISTENED["functions"]:  # a step's execution is always ended, here failed (no inputs)
        event = scenario.fake.function_executed_event(callback_id, {})
        status, _, _ = scenario.event(event)
        scenario.settle()
        assert status == 200 and scenario.fake.function_execution(event["function_execution_id"])["state"] == "failed"
    samples["function_executed"] = scenario.fake.function_executed_event(LISTENED["functions"][0], {})
    for name in LISTENED["events"]:
        status, _, _ = scenario.event(samples[name])
        assert status == 200, name
    for callback_id in LISTENED["shortcuts"]:
        payload = signing.message_shortcut_payload(callback_id, "met Ana today", response_url=scenario.fake.response_url("s"))
        status, _, _ = scenario.interaction(payload)
        assert status == 200, callback_id


def test_the_installed_oauth_scopes_equal_the_manifests():
    """An installed wheel has no manifest.yaml: OAuth then asks for bot.oauth.FALLBACK_SCOPES."""
    from bot.oauth import FALLBACK_SCOPES

    assert sorted(FALLBACK_SCOPES) == sorted(MANIFEST["oauth_config"]["scopes"]["bot"])
