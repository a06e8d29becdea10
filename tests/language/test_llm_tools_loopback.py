"""`KAM_LLM=openai:...` against an OpenAI-compatible server on loopback that sends real tool-call payloads:
the read tools generated from the subcommand declarations run, their typed results go back to the
model as JSON in `tool` messages, and the model's answer reaches the user with our rendering of the
result; a read of another account is refused in code; any server failure gives the offline answer
with its note."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from bot.console import answer_line
from lang_app import language_container
from lang_store import seed_language_store
from support.fake_openai import ScriptedChat, tool_calls, words

pytestmark = pytest.mark.slow
FINAL = "Borealis is a key account; the portfolio shows where it sits."


@pytest.fixture
def store(engine):
    with Session(engine) as session:
        seeded = seed_language_store(session)
        session.commit()
    return seeded


@pytest.fixture
def llm_env(monkeypatch):
    def serve(server: ScriptedChat) -> ScriptedChat:
        monkeypatch.setenv("KAM_LLM", "openai:gpt-4o-mini")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
        monkeypatch.setenv("KAM_LLM_TIMEOUT", "1")
        servers.append(server)
        return server

    servers: list[ScriptedChat] = []
    yield serve
    for server in servers:
        server.close()


def _tool_json(server: ScriptedChat, request: int) -> list[dict]:
    return [json.loads(m["content"]) for m in server.tool_messages(request)]


def test_generated_tools_run_and_their_typed_results_go_back_to_the_model(engine, tmp_path, loaded_embedder, store,
                                                                        llm_env):
    seen_card = []

    def after_the_card(body):  # the second request: the card came back as JSON; now a portfolio-level read
        seen_card.extend(m for m in body["messages"] if m.get("role") == "tool")
        return tool_calls(("portfolio", {}))

    server = llm_env(ScriptedChat(tool_calls(("account", {"account": "borealis"})), after_the_card, words(FINAL)))
    said = answer_line(language_container(engine, tmp_path, loaded_embedder),
                       "how is borealis doing, and where does it sit in our portfolio?")

    offered = {t["function"]["name"] for t in server.conversation[0]["tools"]}
    assert {"account", "plan", "next", "stakeholders", "portfolio", "accounts", "search_notes",
            "propose_write"} <= offered
    assert not offered & {"log", "stakeholder", "nominate", "demote", "score", "review", "team"}  # writes
    assert seen_card and seen_card[0]["tool_call_id"] == "call_1"
    card = json.loads(seen_card[0]["content"])
    assert card["type"] == "AccountCard" and card["result"]["name"] == "Borealis Logistics GmbH"
    assert card["result"]["tier"] == "key" and card["result"]["crm_id"] == "SF-1001"
    report = _tool_json(server, 2)[-1]
    assert report["type"] == "PortfolioReply" and report["result"]["png"] is None  # numbers, not the picture
    assert report["result"]["report"]["total_accounts"] == 7  # this workspace's accounts only
    assert len(server.conversation) == 3
    assert said.startswith(FINAL)  # the model's words, then our rendering of the last read
    assert "Portfolio" in said


def test_a_read_of_another_account_is_refused_in_code(engine, tmp_path, loaded_embedder, store, llm_env):
    server = llm_env(ScriptedChat(tool_calls(("account", {"account": "borealis"}), ("next", {"account": "acme"})),
                                  words("Here is what is next at Acme.")))
    said = answer_line(language_container(engine, tmp_path, loaded_embedder), "how is acme doing?")

    refused, allowed = server.tool_messages(1)
    assert refused["content"].startswith("Refused: this question is about account #")
    assert json.loads(allowed["content"])["result"]["rule_based"]["account_name"] == "Acme Retail Group"
    assert "Borealis" not in said and said.startswith("Here is what is next at Acme.")


def test_arguments_that_do_not_fit_a_tool_are_said_back_to_the_model(engine, tmp_path, loaded_embedder, store,
                                                                      llm_env):
    server = llm_env(ScriptedChat(tool_calls(("accounts", {"choice": "favourite"})),
                                  tool_calls(("accounts", {"choice": "candidates"})), words("Helios is the candidate.")))
    said = answer_line(language_container(engine, tmp_path, loaded_embedder), "which accounts could become key?")
    assert server.tool_messages(1)[0]["content"].startswith("Error: those arguments do not fit")
    listed = json.loads(server.tool_messages(2)[1]["content"])
    assert listed["type"] == "AccountList" and [r["name"] for r in listed["result"]["rows"]] == ["Helios Foods"]
    assert said.startswith("Helios is the candidate.")


def test_a_read_of_another_workspaces_account_is_refused(engine, tmp_path, loaded_embedder, store, llm_env):
    server = llm_env(ScriptedChat(tool_calls(("stakeholders", {"account": "acme"})),
                                  tool_calls(("stakeholders", {"account": f"#{store.accounts['beta_borealis']}"})),
                                  words("Only Acme here.")))
    said = answer_line(language_container(engine, tmp_path, loaded_embedder), "who do we know at acme?")
    assert server.tool_messages(2)[-1]["content"].startswith("Refused")
    assert "Beta Secret Person" not in json.dumps(server.conversation) and "Beta Secret Person" not in said


@pytest.mark.parametrize("mode, reason", [("error", None), ("garbage", None), ("hang", "timeout")])
def test_a_failing_server_gives_the_offline_answer_with_the_note(engine, tmp_path, loaded_embedder, store, llm_env,
                                                                 mode, reason):
    server = llm_env(ScriptedChat(words("never sent")))
    server.mode = mode
    said = answer_line(language_container(engine, tmp_path, loaded_embedder), "tell me about borealis")
    assert said.startswith("(The language model could not answer (")
    assert reason is None or said.startswith(f"(The language model could not answer ({reason})")
    assert "so the offline assistant answered.)" in said.splitlines()[0]
    assert "Borealis Logistics GmbH - Key account" in said  # the offline router's card
    assert "overloaded" not in said and "Bad Gateway" not in said  # what the server said is never shown
    assert server.requests  # the server was asked


@pytest.fixture
def next_at_borealis(llm_env):
    """Set up before the app, whose settings then name the model."""
    return llm_env(ScriptedChat(tool_calls(("next", {"account": "borealis"})), words("Call Lars first.")))


def test_the_models_answer_reaches_a_slack_dm(next_at_borealis, language_scenario):
    from support import signing

    scenario, _store = language_scenario
    server = next_at_borealis
    event = signing.message_event("what should we do next at borealis?", user_id="U_ALICE", channel_id="D_ALICE",
                                  channel_type="im")
    scenario.event(event)
    reply = scenario.fake.wait_for("chat.postMessage", timeout=60.0)[0].args
    assert reply["thread_ts"] == event["ts"]
    said = json.dumps(reply.get("blocks") or []) + reply["text"]
    assert "Call Lars first." in said and "Lars Henriksen" in said  # the words, and our next-actions blocks
    assert json.loads(server.tool_messages(1)[0]["content"])["type"] == "NextWithDrafts"
