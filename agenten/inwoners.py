"""Residents: the column table that holds their state, and the thin Mesa agent view on a row.

Main objects:
    * :class:`InwonerTabel` - one numpy array per state variable; rules elsewhere update whole
      columns (or index subsets) at once.
    * :class:`Inwoner` - a Mesa ``Agent`` that reads and writes one row of the table, created
      lazily (``model.inwoner(id)`` / ``model.inwoner_agenten()``) so that Mesa tooling works
      without paying ~4 us per resident at start-up.
    * Code lists (``INKOMENSBRONNEN``, ``HUISHOUDENS``, ``KLANTPROFIELEN``, ``BELEMMERINGEN``,
      ``VOORZIENINGEN``) that map the integer codes in the columns to their Dutch names.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np

INKOMENSBRONNEN = ("geen", "werk", "ww", "bijstand", "wajong", "wsw", "aow")
GEEN, WERK, WW, BIJSTAND, WAJONG, WSW, AOW = range(7)

#: A resident's role in the household (column ``huishouden``): living alone, the one parent of
#: the children at home, one of the two partners of a couple, a child living at home (of any
#: age), another member (an adult sharing a home with adults who are not a partner or parent:
#: CBS "overig lid huishouden").
HUISHOUDENS = ("alleenstaand", "alleenstaande_ouder", "paar", "thuiswonend_kind", "overig_lid")
ALLEENSTAAND, ALLEENSTAANDE_OUDER, PAAR, KIND, OVERIG_LID = range(5)
#: ``huishouden_id`` of a new row before it is placed in a household.
GEEN_HUISHOUDEN = -1

#: Tabel 4.1 profiles (fase 4) followed by the two non-fase-4 groups.
KLANTPROFIELEN = ("alleenstaande_ouders", "jongeren", "ex_psychiatrisch", "verslaafd_dakloos",
                  "oudkomers", "vrouwen_50plus", "mannen_50plus", "overig",
                  "uitvallers_fase_2_3", "fase_1")
GEEN_PROFIEL = -1
#: ``diagnose_maand`` of someone never diagnosed (far enough in the past to be due at once).
NOOIT = -30000

#: The six obstacles of Tabel 4.1, as bits of the ``belemmeringen`` column.
BELEMMERINGEN = ("psychisch", "fysiek", "sociale_vaardigheden_taal", "schulden",
                 "zorg_voor_naasten", "sociaal_isolement")
PSYCHISCH, FYSIEK, TAAL, SCHULDEN, NAASTEN, ISOLEMENT = (1 << k for k in range(6))

#: Services a resident can receive, as bits of ``zorg`` (active) and ``wacht`` (waiting).
VOORZIENINGEN = ("hh", "hulpmiddel", "begeleiding", "dagbesteding",
                 "reintegratie", "schuldhulp", "welzijn", "opvang")
HH, HULPMIDDEL, BEGELEIDING, DAGBESTEDING, REINTEGRATIE, SCHULDHULP, WELZIJN, OPVANG = (
    1 << k for k in range(8))
#: Individual Wmo provisions (maatwerkvoorzieningen): these make someone a Wmo client.
WMO_INDIVIDUEEL = HH | HULPMIDDEL | BEGELEIDING | DAGBESTEDING

#: A child's state in youth care (column ``jeugdhulp``, Jeugdwet): no need, a registered need
#: waiting for care, in care.
JEUGDHULP = ("geen", "wacht", "zorg")
JEUGD_GEEN, JEUGD_WACHT, JEUGD_ZORG = range(3)

_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.int8)


def aantal_bits(x: np.ndarray) -> np.ndarray:
    """Number of set bits per element of a uint8 array (e.g. number of obstacles)."""
    return _POPCOUNT[x]


#: Column name -> dtype. Compact dtypes keep 200,000 residents at a few MB.
KOLOMMEN: dict[str, Any] = {
    "id": np.int64,
    "actief": np.bool_,
    "leeftijd_maanden": np.int16,
    "geslacht": np.int8,            # 0 man, 1 vrouw
    "wijk": np.int16,
    "huishouden": np.int8,          # role in the household: HUISHOUDENS
    "huishouden_id": np.int32,      # the household (shared by its members), GEEN_HUISHOUDEN
    "inkomensbron": np.int8,
    "awbz_extramuraal": np.bool_,
    "fase": np.int8,                # 0 none, 1, 2 (= fase 2/3), 4
    "klantprofiel": np.int8,
    "belemmeringen": np.uint8,      # bitmask of BELEMMERINGEN
    "bekend": np.uint8,             # obstacles known to the municipality (bitmask)
    "trede": np.int8,               # 1..6
    "uitkeringsduur": np.int16,     # months in the current bijstand spell
    "ww_duur": np.int16,            # months of WW left
    "verborgen_recht": np.bool_,    # entitled to bijstand but not applied (non-take-up)
    "uit_beeld": np.bool_,          # left bijstand or withdrew an application, no known income
    "deeltijd_inkomen": np.float32,  # earnings beside a benefit (euro/month; bijstand deducts)
    "partner_inkomen": np.float32,  # a recipient's partner's earnings below the norm (netted)
    "sanctie": np.float32,          # share of the norm cut this month (0..1)
    "klantmanager": np.int16,       # index of Professional, -1 none
    "wacht_sinds": np.int16,        # month the client joined the klantmanager queue, -1
    "diagnose_maand": np.int16,     # month of last diagnosis, NOOIT if never
    "zorg": np.uint8,               # bitmask of VOORZIENINGEN active
    "wacht": np.uint8,              # bitmask of VOORZIENINGEN waiting (allocated, no place)
    "wmo_behoefte": np.uint8,       # bitmask of VOORZIENINGEN needed (not yet applied)
    "wmo_aanvraag": np.uint8,       # bitmask applied, waiting for assessment
    "werkgever": np.int16,          # index of Werkgever, -1 none
    "baan_maanden": np.int16,       # months in the current job after leaving bijstand
    "lks": np.bool_,                # loonkostensubsidie on the current job
    "jobcoach": np.bool_,           # jobcoach on the current job (year 1)
    "motivatie": np.float32,        # 0..1
    "activiteit": np.int8,          # without work: 0 social contacts, 1 organised, 2 volunteer
    "wmo_contact": np.int16,        # month of the last contact with the Wmo desk, NOOIT if never
    "jeugdhulp": np.int8,           # children: JEUGDHULP (none, waiting, in care)
}


class InwonerTabel:
    """Column store of all residents (including departed ones, marked ``actief = False``).

    Rows are appended for newcomers and births; departures keep their row until
    :meth:`compacteer` drops inactive rows. Identity is the ``id`` column, not the row.

    Args:
        n: Number of rows to create (all zero except ``id`` and ``actief``).
    """

    def __init__(self, n: int) -> None:
        """Create ``n`` empty residents."""
        self.n = 0
        self._cap = 0
        #: Counts compactions: row indices found before a change of ``indeling`` are stale.
        self.indeling = 0
        self.kol: dict[str, np.ndarray] = {k: np.zeros(0, dtype=t) for k, t in KOLOMMEN.items()}
        self._volgend_id = 0
        #: The next unused household id (ids are never reused, so an id held by no active
        #: resident is a household that no longer exists).
        self.volgend_huishouden = 0
        self.voeg_toe(n)

    def __len__(self) -> int:
        """Number of rows (active or not)."""
        return self.n

    def __getattr__(self, naam: str) -> np.ndarray:
        """Column access as an attribute, a view of the used rows: ``tabel.trede``.

        The views are kept as instance attributes (refreshed whenever the rows change, see
        :meth:`_toon_kolommen`), so this is only the fallback before the first refresh.
        """
        kol = self.__dict__.get("kol")
        if kol is not None and naam in kol:
            return kol[naam][: self.n]
        raise AttributeError(naam)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle or copy the columns only; the attribute views are rebuilt on load."""
        return {k: v for k, v in self.__dict__.items() if k not in self.kol}

    def __setstate__(self, staat: dict[str, Any]) -> None:
        """Restore the columns and expose them as attributes again."""
        self.__dict__.update(staat)
        self._toon_kolommen()

    def _toon_kolommen(self) -> None:
        """Expose each column as an attribute holding a view of the used rows.

        Verbs read columns hundreds of times a month; a plain attribute is cheaper than
        :meth:`__getattr__` slicing anew each time.
        """
        for naam, arr in self.kol.items():
            self.__dict__[naam] = arr[: self.n]

    def voeg_toe(self, k: int) -> np.ndarray:
        """Append ``k`` new residents with defaults; returns their row indices.

        Args:
            k: Number of rows to add.

        Returns:
            Row indices of the new residents.
        """
        self._groei(k)
        rijen = slice(self.n, self.n + k)  # the new rows are contiguous: slice assignment
        self.n += k
        for naam in KOLOMMEN:
            self.kol[naam][rijen] = 0
        for naam, waarde in (("actief", True), ("klantmanager", -1), ("wacht_sinds", -1),
                             ("diagnose_maand", NOOIT), ("werkgever", -1),
                             ("wmo_contact", NOOIT),
                             ("klantprofiel", GEEN_PROFIEL), ("trede", 1),
                             ("huishouden_id", GEEN_HUISHOUDEN)):
            self.kol[naam][rijen] = waarde
        self.kol["id"][rijen] = np.arange(self._volgend_id, self._volgend_id + k)
        self._volgend_id += k
        self._toon_kolommen()
        return np.arange(rijen.start, rijen.stop)

    def voeg_toe_als(self, voorbeeld: np.ndarray) -> np.ndarray:
        """Append copies of the given rows (new ids, active); returns their row indices.

        Args:
            voorbeeld: Rows to copy (may repeat).

        Returns:
            Row indices of the new residents.
        """
        k = len(voorbeeld)
        self._groei(k)
        rijen = slice(self.n, self.n + k)  # contiguous: slice assignment
        self.n += k
        for arr in self.kol.values():
            arr[rijen] = arr[voorbeeld]
        self.kol["actief"][rijen] = True
        self.kol["id"][rijen] = np.arange(self._volgend_id, self._volgend_id + k)
        self._volgend_id += k
        self._toon_kolommen()
        return np.arange(rijen.start, rijen.stop)

    def nieuwe_huishoudens(self, k: int) -> np.ndarray:
        """``k`` new household ids (never used before)."""
        ids = np.arange(self.volgend_huishouden, self.volgend_huishouden + k, dtype=np.int32)
        self.volgend_huishouden += k
        return ids

    def _groei(self, k: int) -> None:
        """Make room for ``k`` more rows (capacity grows by a quarter at a time)."""
        if self.n + k > self._cap:
            nieuw = max(int(self._cap * 1.25) + 1024, self.n + k)
            for naam, arr in self.kol.items():
                groter = np.zeros(nieuw, dtype=arr.dtype)
                groter[: self.n] = arr[: self.n]
                self.kol[naam] = groter
            self._cap = nieuw

    def van_actieven(self, naam: str) -> np.ndarray:
        """A column with zeros in the rows of departed residents.

        For counts over the active residents, e.g. of each service bit in ``zorg``: one pass
        over the table instead of first selecting the active rows.
        """
        # A product with the boolean column (np.where is ten times slower on 200,000 rows).
        return self.kol[naam][: self.n] * self.kol["actief"][: self.n]

    def compacteer(self) -> None:
        """Drop inactive rows (keeps ids; row indices change).

        Household ids name households, not rows, so they stay valid; a household whose members
        have all left disappears with their rows.
        """
        houd = np.flatnonzero(self.kol["actief"][: self.n])  # one scan, then gathers per column
        m = len(houd)
        for arr in self.kol.values():
            arr[:m] = arr[houd]
        self.n = m
        self._toon_kolommen()
        self.indeling += 1

    def rijen_van(self, ids: np.ndarray) -> np.ndarray:
        """Rows of the given ids that are still in the table (unknown ids are dropped)."""
        tabel_ids = self.kol["id"][: self.n]
        rij = np.minimum(np.searchsorted(tabel_ids, ids), max(self.n - 1, 0))
        return rij[tabel_ids[rij] == ids] if self.n else rij[:0]

    def rij_van(self, inwoner_id: int) -> int:
        """Row index of the resident with this id.

        Raises:
            KeyError: When no such resident is in the table.
        """
        ids = self.kol["id"][: self.n]
        rij = int(np.searchsorted(ids, inwoner_id))  # ids are increasing by construction
        if rij >= self.n or ids[rij] != inwoner_id:
            raise KeyError(f"no resident with id {inwoner_id}")
        return rij


