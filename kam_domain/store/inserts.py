"""INSERT ... ON CONFLICT DO NOTHING on the databases we run on, for rows two processes may
write at the same moment (a second clock, a cron `kam run-due` beside `kam scheduler`)."""
from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import Session


def insert_ignoring_duplicates(session: Session, model, index_elements: list[str]):
    """An insert statement that skips rows whose `index_elements` (a unique key) already exist."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(model).on_conflict_do_nothing(index_elements=index_elements)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(model).on_conflict_do_nothing(index_elements=index_elements)
    return insert(model)
