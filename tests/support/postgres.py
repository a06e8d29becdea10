"""Emptying a PostgreSQL test database between tests, cheaply."""
from __future__ import annotations

import os

from sqlalchemy import text
from sqlmodel import SQLModel

import kam_domain.models  # noqa: F401  (every table on the metadata)


def postgres_enabled() -> bool:
    """False when KAM_TEST_POSTGRES_URL says off (tests/conftest.py: SQLite only)."""
    return os.environ.get("KAM_TEST_POSTGRES_URL", "postgres").strip().lower() not in {"off", "none", "0", ""}


def empty_database(engine) -> None:
    """Every table of ours emptied and its ids restarted, as TRUNCATE ... RESTART IDENTITY would:
    DELETE and setval, because a TRUNCATE of every table costs most of a second on a shared server."""
    tables = SQLModel.metadata.sorted_tables
    with engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        sequences = connection.execute(text(  # the id sequences of our tables (not Slack's installation store)
            "SELECT s.oid::regclass::text FROM pg_class s JOIN pg_depend d ON d.objid = s.oid"
            " JOIN pg_class t ON t.oid = d.refobjid WHERE s.relkind = 'S' AND t.relname = ANY(:tables)"
            " AND t.relnamespace = to_regnamespace(current_schema())::oid"),
            {"tables": [t.name for t in tables]}).scalars()
        for sequence in sequences:
            connection.execute(text("SELECT setval(:sequence, 1, false)"), {"sequence": sequence})
