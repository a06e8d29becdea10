"""Every registry of the bot, built once and explicitly from the feature modules' plain data.

    handler modules   COMMANDS            the subcommand declarations (grammar, handler, writes, labels)
    render modules    MESSAGES / TEXTS    result type -> Block Kit message / console text
                      COMPOSITE_*         the same, for results holding other results (given the wiring)
                      OUTBOX              delivery kind -> message for the outbox sender
                      SENDERS             delivery kind -> a send that is not a message (bot.delivery.Sender)
                      VIEWS               modal name -> view builder

Nothing registers on import. Adding a subcommand: its declaration in its feature's COMMANDS,
its service, and its renderers in the feature's maps (a new module goes in the tuples below).
The container builds the wiring lazily (`Container.wiring`); `default_wiring()` serves code
that has no container.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Callable, Mapping

from bot.commands import Registry, Subcommand
from bot import canvas_sync
from bot.delivery import Renderer as OutboxRenderer, Sender
from bot.handlers import core, drafts, plans, reviews, selection, team
from bot.handlers import facts
from bot.handlers import insights
from bot.handlers import plan_drafts
from bot.language import render as language_render
from bot.render import (blocks, drafts as drafts_render, plan_writes, plans_log, plans_map, plans_next, plans_plan,
                        plans_views, reviews as reviews_render, selection as selection_render, selection_views,
                        surfaces as surfaces_render, team as team_render, text)
from bot.render import facts as facts_render
from bot.render import insights as insights_render
from bot.render import plan_drafts as plan_drafts_render
from bot.render.blocks import SlackMessage
from bot.results import OpenModal

COMMAND_MODULES: tuple[ModuleType, ...] = (core, selection, plans, drafts, plan_drafts, reviews, team, facts, insights)  # help lists them in this order
RENDER_MODULES: tuple[ModuleType, ...] = (
    blocks, text, drafts_render, plan_writes, plans_log, plans_map, plans_next, plans_plan, plans_views,
    reviews_render, selection_render, selection_views, surfaces_render, team_render, language_render, canvas_sync,
    facts_render, insights_render, plan_drafts_render)

ViewBuilder = Callable[[OpenModal], dict]


class TypeTable:
    """Result type -> renderer, looked up along the result's MRO (as functools.singledispatch does)."""

    def __init__(self, renderers: Mapping[type, Callable]):
        self._renderers = dict(renderers)

    def find(self, kind: type) -> Callable:
        for klass in kind.__mro__:
            if klass in self._renderers:
                return self._renderers[klass]
        raise LookupError(f"no renderer for {kind.__name__}")  # `object` is always in the table

    def types(self) -> set[type]:
        return set(self._renderers)


@dataclass(frozen=True)
class Wiring:
    registry: Registry
    messages: TypeTable
    texts: TypeTable
    outbox: Mapping[str, OutboxRenderer]
    views: Mapping[str, ViewBuilder]
    senders: Mapping[str, Sender] = field(default_factory=dict)

    def to_message(self, result) -> SlackMessage:
        return self.messages.find(type(result))(result)

    def to_text(self, result) -> str:
        return self.texts.find(type(result))(result)

    def build_view(self, modal: OpenModal) -> dict:
        try:
            builder = self.views[modal.view]
        except KeyError:
            raise LookupError(f"no view builder named {modal.view}") from None
        return builder(modal)


def build_wiring(command_modules: tuple[ModuleType, ...] = COMMAND_MODULES,
                 render_modules: tuple[ModuleType, ...] = RENDER_MODULES) -> Wiring:
    commands: list[Subcommand] = [c for module in command_modules for c in getattr(module, "COMMANDS", ())]
    messages: dict[type, Callable] = {}
    texts: dict[type, Callable] = {}
    outbox: dict[str, OutboxRenderer] = {}
    views: dict[str, ViewBuilder] = {}
    senders: dict[str, Sender] = {}
    holder: list[Wiring] = []  # composite renderers render their parts through the finished wiring

    def composite(renderer: Callable) -> Callable:
        return lambda result: renderer(result, holder[0])

    for module in render_modules:
        _merge(messages, getattr(module, "MESSAGES", {}), module)
        _merge(texts, getattr(module, "TEXTS", {}), module)
        _merge(messages, {k: composite(f) for k, f in getattr(module, "COMPOSITE_MESSAGES", {}).items()}, module)
        _merge(texts, {k: composite(f) for k, f in getattr(module, "COMPOSITE_TEXTS", {}).items()}, module)
        _merge(outbox, getattr(module, "OUTBOX", {}), module)
        _merge(views, getattr(module, "VIEWS", {}), module)
        _merge(senders, getattr(module, "SENDERS", {}), module)
    wiring = Wiring(Registry(tuple(commands)), TypeTable(messages), TypeTable(texts), outbox, views, senders)
    holder.append(wiring)
    return wiring


def _merge(into: dict, entries: Mapping, module: ModuleType) -> None:
    for key, value in entries.items():
        if key in into:
            raise ValueError(f"{module.__name__} declares {key!r} again")
        into[key] = value


@cache
def default_wiring() -> Wiring:
    return build_wiring()


def to_message(result) -> SlackMessage:
    """A result as a Slack message, for code without a container (the container's wiring is this one)."""
    return default_wiring().to_message(result)


def to_text(result) -> str:
    return default_wiring().to_text(result)


def build_view(modal: OpenModal) -> dict:
    return default_wiring().build_view(modal)
