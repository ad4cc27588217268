"""The one loop that makes every drawing of a build: memo → layout → draw → SVG step → memo.

Charts, printed forms and relation maps differ only in their steps (a `Cara`): how an item is
laid out, how a part is written (DOT for Graphviz, or the finished SVG), and the SVG step
after Graphviz. The loop is the same for all: an item already drawn by the same code is read
back from the memo (checked on read); the others are laid out and drawn in chunks of
`POTONGAN` (one Graphviz batch per chunk, so a whole handbook costs a few `render_many`
calls and memory holds one chunk's SVG); one item that cannot be laid out or drawn becomes a
notice for its own page, never a stopped build.

Public API::

    gambar_bagan(sops, gv, maks_langkah=None) -> dict[id, BaganSop]     # page charts
    gambar_peta(daftar_peta, gv) -> dict[kunci, tuple[Peta, BaganSop]]  # relation maps
    gambar_formulir(sops, bagan, kertas, maks_langkah, memo, keterangan) -> dict[id, FormulirSop]
    gambar(barang, cara, memo, gv=None) -> dict[nama, BaganSop]         # the loop itself
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..indexes import buat_slug
from ..model import Sop
from .dot import dot_peta, ke_dot
from .formulir import FormulirSop, css_halaman, formulir_sah, kertas_sah, svg_lembar, tata_formulir
from .graphviz import Graphviz
from .lajur import tata_letak
from .memo import Memo, daftar_svg, kunci
from .peta import Peta
from .svg import SvgTidakSah, siapkan_svg, svg_halaman

ID_PREFIX = "bagan"  # symbol ids on a SOP page: bagan-langkah-N
POTONGAN = 128  # items drawn per Graphviz batch: enough to keep both cores busy

T = TypeVar("T")  # what is drawn: a SOP, a map
L = TypeVar("L")  # one part of its layout: a chart part, a printed page, a map


@dataclass(frozen=True)
class BaganSop:
    """A drawing (chart, map or printed form): inline SVG per part, or why there is none."""

    svg: Sequence[str] = ()  # a tuple, or memo.SvgDisimpan (read from disk when rendered)
    galat: str | None = None

    @property
    def lebar_pt(self) -> tuple[float, ...]:
        """Natural width of each part, so the page can shrink a chart only so far."""
        return tuple(float(m[1]) if (m := _LEBAR.search(s)) else 0.0 for s in self.svg)

    @property
    def kop_pt(self) -> tuple[float, ...]:
        """Height of each chart part from its top edge to the foot of the lane headers (0: none),
        so the page can keep an HTML copy of the headers in view exactly over the drawn ones."""
        hasil = []
        for s in self.svg:
            geser, kop = _GESER.search(s), _KOP.search(s)
            hasil.append(round(float(geser[1]) + float(kop[1]), 1) if geser and kop else 0.0)
        return tuple(hasil)


_LEBAR = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"')
_GESER = re.compile(r'class="graph" transform="translate\([\d.]+ ([\d.]+)\)"')
# The first lane header's box: its bottom edge is the third point (y up, so negative).
_KOP = re.compile(r'-judul-0"[^>]*><polygon [^>]*?points="[^ ]+ [^ ]+ [\d.]+,(-[\d.]+) ')


@dataclass(frozen=True)
class Cara(Generic[T, L]):
    """How one kind of drawing is made; the loop (`gambar`) does the rest."""

    nama: str  # the drawing's name in notices ("bagan", "peta", "formulir cetak")
    kunci: Callable[[T], tuple[object, ...]]  # what the result depends on, besides the code
    susun: Callable[[T], Sequence[L]]  # layout: the parts ([]: nothing to draw)
    tulis: Callable[[L], str]  # a part as DOT (with Graphviz) or as the finished SVG
    rapikan: Callable[[L, str], str] | None = None  # the SVG step after Graphviz
    cocok: Callable[[Any], bool] = daftar_svg  # the shape a memo entry must have


def gambar(barang: Iterable[tuple[str, T]], cara: Cara[T, L], memo: Memo,
           gv: Graphviz | None = None) -> dict[str, BaganSop]:
    """Draw every `(name, item)`: through `gv` when given, else `cara.tulis` writes the SVG.

    Raises only `GraphvizMissing`. Memo hits are counted in `memo.kena`, damaged entries
    (each drawn again) in `memo.rusak`.
    """
    hasil: dict[str, BaganSop] = {}
    daftar = list(barang)
    for awal in range(0, len(daftar), POTONGAN):
        antrean: list[tuple[str, str, Sequence[L], list[str]]] = []  # name, key, parts, text
        for nama, x in daftar[awal:awal + POTONGAN]:
            k = kunci(cara.nama, *cara.kunci(x))
            lama = memo.ambil(k, cara.cocok)
            if lama is not None:
                hasil[nama] = BaganSop(memo.pegangan(k, lama, cara.cocok))
                continue
            try:
                bagian = cara.susun(x)
                antrean.append((nama, k, bagian, [cara.tulis(b) for b in bagian]))
            except Exception as e:  # a layout bug must cost one drawing, not the handbook
                hasil[nama] = BaganSop(
                    galat=f"{cara.nama} tidak dapat disusun ({type(e).__name__}: {e})")
        for nama, k, b in _gambar_antrean(antrean, cara, gv):
            hasil[nama] = BaganSop(memo.simpan_svg(k, list(b.svg), cara.cocok)) if b.svg else b
    return hasil


def _gambar_antrean(antrean: list[tuple[str, str, Sequence[L], list[str]]], cara: Cara[T, L],
                    gv: Graphviz | None) -> list[tuple[str, str, BaganSop]]:
    """One chunk's drawings: its DOT sources in one Graphviz batch, then the SVG step."""
    if gv is None:
        return [(nama, k, BaganSop(tuple(teks))) for nama, k, _, teks in antrean]
    keluaran = iter(gv.render_many([t for *_, teks in antrean for t in teks]))
    rapikan = cara.rapikan or (lambda _, svg: svg)
    hasil = []
    for nama, k, bagian, teks in antrean:
        potong = [next(keluaran) for _ in teks]
        gagal = [h.galat for h in potong if not h.ok]
        if not gagal:
            try:
                svg = tuple(rapikan(b, h.svg or "") for h, b in zip(potong, bagian, strict=True))
                hasil.append((nama, k, BaganSop(svg)))
                continue
            except SvgTidakSah as e:
                gagal = [str(e)]
        hasil.append((nama, k, BaganSop(galat=f"Graphviz gagal menggambar {cara.nama}: "
                                               f"{gagal[0]}")))
    return hasil


