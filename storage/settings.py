"""The tablet's settings (name -> text), such as the gemeente's monitor key.

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

import sqlalchemy as sa

from storage.models import InstellingRow

MONITOR_KEY_SETTING = "monitor_sleutel"  # the gemeente's key: this tablet takes part in the monitor


class Settings:
    def get_instelling(self, naam: str) -> str | None:
        with self._read() as conn:
            return conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == naam)).scalar()

    def set_instelling(self, naam: str, waarde: str, *, overwrite: bool = True) -> str:
        """Store a setting; with ``overwrite=False`` an existing value wins. Returns the value
        that is stored now (so two first uses at once agree on one value)."""
        with self._write() as conn:
            current = conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == naam)).scalar()
            if current is None:
                conn.execute(sa.insert(InstellingRow), {"naam": naam, "waarde": waarde})
            elif overwrite and current != waarde:
                conn.execute(sa.update(InstellingRow).where(InstellingRow.naam == naam).values(waarde=waarde))
            else:
                return current
        return waarde
