"""The database the screenshot scripts draw from: a fresh one in a folder of their own, with
one professional, made with a fast key derivation (pictures only, never a real tablet)."""

from __future__ import annotations

from pathlib import Path

from storage.keyring import KdfParams, Keyring
from storage.repository import Repository

FAST = KdfParams(memory_kib=64, time_cost=1)


def open_sample_database(data: Path, pin: str) -> tuple[str, Repository]:
    """(url, open repository) of a new database in ``data``; call after Kivy's ``configure()``."""
    from kivy.base import EventLoop

    url = f"sqlite:///{data / 'magneetbord.sqlite3'}"
    EventLoop.ensure_window()
    keyring = Keyring.for_database(url, kdf=FAST)
    _, key = keyring.add_professional("Sanne de Vries", pin)
    return url, Repository.open(url, key, create=True)  # the first start: keyring and database made together
