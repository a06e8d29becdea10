"""Autogenerate a migration from the models: python scripts/new_migration.py "what changed"."""
import sys
import tempfile
from pathlib import Path

from alembic import command

from kam_domain.store.migrate import alembic_config, upgrade

with tempfile.TemporaryDirectory() as tmp:
    url = f"sqlite:///{Path(tmp) / 'autogen.sqlite3'}"
    upgrade(url)
    command.revision(alembic_config(url), message=sys.argv[1], autogenerate=True)
