"""Persistence: SQLAlchemy models, engine/session, migrations and the demo township."""
