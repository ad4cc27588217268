"""`sop periksa-tautan`: every internal link and anchor of a built site must lead somewhere.

`mkdocs build --strict` checks links written in Markdown, but not the pages this plugin
generates from YAML (SOP, unit and list pages, the charts' links to their rows, redirects of
`id_lama`), nor what a theme override adds. This checks the *output*, the thing readers get:
every `href`/`src` of every `.html` under the site folder that stays inside the site must name
an existing file, and its `#fragment` an `id` (or `<a name>`) of the target page.

Pure standard library and no network: it runs in CI before publishing and on an offline
intranet machine alike. Each page is parsed once; its ids and links are kept, so a link to a
page that thousands of others also link to costs a set lookup, not another parse.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold a URL the browser follows or loads. `xlink:href` is what SVG charts use.
ATRIBUT_URL = ("href", "src", "xlink:href", "poster", "data")
# Tags whose `href` is not followed as a link (feeds, canonical, alternate languages are absolute
# or informational; preconnect/dns-prefetch name hosts, not files).
REL_ABAIKAN = {"canonical", "alternate", "preconnect", "dns-prefetch", "me"}
_REFRESH = re.compile(r"^\s*\d*\s*;?\s*url\s*=\s*['\"]?([^'\"]*)", re.I)
# Below this many pages one process is faster than starting workers.
AMBANG_PARALEL = 400


@dataclass
class Halaman:
    """What one parse of a page yields: its anchors and its links (url, line)."""

    id: set[str] = field(default_factory=set)
    tautan: list[tuple[str, int]] = field(default_factory=list)
    kanonik: str | None = None


class _Pengurai(HTMLParser):
    """Collects ids, `<a name>`, URLs and the canonical link of one page in a single pass."""

    def __init__(self) -> None:
        # Text is ignored, so it need not be decoded: about a third faster than the default.
        super().__init__(convert_charrefs=False)
        self.hasil = Halaman()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.hasil.id.add(a["id"])
        if tag == "a" and "name" in a:
            self.hasil.id.add(a["name"])
        baris = self.getpos()[0]
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and "canonical" in rel:
            self.hasil.kanonik = a.get("href")
        if tag == "link" and rel & REL_ABAIKAN:
            return
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = _REFRESH.match(a.get("content", ""))
            if m and m.group(1).strip():
                self.hasil.tautan.append((m.group(1).strip(), baris))
            return
        for nama in ATRIBUT_URL:
            if nama == "data" and tag != "object":
                continue
            if nama in a:
                self.hasil.tautan.append((a[nama], baris))
        if "srcset" in a:
            for bagian in a["srcset"].split(","):
                url = bagian.strip().split(" ")[0]
                if url:
                    self.hasil.tautan.append((url, baris))

    handle_startendtag = handle_starttag


def urai_halaman(path: Path) -> Halaman:
    """Parse one page. Undecodable bytes are replaced: a bad byte must not hide bad links."""
    p = _Pengurai()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    p.close()
    return p.hasil


def _urai_banyak(paths: list[str]) -> list[Halaman]:
    return [urai_halaman(Path(p)) for p in paths]


def _urai_semua(paths: list[Path]) -> list[Halaman]:
    """Parse all pages; large sites in worker processes (html.parser is pure Python)."""
    pekerja = min(os.cpu_count() or 1, 8)
    if len(paths) < AMBANG_PARALEL or pekerja < 2:
        return [urai_halaman(p) for p in paths]
    ukuran = max(50, len(paths) // (pekerja * 4))
    potongan = [[str(p) for p in paths[i:i + ukuran]] for i in range(0, len(paths), ukuran)]
    hasil: list[Halaman] = []
    try:
        with ProcessPoolExecutor(max_workers=pekerja) as ex:
            for bagian in ex.map(_urai_banyak, potongan):
                hasil.extend(bagian)
    except (OSError, RuntimeError):  # no fork/semaphores here (some containers): do it inline
        return [urai_halaman(p) for p in paths]
    return hasil


def luar(url: str) -> bool:
    """True for URLs that leave the site: any scheme (http:, mailto:, data:, javascript:, tel:)
    or a protocol-relative `//host/...`. Those are not ours to check offline."""
    u = url.strip()
    return u.startswith("//") or bool(urlsplit(u).scheme)


@dataclass(frozen=True)
class TautanRusak:
    halaman: str  # page, relative to the site folder, with '/'
    url: str
    sebab: str
    baris: int = 0

    def __str__(self) -> str:
        return f"{self.halaman}: tautan rusak '{self.url}' ({self.sebab})"


@dataclass
class HasilPeriksa:
    rusak: list[TautanRusak]
    jumlah_halaman: int
    jumlah_tautan: int


def _awalan_dari_kanonik(kanonik: str | None) -> str:
    """The URL path the site is served under, from the home page's canonical link.

    With `site_url: https://kantor.github.io/pedoman/`, MkDocs writes `404.html` with
    root-relative links `/pedoman/assets/...`; on disk they live at `assets/...`.
    """
    if not kanonik:
        return "/"
    jalur = urlsplit(kanonik).path or "/"
    return jalur if jalur.endswith("/") else jalur.rsplit("/", 1)[0] + "/"


def periksa(situs: Path, awalan: str | None = None) -> HasilPeriksa:
    """Check every internal link of the built site in `situs`.

    `awalan`: the URL path the site is served under (e.g. `/pedoman/`), for root-relative
    links; by default taken from the home page's canonical link (set by `site_url`), else `/`.
    Paths are handled as strings, not `Path` objects: a large site has 100,000 links.
    """
    akar = str(situs.resolve())
    paths = sorted(p for p in Path(akar).rglob("*.html") if p.is_file())
    halaman = {str(p): h for p, h in zip(paths, _urai_semua(paths), strict=True)}
    if awalan is None:
        beranda = halaman.get(os.path.join(akar, "index.html"))
        awalan = _awalan_dari_kanonik(beranda.kanonik if beranda else None)
    awalan = "/" + awalan.strip("/") + "/" if awalan.strip("/") else "/"

    pemeriksa = _Pemeriksa(akar, awalan, halaman)
    rusak: list[TautanRusak] = []
    jumlah = 0
    for path, hal in halaman.items():
        nama = os.path.relpath(path, akar).replace(os.sep, "/")
        terlapor: set[str] = set()
        for url, baris in hal.tautan:
            if luar(url):
                continue
            jumlah += 1
            if url in terlapor:
                continue
            sebab = pemeriksa.sebab(url, path)
            if sebab:
                terlapor.add(url)
                rusak.append(TautanRusak(nama, url, sebab, baris))
    return HasilPeriksa(rusak, len(paths), jumlah)


class _Pemeriksa:
    """Resolves links against the site on disk, remembering what each path turned out to be."""

    def __init__(self, akar: str, awalan: str, halaman: dict[str, Halaman]) -> None:
        self.akar = akar
        self.awalan = awalan
        self.halaman = halaman
        self.berkas: dict[str, str | None] = {}

    def _relatif(self, path: str) -> str:
        return os.path.relpath(path, self.akar).replace(os.sep, "/")

    def sebab(self, url: str, dari: str) -> str | None:
        """Why `url` on page `dari` is broken, or None if it is fine."""
        bagian = urlsplit(url.strip())
        jalur, fragmen = unquote(bagian.path), unquote(bagian.fragment)
        if not jalur:
            target: str | None = dari
        else:
            if jalur.startswith("/"):
                if not (jalur + "/").startswith(self.awalan):
                    return f"di luar alamat situs {self.awalan}"
                calon = os.path.join(self.akar, jalur[len(self.awalan):])
            else:
                calon = os.path.join(os.path.dirname(dari), jalur)
            calon = os.path.normpath(calon)
            if calon != self.akar and not calon.startswith(self.akar + os.sep):
                return "menunjuk ke luar folder situs"
            if calon not in self.berkas:
                self.berkas[calon] = _berkas_nyata(calon)
            target = self.berkas[calon]
            if target is None:
                lokasi = self._relatif(calon)
                if os.path.isdir(calon):
                    return f"folder {lokasi}/ tanpa index.html"
                return f"berkas tidak ada: {lokasi}"
        if not fragmen or fragmen.lower() == "top" or fragmen.startswith(":~:"):
            return None  # '#', '#top' and text fragments are understood by every browser
        if not target.lower().endswith((".html", ".htm")):
            return None  # #page=2 in a PDF, #L10 in a text file: not ours to judge
        hal = self.halaman.get(target)
        if hal is None:  # an .htm page the scan did not include: parse it now, once
            hal = self.halaman[target] = urai_halaman(Path(target))
        if fragmen in hal.id:
            return None
        tempat = "halaman ini" if target == dari else self._relatif(target)
        return f"jangkar #{fragmen} tidak ada di {tempat}"


def _berkas_nyata(calon: str) -> str | None:
    """The file a server returns for this path: the file itself, or a folder's index.html."""
    if os.path.isfile(calon):
        return calon
    indeks = os.path.join(calon, "index.html")
    if os.path.isfile(indeks):
        return indeks
    return None


