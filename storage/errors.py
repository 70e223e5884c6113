"""Errors of storage. Their messages are for the user (through ``_``): the app shows them as they are.

Every error means that nothing was written: a failed save leaves the database as it was.
"""

from __future__ import annotations

from board.errors import BoardError, MetingAfgerondError, UserError


class StorageError(UserError):
    """The database could not do what was asked. Nothing was changed."""


class DatabaseOpenError(StorageError):
    """The database cannot be opened: not a database, damaged, or not ours. The file is left alone."""


class KeyRequiredError(DatabaseOpenError):
    """A local SQLite database was asked for without its key: there is no plaintext fall-back."""

    def __init__(self) -> None:
        super().__init__(
            "De database op deze tablet is versleuteld en kan alleen met de sleutel van een professional "
            "worden geopend. Log in met je pincode."
        )


class NotEncryptedError(DatabaseOpenError):
    """A plain SQLite file where an encrypted database belongs. The file is left alone."""


class WrongKeyError(DatabaseOpenError):
    """The key does not open this database (or the file is damaged). The file is left alone."""


class DatabaseTooNewError(DatabaseOpenError):
    """The database was written by a newer version of the app."""


class SaveError(StorageError):
    """Writing failed (disk full, device gone, database locked). The state before is intact."""


class NotFoundError(StorageError, LookupError):
    """The asked-for inwoner, professional or meting is not in the database."""


class ConflictError(StorageError):
    """The database does not hold what the caller thought it held (changed elsewhere, or a duplicate)."""


class InvalidValueError(StorageError, BoardError):
    """A value that the board would refuse reached the repository directly. Nothing was written."""


class AfgerondError(MetingAfgerondError, StorageError):
    """An afgeronde meting is never changed: the repository and the database both refuse."""
