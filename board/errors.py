"""Errors of the domain. Their messages are plain Dutch (through ``_``, so in the UI language
at the moment they are raised): the UI shows them as they are."""

from __future__ import annotations

from board.i18n import _


class UserError(Exception):
    """An error whose message is for the user (Dutch, or the UI language through ``_``), shown as it is.

    The app catches this one base class: a refused operation (BoardError), a save that
    failed (storage.StorageError), an export that could not be written.
    """


class BoardError(UserError, ValueError):
    """An operation or a value that the board refuses. Nothing was changed."""


class MetingAfgerondError(BoardError):
    """An afgeronde meting is never changed, only followed by a new one."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Deze meting is afgerond en kan niet meer worden veranderd. "
                "Begin een vervolgmeting om verder te gaan."
            )
        )


class LeefgebiedenSetError(BoardError):
    """A leefgebiedenset file that cannot be used. The message names the file and the field."""


class DocumentError(BoardError):
    """A JSON document that is malformed, of an unknown kind or of a newer version."""


class UnknownLeefgebiedError(BoardError, KeyError):
    """A leefgebied key that the meting's set does not have."""

    def __init__(self, key: str, set_naam: str) -> None:
        BoardError.__init__(
            self, _("Het leefgebied {key!r} bestaat niet in de set {set_naam!r}.").format(key=key, set_naam=set_naam)
        )

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
