"""Errors of the domain. Their messages are plain Dutch (through ``_``, so in the UI language
at the moment they are raised): the UI shows them as they are. A refusal the inwoner can meet
on the board or in the doel editor carries its ``Melding`` as well, so the inwoner's screens
say it again in the inwoner's language (``UserError.in_taal``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from board.i18n import DEFAULT_LANGUAGE, _, ngettext

if TYPE_CHECKING:
    from board.taal import Vertaler


class Benoemd(Protocol):
    """A field that names something in the reader's language (leefgebied names)."""

    def in_taal(self, code: str) -> str: ...


@dataclass(frozen=True)
class Melding:
    """A message kept untranslated until it is said: the Dutch msgid (and plural and count)
    and its fields; a field may be a Melding itself ("Het doel" in "{what} is leeg") or a
    ``Benoemd`` (names of leefgebieden, said in the reader's language)."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    n: int = 1

    def said(self, tr: Vertaler | None = None) -> str:
        """In ``tr``'s language, or with no ``tr`` in the UI language (``_``)."""
        gettext = _ if tr is None else tr.gettext
        if self.plural is None:
            text = gettext(self.msgid)
        else:
            text = (ngettext if tr is None else tr.ngettext)(self.msgid, self.plural, self.n)
        code = DEFAULT_LANGUAGE if tr is None else tr.code  # the UI keeps the sets' own (Dutch) names
        fields = {k: v.said(tr) if isinstance(v, Melding) else v.in_taal(code) if hasattr(v, "in_taal") else v
                  for k, v in self.params.items()}
        return text.format(**fields)


def melding(msgid: str, **params: object) -> Melding:
    """A message to say later (extracted like ``_``: pybabel's keyword ``melding``)."""
    return Melding(msgid, params)


def meervoud(singular: str, plural: str, n: int, /, **params: object) -> Melding:
    """A message with a plural to say later (pybabel's keyword ``meervoud:1,2``)."""
    return Melding(singular, params, plural, n)


class UserError(Exception):
    """An error whose message is for the user (Dutch, or the UI language through ``_``), shown as it is.

    The app catches this one base class: a refused operation (BoardError), a save that
    failed (storage.StorageError), an export that could not be written.

    Made with a ``Melding`` it is said in the UI language now and in another language on
    request (``in_taal``); made with a string it has one language only.
    """

    def __init__(self, message: str | Melding = "", *rest: object) -> None:
        self.melding = message if isinstance(message, Melding) else None
        super().__init__(message.said() if isinstance(message, Melding) else message, *rest)

    def in_taal(self, tr: Vertaler | None) -> str:
        """The message in ``tr``'s language (None: the UI's) where it was made from a Melding;
        else as raised."""
        if self.melding is None:
            return str(self)
        return self.melding.said(tr)


class BoardError(UserError, ValueError):
    """An operation or a value that the board refuses. Nothing was changed."""


class MetingAfgerondError(BoardError):
    """An afgeronde meting is never changed, only followed by a new one."""

    def __init__(self) -> None:
        super().__init__(
            melding(
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
