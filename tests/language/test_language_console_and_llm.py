"""The console gives the same answers as Slack; the LLM path (a fake tool-calling model) reads
only through scoped tools, proposes writes without writing, and falls back when it fails."""
from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from sqlmodel import Session, func, select

from bot.console import ChatSession, answer_line, console_actor
from bot.context import RequestContext
from bot.language import respond_to_message
from bot.language.results import Answered, WithNote
from bot.wiring import to_message
from bot.render.text import error_text
from bot.wiring import to_text
from kam_domain.errors import NeedsChoice, UserError
from kam_domain.language.route import ConfirmWrite
from kam_domain.models import Interaction
from lang_store import seed_language_store
from lang_app import language_container

pytestmark = pytest.mark.slow


@pytest.fixture
def store(sqlite_engine):
    with Session(sqlite_engine) as session:
        seeded = seed_language_store(session)
        session.commit()
    return seeded


@pytest.fixture
def container(sqlite_engine, tmp_path, loaded_embedder, store):
    return language_container(sqlite_engine, tmp_path, loaded_embedder)


# --------------------------------------------------------------------------- console


def _slack_view_as_text(container, text: str) -> str:
    ctx = RequestContext(container, console_actor(container), surface="slack")
    try:
        return to_text(respond_to_message(ctx, text))
    except (UserError, NeedsChoice) as exc:
        return error_text(exc)


@pytest.mark.parametrize("text", [
    "tell me about borealsi logistics",
    "who's the EB at vantor energy?",
    "who's the EB at vantor?",
    "met Ana Ruiz at acme today, she's keen, send contract Fri",
    "show me our key accounts",
    "bananas are yellow",
])
def test_the_console_answers_a_phrasing_as_slack_does(container, use_router, text):
    said, slack = answer_line(container, text), _slack_view_as_text(container, text)
    # a question with choices gets Slack's buttons there; `kam ask` says how to answer it instead
    assert said == slack or (said == slack + "\nAsk again naming the one you mean." and "1. " in slack)


def test_the_console_shows_the_command_to_confirm_and_typing_it_writes(container, use_router, store, sqlite_engine):
    shown = answer_line(container, "met Ana Ruiz at acme today, she's keen, send contract Fri")
    line = shown.split("To do it, type: ", 1)[1].splitlines()[0]
    assert line == f"log #{store.accounts['acme']} Met Ana Ruiz at acme today, she's keen, send contract Fri"
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Interaction)).one() == 0
    answer_line(container, line)
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Interaction)).one() == 1


def test_the_console_session_remembers_the_account(container, use_router):
    session = ChatSession()  # one `kam chat`
    answer_line(container, "tell me about nordic paper", session=session)
    assert "Henrik Lund" in answer_line(container, "who's their economic buyer?", session=session)


def test_separate_questions_do_not_share_memory(container, use_router):
    answer_line(container, "tell me about nordic paper")  # one `kam ask`
    assert "Henrik Lund" not in answer_line(container, "who's their economic buyer?")  # another
    answer_line(container, "tell me about nordic paper", session=ChatSession())
    assert "Henrik Lund" not in answer_line(container, "who's their economic buyer?", session=ChatSession())


# --------------------------------------------------------------------------- LLM


class ToolCallingFake(GenericFakeChatModel):
    """Emits scripted AIMessages (with tool_calls); remembers what it was shown."""

    seen: list[Any] = []

    def bind_tools(self, tools, **kwargs):
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


class BrokenModel(ToolCallingFake):
    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        raise TimeoutError("the model server did not answer")


def _call(name: str, call_id: str = "c1", **args) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id, "type": "tool_call"}])


def _model(*messages) -> ToolCallingFake:
    return ToolCallingFake(messages=iter(messages), seen=[])


def _ask(sqlite_engine, tmp_path, loaded_embedder, model, text):
    container = language_container(sqlite_engine, tmp_path, loaded_embedder, language_model=model)
    ctx = RequestContext(container, console_actor(container), surface="slack", channel_id="D_X", thread_ts="1.1")
    return respond_to_message(ctx, text)


def _tool_replies(model: ToolCallingFake) -> list[str]:
    return [m.content for m in model.seen[-1] if isinstance(m, ToolMessage)]


def test_the_model_answers_with_a_read_tool_and_the_card_it_read(sqlite_engine, tmp_path, loaded_embedder, store):
    model = _model(_call("stakeholders", account="acme"), AIMessage(content="Ana Ruiz (CFO) is the economic buyer."))
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, model, "who's the EB at acme?")
    assert isinstance(answer, Answered) and answer.text.startswith("Ana Ruiz")
    assert "Ana Ruiz" in _tool_replies(model)[0]
    assert "Ana Ruiz (CFO) is the economic buyer." in to_message(answer).text
    assert answer.attachments and getattr(answer.attachments[0], "account_name", "") == "Acme Retail Group"


