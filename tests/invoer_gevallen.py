"""Malformed inputs for the command line: mutated scenario, comparison and sweep files, arguments.

Shared by the property-based test (``tests/test_invoer_fuzz.py``, draws with hypothesis) and the
benchmark (``benchmarks/fuzz.py``, draws with ``random``): a case is built by
:func:`maak_geval` from a ``kies`` function that picks one of a list of options, and run by
:func:`voer_uit` through the real entry point :func:`simulatie.cli.main` in a fresh folder.

A case is classified as one of:
    * ``ok`` - exit code 0;
    * ``fout`` - exit code 2 with a ``fout: ...`` message;
    * ``traceback`` - an exception left ``main`` or a traceback was printed;
    * ``code`` - any other exit code (e.g. 1: the input passed validation and the runs failed);
    * ``hang`` - the case took longer than its time limit;
    * ``buiten`` - a file or folder was created, changed or removed outside the case's work
      folder, or an existing result inside it was changed (takes precedence over the others).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Picks one of the options (hypothesis: ``data.draw(st.sampled_from(...))``; random: choice).
Kies = Callable[[Sequence[Any]], Any]

#: Placeholder for an absolute path inside the case root (replaced when the files are written).
ABS = "<ABS>"

#: Small municipality (Groningen ratios, 2,000 inhabitants): a 12-month run takes well under 1 s.
GEMEENTE = {"naam": "Klein", "inwoners": 2000, "wwb": 92, "wajong": 37, "wsw": 15,
            "awbz_extramuraal": 65, "wijken": 2}


def scenario_basis(maanden: int) -> dict[str, Any]:
    """A valid small scenario."""
    return {"naam": "klein", "maanden": maanden, "seed": 1, "gemeente": dict(GEMEENTE)}


def vergelijking_basis() -> dict[str, Any]:
    """A valid small comparison (basis and one variant, one replication)."""
    return {"naam": "verg", "scenario": "klein.toml", "replicaties": 1, "seed": 1, "jaren": [1],
            "variant": [{"naam": "wf", "set": {"beleid.work_first.actief": True}}]}


def sweep_basis() -> dict[str, Any]:
    """A valid small sweep (2 lever values x 2 points, 3 months)."""
    return {"naam": "swp", "scenario": "klein.toml", "tijdreeksen": ["bijstand"],
            "constanten": {"maanden": 3},
            "ontwerp": {"methode": "lhs", "n": 2, "replicaties": 1, "seed": 7},
            "hefboom": [{"pad": "beleid.work_first.actief", "waarden": [False, True]}],
            "onzekerheid": [{"pad": "parameters.arbeidsmarkt.openheid", "min": 0.1, "max": 0.4}],
            "uitkomst": [{"naam": "kosten", "kolom": "kosten_totaal", "aggregatie": "som"}]}


#: Values that replace a field: wrong types, non-finite and extreme numbers, names as paths.
RARE_WAARDEN: list[Any] = [
    True, False, 0, -1, 1, 2, 12, 1000, 10**6, 2**63, 10**30, -(10**30), 0.5, 1.5, -0.0, 1e308,
    math.inf, -math.inf, math.nan, "", "12", "abc", "true", "../../elders", "../x", ABS,
    "a/b", "a\\b", "a\x00b", "x" * 300, "con", ".", "..", "é ñ 漢", " ", "\n",
    [], [1, 2], [1.5], ["a"], [True], [[[[1]]]], {}, {"a": 1}, {"maanden": 2},
]

#: Paths a ``--set`` or a variant/constant may name (real, misspelled, or table-valued).
SET_PADEN = [
    "maanden", "seed", "naam", "gemeente.inwoners", "gemeente.wwb", "gemeente.preset",
    "gemeente.naam", "parameters.wmo.behoefte_hh_67_74", "parameters.wmo.awbz_factor",
    "parameters.toewijzen.caseload_regulier", "parameters.toewijzen.formatie_factor",
    "parameters.toewijzen.wmo_consulenten_per_10000", "parameters.aanbieders.prijs_hh",
    "parameters.arbeidsmarkt.openheid", "beleid.work_first.actief", "beleid.preset",
    "beleid.onbekend.actief", "trends.participatiewet", "parameters", "parameters.wmo",
    "gemeente", "", ".", "a..b", "parameters.wmo.foo",
]

#: Texts of a ``--set`` value (TOML notation; the CLI parses them like TOML values).
SET_WAARDEN = ["0", "1", "-1", "0.34", "40", "1e12", "inf", "nan", "-0.0", "true", "\"12\"",
               "abc", "[1, 2]", "{a = 1}", "", "1" * 40, "[" * 50 + "]" * 50, "\"../../x\"",
               "\"Groningen\"", "\"brede_sociale_dienst\""]

#: Texts of whole-number options (``--seed``, ``--replicaties``, ``--workers``, ...).
GETALLEN = ["-1", "0", "1", "abc", "1.5", "", " 3", "18446744073709551616",
            "9223372036854775807", "nan", "1e3", "0x10", "1" * 30]

#: Whole files that are not UTF-8 TOML, or not TOML at all.
RAUW: list[bytes] = [
    b"", b"\x00\x01\x02\xff\xfe binary", "naam = \"é\"\n".encode("latin-1"),
    "naam = \"klein\"\nmaanden = 12\n".encode("utf-16"), b"naam = ", b"[gemeente",
    b"x = " + b"[" * 2000 + b"]" * 2000, b"maanden = 99999999999999999999999999999999",
    "\ufeffnaam = \"bom\"\n".encode(), b"[[variant]]\n[[variant]]\n",
]


def toml(waarde: Any) -> str:
    """A value in TOML notation (inline tables and arrays; floats nan/inf as TOML writes them)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        if math.isnan(waarde):
            return "nan"
        if math.isinf(waarde):
            return "inf" if waarde > 0 else "-inf"
        return repr(waarde)
    if isinstance(waarde, str):
        return json.dumps(waarde, ensure_ascii=False).replace("\\u0000", "\\u0000")
    if isinstance(waarde, list):
        return "[" + ", ".join(toml(v) for v in waarde) + "]"
    if isinstance(waarde, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml(v)}" for k, v in waarde.items()) + "}"
    raise TypeError(type(waarde))


