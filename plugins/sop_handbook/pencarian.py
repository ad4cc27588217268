"""Site search with Pagefind: what a SOP page tells the index, and the index itself.

Pagefind (PyPI `pagefind[bin]`) stems Indonesian, splits its index into small chunks that the
browser fetches per query, and ships its own search API, so a reader's first query costs a few
hundred KB instead of the whole lunr index. We give it, per SOP page, a block of search-only
words (the number's parts, short forms of the regulations, positions) with a high weight,
meta (nomor, unit) for the result line, and filters (unit, jabatan, dasar hukum); the index
pages are indexed with a low weight so that the SOP itself ranks first.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .indexes import Peraturan, urai_dasar_hukum
from .model import Sop

FOLDER = "pagefind"  # under site_dir; the UI loads <base>/pagefind/pagefind.js
AKAR = "article.md-content__inner"  # only the page's content; header, nav and footer are not
# Charts, the checklist (it repeats the procedure table), the print form, permalink signs and
# the edit button: never in the index.
KECUALI = ("[data-search-exclude]", ".headerlink", ".md-content__button", ".md-source-file")
BOBOT_INDEKS = "0.2"  # list and index pages: found, but after the SOPs they list
BOBOT_ALIAS = "10"  # the number's parts and the regulations' short forms of a SOP
JENIS_INDEKS = "Indeks"  # filter value the search box (cari.js) uses to put index pages last

# Ministries' abbreviations readers type ("Permenpan", "Permendagri"), by normalised issuer.
_MENTERI = {"panrb": ("pan", "PANRB"), "dalam negeri": ("dagri",), "keuangan": ("keu",),
            "kesehatan": ("kes",)}
_JENIS_MENTERI = {"Permen": "Permen", "Kepmen": "Kepmen"}


@dataclass(frozen=True)
class DataCari:
    """What a SOP page adds for search only (rendered by templates/_cari.html)."""

    judul: str
    nomor: str
    unit: str  # unit › sub unit, for the result line
    unit_kerja: str  # filter value
    alias: tuple[str, ...]  # search-only words, weighted high (not shown: not already on the page)
    jabatan: tuple[str, ...]  # filter values
    dasar_hukum: tuple[str, ...]  # filter values: one short label per regulation


def alias_nomor(nomor: str) -> list[str]:
    """A SOP number as readers type it: whole without spaces, and each part between '/'
    ("800/14.047/Banhub.A" → "800/14.047/Banhub.A", "14.047", "Banhub.A", "14047")."""
    utuh = re.sub(r"\s+", "", nomor)
    bagian = [b for b in re.split(r"[/\s]+", nomor) if b]
    hasil = [utuh, *bagian]
    hasil += [re.sub(r"[.\-]", "", b) for b in bagian if re.search(r"\d[.\-]\d", b)]
    hasil += [b.replace("-", " ") for b in bagian if "-" in b]  # "SOP-022" → "SOP 022"
    return list(dict.fromkeys(hasil))


def label_peraturan(p: Peraturan) -> list[str]:
    """Short forms of a parsed regulation, the first one for the filter ("Perpres 29/2014",
    "Permenpan 35/2012", "PermenPANRB 35/2012")."""
    jenis = [p.jenis]
    if p.jenis in _JENIS_MENTERI and p.penerbit in _MENTERI:
        jenis = [p.jenis + s for s in _MENTERI[p.penerbit]]
    elif p.jenis in _JENIS_MENTERI and p.penerbit:
        jenis = [f"{p.jenis} {p.penerbit}"]
    elif p.jenis.islower():  # not a known type: its words as parsed ("peraturan arsip nasional")
        jenis = [p.jenis[:1].upper() + p.jenis[1:]]
    return [f"{j} {p.nomor}/{p.tahun}" for j in jenis]


def data_sop(sop: Sop) -> DataCari:
    """Search-only words, meta and filters of one SOP page."""
    dasar: list[str] = []
    alias: list[str] = alias_nomor(sop.nomor)
    for d in sop.dasar_hukum:
        p = urai_dasar_hukum(d)
        if p is None:
            dasar.append(d if len(d) <= 80 else d[:79] + "…")
            continue
        label = label_peraturan(p)
        dasar.append(label[0])
        alias += label
    jabatan = tuple(dict.fromkeys(p.nama for p in sop.pelaksana))
    unit = sop.unit + (f" › {sop.sub_unit}" if sop.sub_unit else "")
    return DataCari(sop.nama, sop.nomor, unit, sop.unit, tuple(dict.fromkeys(alias)), jabatan,
                    tuple(dict.fromkeys(dasar)))


def bobot_rendah(html: str) -> str:
    """An index or list page's body, marked (filter jenis: Indeks) so that the search box lists
    it after the SOP pages, and weighted low."""
    return (f'<span hidden data-pagefind-filter="jenis:{JENIS_INDEKS}"></span>'
            f'<div data-pagefind-weight="{BOBOT_INDEKS}">{html}</div>')


def tanpa_indeks(html: str) -> str:
    """A whole page kept out of the index (the 404 page): its content root is ignored."""
    return html.replace('<article class="md-content__inner',
                        '<article data-pagefind-ignore="all" class="md-content__inner', 1)


# Pagefind's ready-made UIs; our search box (cari.js) uses only pagefind.js and its index.
_UI_LAIN = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
            "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
            "pagefind-highlight.js")


@dataclass(frozen=True)
class HasilIndeks:
    halaman: int  # pages indexed
    berkas: int  # files written under pagefind/
    byte: int  # their size on disk
    detik: float


class PagefindGagal(Exception):
    """Pagefind could not index the site (its binary missing or failing)."""


def bangun_indeks(site: Path) -> HasilIndeks:
    """Index the written site into <site>/pagefind/ (replacing an older index there).

    Only pages with our content root are indexed, so redirect pages and 404 are not."""
    mulai = time.perf_counter()
    keluaran = site / FOLDER
    if keluaran.is_dir():
        shutil.rmtree(keluaran)  # no chunks of an older build left to be fetched
    try:
        halaman = asyncio.run(_bangun(site, keluaran))
    except Exception as e:  # the service reports failures as plain exceptions
        raise PagefindGagal(f"Pagefind gagal membuat indeks pencarian: {e}") from None
    for nama in _UI_LAIN:
        (keluaran / nama).unlink(missing_ok=True)
    berkas = [b for b in keluaran.rglob("*") if b.is_file()]
    return HasilIndeks(halaman, len(berkas), sum(b.stat().st_size for b in berkas),
                       time.perf_counter() - mulai)


async def _bangun(site: Path, keluaran: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # The output path goes in the config: leaving the context writes the files there (an
    # explicit write_files() as well would write twice, the second time to ./pagefind).
    konfig = IndexConfig(root_selector=AKAR, exclude_selectors=list(KECUALI),
                         force_language="id", output_path=str(keluaran))
    async with PagefindIndex(config=konfig) as indeks:
        hasil = await indeks.add_directory(str(site), glob="**/*.html")
    return int(hasil["page_count"])
