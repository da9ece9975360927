"""Policy caseloads kept by resident id, so they survive the compaction of the resident table.

:class:`Leden` holds the ids of the residents a policy works with plus per-member values
(e.g. the month of intake); :meth:`Leden.rijen` maps them to current table rows. The row of a
member found once stays valid until the table is compacted (``InwonerTabel.indeling``), so
only new members are looked up in the id column between compactions.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class Leden:
    """Residents followed by a policy, by id, with named per-member columns.

    Args:
        kolommen: Names and dtypes of the per-member columns.
    """

    def __init__(self, **kolommen: Any) -> None:
        """Start empty."""
        self.ids = np.zeros(0, dtype=np.int64)
        self.kol = {naam: np.zeros(0, dtype=dtype) for naam, dtype in kolommen.items()}
        # Position of each member's id in the table's id column (-1: not looked up yet), valid
        # for the table and layout in ``_indeling``.
        self._pos = np.zeros(0, dtype=np.int64)
        self._indeling: tuple[Any, int] | None = None

    def __len__(self) -> int:
        """Number of members."""
        return len(self.ids)

    def rijen(self, tabel: Any) -> tuple[np.ndarray, np.ndarray]:
        """Current rows of the members that are still in the table and active.

        Returns:
            ``(rijen, gevonden)``: rows of the found members, and a boolean mask over members.
        """
        ids_tabel = tabel.id
        if len(self.ids) == 0 or len(ids_tabel) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(len(self.ids), dtype=bool)
        if self._indeling != (tabel, tabel.indeling):
            self._pos = np.full(len(self.ids), -1, dtype=np.int64)
            self._indeling = (tabel, tabel.indeling)
        # Ids are increasing and new residents get larger ids at the end of the table, so a
        # position once found stays right until the next compaction.
        nieuw = np.flatnonzero(self._pos < 0)
        if len(nieuw):
            self._pos[nieuw] = np.searchsorted(ids_tabel, self.ids[nieuw])
        pos = np.minimum(self._pos, len(ids_tabel) - 1)
        gevonden = ids_tabel[pos] == self.ids
        gevonden &= tabel.actief[pos]
        return pos[gevonden], gevonden

    def houd(self, masker: np.ndarray) -> None:
        """Keep only the members where ``masker`` is true."""
        self.ids = self.ids[masker]
        self._pos = self._pos[masker]
        for naam in self.kol:
            self.kol[naam] = self.kol[naam][masker]

    def voeg_toe(self, ids: np.ndarray, **waarden: Any) -> None:
        """Add members (ids must be new) with their column values (scalars or arrays)."""
        ids = np.asarray(ids, dtype=np.int64)
        volgorde = np.argsort(np.concatenate([self.ids, ids]), kind="stable")
        self.ids = np.concatenate([self.ids, ids])[volgorde]
        self._pos = np.concatenate([self._pos, np.full(len(ids), -1, dtype=np.int64)])[volgorde]
        for naam, oud in self.kol.items():
            nieuw = np.broadcast_to(np.asarray(waarden.get(naam, 0), dtype=oud.dtype), len(ids))
            self.kol[naam] = np.concatenate([oud, nieuw])[volgorde]

    def bevat(self, ids: np.ndarray) -> np.ndarray:
        """Whether each of ``ids`` is a member."""
        if len(self.ids) == 0:
            return np.zeros(len(ids), dtype=bool)
        pos = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return self.ids[pos] == ids
