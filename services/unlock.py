"""Open the encrypted database from the command line: the PIN from ``MAGNEETBORD_PIN`` or asked
without echo, the professional from ``MAGNEETBORD_PROFESSIONAL`` (name or id) when the tablet
has more than one. Every subcommand that opens the database uses ``open_for_cli`` (through
``cli.common.with_repository``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
import warnings
from collections.abc import Callable

from board.i18n import _
from board.lock import pin_problem
from storage import demo_tablet
from storage.errors import StorageError
from storage.keyring import DEFAULT_KDF, KdfParams, Keyring, KeyringEntry
from storage.repository import Repository
from storage.urls import is_sqlite, resolve_url

PIN_ENV = "MAGNEETBORD_PIN"
PROFESSIONAL_ENV = "MAGNEETBORD_PROFESSIONAL"
DEMO_NAAM = "Demo Professional"


class UnlockError(StorageError):
    """The command line could not unlock the database; the message says what to do."""


def open_for_cli(
    args: argparse.Namespace,
    *,
    create_demo: bool = False,
    kdf: KdfParams = DEFAULT_KDF,
    ask: Callable[[str], str] | None = None,
    say: Callable[[str], None] = print,
) -> Repository:
    """The repository for ``args.db`` (or the default database), unlocked with a professional's PIN.

    ``ask``: how to ask for the professional and the PIN (default: ``input`` and ``getpass``, no echo).
    ``create_demo``: on a tablet without professionals, add "Demo Professional" with the PIN
    from ``MAGNEETBORD_PIN`` or a random one, and tell it (``say``). The repository's ``actor``
    is the professional, for the audit log. A central PostgreSQL database needs no PIN here: its
    server checks who connects. Raises a ``StorageError`` with a Dutch message."""
    url = resolve_url(getattr(args, "db", None))
    if not is_sqlite(url):
        return Repository.open(url)
    keyring = Keyring.for_database(url, kdf=kdf)
    if keyring.is_empty():
        if not create_demo:
            raise UnlockError(
                _(
                    "Er staat nog geen professional op deze tablet. Start de app en maak een account, "
                    "of vul voorbeeldgegevens met: python3 main.py demo"
                )
            )
        pin = _demo_pin()
        professional_id, key = keyring.add_professional(DEMO_NAAM, pin)
        demo_tablet.mark(url)  # demo --opnieuw may throw this database away (a missed PIN)
        say(
            _(
                "Nieuwe professional '{naam}' gemaakt. Pincode: {pin} (bewaar die: zonder pincode geen gegevens; "
                "kwijt? python3 main.py demo --opnieuw maakt de voorbeeldgegevens opnieuw, met een nieuwe pincode)."
            ).format(naam=DEMO_NAAM, pin=pin)
        )
        return Repository.open(url, key, actor=professional_id, create=True)
    if create_demo and any(p.naam != DEMO_NAAM for p in keyring.professionals()):
        # A tablet in use: invented inwoners would sit among the real ones, go out with the
        # next export and count in the gemeente's monitor.
        raise UnlockError(
            _(
                "Op deze tablet werken al professionals: de voorbeeldgegevens zouden tussen echte inwoners komen. "
                "Probeer het voorbeeld in een eigen map, bijvoorbeeld: "
                "MAGNEETBORD_DATA_DIR=/tmp/magneetbord-demo python3 main.py demo"
            )
        )
    professional = _choose(keyring.professionals(), ask or input)
    prompt = _("Pincode van {naam}: ").format(naam=professional.naam)
    pin = os.environ.get(PIN_ENV) or _ask(ask or read_pin, prompt)
    key = keyring.unlock(professional.id, pin)
    return Repository.open(url, key, actor=professional.id)


def read_pin(prompt: str) -> str:
    """The PIN without echo from the terminal (``getpass``). Without a terminal (the PIN piped
    in, a scheduled job) Python would warn in English that it may be echoed; instead one Dutch
    line on stderr says the PIN is read from the input, and it is read from there."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)  # raised before anything is read
        try:
            return getpass.getpass(prompt)
        except getpass.GetPassWarning:
            pass
    sys.stderr.write(
        _(
            "Er is geen terminal: de pincode wordt van de invoer gelezen (zonder verbergen). "
            "Zet hem liever in de omgevingsvariabele {env}."
        ).format(env=PIN_ENV)
        + "\n"
        + prompt
    )
    sys.stderr.flush()
    line = sys.stdin.readline()
    sys.stderr.write("\n")  # the input is not echoed: what follows starts on a line of its own
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def _demo_pin() -> str:
    given = os.environ.get(PIN_ENV)
    if given:
        problem = pin_problem(given)
        if problem:
            raise UnlockError(f"{PIN_ENV}: {problem}")
        return given
    while True:
        pin = f"{secrets.randbelow(10**6):06d}"
        if pin_problem(pin) is None:
            return pin


def _choose(professionals: list[KeyringEntry], ask: Callable[[str], str]) -> KeyringEntry:
    wanted = os.environ.get(PROFESSIONAL_ENV)
    if wanted is None and len(professionals) == 1:
        return professionals[0]
    if wanted is None:
        names = ", ".join(p.naam for p in professionals)
        wanted = _ask(ask, _("Wie ben je? ({namen}): ").format(namen=names))
    for professional in professionals:
        if wanted.strip().casefold() in (professional.naam.casefold(), professional.id):
            return professional
    raise UnlockError(_("Er staat geen professional '{wanted}' op deze tablet.").format(wanted=wanted.strip()))


def _ask(ask: Callable[[str], str], prompt: str) -> str:
    try:
        return ask(prompt)
    except (EOFError, KeyboardInterrupt, OSError):
        raise UnlockError(
            _(
                "Geen pincode gekregen. Typ hem als erom gevraagd wordt, of zet hem in de omgevingsvariabele {env}."
            ).format(env=PIN_ENV)
        ) from None
