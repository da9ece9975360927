"""Verb 10, verzamelen: one row of model-level outputs per month (and Mesa's DataCollector).

The row has exactly the columns declared in :data:`simulatie.kern.uitvoer.UITVOER`, in that
order: counted flows come from the month's counters, the rest is measured here from the
resident table and the agents. Per-resident rows are not collected monthly (too slow at 200,000
residents); resident snapshots come from the columns at the start and end of a run.
"""

from __future__ import annotations

import numpy as np

from agenten import inwoners as I
from simulatie.kern import huishoudens as H
from simulatie.kern.overgangen import PLAATSINGSVENSTER
from simulatie.kern.regels import met_werkgever
from simulatie.kern.stappen.wmo import bekend_wmo
from simulatie.kern.toegang import ModelToegang
from simulatie.kern.uitvoer import KOLOMMEN

#: Rows of departed residents that trigger a compaction of the table (share of all rows).
COMPACTEER_VANAF = 0.1


def meet(model: ModelToegang) -> dict[str, float]:
    """Every output of this month by name (counted flows, measured stocks, costs)."""
    t = model.tabel
    actief = t.actief
    volw = model.volwassen()
    # Counts over the whole table (cheaper than selecting 200,000 rows first): rungs are 1..6,
    # so the rung times the adult mask is 0 for everyone else.
    trede_adult = t.trede * volw
    trede_volw = [0] + [_aantal(trede_adult == i) for i in range(1, 7)]
    n_volw = _aantal(volw)
    bij = model.bijstand_rijen()
    trede_bij = np.bincount(t.trede[bij], minlength=7)
    n_obst_bij = I.aantal_bits(t.belemmeringen[bij])
    fase_bij = np.bincount(t.fase[bij], minlength=5)
    duur_bij = t.uitkeringsduur[bij]
    # Rows appended this month (births, newcomers) cannot have risen.
    m = len(model.trede_vorige)
    gestegen = np.flatnonzero(volw[:m] & (t.trede[:m] > model.trede_vorige))
    meervoudig = gestegen[model.bijstand_vorige[gestegen]
                          & (I.aantal_bits(t.belemmeringen[gestegen]) >= 2)]
    zorg = t.van_actieven("zorg")
    zorg_bij = t.zorg[bij]
    t12 = bij[t.trede[bij] <= 2]
    n_wmo = _aantal(zorg & I.WMO_INDIVIDUEEL)
    n_bij = max(len(bij), 1)
    return {
        **model.tellers,
        "maand": model.maand,
        "inwoners": _aantal(actief),
        **{f"trede_{i}": trede_volw[i] for i in range(1, 7)},
        "gemiddelde_trede": (sum(i * trede_volw[i] for i in range(7)) / n_volw
                             if n_volw else 0.0),
        "bijstand": len(bij),
        **{f"bijstand_trede_{i}": int(trede_bij[i]) for i in range(1, 7)},
        "gemiddelde_trede_bijstand": float(t.trede[bij].mean()) if len(bij) else 0.0,
        "buiten_beeld": model.buiten_beeld,
        "niet_gebruik": _aantal(t.verborgen_recht & actief),
        "bijstand_langer_dan_5_jaar": int((duur_bij >= 60).sum()),
        "bijstand_meervoudig": int((n_obst_bij >= 2).sum()),
        **{f"bijstand_fase_{naam}": int(fase_bij[f]) for naam, f in (("1", 1), ("23", 2),
                                                                      ("4", 4))},
        "bijstand_gemiddelde_duur": float(duur_bij.mean()) if len(bij) else 0.0,
        "stijging_trede": len(gestegen),
        "stijging_trede_meervoudig": len(meervoudig),
        "wmo_clienten": n_wmo,
        **{f"wmo_{naam}": _aantal(zorg & bit)
           for naam, bit in (("hh", I.HH), ("hulpmiddel", I.HULPMIDDEL),
                             ("begeleiding", I.BEGELEIDING), ("dagbesteding", I.DAGBESTEDING))},
        "wachtlijst_begeleiding": model.aanbieders["ggz_begeleiding"].wachtlijst,
        "wachtlijst_dagbesteding": model.aanbieders["dagbesteding"].wachtlijst,
        "wachtlijst_schuldhulp": model.aanbieders["schuldhulp"].wachtlijst,
        "wachtlijst_reintegratie": model.aanbieders["reintegratie"].wachtlijst,
        "wachtlijst_wmo_onderzoek": model.wachtend_wmo_onderzoek,
        "wachtlijst_klantmanager": _aantal(t.klantmanager[bij] < 0),
        "bezetting_klantmanagers": float(np.mean([p.bezetting for p in model.klantmanagers])),
        "in_traject_reintegratie": _aantal(zorg & I.REINTEGRATIE),
        "in_schuldhulp": _aantal(zorg & I.SCHULDHULP),
        "in_welzijn": _aantal(zorg & I.WELZIJN),
        "werk_ex_bijstand": len(met_werkgever(model)),
        "nog_in_werk_18m": _nog_in_werk(model),
        "professionals": sum(p.fte for p in model.professionals),
        **model.kosten,
        "wajong": _aantal(actief & (t.inkomensbron == I.WAJONG)),
        "wsw": _aantal(actief & (t.inkomensbron == I.WSW)),
        "awbz_extramuraal": _aantal(t.van_actieven("awbz_extramuraal")),
        "ww": _aantal(actief & (t.inkomensbron == I.WW)),
        "werkzaam_18_aow": _aantal(volw & (t.inkomensbron == I.WERK)) / max(n_volw, 1),
        "buiten_beeld_nu": _aantal(t.van_actieven("uit_beeld")),
        "in_opvang": _aantal(zorg & I.OPVANG),
        "bijstand_met_belemmering": float((n_obst_bij > 0).sum()) / n_bij,
        "bijstand_t12_bekend_wmo": (float(bekend_wmo(model, t12).mean()) if len(t12)
                                    else float("nan")),
        "bijstand_met_wmo": _aantal(zorg_bij & I.WMO_INDIVIDUEEL) / n_bij,
        "wmo_in_bijstand": _aantal(zorg_bij & I.WMO_INDIVIDUEEL) / max(n_wmo, 1),
        "bijstand_hh_hulpmiddel": _aantal(zorg_bij & (I.HH | I.HULPMIDDEL)) / n_bij,
        "bijstand_in_schuldhulp": _aantal(zorg_bij & I.SCHULDHULP) / n_bij,
        **_overlap_regelingen(t, zorg, n_wmo),
        **_huishoudens(t),
        **_naasten(t, zorg),
    }


