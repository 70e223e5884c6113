"""Storage: SQLAlchemy tables, the repository that saves and loads ``board/`` objects,
the engine (SQLite by default, PostgreSQL for a central database) and the migrations."""

from storage.engine import ENV_VAR, default_url, make_engine, resolve_url
from storage.errors import (
    AfgerondError,
    ConflictError,
    DatabaseOpenError,
    DatabaseTooNewError,
    InvalidValueError,
    KeyRequiredError,
    NotEncryptedError,
    NotFoundError,
    SaveError,
    StorageError,
    WrongKeyError,
)
from storage.keyring import (
    KdfParams,
    Keyring,
    KeyringEntry,
    KeyringError,
    LockedOutError,
    PinError,
    PinRejected,
    WrongPinError,
)
from storage.migrate import head_revision, open_database
from storage.repository import Professional, Repository

__all__ = [
    "ENV_VAR",
    "AfgerondError",
    "ConflictError",
    "DatabaseOpenError",
    "DatabaseTooNewError",
    "InvalidValueError",
    "KdfParams",
    "KeyRequiredError",
    "Keyring",
    "KeyringEntry",
    "KeyringError",
    "LockedOutError",
    "NotEncryptedError",
    "NotFoundError",
    "PinError",
    "PinRejected",
    "Professional",
    "Repository",
    "SaveError",
    "StorageError",
    "WrongKeyError",
    "WrongPinError",
    "default_url",
    "head_revision",
    "make_engine",
    "open_database",
    "resolve_url",
]