def test_a_tool_call_for_another_account_is_refused_in_code(sqlite_engine, tmp_path, loaded_embedder, store):
    model = _model(_call("account", account="borealis"), _call("search_notes", "c2", account="nordic", query="x"),
                   AIMessage(content="I can only look at Acme here."))
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, model, "how is acme doing?")
    replies = _tool_replies(model)
    assert all(r.startswith("Refused") for r in replies), replies
    assert "Borealis" not in to_text(answer) and answer.attachments == []


def test_a_tool_call_for_another_workspaces_account_is_refused(sqlite_engine, tmp_path, loaded_embedder, store):
    beta = store.accounts["beta_borealis"]
    model = _model(_call("stakeholders", account=f"#{beta}"), AIMessage(content="Nothing to show."))
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, model, "show me the stakeholders of that account")
    assert _tool_replies(model)[0].startswith("Refused")
    assert "Beta Secret Person" not in to_text(answer)


def test_writes_are_only_proposed_and_need_the_button(sqlite_engine, tmp_path, loaded_embedder, store):
    acme = store.accounts["acme"]
    model = _model(_call("propose_write", command_line="log acme met Ana Ruiz today, keen on renewal",
                         summary="Log your meeting with Ana Ruiz"), AIMessage(content="Shall I log it?"))
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, model, "met Ana Ruiz at acme today, keen on renewal")
    assert isinstance(answer, ConfirmWrite)
    assert answer.command_line == f"log #{acme} met Ana Ruiz today, keen on renewal"
    assert [b["text"]["text"] for b in to_message(answer).blocks[-1]["elements"]][:2] == ["Yes, do it", "Cancel"]
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Interaction)).one() == 0


def test_a_proposed_write_for_another_account_is_refused(sqlite_engine, tmp_path, loaded_embedder, store):
    model = _model(_call("propose_write", command_line="demote borealis they churned last year", summary="Demote"),
                   AIMessage(content="I can't do that here."))
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, model, "log a call with acme today")
    assert _tool_replies(model)[0].startswith("Refused")
    assert not isinstance(answer, ConfirmWrite)


def test_a_failing_model_falls_back_to_the_offline_router_and_says_so(sqlite_engine, tmp_path, loaded_embedder,
                                                                    store):
    answer = _ask(sqlite_engine, tmp_path, loaded_embedder, BrokenModel(messages=iter([]), seen=[]),
                  "tell me about borealis")
    assert isinstance(answer, WithNote) and "could not answer (timeout)" in answer.note
    assert "Borealis Logistics GmbH" in to_text(answer)


def test_an_ambiguous_account_is_asked_about_before_the_model_runs(sqlite_engine, tmp_path, loaded_embedder, store):
    model = _model(AIMessage(content="should not be called"))
    with pytest.raises(NeedsChoice):
        _ask(sqlite_engine, tmp_path, loaded_embedder, model, "who's the EB at vantor?")
    assert model.seen == []


def test_notes_search_reads_one_accounts_notes(sqlite_engine, tmp_path, loaded_embedder, store):
    from datetime import date

    from kam_domain.models import Note

    with Session(sqlite_engine) as session:
        for account, body in (("acme", "Ana Ruiz worried about the renewal price"),
                              ("borealis", "Borealis renewal: secret discount of 30%")):
            session.add(Note(team_id="T_ALPHA", account_id=store.accounts[account], written_on=date(2026, 11, 2),
                             author="U_ALICE", body=body, content_hash=f"h-{account}"))
        session.commit()
    model = _model(_call("search_notes", account="ARG", query="renewal price"),
                   AIMessage(content="Ana worries about the price."))
    _ask(sqlite_engine, tmp_path, loaded_embedder, model, "what did acme say about the renewal?")
    found = _tool_replies(model)[0]
    assert "Ana Ruiz worried" in found and "secret discount" not in found


def test_a_method_question_goes_to_the_method_answer(container):
    ctx = RequestContext(container, console_actor(container), surface="slack")
    asked = []
    answer = respond_to_message(ctx, "what exactly is an economic buyer", method_answer=lambda c, q: asked.append(q) or "ok")
    assert answer == "ok" and asked == ["what exactly is an economic buyer"]


def test_a_role_question_narrows_the_map_to_that_role(container, store):
    from bot.language.people import PeopleAnswer

    ctx = RequestContext(container, console_actor(container), surface="slack")
    answer = respond_to_message(ctx, "who are the decision makers at borealis?")
    assert isinstance(answer, PeopleAnswer) and answer.found
    assert answer.headline.startswith("Economic buyer or decision maker at Borealis Logistics GmbH: Lars Henriksen")
    shown = {p.name for g in answer.details.groups for p in g.people}
    assert shown == {"Lars Henriksen"}  # not Petra Schmidt (gatekeeper) nor Jan Novak (technical buyer)
    answer = respond_to_message(ctx, "who is the champion at kestrel?")
    assert not answer.found and "coverage gap" in answer.headline
