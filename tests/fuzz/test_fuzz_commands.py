"""The /kam handlers behind the parser, under random arguments: every invocation either answers or
raises a UserError that says what to fix; a rejected one writes nothing; no user-typed text comes
back as a live mention or broadcast. Then a smaller run of signed /kam requests over real HTTP."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import example, given, strategies as st
from sqlmodel import Session

from bot.app import create_app
from bot.commands import UsageError
from bot.context import RequestContext
from bot.dispatch import run_invocation
from bot.http import create_web_app
from bot.render.blocks import SlackMessage
from bot.wiring import to_message
from bot.render.escape import safe_text
from bot.results import OpenModal
from kam_domain.errors import UserError
from kam_domain.services.authz import Actor
from fuzzing import APOLOGY, DATABASES, INJECTIONS, fuzz, fuzz_engine, injected, row_counts, unwatch, watch_errors
from support.app_server import ServerThread, SlackScenario, free_port
from support.builders import add_account, add_criteria, add_member, add_stakeholder
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container
from bot.wiring import default_wiring

REGISTRY = default_wiring().registry

# Drafting and plain language need the embedding model and the notes index: test_fuzz_language.py.
# `portfolio` draws a chart: one example over HTTP below.
SKIPPED_HERE = {"ask", "swot", "next", "portfolio"}
COMMANDS = [c for c in REGISTRY.all() if c.name not in SKIPPED_HERE]

ACTORS = [Actor("T_ALPHA", "U_ALICE"), Actor("T_ALPHA", "U0ADMIN", is_admin=True), Actor("T_ALPHA", "U_BOB"),
          Actor("T_ALPHA", "U_STRANGER"), Actor("T_ALPHA", "U_GUEST", is_guest=True), Actor("T_BETA", "U_BETA")]


@pytest.fixture(scope="module", params=DATABASES)
def world(request, sqlite_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-commands")
    engine = fuzz_engine(request, sqlite_template, directory)
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="candidate", owner_user_id="U_ALICE")
        add_account(session, "T_ALPHA", "Acme Retail Holding", tier="regular")
        add_account(session, "T_BETA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_BETA")
        add_member(session, borealis, "U_BOB")
        add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                        attitude=1, last_contact_on=date(2026, 11, 1))
        add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=4, attitude=0)
        add_criteria(session, "T_ALPHA", [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
                                          ("relationships", 2, "strength")])
        session.commit()
        ids = {"borealis": borealis.id, "acme": acme.id}
    errors = watch_errors()
    with FakeSlack(team_id="T_ALPHA") as fake:
        container = build_container(engine, fake, directory)
        port = free_port()
        server = ServerThread(create_web_app(create_app(container), container), port)
        server.start()
        try:
            yield {"engine": engine, "container": container, "ids": ids, "errors": errors, "fake": fake,
                   "scenario": SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake,
                                             container=container)}
        finally:
            server.stop()
            unwatch(errors)
            engine.dispose()


ACCOUNT_WORDS = ["Borealis", "borealis logistcs", "Acme", "Acme Retail", "#1", "#2", "#4", "#0", "#99999999999999999999",
                 "\"Acme Retail Group\"", "Nowhere Inc", "B", "#-1"]
FIELD_KEYS = ["title", "role", "influence", "attitude", "owner", "reports_to", "email", "contact", "engagement",
              "loyalty", "outcome", "plan", "objectives", "coverage", "risks", "product_fit", "solvency",
              "relationships", "cap", "watch", "growth", "concentration", "gap", "nope"]
FIELD_VALUES = st.one_of(st.text(max_size=20), st.sampled_from(INJECTIONS),
                         st.sampled_from(["5", "0", "11", "-2", "+1", "3.5", "1e309", "nan", "inf", "@U_BOB", "@ana",
                                          "economic_buyer", "yes", "no", "on_track", "gaps", "20%", "2:a", "x" * 3500,
                                          "99999999999999999999999", "none", "Lars Henriksen", "<@U_BOB>"]))
word = st.one_of(st.sampled_from(ACCOUNT_WORDS), st.sampled_from(INJECTIONS), st.text(max_size=12),
                 st.sampled_from(["template", "classic", "set", "thresholds", "override", "today", "Ana Ruiz",
                                  "Lars", "met", "yesterday", "send contract Fri", "\"", "="]))
kv = st.builds(lambda k, v: f'{k}="{v}"' if " " in v and '"' not in v else f"{k}={v}",
               st.sampled_from(FIELD_KEYS), FIELD_VALUES)
arguments = st.builds(lambda words, pairs: " ".join(words + pairs), st.lists(word, max_size=6), st.lists(kv, max_size=4))


def _checked_reply(result) -> SlackMessage | None:
    if isinstance(result, OpenModal):
        return None
    message = to_message(result)
    assert isinstance(message, SlackMessage)
    return message


def _no_injection(message: SlackMessage) -> None:
    """As bot.listeners.reply sends it: the blocks, and the text made safe for notifications."""
    found = injected({"text": safe_text(message.text, message.blocks), "blocks": message.blocks})
    assert not found, (found, message.text[:300])


@fuzz(150)
@given(st.sampled_from(COMMANDS), arguments, st.sampled_from(ACTORS))
@example(REGISTRY.get("stakeholder"), "Borealis &lt;!channel&gt; title=&lt;!here&gt;", ACTORS[0])
@example(REGISTRY.get("log"), "Borealis met &lt;!channel&gt; and &lt;@UINJ1&gt; today " + "x" * 3900, ACTORS[0])
@example(REGISTRY.get("nominate"), "Acme &lt;!channel&gt; please", ACTORS[0])
@example(REGISTRY.get("review"), "Borealis engagement=4 loyalty=3 outcome=\"&lt;!here&gt; " + "y" * 3500 + "\"",
         ACTORS[0])
@example(REGISTRY.get("criteria"), "set a=1e309:a b=nan:s c=inf:a", ACTORS[1])
@example(REGISTRY.get("criteria"), "thresholds cap=99999999999999999999999", ACTORS[1])
@example(REGISTRY.get("score"), "Borealis product_fit=1e309 solvency=nan", ACTORS[0])
@example(REGISTRY.get("stakeholder"), "Borealis Lars Henriksen influence=99999999999999999999999", ACTORS[0])
def test_handlers_answer_or_say_what_to_fix_and_reject_without_writing(world, command, rest, actor):
    container = world["container"]
    text = f"{command.name} {rest}"
    try:
        invocation = REGISTRY.parse(text)
    except UsageError as exc:
        assert exc.message.strip()
        return
    ctx = RequestContext(container, actor, surface="slack", channel_id="C_GENERAL", client=None)
    before = row_counts(world["engine"])
    try:
        result = run_invocation(ctx, invocation)
    except UserError as exc:
        assert exc.message.strip(), "an empty error"
        assert row_counts(world["engine"]) == before, f"{text!r} was rejected ({exc.message}) but wrote"
        message = SlackMessage(exc.message, [])
        from bot.listeners.reply import deliver  # the way the user sees it

        sent: list[SlackMessage] = []
        deliver(ctx, lambda: (_ for _ in ()).throw(exc), sent.append, "fuzz")
        _no_injection(sent[0])
        return
    message = _checked_reply(result)
    if message is not None:
        _no_injection(message)
    assert world["errors"].take() == []


@fuzz(25)
@given(st.one_of(st.builds(lambda c, a: f"{c.name} {a}", st.sampled_from(COMMANDS), arguments),
                 st.sampled_from(INJECTIONS), st.text(max_size=30)))
@example("portfolio")
@example("&lt;!channel&gt;")
@example("help &lt;!here&gt;")
@example("stakeholder Borealis Lars Henriksen owner=&lt;@UINJ1&gt;")
def test_kam_over_http_never_500_and_never_echoes_a_mention(world, text):
    scenario, fake = world["scenario"], world["fake"]
    fake.reset()
    status, _, body = scenario.command(text)
    assert status == 200, body
    assert APOLOGY not in body
    assert not injected(body), body
    if not body:  # acked empty: the answer follows through response_url
        replies = scenario.replies(count=1, timeout=20)
        fake.wait_idle(timeout=20)
        for reply in replies:
            assert APOLOGY not in json.dumps(reply), reply
            assert not injected(reply), reply
    assert world["errors"].take() == []
