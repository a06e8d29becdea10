"""Shared fixtures: real databases (SQLite and PostgreSQL), a fixed clock, the container.

Every test that takes `engine` runs on both SQLite and the PostgreSQL server named by
KAM_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test). Set
KAM_TEST_POSTGRES_URL=off to run on SQLite only (the README says when that is fine).
"""
from __future__ import annotations

import os
import shutil
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine as sa_create_engine, text

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# the router's example vectors are cached on disk (bot/language/encoder.py): one cache per test run, shared by
# the subprocesses it starts, never the user's own
if "KAM_CACHE_DIR" not in os.environ:
    import atexit

    os.environ["KAM_CACHE_DIR"] = str(Path(os.environ.get("TMPDIR", "/tmp")) / f"kam-test-cache-{uuid.uuid4().hex[:8]}")
    atexit.register(shutil.rmtree, os.environ["KAM_CACHE_DIR"], True)

from kam_domain.store.engine import make_engine  # noqa: E402
from kam_domain.store.migrate import upgrade  # noqa: E402

POSTGRES_URL = os.environ.get("KAM_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
from support.constants import NOW, TODAY  # noqa: E402,F401
from support.postgres import empty_database  # noqa: E402


def _postgres_enabled() -> bool:
    return POSTGRES_URL.strip().lower() not in {"off", "none", "0", ""}


DATABASES = ["sqlite"] + ([pytest.param("postgres", marks=pytest.mark.postgres)] if _postgres_enabled() else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh database on the PostgreSQL server for this test session, migrated once."""
    admin_url = POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1) if "+psycopg" not in POSTGRES_URL else POSTGRES_URL
    name = f"kam_test_{uuid.uuid4().hex[:10]}"
    admin = sa_create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # survives a restart
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - environment problem, said plainly
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL} ({exc.__class__.__name__}). "
                    "Start it, point KAM_TEST_POSTGRES_URL at one, or set KAM_TEST_POSTGRES_URL=off.")
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        path = tmp_path / "kam.sqlite3"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        yield url
        engine = make_engine(url)
        empty_database(engine)
        engine.dispose()


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    path = tmp_path / "kam-sqlite-only.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_engine(sqlite_url):
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def today() -> date:
    return TODAY