def toml_bestand(data: dict[str, Any]) -> str:
    """A TOML document: each top-level key on its own line (tables inline)."""
    return "".join(f"{json.dumps(str(k))} = {toml(v)}\n" for k, v in data.items())


def _muteer(data: Any, kies: Kies, diepte: int = 0) -> Any:
    """``data`` with one field replaced, removed or added somewhere in it."""
    if isinstance(data, dict) and data:
        sleutel = kies([*data, "__nieuw__"])
        if sleutel == "__nieuw__":
            return {**data, kies(["sett", "onbekend", "naam", "x"]): kies(RARE_WAARDEN)}
        actie = kies(["vervang", "weg", "dieper"] if diepte < 3 else ["vervang", "weg"])
        uit = dict(data)
        if actie == "weg":
            del uit[sleutel]
        elif actie == "vervang" or not isinstance(data[sleutel], dict | list):
            uit[sleutel] = _betaalbaar(sleutel, kies(RARE_WAARDEN))
        else:
            uit[sleutel] = _muteer(data[sleutel], kies, diepte + 1)
        return uit
    if isinstance(data, list) and data:
        i = kies(range(len(data)))
        uit = list(data)
        if kies(["vervang", "dieper", "dubbel"]) == "dubbel":
            uit.append(uit[i])
        elif isinstance(data[i], dict | list) and diepte < 3:
            uit[i] = _muteer(data[i], kies, diepte + 1)
        else:
            uit[i] = kies(RARE_WAARDEN)
        return uit
    return kies(RARE_WAARDEN)


#: Fields whose valid values multiply the work (runs of a comparison or a sweep design).
AANTAL_RUNS = ("replicaties", "n")


def _betaalbaar(sleutel: str, waarde: Any) -> Any:
    """A valid but large run count becomes 3: a case must finish within its time limit.

    ``replicaties = 1000`` is a legal comparison of 2,000 runs, minutes of work and not a hang;
    invalid values (wrong type, out of range) are kept.
    """
    if (sleutel in AANTAL_RUNS and isinstance(waarde, int) and not isinstance(waarde, bool)
            and 3 < waarde <= 1000):
        return 3
    return waarde


@dataclass
class Geval:
    """One case: the files of the work folder and the arguments of ``simulatie``."""

    soort: str
    bestanden: dict[str, bytes | str] = field(default_factory=dict)
    argv: list[str] = field(default_factory=list)

    def beschrijving(self) -> str:
        """The case in one line (for failure messages)."""
        delen = {k: (v if isinstance(v, str) else repr(v[:80]))[:400]
                 for k, v in self.bestanden.items()}
        return f"{self.soort}: simulatie {' '.join(map(repr, self.argv))}; files {delen}"


