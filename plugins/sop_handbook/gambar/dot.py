"""The one DOT writer: every drawing Graphviz makes is described here, as text.

Two kinds of graph: a swimlane chart part (lajur.py's layout, every node and edge placed, for
`neato -n2`) and a relation map (peta.py's graph, laid out by `dot`). Both quote text from the
YAML with `esc_dot`, so no label can end its string or inject an attribute.

Public API::

    esc_dot(teks) -> str                               # text inside a DOT "string"
    ke_dot(bagan, id_prefix) -> str                    # a chart part, for `neato -n2 -Tsvg`
    dot_untuk_sop(sop, id_prefix, maks_langkah=None) -> list[str]
    dot_peta(peta) -> str                              # a relation map, for `dot -Tsvg`

Chart ids (``P`` = the caller's `id_prefix`, ``k`` = part number from 1):
``P-langkah-N`` is step N's symbol (copies of a joint step in further lanes: ``P-langkah-N-2``,
``-3``...); ``P-bk-...`` everything else (lanes, headers, edges, connectors, title, desc).
Each symbol links to ``#`` + the step's anchor (its row in the procedure table).

CSS classes on the chart's SVG ``<g>`` groups (besides Graphviz's ``graph``/``node``/``edge``):
``sop-lajur`` lane column, ``sop-lajur-judul`` lane header, ``sop-simbol`` every step symbol
plus one of ``sop-kapsul`` / ``sop-proses`` / ``sop-keputusan``, ``sop-penghubung`` off-page
connector (plus ``sop-penghubung-keluar`` / ``sop-penghubung-masuk``), ``sop-alur`` every flow
arrow plus ``sop-ya`` / ``sop-tidak`` (decision exits), ``sop-mundur`` (jumps back),
``sop-selesai`` (exit that ends the procedure), ``sop-serah`` (a hand-off's arrow from the
performer's box to the receiver's, format v1.1), and ``sop-gabung`` the dashed line joining the
copies of a joint step. Colours are chosen to read on light and dark pages without CSS:
symbols are white cards with black text; lines, arrowheads, exit labels and lane header text
use ``currentColor``; lane headers are translucent grey. Keep ``font-family`` on the SVG text
as written: labels are wrapped using Helvetica/Arial metrics.
"""

from __future__ import annotations

import itertools
import urllib.parse
from collections.abc import Sequence

from ..model import Sop
from .lajur import UKURAN_LABEL, Bagan, tata_letak
from .peta import Peta
from .svg import CURRENT_COLOR, aman_id
from .ukur import FONT, UKURAN_HURUF, Kotak, Titik, ujung_panah

PANAH = 8.0  # a chart's arrowhead length (arrowsize 0.8), in points
WARNA_GARIS = CURRENT_COLOR
WARNA_TEPI = "#333333"
WARNA_LAJUR = "#8c8c8c"
WARNA_JUDUL = "#8080803f"  # translucent grey: light on white, lighter on slate


# --- text and attributes -------------------------------------------------------------------


def esc_dot(teks: str) -> str:
    r"""Quote text for a DOT string holding a label: backslashes survive Graphviz's escapes
    (\N, \n, \l...), quotes cannot end the string, and `&` is written as `&amp;` because
    Graphviz's SVG writer passes anything that looks like an entity through unescaped."""
    teks = teks.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return teks.replace("\r", " ").replace("\n", " ")


def label_dot(baris: Sequence[str]) -> str:
    """Lines of a label, each escaped, joined by DOT's centred line break."""
    return "\\n".join(esc_dot(b) for b in baris)


def atribut(**kv: object) -> str:
    """`k="v", ...` for the values given (None: left out); values must be DOT-safe already."""
    return ", ".join(f'{k}="{v}"' for k, v in kv.items() if v is not None)


def _spline(titik: Sequence[Titik], tinggi: float, panah: bool) -> str:
    """DOT `pos` for a polyline: each segment a straight cubic; the end point is the tip."""
    pts = ujung_panah(titik, PANAH if panah else 0.0)

    def f(p: Titik) -> str:
        return f"{p[0]:.2f},{tinggi - p[1]:.2f}"

    ctrl = [pts[0]]
    for a, b in itertools.pairwise(pts):
        ctrl += [a, b, b]
    badan = " ".join(f(p) for p in ctrl)
    return f"e,{f(titik[-1])} {badan}" if panah else badan


