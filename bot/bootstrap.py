"""The composition root: builds everything from settings, lazily; tests pass their own parts."""
from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from sqlalchemy.engine import Engine

from bot.settings import Settings
from kam_domain.clock import Clock, SystemClock
from kam_domain.store.engine import make_engine
from kam_domain.store.uow import UnitOfWork

log = logging.getLogger(__name__)


class Container:
    """Holds the process's long-lived parts. Nothing connects until first use."""

    def __init__(self, settings: Settings, *, engine: Engine | None = None, clock: Clock | None = None,
                 slack_client: Any = None, **parts: Any):
        self.settings = settings
        if engine is not None:
            self.__dict__["engine"] = engine
        if clock is not None:
            self.__dict__["clock"] = clock
        if slack_client is not None:
            self.__dict__["slack_client"] = slack_client
        for name, part in parts.items():
            self.__dict__[name] = part

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.resolved_database_url)

    @cached_property
    def clock(self) -> Clock:
        return SystemClock(self.settings.timezone)

    @cached_property
    def slack_client(self):
        from bot.slack_client import make_web_client

        return make_web_client(self.settings.slack_bot_token, self.settings.slack_api_url)

    @cached_property
    def embedder(self):
        """The sentence-embedding model, loaded once per process on first use."""
        from bot.ai_parts import build_embedder

        return build_embedder(self.settings)

    @cached_property
    def notes_index(self):
        """The retrieval index over notes and knowledge (Chroma, local or server)."""
        from bot.ai_parts import build_notes_index

        return build_notes_index(self.settings, lambda: self.embedder)

    @cached_property
    def drafter(self):
        """Drafts SWOTs and next actions: a LangChain chat model, or the offline drafter."""
        from bot.ai_parts import build_drafter

        return build_drafter(self.settings, self)

    @cached_property
    def installation_store(self):
        """Installations of the app in many workspaces (OAuth mode only)."""
        if not self.settings.oauth_enabled:
            return None
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

        store = SQLAlchemyInstallationStore(client_id=self.settings.slack_client_id, engine=self.engine)
        store.create_tables()  # slack_sdk's own tables; create_all skips what exists
        return store

    @cached_property
    def wiring(self):
        """The subcommand registry, renderers and view builders (bot.wiring), built on first use."""
        from bot.wiring import default_wiring

        return default_wiring()

    def slack_client_for(self, team_id: str):
        """The Web API client for one workspace: its installed bot token, or the single token."""
        store = self.installation_store
        if store is None:
            return self.slack_client
        bot = store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None:
            raise LookupError(f"the app is not installed in workspace {team_id}")
        from bot.slack_client import make_web_client

        return make_web_client(bot.bot_token, self.settings.slack_api_url)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def __deepcopy__(self, memo) -> "Container":
        """One per process: Bolt deep-copies a request's context for its lazy listeners, which share this."""
        return self

    def migrate(self) -> None:
        from kam_domain.store.migrate import upgrade

        if self.settings.is_embedded_database:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        upgrade(self.settings.resolved_database_url)

    def close(self) -> None:
        """Release what was built: the notes index and the database engine."""
        index = self.__dict__.get("notes_index")
        if index is not None and hasattr(index, "close"):
            index.close()
        if "engine" in self.__dict__:
            self.engine.dispose()

