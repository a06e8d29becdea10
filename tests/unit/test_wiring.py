"""The wiring: every registry built explicitly from the feature modules, and the facts other layers
derive from one subcommand declaration (intents, writes, the language model's tool descriptions)."""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from bot.commands import Registry, Shape, Subcommand, Writes
from bot.handlers import core
from bot.language.encoder import command_words, router_intents
from bot.language.tools import ToolScope, build_tools
from bot.render.blocks import SlackMessage
from bot.results import Notice
from bot.wiring import TypeTable, build_wiring, default_wiring
from kam_domain.language.intents import IntentSpec

# The router's intent table as it was written by hand before it was derived from the declarations.
FORMER_INTENTS = {spec.name: spec for spec in (
    IntentSpec("help", "help", "What I can do"),
    IntentSpec("accounts", "accounts", "List accounts"),
    IntentSpec("account", "account", "Account card", needs_account=True),
    IntentSpec("portfolio", "portfolio", "Portfolio matrix"),
    IntentSpec("score", "score", "Show scores", needs_account=True),
    IntentSpec("score_set", "score", "Set scores", needs_account=True, writes=True),
    IntentSpec("nominate", "nominate", "Nominate as key account", needs_account=True, writes=True),
    IntentSpec("demote", "demote", "Ask to demote", needs_account=True, writes=True),
    IntentSpec("plan", "plan", "Account plan", needs_account=True),
    IntentSpec("swot", "swot", "SWOT draft", needs_account=True),
    IntentSpec("next", "next", "Next actions", needs_account=True),
    IntentSpec("stakeholders", "stakeholders", "Stakeholder map", needs_account=True),
    IntentSpec("stakeholder", "stakeholder", "Add or update a stakeholder", needs_account=True, writes=True),
    IntentSpec("log", "log", "Log a meeting", needs_account=True, writes=True),
    IntentSpec("review", "review", "Account review", account_optional=True),
    IntentSpec("method", None, "KAM method question"),
)}

REGISTRY = default_wiring().registry


def test_the_registry_lists_every_subcommand_once_in_help_order():
    assert REGISTRY.names() == ["help", "accounts", "account", "ask", "criteria", "score", "portfolio", "nominate",
                                "demote", "approve", "reject", "requests", "plan", "next", "stakeholders",
                                "stakeholder", "log", "swot", "plan-draft", "review", "team", "revenue", "reports",
                                "attitude", "promises", "changes",
                                "growth", "margins", "gaps", "cold", "trends", "movers", "owned-by"]
    assert all(command.handler is not None for command in REGISTRY.all())


def test_the_router_intents_are_derived_from_the_declarations():
    table = router_intents(REGISTRY)
    assert {name: table.spec(name) for name in FORMER_INTENTS} == FORMER_INTENTS  # newer intents: their own tests
    portfolio = {"growth", "margins", "gaps", "cold", "trends", "movers", "owned-by"}  # bot/handlers/insights.py
    assert portfolio <= set(table.names())
    assert all(not table.spec(n).takes_account and (table.spec(n).cues or n in ("movers", "owned-by")) for n in portfolio)
    assert table.for_command("score", has_values=True) == "score_set"
    assert table.for_command("score") == "score" and table.for_command("ask") == "unknown"
    assert command_words(REGISTRY)["card"] == "account" and "stakeholder map" not in command_words(REGISTRY)


@pytest.mark.parametrize("line, writes", [
    ("account Borealis", False), ("plan Borealis", False), ("plan Borealis close action 3", True),
    ("swot Borealis", False), ("swot Borealis accept 1 3", True), ("score Borealis", False),
    ("score Borealis product_fit=8", True), ("criteria", False), ("criteria set a=1:a b=1:s c=1:a", True),
    ("review Borealis", False), ("review Borealis engagement=4", True), ("log Acme met Ana", True),
    ("nominate Helios", True), ("approve Alpenglow", True), ("team Borealis", False),
    ("team Borealis sponsor=@U1", True),
])
def test_whether_a_line_writes_comes_from_its_declaration(line, writes):
    invocation = REGISTRY.parse(line)
    assert invocation.command.is_write(invocation) is writes


def test_the_language_models_tools_are_described_by_the_declarations():
    scope = ToolScope(ctx=SimpleNamespace(container=SimpleNamespace(wiring=default_wiring())))
    tools = {tool.name: tool.description for tool in build_tools(scope)}
    reads = [c for c in REGISTRY.all() if c.tool and c.writes == Writes.NEVER]
    assert {"account", "plan", "accounts", "stakeholders", "next", "portfolio"} <= {c.name for c in reads}
    for command in reads:  # one tool per read declared with tool=, told what the declaration says
        assert tools[command.name.replace("-", "_")] == command.tool
    assert not {c.name for c in REGISTRY.all() if c.writes != Writes.NEVER} & set(tools)
    assert "(nominate, demote, stakeholder, log, score with values)" in tools["propose_write"]
    assert tools["search_notes"].startswith("Search the notes")


@dataclass
class _LoudNotice(Notice):
    pass


def test_renderers_are_found_along_the_results_class_hierarchy():
    wiring = default_wiring()
    assert wiring.to_text(_LoudNotice("Saved.")) == "Saved."  # the Notice renderer, as singledispatch would
    assert wiring.to_message(_LoudNotice("Saved.")).text == "Saved."
    assert wiring.to_text(42) == "42"  # anything else: its text
    message = SlackMessage("laid out", [])
    assert wiring.to_message(message) is message
    with pytest.raises(LookupError, match="no view builder named nowhere"):
        from bot.results import OpenModal

        wiring.build_view(OpenModal("nowhere", "t", "hint"))


def test_a_type_table_without_a_fallback_says_what_it_cannot_render():
    with pytest.raises(LookupError, match="no renderer for int"):
        TypeTable({str: str}).find(int)


def test_each_build_is_its_own_and_nothing_is_declared_twice():
    only_core = build_wiring(command_modules=(core,), render_modules=())
    assert only_core.registry.names() == ["help", "accounts", "account", "ask"]
    assert default_wiring().registry.names() != only_core.registry.names()  # building one changed no other
    twice = SimpleNamespace(__name__="twice", COMMANDS=(Subcommand("x", "", "x", Shape.NONE),))
    with pytest.raises(ValueError, match="subcommand x declared twice"):
        build_wiring(command_modules=(twice, twice), render_modules=())
    renders_str = SimpleNamespace(__name__="renders_str", TEXTS={str: str})
    with pytest.raises(ValueError, match="renders_str declares <class 'str'> again"):
        build_wiring(command_modules=(), render_modules=(renders_str, renders_str))


def test_the_container_builds_its_wiring_on_first_use(tmp_path):
    from bot.bootstrap import Container
    from bot.settings import load_settings

    container = Container(load_settings(KAM_DATA_DIR=str(tmp_path)))
    assert "wiring" not in container.__dict__
    assert container.wiring is default_wiring() and isinstance(container.wiring.registry, Registry)
    assert Writes.ALWAYS == REGISTRY.get("log").writes