def pos_dot(k: Kotak, tinggi: float) -> str:
    """A box's centre as `neato -n2` wants it: points, y up from the bottom of the drawing."""
    return f"{k.cx:.2f},{tinggi - k.cy:.2f}"


def ukuran_dot(k: Kotak) -> dict[str, str]:
    """A box's size as DOT node attributes (inches)."""
    return {"width": f"{k.lebar / 72:.4f}", "height": f"{k.tinggi / 72:.4f}"}


# --- a swimlane chart part -----------------------------------------------------------------


def ke_dot(bagan: Bagan, id_prefix: str) -> str:
    """DOT source for one part, for `neato -n2 -Tsvg`; every id starts with `id_prefix`."""
    p = aman_id(id_prefix, "bagan")
    pb = f"{p}-b{bagan.bagian}"
    h = bagan.tinggi

    def pos(k: Kotak) -> str:
        return pos_dot(k, h)

    ukuran = ukuran_dot

    out = [
        f'digraph "{pb}" {{',
        "  graph [" + atribut(id=pb, bgcolor="transparent", outputorder="nodesfirst",
                             pad="0.05") + "];",
        "  node [" + atribut(fixedsize="true", fontname=FONT, fontsize=f"{UKURAN_HURUF:g}",
                            fontcolor="#000000", color=WARNA_TEPI, penwidth="1",
                            style="filled", fillcolor="#ffffff") + "];",
        "  edge [" + atribut(color=WARNA_GARIS, fontname=FONT, fontsize=f"{UKURAN_LABEL:g}",
                            fontcolor=WARNA_GARIS, arrowsize="0.8", penwidth="1") + "];",
    ]
    for la in bagan.lajur:
        kol = Kotak(la.x0, 0.0, la.x1, h)
        out.append(f"  lajur{la.indeks} [" + atribut(
            id=f"{pb}-lajur-{la.indeks}", **{"class": "sop-lajur"}, shape="box", label="",
            style="solid", color=WARNA_LAJUR, pos=pos(kol), **ukuran(kol)) + "];")
    for la in bagan.lajur:
        kop = Kotak(la.x0, 0.0, la.x1, bagan.tinggi_judul)
        out.append(f"  judul{la.indeks} [" + atribut(
            id=f"{pb}-judul-{la.indeks}", **{"class": "sop-lajur-judul"}, shape="box",
            label=label_dot(la.judul), fontname=f"{FONT}-Bold", fontcolor=WARNA_GARIS,
            color=WARNA_LAJUR, fillcolor=WARNA_JUDUL,
            pos=pos(kop), **ukuran(kop)) + "];")
    for s in bagan.simbol:
        if s.jenis == "penghubung":
            tujuan = f"{p}-b{s.ke_bagian}-penghubung-{s.penghubung}-" + (
                "masuk" if s.arah == "keluar" else "keluar")
            tip = (f"Bersambung ke bagian {s.ke_bagian}" if s.arah == "keluar"
                   else f"Sambungan dari bagian {s.ke_bagian}")
            out.append(f"  {s.nama} [" + atribut(
                id=f"{pb}-penghubung-{s.penghubung}-{s.arah}",
                **{"class": f"sop-penghubung sop-penghubung-{s.arah}"}, shape="invhouse",
                label=label_dot(s.teks), href="#" + tujuan, tooltip=tip, pos=pos(s.kotak),
                **ukuran(s.kotak)) + "];")
            continue
        shape = {"kapsul": "box", "proses": "box", "keputusan": "diamond"}[s.jenis]
        sid = f"{p}-langkah-{s.langkah}" + (f"-{s.salinan + 1}" if s.salinan else "")
        out.append(f"  {s.nama} [" + atribut(
            id=sid, **{"class": f"sop-simbol sop-{s.jenis}"}, shape=shape,
            style="rounded,filled" if s.jenis == "kapsul" else None,
            label=label_dot(s.teks), href="#" + urllib.parse.quote(s.anchor or "", safe="-_.~"),
            tooltip=f"Langkah {s.langkah}", pos=pos(s.kotak), **ukuran(s.kotak)) + "];")
        if s.samping and s.kotak_samping:  # a long decision's text, left-aligned beside it
            out.append(f"  {s.nama}_teks [" + atribut(
                id=f"{sid}-teks", **{"class": "sop-simbol-teks"}, shape="plaintext",
                style="solid", fontcolor=WARNA_GARIS,
                label="".join(esc_dot(b) + "\\l" for b in s.samping),
                href="#" + urllib.parse.quote(s.anchor or "", safe="-_.~"),
                tooltip=f"Langkah {s.langkah}", pos=pos(s.kotak_samping),
                **ukuran(s.kotak_samping)) + "];")
    for g in bagan.garis:
        if g.jenis == "gabung":
            out.append(f"  {g.dari} -> {g.ke} [" + atribut(
                id=f"{pb}-gabung-{g.nama}", **{"class": "sop-gabung"}, dir="none",
                style="dashed", pos=_spline(g.titik, h, False)) + "];")
            continue
        kelas = ["sop-alur"]
        if g.label:
            kelas.append(f"sop-{g.label.lower()}")
        if g.mundur:
            kelas.append("sop-mundur")
        if g.jenis == "selesai":
            kelas.append("sop-selesai")
        if g.jenis == "serah":
            kelas.append("sop-serah")
        lp = f"{g.label_pos[0]:.2f},{h - g.label_pos[1]:.2f}" if g.label_pos else None
        ke = g.ke
        if ke is None:  # an end stub needs a head node; an invisible point at the tip
            ke = f"ujung_{g.dari}_{(g.label or 'x').lower()}"
            out.append(f"  {ke} [" + atribut(
                id=f"{pb}-{ke}", shape="point", width="0.01", height="0.01", style="invis",
                label="", pos=f"{g.titik[-1][0]:.2f},{h - g.titik[-1][1]:.2f}") + "];")
        out.append(f"  {g.dari} -> {ke} [" + atribut(
            id=f"{pb}-alur-{g.nama}", **{"class": " ".join(kelas)},
            label=esc_dot(g.label) if g.label else None, lp=lp,
            arrowhead="tee" if g.jenis == "selesai" else None,
            pos=_spline(g.titik, h, True)) + "];")
    out.append("}")
    return "\n".join(out) + "\n"


