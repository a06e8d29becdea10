"""Modal views by name. Feature modules add their builders with `@view("name")`."""
from __future__ import annotations

from typing import Callable

from bot.results import OpenModal

VIEW_BUILDERS: dict[str, Callable[[OpenModal], dict]] = {}


def view(name: str):
    def register(builder):
        VIEW_BUILDERS[name] = builder
        return builder

    return register


def build_view(modal: OpenModal) -> dict:
    try:
        builder = VIEW_BUILDERS[modal.view]
    except KeyError:
        raise LookupError(f"no view builder named {modal.view}") from None
    return builder(modal)
