"""Persistence: engine, migrations, unit of work."""