def _bestand(basis: dict[str, Any], kies: Kies) -> bytes | str:
    """The file of ``basis``: valid, mutated once or twice, or replaced by raw bytes."""
    wat = kies(["geldig", "muteer", "muteer", "muteer2", "rauw"])
    if wat == "rauw":
        return kies(RAUW)
    data = basis
    for _ in range({"geldig": 0, "muteer": 1, "muteer2": 2}[wat]):
        data = _muteer(data, kies)
    return toml_bestand(data)


def _argumenten(kies: Kies, opties: dict[str, Sequence[str]]) -> list[str]:
    """Zero to two mutated options of a command."""
    uit: list[str] = []
    for _ in range(kies([0, 0, 1, 1, 2])):
        optie = kies([*opties, "--set", "--onbekend"])
        if optie == "--onbekend":
            uit += ["--onbekend"]
        elif optie == "--set":
            uit += ["--set", f"{kies(SET_PADEN)}={kies(SET_WAARDEN)}"]
        else:
            uit += [optie, kies(opties[optie])]
    return uit


#: Values of ``--uit``: new, an existing non-empty folder, an existing file, odd names.
UIT = ["uit_nieuw", "uit_vol", "bestand.txt", "uit_nieuw/diep/er", "a\x00b", "", ABS + "/uit"]


def maak_geval(kies: Kies) -> Geval:
    """Build one case.

    Args:
        kies: Picks one element of a sequence.

    Returns:
        The case: the command, its files and its arguments.
    """
    soort = kies(["scenario", "vergelijk", "sweep", "argumenten", "analyseer"])
    maanden = kies([2, 3, 6, 12])
    if soort == "scenario":
        bestanden = {"klein.toml": _bestand(scenario_basis(maanden), kies)}
        argv = ["run", "klein.toml", "--stil"]
    elif soort == "vergelijk":
        bestanden = {"klein.toml": toml_bestand(scenario_basis(12)),
                     "verg.toml": _bestand(vergelijking_basis(), kies)}
        argv = ["vergelijk", "verg.toml", "--workers", "1", "--onzekerheid", "seeds"]
    elif soort == "sweep":
        bestanden = {"klein.toml": toml_bestand(scenario_basis(12)),
                     "swp.toml": _bestand(sweep_basis(), kies)}
        argv = ["sweep", "swp.toml", "--stil"]
    elif soort == "analyseer":
        bestanden = {}
        argv = ["analyseer", kies(["uit_vol", "uit_nieuw", "bestand.txt", "."]),
                *kies([[], ["--uit", kies(UIT)]])]
    else:
        bestanden = {"klein.toml": toml_bestand(scenario_basis(maanden)),
                     "verg.toml": toml_bestand(vergelijking_basis()),
                     "swp.toml": toml_bestand(sweep_basis())}
        commando = kies(["run", "vergelijk", "sweep", "valideer", "dashboard", "geen"])
        if commando == "run":
            argv = ["run", kies(["klein.toml", "ontbreekt.toml", "uit_vol", "bestand.txt"]),
                    "--stil", *_argumenten(kies, {"--seed": GETALLEN, "--uit": UIT})]
        elif commando == "vergelijk":
            argv = ["vergelijk", kies(["verg.toml", "klein.toml"]), "--workers", "1",
                    "--onzekerheid", "seeds",
                    *_argumenten(kies, {"--replicaties": ["1", *GETALLEN],
                                        "--uit": UIT, "--varianten": ["wf", "x", ",", ""],
                                        "--workers": ["0", "-1", "abc", "999"],
                                        "--scheduler": ["foo", "tcp://", "tcp://h:0", ":1"],
                                        "--onzekerheid": ["parameters", "alles", ""],
                                        "--ensemble": ["ontbreekt.parquet", "bestand.txt",
                                                       "uit_vol", "a\x00b", ""]})]
            if argv[1] == "klein.toml":  # every policy: keep it to the basis only
                argv += ["--varianten", "basis", "--replicaties", "1"]
        elif commando == "sweep":
            argv = ["sweep", "swp.toml", "--stil",
                    *_argumenten(kies, {"--workers": ["0", "-1", "abc", "999", "1"],
                                        "--uit": UIT, "--schrijf-elke": GETALLEN,
                                        "--scheduler": ["foo", "tcp://", "tcp://h:0", ":1"]})]
        elif commando == "valideer":  # only arguments that are refused before anything runs
            argv = ["valideer", "klein.toml", kies(["--seeds", "--werkers"]),
                    kies(["0", "1", "-1", "abc", "100000"])]
        elif commando == "dashboard":  # only arguments that are refused before a server starts
            argv = ["dashboard", kies(["--port", "--rekenprocessen", "--host"]),
                    kies(["0", "-1", "abc", "70000", "65536", "a b", "x;y", ""])]
            if argv[1] == "--rekenprocessen" and argv[2] == "0":
                argv[2] = "-1"
            if argv[1] == "--host":  # a bad host with a bad port: never a server
                argv += ["--port", "0"]
        else:
            argv = kies([[], ["--onbekend"], ["onbekend"], ["run"], ["--help"], ["run", "--help"]])
    return Geval(soort, bestanden, argv)


