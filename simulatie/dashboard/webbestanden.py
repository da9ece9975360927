"""The browser files of Solara's page, put in Solara's CDN cache so the dashboard runs offline.

Solara's page loads its front end (the Vuetify app, require.js, Font Awesome) through its own CDN
proxy (``/_solara/cdn/...``), which fetches from jsDelivr on first use and keeps a copy in
``solara.server.settings.assets.proxy_cache_dir``. Training rooms are often offline or behind a
proxy that blocks jsDelivr. jsDelivr serves the files of npm packages, so the same files can be
taken from the npm registry's package archives.

Main functions: :func:`benodigde_pakketten` (read from Solara's page template and settings),
:func:`ontbrekend` and :func:`klaarzetten` (download and unpack what is missing).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tarfile
import urllib.request
from importlib import resources
from pathlib import Path

#: Registry the package archives come from.
NPM_REGISTER = "https://registry.npmjs.org"

_CDN_VERWIJZING = re.compile(r"\{\{\s*cdn\s*\}\}/((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/")
_JS_VERWIJZING = re.compile(r"\$\{this\.getCdn\(\)\}/((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/")
#: Solara components used by the dashboard that load a package through the proxy themselves.
_COMPONENTEN = ("components/markdown.py",)
_PAD_VERWIJZING = re.compile(r"^/?((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/")


def cache_map() -> Path:
    """Solara's CDN cache directory."""
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir)


def benodigde_pakketten() -> list[tuple[str, str]]:
    """The npm packages (name, version) loaded through Solara's CDN proxy.

    Read from Solara's page template and from the components the dashboard uses that load
    packages themselves (Markdown: KaTeX and mermaid).
    """
    from solara.server import settings

    sjabloon = resources.files("solara.server").joinpath("templates/solara.html.j2")
    gevonden = dict.fromkeys(_CDN_VERWIJZING.findall(sjabloon.read_text("utf-8")))
    for pad in _COMPONENTEN:
        bron = resources.files("solara").joinpath(pad)
        if bron.is_file():
            gevonden.update(dict.fromkeys(_JS_VERWIJZING.findall(bron.read_text("utf-8"))))
    gevonden = {p: None for p in gevonden if _past_bij_ipyvue(p[0])}
    if settings.assets.fontawesome_enabled:
        m = _PAD_VERWIJZING.match(settings.assets.fontawesome_path)
        if m:
            gevonden[(m.group(1), m.group(2))] = None
    return list(gevonden)


def _past_bij_ipyvue(naam: str) -> bool:
    """Keep only the Vuetify front end of the installed ipyvue (2 or 3); the template names both."""
    if not naam.startswith("@widgetti/solara-vuetify"):
        return True
    import ipyvue

    drie = int(ipyvue.__version__.split(".")[0]) >= 3
    return ("vuetify3" in naam) == drie


def ontbrekend(map_: Path | None = None) -> list[tuple[str, str]]:
    """Packages of :func:`benodigde_pakketten` that are not in the cache yet."""
    map_ = map_ or cache_map()
    return [(naam, versie) for naam, versie in benodigde_pakketten()
            if not (map_ / f"{naam}@{versie}" / "package.json").is_file()]


def _pak_uit(archief: bytes, doel: Path) -> None:
    """Unpack an npm archive (files under ``package/``) into ``doel``.

    Paths leaving ``doel`` are refused; source maps (a third of the size, never requested by
    the page) are left out.
    """
    with tarfile.open(fileobj=io.BytesIO(archief), mode="r:gz") as tar:
        for lid in tar.getmembers():
            if not lid.isfile():
                continue
            delen = Path(lid.name).parts[1:]
            if not delen or ".." in delen or lid.name.endswith(".map"):
                continue
            pad = doel.joinpath(*delen)
            pad.parent.mkdir(parents=True, exist_ok=True)
            bron = tar.extractfile(lid)
            if bron is not None:
                pad.write_bytes(bron.read())


def klaarzetten(map_: Path | None = None, timeout: float = 30.0) -> list[str]:
    """Download the missing packages from the npm registry into Solara's CDN cache.

    Args:
        map_: Cache directory (default: Solara's).
        timeout: Seconds per download.

    Returns:
        ``"naam@versie"`` of every package placed.

    Raises:
        OSError: When a download fails (no network, registry unreachable).
    """
    map_ = map_ or cache_map()
    geplaatst = []
    for naam, versie in ontbrekend(map_):
        kort = naam.rsplit("/", 1)[-1]
        url = f"{NPM_REGISTER}/{naam}/-/{kort}-{versie}.tgz"
        with urllib.request.urlopen(url, timeout=timeout) as antwoord:  # noqa: S310 - fixed host
            archief = antwoord.read()
        doel = map_ / f"{naam}@{versie}"
        tijdelijk = doel.with_name(f".{doel.name}.{os.getpid()}.tmp")
        shutil.rmtree(tijdelijk, ignore_errors=True)
        _pak_uit(archief, tijdelijk)
        shutil.rmtree(doel, ignore_errors=True)  # a partial copy left by an interrupted fetch
        tijdelijk.rename(doel)
        geplaatst.append(f"{naam}@{versie}")
    return geplaatst
