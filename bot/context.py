"""What a handler knows about the request it serves, whichever surface it came from."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork


@dataclass
class RequestContext:
    container: Any  # bot.bootstrap.Container (not imported: the container builds the wiring, which imports this)
    actor: Actor
    surface: str = "slack"  # or "console"
    channel_id: str | None = None
    thread_ts: str | None = None
    trigger_id: str | None = None
    client: Any = None  # the Web API client for this workspace (Slack surface only)
    session: Any = None  # the console chat session (`kam chat`): its pending choice and last drafts; else None

    @property
    def today(self) -> date:
        return self.container.clock.today()

    def uow(self) -> UnitOfWork:
        return self.container.uow()
