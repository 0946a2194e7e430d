"""Alembic's entry point for the store: migrations run on the connection the store opened
(``Store.upgrade``), inside its transaction, never from a configuration file."""

from __future__ import annotations

from alembic import context

from sleepmin.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite changes a table by copying it; PostgreSQL alters in place
)
with context.begin_transaction():
    context.run_migrations()
