"""What every fuzz module shares: the hypothesis settings (bounded, repeatable, no example
database), row counting across every table, and the checks on what reaches Slack."""
from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from sqlalchemy import func, select
from sqlmodel import SQLModel, Session

import kam_domain.models  # noqa: F401  (every table on the metadata)
from bot.errors import apology
from kam_domain.store.engine import make_engine
from support.postgres import empty_database, postgres_enabled

# Repeatable in CI: derandomized, no example database, no deadline (2 shared cores).
FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)


# Bookkeeping rows that are not domain writes: the retried-event guard and a thread's memory of
# the account it talks about.
BOOKKEEPING = {"processedevent", "conversationmemory"}


def row_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in SQLModel.metadata.sorted_tables if table.name not in BOOKKEEPING}


def fresh_sqlite_engine(template: Path, directory: Path):
    path = directory / "fuzz.sqlite3"
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


# A module's world runs once per database: the fuzzing also on PostgreSQL (its own constraints,
# types and transactions), unless KAM_TEST_POSTGRES_URL=off.
DATABASES = ["sqlite"] + ([pytest.param("postgres", marks=pytest.mark.postgres)] if postgres_enabled() else [])


def fuzz_engine(request, template: Path, directory: Path):
    """An empty migrated database for one module's world, on the database `request.param` names
    (the session's PostgreSQL database is emptied now and again when the module is done)."""
    if request.param == "sqlite":
        return fresh_sqlite_engine(template, directory)
    engine = make_engine(request.getfixturevalue("postgres_url"))
    empty_database(engine)
    request.addfinalizer(lambda: empty_database(engine))
    return engine


APOLOGY = apology("").split(" (reference")[0]  # the product's own wording (bot/errors.py), not a copy

# Mention and broadcast markup that user-typed text must never turn into when echoed back.
_INJECTED = re.compile(r"<!(channel|here|everyone)[|>]|<@[A-Z0-9_]*INJ|<#C[A-Z0-9_]*INJ|<https?://evil", re.I)


# Keys whose strings Slack never parses for mentions (button values, ids, metadata).
_NOT_RENDERED = {"value", "action_id", "block_id", "callback_id", "private_metadata", "url", "initial_value",
                 "placeholder", "initial_option", "options", "option_groups", "selected_option", "ts", "thread_ts"}


def injected(value) -> list[str]:
    """Live mention markup built from our injection probes, anywhere Slack renders mrkdwn in a
    payload (a JSON string is decoded first); plain_text objects and values are not parsed by Slack."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return [m.group(0) for m in _INJECTED.finditer(value)]
        return injected(decoded) if isinstance(decoded, (dict, list)) else injected_text(value)
    found: list[str] = []
    if isinstance(value, list):
        for item in value:
            found += injected(item)
    elif isinstance(value, dict):
        if value.get("type") == "plain_text":
            return []
        for key, item in value.items():
            if key not in _NOT_RENDERED:
                found += injected(item)
    return found


def injected_text(text: str) -> list[str]:
    return [m.group(0) for m in _INJECTED.finditer(text)]


# Text that Slack would show as a broadcast or a mention if echoed unescaped. What Slack sends is
# entity-escaped (&lt;), so probes come in both forms.
INJECTIONS = ["<!channel>", "<!here>", "<!everyone>", "<@UINJ123>", "<#CINJ1|general>", "@channel", "@here",
              "&lt;!channel&gt;", "&lt;@UINJ9&gt;", "<https://evil.example|click>", "&lt;!here|here&gt;"]

slack_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(INJECTIONS),
    st.lists(st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=12),
                       st.sampled_from(["\u00a0", "\n", "\t", "\"", "“", "”", "=", "#1", "#999999", "&amp;",
                                        "\u200b", "\ufeff", "\x00", "🙂", "Ö"])), max_size=10).map(" ".join),
)


class ErrorLog(logging.Handler):
    """Collects ERROR records of our loggers: an unexpected exception is logged with a reference."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self._mutex = threading.Lock()

    def emit(self, record):
        with self._mutex:
            self.records.append(record)

    def take(self) -> list[str]:
        with self._mutex:
            found = [f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage() for r in self.records]
            self.records.clear()
        return found


def watch_errors() -> ErrorLog:
    handler = ErrorLog()
    for name in ("kam", "slack_bolt"):
        logging.getLogger(name).addHandler(handler)
    return handler


def unwatch(handler: ErrorLog) -> None:
    for name in ("kam", "slack_bolt"):
        logging.getLogger(name).removeHandler(handler)