def baris_laporan(hasil: HasilPeriksa) -> Iterator[str]:
    """Output lines: one per broken link, then a summary line."""
    yield from (str(r) for r in hasil.rusak)
    if hasil.rusak:
        per_halaman = len({r.halaman for r in hasil.rusak})
        yield (f"{len(hasil.rusak)} tautan rusak di {per_halaman} halaman: perbaiki sumbernya "
               "(berkas Markdown, SOP atau templat), lalu bangun ulang situs.")
    else:
        yield (f"OK — {hasil.jumlah_halaman} halaman, {hasil.jumlah_tautan} tautan internal "
               "diperiksa, tidak ada yang rusak.")


def jalankan(situs: str, awalan: str | None = None) -> tuple[int, list[str]]:
    """The command: (exit code, lines). 1 when a link is broken, 2 when there is no site."""
    akar = Path(situs)
    if not akar.is_dir():
        return 2, [f"folder situs '{situs}' tidak ada — bangun dulu dengan `mkdocs build`."]
    if next(akar.rglob("*.html"), None) is None:
        return 2, [f"folder situs '{situs}' tidak berisi berkas .html — "
                   "apakah ini folder hasil `mkdocs build`?"]
    hasil = periksa(akar, awalan)
    return (1 if hasil.rusak else 0), list(baris_laporan(hasil))

