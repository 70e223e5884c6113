"""Storage: SQLAlchemy tables, the repository that saves and loads ``board/`` objects,
the engine (SQLite by default, PostgreSQL for a central database) and the migrations.

The names below are imported when first used (PEP 562): the kiosk app starts faster when
importing ``storage.engine`` does not also load Alembic and the ORM.
"""

from __future__ import annotations

from board.lazy import lazy_names

_WHERE = {
    "ENV_VAR": "storage.urls",
    "default_url": "storage.urls",
    "make_engine": "storage.engine",
    "resolve_url": "storage.urls",
    "AfgerondError": "storage.errors",
    "ConflictError": "storage.errors",
    "DatabaseOpenError": "storage.errors",
    "DatabaseTooNewError": "storage.errors",
    "InvalidValueError": "storage.errors",
    "KeyRequiredError": "storage.errors",
    "NotEncryptedError": "storage.errors",
    "NotFoundError": "storage.errors",
    "SaveError": "storage.errors",
    "StorageError": "storage.errors",
    "WrongKeyError": "storage.errors",
    "KdfParams": "storage.keyring",
    "Keyring": "storage.keyring",
    "KeyringEntry": "storage.keyring",
    "KeyringError": "storage.keyring",
    "LockedOutError": "storage.keyring",
    "PinError": "storage.keyring",
    "PinRejected": "storage.keyring",
    "WrongPinError": "storage.keyring",
    "head_revision": "storage.migrate",
    "open_database": "storage.migrate",
    "Repository": "storage.repository",
}

__all__ = sorted(_WHERE)


__getattr__ = lazy_names("storage", _WHERE, globals())
