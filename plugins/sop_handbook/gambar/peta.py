"""Relation maps of the keterkaitan between SOPs, as graphs: nodes, edges, URLs (no DOT).

One map of a whole handbook with hundreds of SOPs is unreadable, so there are two levels:
an overview whose nodes are units (edges counted), and one map per unit whose nodes are that
unit's SOPs, with links to other units summarised as one node per other unit. Nodes carry
URLs (relative to the page that shows the map). Pure: no processes, no pages; dot.py's
`dot_peta` writes a map as DOT for Graphviz's `dot` layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..links import PetaTautan
from ..model import Sop
from .ukur import bungkus

SISI_PER_UNIT = 3  # links drawn from each unit on the overview map
SISI_LURUS = 80  # a unit map with more edges than this is drawn with straight lines


@dataclass(frozen=True)
class Simpul:
    """A node: a unit (overview), a SOP, or another unit summarised on a unit's map (`lain`)."""

    id: str
    label: tuple[str, ...]  # wrapped lines
    url: str
    tooltip: str
    lain: bool = False  # drawn dashed and grey: not this map's own


@dataclass(frozen=True)
class Sisi:
    """An edge; `label` the number of links it stands for, when shown."""

    dari: str
    ke: str
    label: str | None = None
    tebal: float | None = None  # pen width, for counted edges on the overview
    putus: bool = False  # dashed: a link to or from another unit


@dataclass(frozen=True)
class Peta:
    """One map: its graph and the words a screen reader gets instead of the picture."""

    kunci: str  # "" for the overview, else the unit name
    judul: str
    deskripsi: str
    nama: str  # the graph's name
    simpul: tuple[Simpul, ...]
    sisi: tuple[Sisi, ...]
    lurus: bool = False  # straight lines: spline routing of hundreds of edges is too slow


def _label(teks: str, lebar: float = 150.0) -> tuple[str, ...]:
    return tuple(bungkus(teks, lebar))


def peta_ringkas(sops: list[Sop], peta: PetaTautan, url_unit: Callable[[str], str]) -> Peta:
    """Units as nodes; an edge A → B counts the links from SOPs of A to SOPs of B."""
    unit = {s.id: s.unit for s in sops}
    jumlah = Counter(s.unit for s in sops)
    sisi = Counter(
        (unit[t.sumber], unit[t.tujuan])
        for daftar in peta.keluar.values() for t in daftar
        if t.tujuan is not None and t.tujuan in unit
    )
    simpul = tuple(Simpul(u, _label(f"{u} ({jumlah[u]} SOP)", 170), url_unit(u),
                          f"Peta keterkaitan {u}") for u in sorted(jumlah))
    antar = {k: n for k, n in sisi.items() if k[0] != k[1]}  # inside a unit: its own map
    # Each unit's strongest links only: a map of every pair is unreadable (and slow to lay
    # out) once a handbook has dozens of units; the unit maps show all of them.
    tampil = set()
    for u in jumlah:
        keluar = sorted(((n, b) for (a, b), n in antar.items() if a == u),
                        key=lambda x: (-x[0], x[1]))
        tampil |= {(u, b) for _, b in keluar[:SISI_PER_UNIT]}
    garis = tuple(Sisi(a, b, str(antar[(a, b)]), min(1 + antar[(a, b)] / 4, 4))
                  for (a, b) in sorted(tampil))
    catatan = (f" Ditampilkan {SISI_PER_UNIT} tujuan terbanyak per unit; peta tiap unit memuat "
               "semuanya." if len(tampil) < len(antar) else "")
    return Peta("", "Peta keterkaitan antar unit kerja",
                f"{len(jumlah)} unit kerja; {sum(antar.values())} keterkaitan antar unit."
                + catatan, "peta-unit", simpul, garis)


def peta_unit(nama_unit: str, sops: list[Sop], peta: PetaTautan,
              url_sop: Callable[[str], str], url_unit: Callable[[str], str]) -> Peta:
    """The unit's SOPs and their links; links to or from other units end at one node per unit."""
    per_id = {s.id: s for s in sops}
    milik = sorted((s for s in sops if s.unit == nama_unit), key=lambda s: s.id)
    ids = {s.id for s in milik}
    dalam: set[tuple[str, str]] = set()
    keluar: Counter[tuple[str, str]] = Counter()  # (sop here, other unit)
    for s in milik:
        for t in peta.keluar.get(s.id, []):
            if t.tujuan is None or t.tujuan not in per_id:
                continue
            if t.tujuan in ids:
                dalam.add((s.id, t.tujuan))
            else:
                keluar[(s.id, per_id[t.tujuan].unit)] += 1
    masuk: Counter[tuple[str, str]] = Counter(  # (other unit, sop here)
        (per_id[src].unit, a) for a in sorted(ids) for src in peta.masuk.get(a, [])
        if src in per_id and src not in ids
    )
    simpul = [Simpul(s.id, (s.nomor, *_label(s.nama)), url_sop(s.id), f"{s.nomor} {s.nama}")
              for s in milik]
    simpul += [Simpul(f"unit:{u}", _label(u), url_unit(u), f"Peta keterkaitan {u}", lain=True)
               for u in sorted({u for _, u in keluar} | {u for u, _ in masuk})]
    garis = [Sisi(a, b) for a, b in sorted(dalam)]
    garis += [Sisi(a, f"unit:{u}", _n(n), putus=True) for (a, u), n in sorted(keluar.items())]
    garis += [Sisi(f"unit:{u}", b, _n(n), putus=True) for (u, b), n in sorted(masuk.items())]
    return Peta(nama_unit, f"Peta keterkaitan {nama_unit}",
                f"{len(milik)} SOP; {len(dalam)} keterkaitan di dalam unit, "
                f"{sum(keluar.values())} ke unit lain, {sum(masuk.values())} dari unit lain.",
                f"peta-{nama_unit}", tuple(simpul), tuple(garis),
                # Straight lines: spline routing of hundreds of edges took dot 3-7 s per map
                # (and tripled the SVG) at 2,000 SOPs; lines take under one second.
                lurus=len(garis) > SISI_LURUS)


def _n(n: int) -> str | None:
    return str(n) if n > 1 else None
