"""Portfolio questions in plain words (issue 16, class 2) through the real app and the bundled model: an
@mention or a DM gets the list asked for (the option words read from the phrasing: "non-key", "losing
money" -> loss), in a table the strict fake Slack accepted; the console answers the same questions."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from bot.console import answer_line
from kam_domain.services.authz import Actor
from support import signing
from support.portfolio_seed import ALL_NAMES, BETA, HIDDEN, seed_portfolio

pytestmark = pytest.mark.slow
WAIT = 60.0  # the first message may encode the exemplars

QUESTIONS = [
    ("which non-key accounts are growing fastest?", {"Helios Foods"}),
    ("which customers are we losing money on?", {"Acme Retail Group"}),
    ("which accounts have engagement going down?", {"Acme Retail Group"}),
    ("key accounts without a plan", {"Acme Retail Group"}),
    ("which key accounts have gone cold?", {"Acme Retail Group"}),
    ("which accounts have no executive sponsor?", {"Acme Retail Group"}),
    ("which accounts moved quadrant this quarter?", {"Borealis Logistics"}),
    ("key accounts for Anna Keller", {"Acme Retail Group", "Vantor Energy"}),
]


@pytest.fixture
def portfolio_scenario(engine, tmp_path, loaded_embedder):
    from bot.app import create_app
    from bot.http import create_web_app
    from lang_app import language_container
    from support.app_server import ServerThread, SlackScenario, free_port, shut_down_lazy
    from support.fake_slack import FakeSlack

    with Session(engine) as session:
        seed_portfolio(session)
        session.commit()
    with FakeSlack(team_id="T_ALPHA") as fake:
        container = language_container(engine, tmp_path, loaded_embedder, fake.base_url)
        app = create_app(container)
        port = free_port()
        server = ServerThread(create_web_app(app, container), port)
        server.start()
        try:
            yield SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container, app=app)
        finally:
            server.stop()
            shut_down_lazy(app)


def _table_accounts(message_args: dict) -> set[str]:
    tables = [b for b in message_args.get("blocks") or [] if b["type"] == "table"]
    assert len(tables) == 1, json.dumps(message_args)[:2000]
    return {row[0]["text"] for row in tables[0]["rows"][1:]}


def _posted(scenario, count):
    return [c.args for c in scenario.fake.wait_for("chat.postMessage", count=count, timeout=WAIT)][count - 1]


@pytest.mark.parametrize("question,expected", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_a_mention_gets_the_list_asked_for_in_its_thread(portfolio_scenario, question, expected):
    event = signing.message_event(f"<@U_BOT> {question}", user_id="U_ALICE", channel_id="C_SALES",
                                  event_type="app_mention")
    portfolio_scenario.event(event)
    reply = _posted(portfolio_scenario, 1)
    assert reply["thread_ts"] == event["ts"]
    assert _table_accounts(reply) == expected
    said = json.dumps(reply)
    assert "Basis: " in said and HIDDEN not in said and BETA not in said
    assert not (ALL_NAMES - expected) & _table_accounts(reply)


def test_a_dm_asks_about_decliners_and_another_about_loss(portfolio_scenario):
    for n, text in enumerate(("which accounts are shrinking?", "where do we lose money"), start=1):
        portfolio_scenario.event(signing.message_event(text, user_id="U_ALICE", channel_id="D_ALICE",
                                                       channel_type="im"))
        reply = _posted(portfolio_scenario, n)
        assert reply["channel"] == "D_ALICE"
        expected = {"Acme Retail Group", "Nordic Paper"} if n == 1 else {"Acme Retail Group"}
        assert _table_accounts(reply) == expected


@pytest.mark.parametrize("question,expected", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_the_console_answers_the_same_questions(portfolio_scenario, question, expected):
    text = answer_line(portfolio_scenario.container, question, Actor("T_ALPHA", "U_ALICE"))
    assert "Basis: " in text, text
    assert all(name in text for name in expected), text
    assert not any(name in text for name in ALL_NAMES - expected), text
