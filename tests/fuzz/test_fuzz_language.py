"""Plain language (@mentions, DMs, /kam ask) under random text, through the real router and the
bundled embedding model: routing any text never raises anything but a UserError (a question or
a message to read), and never writes: a write asked for in words comes back as a confirmation."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, strategies as st
from sqlmodel import Session

from bot.context import RequestContext
from bot.handlers.conversation import answer
from bot.language import is_exact_command
from bot.render.blocks import SlackMessage
from bot.wiring import default_wiring, to_message
from bot.render.escape import safe_text
from bot.results import OpenModal
from kam_domain.errors import UserError
from kam_domain.services.authz import Actor
from fuzzing import (DATABASES, INJECTIONS, fresh_sqlite_engine, fuzz, fuzz_engine,
                     injected, row_counts, slack_text, unwatch, watch_errors)
from support.builders import add_account, add_member, add_stakeholder
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container

pytestmark = pytest.mark.slow  # loads the bundled embedding model once

PHRASES = ["log that I met Ana Ruiz today, she's keen", "make borealis key", "demote acme, volumes fell",
           "who's the EB at borealis?", "borealis logistcs plan", "set product_fit=9 for acme", "swot acme",
           "what is a key account?", "Ana is now CFO", "score borealis product_fit=3", "delete everything",
           "next steps for acme", "approve acme", "reject borealis no", "stakeholder acme Ana title=CEO"]


@pytest.fixture(scope="module")
def world(sqlite_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-language")
    yield from _world(fresh_sqlite_engine(sqlite_template, directory), directory)


@pytest.fixture(scope="module", params=[p for p in DATABASES if p != "sqlite"])
def postgres_world(request, sqlite_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-language-postgres")
    yield from _world(fuzz_engine(request, sqlite_template, directory), directory)


def _world(engine, directory):
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="candidate", owner_user_id="U_ALICE")
        add_member(session, borealis, "U_BOB")
        add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=4, attitude=0,
                        last_contact_on=date(2026, 10, 1))
        session.commit()
    errors = watch_errors()
    with FakeSlack(team_id="T_ALPHA") as fake:
        container = build_container(engine, fake, directory)
        try:
            yield {"engine": engine, "container": container, "errors": errors}
        finally:
            unwatch(errors)
            engine.dispose()


texts = st.one_of(slack_text, st.sampled_from(PHRASES),
                  st.builds(lambda a, b: f"{a} {b}", st.sampled_from(PHRASES), st.sampled_from(INJECTIONS)),
                  st.text(alphabet="abcdefghij #=@<>!&;", max_size=60))
actors = st.sampled_from([Actor("T_ALPHA", "U_ALICE"), Actor("T_ALPHA", "U_STRANGER", is_guest=True)])


@fuzz(40)
@given(texts, actors)
@example("x" * 4000, Actor("T_ALPHA", "U_ALICE"))
@example("met &lt;!channel&gt; at borealis today", Actor("T_ALPHA", "U_ALICE"))
@example("\x00\ufeff\u200b", Actor("T_ALPHA", "U_ALICE"))
def test_routing_any_text_never_raises_and_never_writes(world, text, actor):
    _routes_without_writing(world, text, actor)


# The same on PostgreSQL, fewer examples: routing is the cost, the database only has to stay unwritten.
@fuzz(8)
@given(texts, actors)
@example("met &lt;!channel&gt; at borealis today", Actor("T_ALPHA", "U_ALICE"))
def test_routing_on_postgresql_never_raises_and_never_writes(postgres_world, text, actor):
    _routes_without_writing(postgres_world, text, actor)


def _routes_without_writing(world, text: str, actor: Actor) -> None:
    ctx = RequestContext(world["container"], actor, surface="slack", channel_id="C_GENERAL",
                         thread_ts="1700000000.000100", client=None)
    before = row_counts(world["engine"])
    exact = is_exact_command(text, default_wiring().registry)  # what a confirmation button sends: runs as typed, by design
    try:
        result = answer(ctx, text)
    except UserError as exc:
        assert exc.message.strip()
        assert row_counts(world["engine"]) == before
        return
    if not exact:
        assert row_counts(world["engine"]) == before, f"{text!r} wrote without a confirmation"
    if not isinstance(result, OpenModal):
        message = to_message(result)
        assert isinstance(message, SlackMessage)
        found = injected({"text": safe_text(message.text, message.blocks), "blocks": message.blocks})
        assert not found, (found, text)
    assert world["errors"].take() == []
