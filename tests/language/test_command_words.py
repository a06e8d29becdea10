"""A message that starts with a subcommand word but is plain language ("swot for Borealis", "next steps
on Borealis?", "account plan: Borealis") answers about the account; one whose words name no account
goes to the router; exact commands and writes keep their grammar."""
from __future__ import annotations

import json

import pytest

from bot.language.command_words import droppable, plain_read
from bot.wiring import default_wiring
from support import signing

REGISTRY = default_wiring().registry
WAIT = 60.0  # the first routed message encodes the exemplars

# The six phrasings of issue 16, class 1, on the fixed store's Borealis Logistics GmbH, and what answers each.
SIX = [
    ("swot for Borealis", "swot"),
    ("next steps on Borealis?", "next"),
    ("next actions Borealis", "next"),
    ("account plan: Borealis", "plan"),
    ("plan for Borealis pls - what are our objectives there?", "plan"),
    ("map the relationships at Borealis", "stakeholders"),
]
CONSOLE_SAYS = {"swot": "SWOT draft: Borealis Logistics GmbH", "next": "Next actions for Borealis Logistics GmbH",
                "plan": "Account plan of Borealis Logistics GmbH",
                "stakeholders": "Stakeholder map of Borealis Logistics GmbH"}
SLACK_SAYS = {"swot": "SWOT draft", "next": "Next actions for", "plan": "Account plan of",
              "stakeholders": "Stakeholder map of"}  # a streamed SWOT is markdown, a posted one Block Kit


# --------------------------------------------------------------------------- the words, without the store


@pytest.mark.parametrize("text, command, words", [
    ("swot for Northstar", "swot", ["Northstar"]),
    ("next steps on Northstar?", "next", ["Northstar"]),
    ("next actions Northstar", "next", ["Northstar"]),
    ("account plan: Northstar", "plan", ["Northstar"]),
    ("plan for Northstar pls - what are our objectives there?", "plan", ["Northstar"]),
    ("map the relationships at Northstar", "stakeholders", ["Northstar"]),
    ("relationship map of Northstar Freight AG", "stakeholders", ["Northstar", "Freight", "AG"]),
    ("stakeholder map Northstar", "stakeholders", ["Northstar"]),
    ("swot analysis about Northstar, please", "swot", ["Northstar"]),
    ("Next Steps: Northstar", "next", ["Northstar"]),
    ("account Northstar", "account", ["Northstar"]),
    ("next on Northstar what should we do", "next", ["Northstar", "what", "should", "we", "do"]),
    ("plan Northstar close action 3", "plan", ["Northstar", "close", "action", "3"]),
])
def test_filler_and_trailing_remarks_are_set_aside(text, command, words):
    read = plain_read(text, REGISTRY)
    assert (read.command.name, read.account_words) == (command, words)


@pytest.mark.parametrize("text", [
    "log Acme met Ana today",  # a write: its words are the meeting, never set aside
    "stakeholder Acme Ana Ruiz",
    "accounts key",  # no account to read
    "portfolio",
    "review",  # alone it answers across accounts
    "who is the champion at Northstar?",  # no subcommand at the start
    "",
])
def test_writes_and_reads_without_an_account_are_not_read_leniently(text):
    assert plain_read(text, REGISTRY) is None


@pytest.mark.parametrize("words, drops", [
    ([], True), (["pls"], True), (["what", "are", "our", "objectives"], True), (["for", "who", "owns", "it"], True),
    (["close", "action", "3"], False), (["Freight"], False),
])
def test_only_filler_or_a_question_after_the_account_is_dropped(words, drops):
    assert droppable(words) is drops


# --------------------------------------------------------------------------- the console, on the fixed store


@pytest.fixture
def console(sqlite_engine, tmp_path, loaded_embedder, language_store):
    from lang_app import language_container

    return language_container(sqlite_engine, tmp_path, loaded_embedder)


@pytest.mark.slow
@pytest.mark.parametrize("text, command", SIX)
def test_the_console_answers_the_six_about_the_account(console, text, command):
    from bot.console import answer_line

    said = answer_line(console, text)
    assert said.startswith(CONSOLE_SAYS[command]), said[:200]
    assert "No account" not in said


@pytest.mark.slow
def test_the_console_keeps_exact_commands_and_writes(console, sqlite_engine):
    from sqlmodel import Session, func, select

    from bot.console import answer_line
    from kam_domain.models import Interaction

    assert answer_line(console, "stakeholders Borealis").startswith(CONSOLE_SAYS["stakeholders"])
    assert answer_line(console, "stakeholder Acme Ana Ruiz").startswith("Ana Ruiz (CFO): Economic buyer")
    assert answer_line(console, "log Acme met Ana Ruiz today, keen on the renewal").startswith(
        "Meeting logged for Acme Retail Group")
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Interaction)).one() == 1


