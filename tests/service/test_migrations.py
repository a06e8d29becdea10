from sqlalchemy import inspect

from alembic import command

from kam_domain.store.migrate import alembic_config, current_revision, upgrade


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def test_migrations_create_every_table(engine, database_url):
    tables = set(inspect(engine).get_table_names())
    for expected in {"workspace", "account", "stakeholder", "note", "delivery", "processedevent",
                     "auditentry", "tierchange", "financial", "score", "criterion", "review", "ownerlink"}:
        assert expected in tables
    assert current_revision(database_url) is not None


def test_owner_links_migration_adds_its_table_and_columns_and_reverts(engine, database_url):
    assert {"crm_owner_email", "owner_source"} <= {c["name"] for c in inspect(engine).get_columns("account")}
    assert {c["name"] for c in inspect(engine).get_columns("ownerlink")} == {
        "id", "team_id", "crm_owner_key", "crm_owner_name", "user_id", "source", "linked_at"}
    engine.dispose()
    downgrade(database_url, "2c021bb3fcd8")
    try:
        after = inspect(engine)
        assert "ownerlink" not in after.get_table_names()
        assert "owner_source" not in {c["name"] for c in after.get_columns("account")}
    finally:
        engine.dispose()
        upgrade(database_url)
    assert "ownerlink" in inspect(engine).get_table_names()
