"""The architecture holds: layers, no import circles (imports inside functions count), a core
that names no policy, declared outputs that match what a run writes.

``lint-imports`` (contracts in pyproject.toml) checks the layers on module-level imports; these
tests read every import statement at any depth, so an import hidden inside a function cannot
break a layer or close a circle either.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Layers from top to bottom; a module may import from its own layer or a lower one.
LAGEN = ("simulatie.cli", "simulatie.dashboard", "simulatie.experiment", "simulatie.beleid",
         "simulatie.kern", "agenten")


def _modules() -> dict[str, Path]:
    uit = {}
    for pakket in ("simulatie", "agenten"):
        for pad in (ROOT / pakket).rglob("*.py"):
            delen = list(pad.relative_to(ROOT).with_suffix("").parts)
            if delen[-1] == "__init__":
                delen.pop()
            uit[".".join(delen)] = pad
    return uit


MODULES = _modules()


def _imports(naam: str, pad: Path) -> set[str]:
    """Every module this file imports, at any depth (functions, TYPE_CHECKING blocks too)."""
    uit: set[str] = set()
    pakket = naam if pad.name == "__init__.py" else naam.rpartition(".")[0]
    for knoop in ast.walk(ast.parse(pad.read_text("utf-8"))):
        if isinstance(knoop, ast.Import):
            uit.update(a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                delen = pakket.split(".")
                basis = ".".join(delen[: len(delen) - knoop.level + 1] + ([basis] if basis
                                                                           else []))
            for a in knoop.names:
                sub = f"{basis}.{a.name}"
                uit.add(sub if sub in MODULES else basis)
        elif (isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Attribute)
              and knoop.func.attr == "import_module" and knoop.args
              and isinstance(knoop.args[0], ast.Constant)):
            uit.add(str(knoop.args[0].value))
    return {m for m in uit if m in MODULES}


GRAAF = {naam: _imports(naam, pad) for naam, pad in MODULES.items()}


def _laag(module: str) -> int | None:
    for i, laag in enumerate(LAGEN):
        if module == laag or module.startswith(laag + "."):
            return i
    return None


def test_imports_gaan_een_kant_op_ook_binnen_functies():
    fouten = []
    for bron, doelen in GRAAF.items():
        lb = _laag(bron)
        for doel in doelen:
            ld = _laag(doel)
            if lb is not None and ld is not None and ld < lb:
                fouten.append(f"{bron} -> {doel}")
            if doel == "simulatie" and bron != "simulatie":
                fouten.append(f"{bron} imports the root package (public API is for users)")
    assert not fouten, "imports against the layers:\n" + "\n".join(sorted(fouten))


def test_geen_importcirkel():
    """Tarjan's strongly connected components over all imports (any depth)."""
    index: dict[str, int] = {}
    laag: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    cirkels: list[list[str]] = []

    def bezoek(v: str) -> None:
        index[v] = laag[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in GRAAF[v]:
            if w not in index:
                bezoek(w)
                laag[v] = min(laag[v], laag[w])
            elif w in op_stapel:
                laag[v] = min(laag[v], index[w])
        if laag[v] == index[v]:
            deel = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                deel.append(w)
                if w == v:
                    break
            if len(deel) > 1 or v in GRAAF[v]:
                cirkels.append(sorted(deel))

    for v in sorted(GRAAF):
        if v not in index:
            bezoek(v)
    assert not cirkels, f"import circles: {cirkels}"


def test_de_kern_noemt_geen_beleid():
    """No name or string in simulatie/kern mentions a registered policy (sources 'EXT:...'
    excepted: those are keys of public figures)."""
    from simulatie.kern.beleid import register

    namen = set(register())
    assert {"work_first", "preventie"} <= namen
    patroon = re.compile(r"\b(" + "|".join(map(re.escape, sorted(namen))) + r")\b")
    vrij = re.compile(r"\b(?:work[- ]first|integrale teams|contract compliance)\b", re.I)
    fouten = []
    for naam, pad in MODULES.items():
        if not naam.startswith(("simulatie.kern", "agenten")):
            continue
        for tok in tokenize.generate_tokens(io.StringIO(pad.read_text("utf-8")).readline):
            if tok.type not in (tokenize.NAME, tokenize.STRING, tokenize.COMMENT):
                continue
            tekst = re.sub(r"EXT:\w+", "", tok.string)
            if patroon.search(tekst) or vrij.search(tekst):
                fouten.append(f"{pad.relative_to(ROOT)}:{tok.start[0]}: {tok.string[:60]}")
    assert not fouten, "the core names a policy:\n" + "\n".join(fouten)


def test_uitvoer_is_een_keer_verklaard():
    """A run's tijdreeks has exactly the declared columns, in order; counters are declared."""
    from hulp import klein_scenario

    from simulatie import simuleer
    from simulatie.kern.uitvoer import KOLOMMEN, PER_NAAM, TELLERS, referentie_markdown

    ts = simuleer(klein_scenario(maanden=2, inwoners=3_000), seed=1).tijdreeks
    assert list(ts.columns) == [*KOLOMMEN, "seed", "scenario"]
    assert set(TELLERS) <= set(KOLOMMEN)
    for naam in KOLOMMEN:
        u = PER_NAAM[naam]
        assert u.label and u.eenheid and u.beschrijving, naam
        assert (ts[naam].dtype.kind in "iu") == u.geheel or naam == "maand", naam
    # The README's output reference is generated from the declarations.
    readme = (ROOT / "README.md").read_text("utf-8")
    assert referentie_markdown() in readme, ("regenerate the README output reference: "
                                             "python -m simulatie.kern.uitvoer")