def dot_untuk_sop(sop: Sop, id_prefix: str, maks_langkah: int | None = None) -> list[str]:
    """DOT sources of all parts of `sop`'s page chart, ready for `Graphviz.render_many`."""
    return [ke_dot(b, id_prefix) for b in tata_letak(sop, maks_langkah, samping=True)]


# --- a relation map ------------------------------------------------------------------------

_KEPALA_PETA = (
    # nslimit/mclimit bound dot's ranking and crossing passes: a dense map of a big handbook
    # otherwise takes dot minutes (measured at 2,000 SOPs).
    '  graph [rankdir=LR, bgcolor="transparent", pad="0.2", nodesep="0.3", ranksep="0.6",'
    ' nslimit="4", nslimit1="4", mclimit="0.5"];',
    f'  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#333333", '
    f'fontname="{FONT}", fontsize=10, margin="0.12,0.06"];',
    f'  edge [color="{CURRENT_COLOR}", fontname="{FONT}", fontsize=9, '
    f'fontcolor="{CURRENT_COLOR}", arrowsize=0.7];',
)


def dot_peta(peta: Peta) -> str:
    """DOT source of a relation map, for `dot -Tsvg`; nodes link to their pages (`_top`)."""
    out = [f'digraph "{esc_dot(peta.nama)}" {{']
    if peta.lurus:
        out.append('  graph [splines="line"];')
    out += _KEPALA_PETA
    for s in peta.simpul:
        lain = {"style": "rounded,dashed,filled", "fillcolor": "#eeeeee"} if s.lain else {}
        out.append(f'  "{esc_dot(s.id)}" [' + atribut(
            label=label_dot(s.label), URL=esc_dot(s.url), tooltip=esc_dot(s.tooltip),
            target="_top", **lain) + "];")
    for g in peta.sisi:
        attr = atribut(style="dashed" if g.putus else None,
                       label=esc_dot(g.label) if g.label is not None else None,
                       penwidth=f"{g.tebal:.2f}" if g.tebal is not None else None)
        out.append(f'  "{esc_dot(g.dari)}" -> "{esc_dot(g.ke)}"'
                   + (f" [{attr}]" if attr else "") + ";")
    out.append("}")
    return "\n".join(out)