def _tambah_hitungan(gv: Graphviz, memo: Memo) -> None:
    """Memo hits count as cache hits in the build's log line; damaged entries are listed."""
    gv.cache_hits += memo.kena
    gv.cache_rusak += memo.rusak


def _memo_untuk(gv: Graphviz) -> tuple[str, Memo]:
    """Graphviz's identity (first: it checks that cache_dir can be used) and the memo."""
    identitas = gv.cache_key("")
    return identitas, Memo(gv.cache_dir / "memo" if gv.cache_dir else None)


def cara_bagan(identitas: str, maks_langkah: int | None = None) -> Cara[Sop, Any]:
    """A SOP's page chart: the swimlane layout, drawn by `neato -n2`, capsules rounded."""
    return Cara(
        "bagan", lambda sop: (identitas, sop, maks_langkah or 0),
        lambda sop: tata_letak(sop, maks_langkah or None, samping=True),
        lambda b: ke_dot(b, ID_PREFIX),
        lambda b, svg: svg_halaman(svg, b, ID_PREFIX))


def gambar_bagan(sops: Iterable[Sop], gv: Graphviz,
                 maks_langkah: int | None = None) -> dict[str, BaganSop]:
    """Charts of all `sops` by SOP id. Raises only `GraphvizMissing` (nothing can be drawn).

    A finished chart is memoised (memo.py): an unchanged SOP costs neither layout nor Graphviz;
    such hits are counted in `gv.cache_hits` like Graphviz's own cache hits.
    """
    identitas, memo = _memo_untuk(gv)
    hasil = gambar(((s.id, s) for s in sops), cara_bagan(identitas, maks_langkah), memo, gv)
    _tambah_hitungan(gv, memo)
    return hasil


def gambar_peta(daftar: Sequence[Peta], gv: Graphviz) -> dict[str, tuple[Peta, BaganSop]]:
    """All maps, by `Peta.kunci`; a map that fails becomes a notice, like a chart."""
    identitas, memo = _memo_untuk(gv)

    def rapikan(p: Peta, svg: str) -> str:
        prefix = "peta-" + (buat_slug(p.kunci) if p.kunci else "unit")
        return siapkan_svg(svg, prefix, p.judul, p.deskripsi)

    cara: Cara[Peta, Peta] = Cara("peta", lambda p: (identitas, p), lambda p: (p,), dot_peta,
                                  rapikan)
    hasil = gambar(((p.kunci, p) for p in daftar), cara, memo, gv)
    _tambah_hitungan(gv, memo)
    return {p.kunci: (p, hasil[p.kunci]) for p in daftar}


def gambar_formulir(sops: Iterable[Sop], bagan: bool = True, kertas: str = "F4",
                    maks_langkah: int = 0, memo: Memo | None = None,
                    keterangan: bool = True) -> dict[str, FormulirSop]:
    """Print forms of all `sops` by id, written directly as SVG (no drawing program).

    `bagan=False` (`cetak_bagan: false`), or a SOP with `bagan_alir: false`: page rule only,
    and the print file uses its HTML table. Finished pages are memoised in `memo`, so an
    unchanged SOP costs no layout on the next build; what is read back is checked, and
    recomputed when it is not ours (counted in `memo.rusak`). Never raises for one SOP.
    """
    kertas = kertas_sah(kertas)
    sops = list(sops)
    digambar = [(s.id, s) for s in sops if bagan and s.kegiatan and s.bagan_alir]
    cara: Cara[Sop, Any] = Cara(
        "formulir cetak", lambda sop: (sop, kertas, maks_langkah, keterangan),
        lambda sop: tata_formulir(sop, kertas, maks_langkah, keterangan=keterangan), svg_lembar,
        cocok=formulir_sah)
    hasil = gambar(digambar, cara, memo or Memo(None))
    return {s.id: FormulirSop(kertas, css_halaman(kertas, s), *(
        (h.svg, h.galat) if (h := hasil.get(s.id)) else ())) for s in sops}


__all__ = [
    "ID_PREFIX",
    "BaganSop",
    "Cara",
    "cara_bagan",
    "gambar",
    "gambar_bagan",
    "gambar_formulir",
    "gambar_peta",
]