def _naasten(t: I.InwonerTabel, zorg: np.ndarray) -> dict[str, int]:
    """Residents who care for relatives, and those of them with welzijn support."""
    zorgt = (t.van_actieven("belemmeringen") & I.NAASTEN) > 0
    return {"zorg_voor_naasten": _aantal(zorgt),
            "mantelzorgondersteuning": _aantal(zorgt & ((zorg & I.WELZIJN) > 0))}


def _huishoudens(t: I.InwonerTabel) -> dict[str, int]:
    """Households with a member in bijstand, and households using two or more schemes."""
    regelingen = H.regelingen(t)
    return {"huishoudens_bijstand": _aantal(regelingen & H.BIT_BIJSTAND),
            "huishoudens_twee_voorzieningen": H.twee_of_meer(regelingen)}


def _overlap_regelingen(t: I.InwonerTabel, zorg: np.ndarray, n_wmo: int) -> dict[str, float]:
    """Share of Wmo clients with AOW, and of Wsw employees with an individual provision."""
    bron = t.van_actieven("inkomensbron")
    maatwerk = (zorg & I.WMO_INDIVIDUEEL) > 0
    wsw = bron == I.WSW
    return {"wmo_met_aow": _aantal(maatwerk & (bron == I.AOW)) / max(n_wmo, 1),
            "wsw_met_wmo": _aantal(maatwerk & wsw) / max(_aantal(wsw), 1)}


def verzamelen(model: ModelToegang) -> None:
    """Append this month's row to ``model.reeks`` and let the DataCollector record it."""
    waarden = meet(model)
    model.reeks.append({naam: waarden[naam] for naam in KOLOMMEN})
    model.datacollector.collect(model)
    # Keep the arrays compact: drop departed rows once they are a tenth of the table.
    t = model.tabel
    if len(t) - _aantal(t.actief) > COMPACTEER_VANAF * len(t):
        t.compacteer()


def _aantal(masker: np.ndarray) -> int:
    """Number of True (non-zero) values in a mask."""
    return int(np.count_nonzero(masker))


def _nog_in_werk(model: ModelToegang) -> float:
    """Share of those who left bijstand for work a placement window ago that is in work now.

    NaN when nobody left for work in that month.
    """
    ids = model.cohort_werk.pop(model.maand - PLAATSINGSVENSTER, None)
    if ids is None or len(ids) == 0:
        return float("nan")
    t = model.tabel
    rij = t.rijen_van(ids)
    # Residents who died or moved away leave the cohort.
    rij = rij[t.actief[rij]]
    return float((t.inkomensbron[rij] == I.WERK).mean()) if len(rij) else float("nan")
