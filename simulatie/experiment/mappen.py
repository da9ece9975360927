"""Results folders: names that are names, not paths, and folders that a failed command removes.

Main objects:
    * :func:`mapnaam` - a folder name built from a scenario, comparison or sweep name: letters,
      digits, ``-``, ``_`` and ``.`` only, never ``..`` or a path.
    * :func:`map_onder` - ``basis/<mapnaam>``, refused when it would lie outside ``basis``.
    * :func:`is_bestand` - whether a path from an input file names a regular file (no error
      for paths the system cannot look up).
    * :func:`controleer_leeg` - refuse a path that is a file or a non-empty folder.
    * :class:`Aanmaak` - a context manager around a command that writes into a folder: it
      creates the folder, and when the command fails it removes what it created (unless
      ``bewaar`` says there is work worth resuming).
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from simulatie.kern.fouten import ScenarioFout, toon_naam
from simulatie.kern.grenzen import MAPNAAM_MAX_TEKENS

#: Names Windows reserves for devices (refused as folder names on every platform).
_GERESERVEERD = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                 *(f"lpt{i}" for i in range(10))}


def mapnaam(naam: str) -> str:
    """A folder name for ``naam``: safe characters only, at most ``MAPNAAM_MAX_TEKENS`` long.

    Letters and digits (accents removed), ``-``, ``_`` and ``.`` are kept; every other run of
    characters (spaces, slashes, ``:``, control characters) becomes one ``_``. Leading dots
    and separators are dropped, so the name can never be ``..`` or a hidden file.

    Args:
        naam: A scenario, comparison or sweep name.

    Returns:
        A non-empty folder name (``naamloos`` when nothing usable is left).
    """
    tekst = unicodedata.normalize("NFKD", str(naam)).encode("ascii", "ignore").decode("ascii")
    tekst = re.sub(r"[^A-Za-z0-9._-]+", "_", tekst)
    tekst = tekst.lstrip("._-")[:MAPNAAM_MAX_TEKENS].rstrip("._-")
    if not tekst:
        return "naamloos"
    if tekst.split(".")[0].lower() in _GERESERVEERD:
        tekst = f"_{tekst}"
    return tekst


def is_bestand(pad: Path) -> bool:
    """Whether ``pad`` is a regular file; ``False`` also when the system cannot look it up.

    :meth:`Path.is_file` raises for some paths taken from input files (a name longer than the
    file system allows, ``ENAMETOOLONG``); for a check before reading, such a path is simply
    not a file.
    """
    try:
        return pad.is_file()
    except OSError:
        return False


def map_onder(basis: str | Path, naam: str, achtervoegsel: str = "") -> Path:
    """The folder ``basis/<mapnaam(naam)><achtervoegsel>``.

    Args:
        basis: The parent folder (e.g. ``resultaten``).
        naam: The name from the input file.
        achtervoegsel: A suffix the program made (``-20261130-120000``, ``-<fingerprint>``).

    Raises:
        ScenarioFout: When the folder would not lie inside ``basis`` (cannot happen with a
            sanitised name; checked all the same).
    """
    basis = Path(basis)
    pad = basis / f"{mapnaam(naam)}{mapnaam(achtervoegsel) if achtervoegsel else ''}"
    if basis.resolve() not in pad.resolve().parents:
        raise ScenarioFout(f"naam {toon_naam(naam)}: the results folder {toon_naam(str(pad))} "
                           f"would leave {toon_naam(str(basis))}")
    return pad


def controleer_leeg(pad: Path, optie: str = "--uit") -> None:
    """Refuse a path that is a file or a folder with anything in it.

    Raises:
        ScenarioFout: Naming the path; results are never overwritten.
    """
    try:
        if pad.exists() and not pad.is_dir():
            raise ScenarioFout(f"{optie} {toon_naam(str(pad))}: exists and is not a folder")
        if pad.is_dir() and any(pad.iterdir()):
            raise ScenarioFout(f"{optie} {toon_naam(str(pad))}: folder exists and is not empty; "
                               "results are never overwritten (choose a new folder)")
    except OSError as fout:
        raise ScenarioFout(f"{optie} {toon_naam(str(pad))}: cannot use it ({fout.strerror})"
                           ) from None


class Aanmaak:
    """The folder a command writes into; what the command created goes again when it fails.

    On entering, ``pad`` is created with its missing parents. When the block raises (also on
    Ctrl+C), the highest folder this command created is removed; when ``pad`` existed and was
    empty, it is emptied again; when it existed with content (a resumed sweep or comparison),
    nothing is removed. ``bewaar`` can keep a folder with work worth resuming (stored runs).

    Args:
        pad: The folder.
        bewaar: Called on failure; True keeps everything.
        optie: The command-line option that chose the folder (for messages).
    """

    def __init__(self, pad: str | Path, bewaar: Callable[[], bool] | None = None,
                 optie: str = "--uit") -> None:
        """Remember the folder; nothing is created before :meth:`__enter__`."""
        self.pad = Path(pad)
        self.bewaar = bewaar
        self.optie = optie
        self._hoogste: Path | None = None
        self._was_leeg = False

    def __enter__(self) -> Path:
        """Create the folder and its missing parents; returns the folder."""
        ontbrekend = [p for p in (self.pad, *self.pad.parents) if not p.exists()]
        self._hoogste = ontbrekend[-1] if ontbrekend else None
        try:
            self._was_leeg = self.pad.is_dir() and not any(self.pad.iterdir())
            self.pad.mkdir(parents=True, exist_ok=True)
        except OSError as fout:
            self._ruim_op()
            raise ScenarioFout(f"{self.optie} {toon_naam(str(self.pad))}: cannot create the "
                               f"folder ({fout.strerror})") from None
        return self.pad

    def __exit__(self, soort: type[BaseException] | None, fout: BaseException | None,
                 tb: TracebackType | None) -> None:
        """On failure remove what was created (unless ``bewaar``); never swallows the error."""
        if soort is None:
            return
        if self.bewaar is not None:
            try:
                if self.bewaar():
                    return
            except OSError:
                return
        self._ruim_op()

    def _ruim_op(self) -> None:
        if self._hoogste is not None:
            shutil.rmtree(self._hoogste, ignore_errors=True)
        elif self._was_leeg and self.pad.is_dir():
            for kind in self.pad.iterdir():
                if kind.is_dir() and not kind.is_symlink():
                    shutil.rmtree(kind, ignore_errors=True)
                else:
                    kind.unlink(missing_ok=True)
