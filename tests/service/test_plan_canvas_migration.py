"""The plan-canvas migration adds Account.plan_canvas_id and takes it away again (SQLite and PostgreSQL)."""
from sqlalchemy import inspect

from alembic import command

from kam_domain.store.migrate import alembic_config, upgrade


def test_the_plan_canvas_column_is_added_and_reverted(engine, database_url):
    assert "plan_canvas_id" in {c["name"] for c in inspect(engine).get_columns("account")}
    engine.dispose()
    command.downgrade(alembic_config(database_url), "8b2d4e6f1a3c")
    try:
        assert "plan_canvas_id" not in {c["name"] for c in inspect(engine).get_columns("account")}
    finally:
        engine.dispose()
        upgrade(database_url)
    assert "plan_canvas_id" in {c["name"] for c in inspect(engine).get_columns("account")}
