"""The tablet's settings (name -> text), such as the gemeente's monitor key.

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

import sqlalchemy as sa

from storage.models import InstellingRow

MONITOR_KEY_SETTING = "monitor_sleutel"  # the gemeente's key: this tablet takes part in the monitor


def read_setting(conn: sa.Connection, naam: str) -> str | None:
    """A setting, read inside a transaction that is already open."""
    return conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == naam)).scalar()


def write_setting(conn: sa.Connection, naam: str, waarde: str) -> None:
    """A setting stored inside a transaction that is already open (with another change:
    ``storage.erasure.erase``)."""
    if read_setting(conn, naam) is None:
        conn.execute(sa.insert(InstellingRow), {"naam": naam, "waarde": waarde})
    else:
        conn.execute(sa.update(InstellingRow).where(InstellingRow.naam == naam).values(waarde=waarde))


class Settings:
    def get_instelling(self, naam: str) -> str | None:
        with self._read() as conn:
            return read_setting(conn, naam)

    def set_instelling(self, naam: str, waarde: str, *, overwrite: bool = True) -> str:
        """Store a setting; with ``overwrite=False`` an existing value wins. Returns the value
        that is stored now (so two first uses at once agree on one value)."""
        with self._write() as conn:
            current = read_setting(conn, naam)
            if current is not None and (not overwrite or current == waarde):
                return current
            write_setting(conn, naam, waarde)
        return waarde
