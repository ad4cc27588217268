"""Relation maps of the keterkaitan between SOPs, as DOT for Graphviz's `dot` layout.

One map of a whole handbook with hundreds of SOPs is unreadable, so there are two levels:
an overview whose nodes are units (edges counted), and one map per unit whose nodes are that
unit's SOPs, with links to other units summarised as one node per other unit. Nodes carry
URLs (relative to the page that shows the map). Pure: no processes, no pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..links import PetaTautan
from ..model import Sop
from .lajur import bungkus, esc_dot

FONT = "Helvetica"
SISI_PER_UNIT = 3  # links drawn from each unit on the overview map
SISI_LURUS = 80  # a unit map with more edges than this is drawn with straight lines


@dataclass(frozen=True)
class Peta:
    """One map: its DOT source and the words a screen reader gets instead of the picture."""

    kunci: str  # "" for the overview, else the unit name
    judul: str
    deskripsi: str
    dot: str


def _label(teks: str, lebar: float = 150.0) -> str:
    return "\\n".join(esc_dot(b) for b in bungkus(teks, lebar))


def _node(nid: str, label: str, url: str, tooltip: str, **attr: str) -> str:
    extra = "".join(f' {k}="{esc_dot(v)}"' for k, v in attr.items())
    return (f'  "{esc_dot(nid)}" [label="{label}", URL="{esc_dot(url)}", '
            f'tooltip="{esc_dot(tooltip)}", target="_top"{extra}];')


def _kepala(nama: str) -> list[str]:
    return [
        f'digraph "{esc_dot(nama)}" {{',
        # nslimit/mclimit bound dot's ranking and crossing passes: a dense map of a big
        # handbook otherwise takes dot minutes (measured at 2,000 SOPs).
        '  graph [rankdir=LR, bgcolor="transparent", pad="0.2", nodesep="0.3", ranksep="0.6",'
        ' nslimit="4", nslimit1="4", mclimit="0.5"];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#333333", '
        f'fontname="{FONT}", fontsize=10, margin="0.12,0.06"];',
        f'  edge [color="#010101", fontname="{FONT}", fontsize=9, fontcolor="#010101", '
        'arrowsize=0.7];',
    ]


def peta_ringkas(sops: list[Sop], peta: PetaTautan, url_unit: Callable[[str], str]) -> Peta:
    """Units as nodes; an edge A → B counts the links from SOPs of A to SOPs of B."""
    unit = {s.id: s.unit for s in sops}
    jumlah = Counter(s.unit for s in sops)
    sisi = Counter(
        (unit[t.sumber], unit[t.tujuan])
        for daftar in peta.keluar.values() for t in daftar
        if t.tujuan is not None and t.tujuan in unit
    )
    baris = _kepala("peta-unit")
    for u in sorted(jumlah):
        baris.append(_node(u, _label(f"{u} ({jumlah[u]} SOP)", 170), url_unit(u),
                           f"Peta keterkaitan {u}"))
    antar = {k: n for k, n in sisi.items() if k[0] != k[1]}  # inside a unit: its own map
    # Each unit's strongest links only: a map of every pair is unreadable (and slow to lay
    # out) once a handbook has dozens of units; the unit maps show all of them.
    tampil = set()
    for u in jumlah:
        keluar = sorted(((n, b) for (a, b), n in antar.items() if a == u),
                        key=lambda x: (-x[0], x[1]))
        tampil |= {(u, b) for _, b in keluar[:SISI_PER_UNIT]}
    for (a, b) in sorted(tampil):
        n = antar[(a, b)]
        tebal = min(1 + n / 4, 4)
        baris.append(f'  "{esc_dot(a)}" -> "{esc_dot(b)}" [label="{n}", penwidth="{tebal:.2f}"];')
    baris.append("}")
    catatan = (f" Ditampilkan {SISI_PER_UNIT} tujuan terbanyak per unit; peta tiap unit memuat "
               "semuanya." if len(tampil) < len(antar) else "")
    return Peta("", "Peta keterkaitan antar unit kerja",
                f"{len(jumlah)} unit kerja; {sum(antar.values())} keterkaitan antar unit."
                + catatan, "\n".join(baris))


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
    baris = _kepala(f"peta-{nama_unit}")
    for s in milik:
        baris.append(_node(s.id, f"{esc_dot(s.nomor)}\\n{_label(s.nama)}", url_sop(s.id),
                           f"{s.nomor} {s.nama}"))
    for u in sorted({u for _, u in keluar} | {u for u, _ in masuk}):
        baris.append(_node(f"unit:{u}", _label(u), url_unit(u), f"Peta keterkaitan {u}",
                           style="rounded,dashed,filled", fillcolor="#eeeeee"))
    for a, b in sorted(dalam):
        baris.append(f'  "{esc_dot(a)}" -> "{esc_dot(b)}";')
    for (a, u), n in sorted(keluar.items()):
        baris.append(f'  "{esc_dot(a)}" -> "{esc_dot("unit:" + u)}" [style=dashed{_n(n)}];')
    for (u, b), n in sorted(masuk.items()):
        baris.append(f'  "{esc_dot("unit:" + u)}" -> "{esc_dot(b)}" [style=dashed{_n(n)}];')
    if len(dalam) + len(keluar) + len(masuk) > SISI_LURUS:
        # Straight lines: spline routing of hundreds of edges took dot 3-7 s per map (and
        # tripled the SVG) at 2,000 SOPs; lines take under one second.
        baris.insert(1, '  graph [splines="line"];')
    baris.append("}")
    return Peta(nama_unit, f"Peta keterkaitan {nama_unit}",
                f"{len(milik)} SOP; {len(dalam)} keterkaitan di dalam unit, "
                f"{sum(keluar.values())} ke unit lain, {sum(masuk.values())} dari unit lain.",
                "\n".join(baris))


def _n(n: int) -> str:
    return f', label="{n}"' if n > 1 else ""
