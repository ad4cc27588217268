"""Every SOP's swimlane chart for one build, drawn in a single Graphviz batch.

Glue between `diagram` (SOP → layout → DOT, pure) and `graphviz` (DOT → SVG, batched and
cached): a whole handbook costs one `render_many` call, and one chart that cannot be laid out
or drawn becomes a message for its own page instead of stopping the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Sop
from .graphviz import Graphviz
from .lajur import Bagan, ke_dot, svg_halaman, tata_letak
from .memo import Memo, kunci
from .svg import SvgTidakSah

ID_PREFIX = "bagan"  # symbol ids on a SOP page: bagan-langkah-N
POTONGAN = 128  # SOPs drawn per Graphviz batch: enough to keep both cores busy


@dataclass(frozen=True)
class BaganSop:
    """A SOP's chart: inline SVG per part, or why there is none."""

    svg: Sequence[str] = ()  # a tuple, or memo.SvgDisimpan (read from disk when rendered)
    galat: str | None = None

    @property
    def lebar_pt(self) -> tuple[float, ...]:
        """Natural width of each part, so the page can shrink a chart only so far."""
        return tuple(float(m[1]) if (m := _LEBAR.search(s)) else 0.0 for s in self.svg)


_LEBAR = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"')


def gambar_semua(sops: Iterable[Sop], gv: Graphviz,
                 maks_langkah: int | None = None) -> dict[str, BaganSop]:
    """Charts of all `sops` by SOP id. Raises only `GraphvizMissing` (nothing can be drawn).

    A finished chart is memoised (memo.py): an unchanged SOP costs neither layout nor Graphviz;
    such hits are counted in `gv.cache_hits` like Graphviz's own cache hits.
    """
    hasil: dict[str, BaganSop] = {}
    identitas = gv.cache_key("")  # first: it checks that cache_dir can be used
    memo = Memo(gv.cache_dir / "memo" if gv.cache_dir else None)
    daftar = list(sops)
    for awal in range(0, len(daftar), POTONGAN):  # bounded memory: a chunk's SVG at a time
        antrean: list[tuple[str, list[Bagan], list[str]]] = []
        kunci_sop: dict[str, str] = {}
        for sop in daftar[awal:awal + POTONGAN]:
            k = kunci_sop[sop.id] = kunci("bagan", identitas, sop, maks_langkah or 0)
            lama = memo.ambil(k)
            if lama is not None:
                hasil[sop.id] = BaganSop(memo.pegangan(k, lama))
                continue
            try:
                bagian = tata_letak(sop, maks_langkah or None)
                antrean.append((sop.id, bagian, [ke_dot(b, ID_PREFIX) for b in bagian]))
            except Exception as e:  # a layout bug must cost one chart, not the handbook
                hasil[sop.id] = BaganSop(
                    galat=f"bagan tidak dapat disusun ({type(e).__name__}: {e})")
        for sop_id, b in gambar_dot(antrean, gv).items():
            hasil[sop_id] = (BaganSop(memo.simpan_svg(kunci_sop[sop_id], list(b.svg)))
                             if b.svg else b)
    gv.cache_hits += memo.kena
    gv.cache_rusak += memo.rusak
    return hasil


def gambar_dot(antrean: list[tuple[str, list[Bagan], list[str]]],
               gv: Graphviz) -> dict[str, BaganSop]:
    """Draw prepared DOT sources (`(sop id, parts, DOT per part)`) in one batch."""
    semua = [d for _, _, dots in antrean for d in dots]
    keluaran = iter(gv.render_many(semua))
    hasil: dict[str, BaganSop] = {}
    for sop_id, bagian, dots in antrean:
        potong = [next(keluaran) for _ in dots]
        gagal = [h.galat for h in potong if not h.ok]
        if not gagal:
            try:
                hasil[sop_id] = BaganSop(tuple(svg_halaman(h.svg or "", b, ID_PREFIX)
                                               for h, b in zip(potong, bagian, strict=True)))
                continue
            except SvgTidakSah as e:
                gagal = [str(e)]
        hasil[sop_id] = BaganSop(galat=f"Graphviz gagal menggambar bagan: {gagal[0]}")
    return hasil
