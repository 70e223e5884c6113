"""Alembic's entry point for the central monitor database (see ``storage.central``).

Its own version table, so the central schema's history never mixes with the tablet's.
"""

from __future__ import annotations

from alembic import context

from storage.central_models import CentralBase

VERSION_TABLE = "monitor_alembic_version"

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=CentralBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