@pytest.mark.slow
def test_an_ambiguous_name_is_asked_about_not_routed(console):
    from bot.console import answer_line

    said = answer_line(console, "swot for vantor?")
    assert said.startswith("Which account do you mean by “vantor”?")
    assert "1. Vantor Energy AS" in said and "2. Vantor Health Ltd" in said and 'kam ask "swot #' in said


@pytest.mark.slow
def test_words_that_name_no_account_go_to_the_router(console):
    from bot.console import answer_line

    said = answer_line(console, "next steps on the expansion, who is the champion at acme?")
    assert "No account" not in said and "steps on" not in said
    assert "Jonas Berg" in said  # the router read the whole question


# --------------------------------------------------------------------------- Slack, through the real app


def _replies(scenario, count: int) -> list[tuple[str | None, str]]:
    """The app's finished replies in order, waiting for `count`: (thread_ts, what it said), for a posted
    message and for a streamed one (chat.startStream .. appends .. chat.stopStream) alike."""
    fake = scenario.fake

    def finished():
        return [c for c in fake.calls() if c.method in ("chat.postMessage", "chat.stopStream") and c.ok]

    with fake._changed:  # the fake's own condition: no polling
        assert fake._changed.wait_for(lambda: len(finished()) >= count, timeout=WAIT), fake.methods()
    replies, streaming = [], []
    for call in fake.calls(ok=True):
        if call.method == "chat.postMessage":
            replies.append((call.args.get("thread_ts"), json.dumps(call.args.get("blocks") or [])
                            + (call.args.get("text") or "")))
        elif call.method == "chat.startStream":
            streaming = [call.args.get("thread_ts"), call.args.get("markdown_text") or ""]
        elif call.method == "chat.appendStream" and streaming:
            streaming[1] += call.args.get("markdown_text") or ""
        elif call.method == "chat.stopStream" and streaming:
            replies.append((streaming[0], streaming[1] + json.dumps(call.args.get("blocks") or [])))
            streaming = []
    return replies


def _reply(scenario, count: int) -> tuple[str | None, str]:
    return _replies(scenario, count)[count - 1]


def _send(scenario, text, how, thread_ts=None):
    if how == "dm":
        event = signing.message_event(text, user_id="U_ALICE", channel_id="D_ALICE", channel_type="im",
                                      thread_ts=thread_ts)
    else:
        event = signing.message_event(f"<@U_BOT> {text}", user_id="U_ALICE", channel_id="C_SALES",
                                      thread_ts=thread_ts, event_type="app_mention")
    scenario.event(event)
    return event


@pytest.mark.slow
@pytest.mark.parametrize("how", ["mention", "dm"])
def test_slack_answers_the_six_about_the_account(language_scenario, how):
    scenario, _store = language_scenario
    for count, (text, command) in enumerate(SIX, start=1):
        event = _send(scenario, text, how)
        thread_ts, said = _reply(scenario, count)
        assert SLACK_SAYS[command] in said and "Borealis Logistics GmbH" in said, (text, said[:300])
        assert thread_ts == event["ts"] and "No account" not in said


@pytest.mark.slow
def test_a_thread_follow_up_keeps_the_account(language_scenario):
    scenario, _store = language_scenario
    first = _send(scenario, "next steps on Borealis?", "mention")
    assert SLACK_SAYS["next"] in _reply(scenario, 1)[1]
    _send(scenario, "who is the decision maker there?", "mention", thread_ts=first["ts"])
    thread_ts, follow_up = _reply(scenario, 2)
    assert thread_ts == first["ts"] and "Lars Henriksen" in follow_up and "Borealis Logistics GmbH" in follow_up


@pytest.mark.slow
def test_a_write_in_plain_words_still_asks_first(language_scenario):
    scenario, store = language_scenario
    _send(scenario, "log Acme met Ana Ruiz today, keen on the renewal", "dm")
    question = scenario.fake.wait_for("chat.postMessage", timeout=WAIT)[0].args
    buttons = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["text"]["text"] == "Yes, do it"
    assert buttons[0]["value"].startswith(f"log #{store.accounts['acme']} ")


@pytest.mark.slow
def test_the_slash_command_keeps_its_grammar_and_ask_reads_plain_words(language_scenario):
    scenario, _store = language_scenario
    status, _, body = scenario.command("next steps on Borealis?")
    assert status == 200
    said = json.loads(body)["text"] if body else scenario.replies()[0]["text"]
    assert "No account called “steps on Borealis?”" in said  # `/kam next` takes the account as typed
    answered = len(scenario.fake.calls("response_url"))
    status, _, _ = scenario.command("ask next steps on Borealis?")
    assert status == 200
    reply = scenario.replies(count=answered + 1, timeout=WAIT)[-1]
    said = json.dumps(reply.get("blocks") or []) + (reply.get("text") or "")
    assert SLACK_SAYS["next"] in said and "Borealis Logistics GmbH" in said