class Inwoner(mesa.Agent):
    """A resident as a Mesa agent: a thin view on one row of the :class:`InwonerTabel`.

    Attribute reads and writes for state columns go to the table (``agent.trede``,
    ``agent.trede = 4``), so the vectorised rules and the agent always agree. Views are cheap
    and created only when asked for.

    Args:
        model: The Gemeente model.
        inwoner_id: The resident's id (``id`` column).
    """

    def __init__(self, model: Any, inwoner_id: int) -> None:
        """Create the view (registers the agent with the model, as Mesa agents do)."""
        super().__init__(model)
        object.__setattr__(self, "inwoner_id", int(inwoner_id))

    @property
    def _rij(self) -> int:
        return self.model.tabel.rij_van(self.inwoner_id)

    def __getattr__(self, naam: str) -> Any:
        """Read a state column of this resident."""
        if naam in KOLOMMEN:
            return self.model.tabel.kol[naam][self._rij].item()
        raise AttributeError(naam)

    def __setattr__(self, naam: str, waarde: Any) -> None:
        """Write a state column of this resident (other attributes as usual)."""
        if naam in KOLOMMEN:
            self.model.tabel.kol[naam][self._rij] = waarde
        else:
            object.__setattr__(self, naam, waarde)

    @property
    def leeftijd(self) -> int:
        """Age in whole years."""
        return self.leeftijd_maanden // 12

    @property
    def belemmeringen_namen(self) -> list[str]:
        """Names of this resident's current obstacles."""
        bits = self.belemmeringen
        return [n for k, n in enumerate(BELEMMERINGEN) if bits >> k & 1]

    def step(self) -> None:
        """Residents are stepped as columns by the model's verbs; a view has nothing to do."""
