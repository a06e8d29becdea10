from sqlalchemy import inspect

from kam_domain.store.migrate import current_revision


def test_migrations_create_every_table(engine, database_url):
    tables = set(inspect(engine).get_table_names())
    for expected in {"workspace", "account", "stakeholder", "note", "delivery", "processedevent",
                     "auditentry", "tierchange", "financial", "score", "criterion", "review"}:
        assert expected in tables
    assert current_revision(database_url) is not None
