"""The assistant in Slack's agent view over real HTTP: a thread opened in an account channel gets that
account's prompts, elsewhere the portfolio's; a question gets a status, a title and one answer in the
thread; without `assistant:write` the answer still arrives and one admin is told once."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from bot.surfaces import SURFACE_UNAVAILABLE
from kam_domain.models import Account, ConversationMemory, Delivery, Note
from support import signing
from support.app_server import serving
from support.builders import add_account, two_workspaces_with_borealis
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container
from support.slack_rules import manifest_bot_scopes

ADMIN = "U0ADMIN"  # build_container's KAM_ADMINS
PORTFOLIO_TITLES = ["Which key accounts need a review?", "Key accounts", "The portfolio matrix",
                    "Candidates for key status"]


def _seed(engine) -> None:
    with Session(engine) as session:
        alpha, beta = two_workspaces_with_borealis(session)
        alpha.channel_id = "C_BOREALIS"
        beta.channel_id = "C_BETA_ONLY"
        add_account(session, "T_ALPHA", "Helios Foods SA", channel_id="C_HELIOS", restricted=True,
                    owner_user_id="U_ALICE")
        session.add(Note(team_id="T_ALPHA", account_id=alpha.id, written_on=date(2026, 11, 2), author="Alice",
                         body="Lars wants the renewal early", content_hash="n1"))
        session.commit()


def _open_thread(scenario, user_id="U_ALICE", channel=None) -> dict:
    event = scenario.fake.start_assistant_thread(user_id, context_channel=channel)
    scenario.event(event)
    scenario.settle()
    return event["assistant_thread"]


def _prompt_titles(scenario, thread) -> list[str]:
    return [p["title"] for p in _prompts(scenario, thread)]


def _prompts(scenario, thread) -> list[dict]:
    return scenario.fake.assistant_thread(thread["channel_id"], thread["thread_ts"])["prompts"]


def _ask(scenario, thread, text, user_id="U_ALICE") -> dict:
    event = signing.message_event(text, user_id=user_id, channel_id=thread["channel_id"],
                                  thread_ts=thread["thread_ts"], channel_type="im")
    scenario.event(event)
    scenario.settle()
    return event


def _answers(fake, channel) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == channel]


def _admin_notices(fake) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == ADMIN]


def test_a_thread_in_an_account_channel_offers_that_account_and_follows_the_user(engine, scenario):
    _seed(engine)
    thread = _open_thread(scenario, channel="C_BOREALIS")
    assert _prompt_titles(scenario, thread) == [
        "SWOT for Borealis Logistics", "Who haven't we met at Borealis Logistics?",
        "What's due at Borealis Logistics?", "Next actions for Borealis Logistics"]
    state = scenario.fake.assistant_thread(thread["channel_id"], thread["thread_ts"])
    assert state["prompts_title"] == "Ask about Borealis Logistics"
    assert state["prompts"][0]["message"] == "swot Borealis Logistics GmbH"
    with Session(engine) as session:  # a follow-up typed in this thread is about Borealis
        memory = session.get(ConversationMemory, ("T_ALPHA", thread["channel_id"], thread["thread_ts"]))
        borealis = session.exec(select(Account).where(Account.channel_id == "C_BOREALIS")).one()
    assert memory.account_id == borealis.id and memory.last_intent is None

    moved = {"type": "assistant_thread_context_changed", "event_ts": "1700000100.000100",
             "assistant_thread": dict(thread, context={"channel_id": "C_GENERAL", "team_id": "T_ALPHA"})}
    scenario.event(moved)
    scenario.settle()
    assert _prompt_titles(scenario, thread) == PORTFOLIO_TITLES
    assert len(scenario.fake.calls("assistant.threads.setSuggestedPrompts", ok=True)) == 2


def test_elsewhere_the_portfolio_prompts(engine, scenario):
    _seed(engine)
    thread = _open_thread(scenario)
    assert _prompt_titles(scenario, thread) == PORTFOLIO_TITLES
    assert [p["message"] for p in _prompts(scenario, thread)] == ["review", "accounts key", "portfolio",
                                                                  "accounts candidates"]


def test_no_account_prompts_for_an_account_the_user_may_not_read(engine, scenario):
    _seed(engine)
    other_workspace = _open_thread(scenario, channel="C_BETA_ONLY")
    assert _prompt_titles(scenario, other_workspace) == PORTFOLIO_TITLES
    restricted = _open_thread(scenario, user_id="U_BOB", channel="C_HELIOS")
    assert _prompt_titles(scenario, restricted) == PORTFOLIO_TITLES
    own = _open_thread(scenario, channel="C_HELIOS")  # Alice is Helios's KAM
    assert _prompt_titles(scenario, own)[0] == "SWOT for Helios Foods"
    sent = json.dumps([c.args for c in scenario.fake.calls("assistant.threads.setSuggestedPrompts")])
    assert "Secret" not in sent


def test_a_question_gets_a_status_a_title_and_one_answer_in_the_thread(engine, scenario):
    _seed(engine)
    thread = _open_thread(scenario, channel="C_BOREALIS")
    _ask(scenario, thread, "account borealis")

    statuses = [c.args for c in scenario.fake.calls("assistant.threads.setStatus", ok=True)]
    assert statuses and statuses[0]["status"] == "is thinking…"
    assert statuses[0]["thread_ts"] == thread["thread_ts"]
    state = scenario.fake.assistant_thread(thread["channel_id"], thread["thread_ts"])
    assert state["title"] == "account borealis"
    methods = scenario.fake.methods()
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.postMessage")  # while it works
    answers = _answers(scenario.fake, thread["channel_id"])
    assert len(answers) == 1  # the assistant answered; the DM listener did not answer again
    assert answers[0]["thread_ts"] == thread["thread_ts"]
    assert "Borealis Logistics GmbH" in json.dumps(answers[0]["blocks"])
    assert "Secret Beta Industry" not in json.dumps(answers[0]["blocks"])


def test_each_suggested_prompt_is_answered_in_the_thread(engine, scenario):
    _seed(engine)
    portfolio = _open_thread(scenario)
    account = _open_thread(scenario, channel="C_BOREALIS")
    picked = [(portfolio, p["message"]) for p in _prompts(scenario, portfolio)]
    picked += [(account, p["message"]) for p in _prompts(scenario, account) if not p["message"].startswith("swot")]
    for thread, message in picked:  # what Slack sends when the user clicks a prompt
        _ask(scenario, thread, message)
    answers = _answers(scenario.fake, account["channel_id"])
    assert len(answers) == len(picked) == 7
    assert [a["thread_ts"] for a in answers] == [t["thread_ts"] for t, _ in picked]
    said = json.dumps([a["blocks"] for a in answers])
    assert "Borealis Logistics GmbH" in said and "Usage:" not in said and "reference" not in said


def test_a_dm_outside_an_assistant_thread_is_answered_as_before(engine, scenario):
    _seed(engine)
    scenario.event(signing.message_event("account borealis", user_id="U_ALICE", channel_id="D_ALICE",
                                         channel_type="im"))
    scenario.fake.wait_for("chat.postMessage")
    scenario.settle()
    assert len(_answers(scenario.fake, "D_ALICE")) == 1
    assert not [m for m in scenario.fake.methods() if m.startswith("assistant.threads.")]


@pytest.fixture
def bare_scenario(engine, tmp_path):
    """A workspace that installed the app before it asked for `assistant:write`."""
    with FakeSlack(team_id="T_ALPHA", scopes=manifest_bot_scopes() - {"assistant:write"}) as fake:
        fake.expect_refusal("missing_scope")
        with serving(build_container(engine, fake, tmp_path), fake) as scenario:
            yield scenario


def test_without_the_scope_answers_still_arrive_and_one_admin_is_told_once(engine, bare_scenario):
    scenario = bare_scenario
    _seed(engine)
    thread = _open_thread(scenario, channel="C_BOREALIS")
    assert scenario.fake.calls("assistant.threads.setSuggestedPrompts")[0].outcome == "error:missing_scope"

    _ask(scenario, thread, "account borealis")
    _ask(scenario, thread, "plan borealis")

    answers = _answers(scenario.fake, thread["channel_id"])
    assert len(answers) == 2 and all(a["thread_ts"] == thread["thread_ts"] for a in answers)
    assert "Borealis Logistics GmbH" in json.dumps(answers[0]["blocks"])
    assert {c.outcome for c in scenario.fake.calls("assistant.threads.setStatus")} == {"error:missing_scope"}
    notices = _admin_notices(scenario.fake)
    assert len(notices) == 1
    assert "assistant:write" in notices[0]["text"]
    with Session(engine) as session:
        rows = session.exec(select(Delivery).where(Delivery.kind == SURFACE_UNAVAILABLE)).all()
    assert len(rows) == 1 and rows[0].status == "sent"