class _Tijd(BaseException):
    """Raised by the alarm when a case takes too long (not an Exception: nothing catches it)."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Tijd


def _stand(map_: Path, behalve: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every path under ``map_`` (except under ``behalve``) with its size and mtime."""
    uit = {}
    for wortel, mappen, bestanden in os.walk(map_):
        w = Path(wortel)
        if behalve is not None and (w == behalve or behalve in w.parents):
            mappen[:] = []
            continue
        for naam in [*mappen, *bestanden]:
            p = w / naam
            if p == behalve:  # the work folder itself changes when the command writes into it
                continue
            st = p.lstat()
            uit[str(p)] = (st.st_size if naam in bestanden else -1, st.st_mtime_ns)
    return uit


@dataclass
class Uitkomst:
    """What a case did."""

    klasse: str
    code: Any
    stderr: str
    seconden: float


def voer_uit(geval: Geval, wortel: Path, limiet_s: int = 60) -> Uitkomst:
    """Run a case through :func:`simulatie.cli.main` in a fresh work folder under ``wortel``.

    The work folder ``wortel/a/b/werk`` (two levels down, so ``../../`` stays inside ``wortel``)
    holds the case's files, an existing results folder ``uit_vol`` and ``resultaten/bestaand``
    and a file ``bestand.txt``; the command runs with it as the current folder.

    Args:
        geval: The case.
        wortel: An empty folder for this case.
        limiet_s: Time limit (SIGALRM; main thread only).

    Returns:
        The class of the outcome (see the module docstring), exit code, stderr and duration.
    """
    from simulatie.cli import main

    werk = wortel / "a" / "b" / "werk"
    (werk / "uit_vol").mkdir(parents=True)
    (werk / "uit_vol" / "resultaat.csv").write_text("bewaar mij\n")
    (werk / "resultaten" / "bestaand").mkdir(parents=True)
    (werk / "resultaten" / "bestaand" / "tijdreeks.parquet").write_bytes(b"bewaar")
    (werk / "bestand.txt").write_text("geen map\n")
    for naam, inhoud in geval.bestanden.items():
        tekst = inhoud.replace(ABS, str(wortel)) if isinstance(inhoud, str) else inhoud
        pad = werk / naam
        if isinstance(tekst, str):
            pad.write_text(tekst, "utf-8")
        else:
            pad.write_bytes(tekst)
    argv = [a.replace(ABS, str(werk / "abs")) for a in geval.argv]  # a chosen --uit
    buiten_voor = _stand(wortel, werk)
    bewaard = {p: v for p, v in _stand(werk).items()
               if "uit_vol" in p or "bestaand" in p or p.endswith(".txt")}
    fout, uit = io.StringIO(), io.StringIO()
    oud_map = Path.cwd()
    oud_alarm = signal.signal(signal.SIGALRM, _alarm)
    begin = time.perf_counter()
    klasse = None
    try:
        os.chdir(werk)
        signal.alarm(limiet_s)
        with contextlib.redirect_stderr(fout), contextlib.redirect_stdout(uit):
            try:
                code: Any = main(argv)
            except SystemExit as e:
                code = e.code if e.code is not None else 0
    except _Tijd:
        code, klasse = None, "hang"
    except Exception as e:  # noqa: BLE001 - any exception leaving main is a finding
        code, klasse = f"{type(e).__name__}: {e}"[:300], "traceback"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, oud_alarm)
        os.chdir(oud_map)
    seconden = time.perf_counter() - begin
    stderr = fout.getvalue()
    if klasse is None:
        if "Traceback (most recent call last)" in stderr:
            klasse = "traceback"
        elif code == 0 or (code == 1 and argv[:1] == ["valideer"]):
            klasse = "ok"  # valideer: exit 1 is a completed validation with failed targets
        elif code == 2 and (stderr.rstrip().splitlines() or [""])[-1].startswith("fout:"):
            klasse = "fout"
        else:
            klasse = "code"
    na = {p: v for p, v in _stand(werk).items() if p in bewaard}
    if _stand(wortel, werk) != buiten_voor or na != bewaard:
        klasse = "buiten"
    return Uitkomst(klasse, code, stderr[-2000:], seconden)
