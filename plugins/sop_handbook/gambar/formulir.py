"""The printed procedure table of the official form (SOP AP, Permenpan RB 35/2012), as SVG.

Why SVG and not an HTML table with a chart beside it: on the paper form the flowchart symbols
sit *inside* the Pelaksana columns of the table, one symbol in the row of its step, and the
lines cross the row borders. An independent chart can never line up with HTML rows, so the
whole table (grid, text cells, symbols, lines) is one drawing per printed page.

How: `lajur.tata_letak` still decides everything about the flow (which lane, which copy of a
joint step, the order of the rows, every routed orthogonal line, the split into parts joined
by off-page connectors). This module only moves that layout into the table: each axis is
mapped by a monotone piecewise-linear function (lanes → the form's Pelaksana columns, each
symbol row → the middle of its table row). A monotone map per axis keeps every horizontal
line horizontal, every vertical one vertical, and the order of all tracks, so the routes
stay valid without routing again. Symbols shrink to small blank shapes (the text is in the
Kegiatan column, as on the paper form); row heights are the largest of the wrapped cell
texts and the room the symbol and its lines need. The SVG is then written directly from
these coordinates (`svg_lembar`): the geometry is fixed, so no drawing program runs, and the
result is small (one `<symbol>` per shape, classes styled by cetak.css, 0.1 pt coordinates).

Pages: a part holds at most `maks_langkah` steps; 0 picks the largest count for which every
part fits the printable height of the paper (F4 or A4, landscape), so a page never cuts a
row and every page repeats the header rows.

Public API::

    KERTAS                                    # paper name → (width, height) in mm, landscape
    tata_formulir(sop, kertas="F4", maks_langkah=0, kolom=None, keterangan=True) -> list[Lembar]
    svg_lembar(lembar, id_prefix="cetak") -> str       # one page → inline <svg>
    svg_formulir(sop, kertas="F4", maks_langkah=0, kolom=None) -> list[str]
    css_halaman(kertas, sop) -> str           # the @page rule (size, margins, page footer)
    formulir_sah(nilai) -> bool              # is this (read back from a memo) our pages?

Nothing here imports MkDocs, Jinja or runs a process.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import JUDUL_KOLOM, Langkah, Sop
from .lajur import GUTTER, UKURAN_LABEL, UKURAN_PENGHUBUNG, Bagan, Lajur, Simbol, tata_letak
from .svg import aman_id
from .ukur import Kotak, bungkus, lebar_teks, ujung_panah

# --- paper -----------------------------------------------------------------------------------

KERTAS: dict[str, tuple[float, float]] = {
    "F4": (330.0, 215.0),  # folio, the usual paper in Indonesian offices
    "A4": (297.0, 210.0),
}
MARGIN_MM = 10.0
TINGGI_KETERANGAN_MM = 8.0  # the caption line above each procedure page (+ a little slack)
TINGGI_KAKI_MM = 16.0  # the version-check QR code under each procedure page (_qr.html)
MM = 72 / 25.4  # points per millimetre

ID_PREFIX = "cetak"
BERKAS_CETAK = "cetak.html"  # a SOP's print file, beside its page: sop/<id>/cetak.html
HALAMAN_CSS = "sop-ap"  # the CSS named page of the printed form



def kertas_sah(kertas: str) -> str:
    """Normalise a paper name ("f4" → "F4"); unknown names raise ValueError with the choices."""
    nama = kertas.strip().upper()
    if nama not in KERTAS:
        raise ValueError(f"ukuran kertas '{kertas}' tidak dikenal; pilih salah satu: "
                         + ", ".join(KERTAS))
    return nama


def area_cetak(kertas: str) -> tuple[float, float]:
    """Printable width and height in points of a landscape page of `kertas`, inside margins."""
    w, h = KERTAS[kertas_sah(kertas)]
    return (w - 2 * MARGIN_MM) * MM, (h - 2 * MARGIN_MM) * MM


# --- sizes, in points ------------------------------------------------------------------------

UKURAN = 8.0  # cell text
JARAK = UKURAN * 1.2  # line spacing the row heights allow for
PAD = 4.0  # cell padding
PAD_GRAPH = 2.0  # white margin around the drawing
LEBAR_LAJUR_MIN = 80.0  # a Pelaksana column: 2 routing gutters + the symbol
LEBAR_LAJUR_MAKS = 120.0
TINGGI_SIMBOL = {"kapsul": 20.0, "proses": 20.0, "keputusan": 28.0, "penghubung": 18.0}
LEBAR_PENGHUBUNG = 18.0
# Vertical room between two symbols, as (below the upper symbol, above the lower one): the
# row border lies between. Where horizontal tracks run, they go below the border, so no line
# runs along a border; the part above holds an exit label ("Ya" 9 pt under its port).
CELAH_JALUR = (15.0, 25.0)
CELAH_LURUS = (13.0, 11.0)  # only a straight arrow (perhaps with its label)
CELAH_ATAS = 10.0  # above the first symbol of a page when nothing runs there
BATAS_D = 15.0  # in the diagram's gap (CELAH 44): where the row border goes
SISA_BAWAH = 8.0  # below the last symbol
TINGGI_BARIS_MIN = 24.0
JARAK_TUMPUK = 10.0  # a process box to its diamond in one row (format v1.1)

# Text columns: (key, natural width). Lanes take what is left of the page, within limits;
# then these share the rest in proportion, shrinking to 75% at most before the drawing is
# wider than the paper (the page then scales it down).
KOLOM_TEKS = (("no", 22.0), ("aktivitas", 170.0))
KOLOM_KANAN = (("kelengkapan", 105.0), ("waktu", 52.0), ("output", 90.0),
               ("keterangan", 80.0))



# --- the layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sel:
    """One table cell: its box, its wrapped lines and how they are set."""

    nama: str  # a name unique on the page
    kotak: Kotak
    teks: tuple[str, ...] = ()
    kepala: bool = False  # header cell: bold, grey, centred
    tengah: bool = False  # centre the lines (else left)
    samar: bool = False  # a note (connector rows): grey italic
    kelas: str = "sop-sel"


@dataclass(frozen=True)
class Lembar:
    """One printed page of the procedure table: grid cells plus the flow, in points (y down).

    `bagan` is the diagram part moved into the table: its symbols, lines and lanes have the
    form's coordinates, so `bagan.simbol`/`bagan.garis` can be checked like a page chart.
    """

    sop_id: str
    nomor_sop: str
    bagian: int
    jumlah_bagian: int
    lebar: float
    tinggi: float
    tinggi_kepala: float
    sel: tuple[Sel, ...]
    bagan: Bagan
    langkah: tuple[int, ...]
    baris: tuple[Kotak, ...]  # one box per table row below the header (for tests)

    @property
    def judul(self) -> str:
        return self.bagan.judul


def _kolom(sop: Sop, kolom: Mapping[str, str] | None) -> dict[str, str]:
    dasar = {**JUDUL_KOLOM, **(kolom or {})}
    return {k: sop.kolom.get(k, v) for k, v in dasar.items()}


def kolom_kanan(keterangan: bool = True) -> tuple[tuple[str, float], ...]:
    """The columns right of the lanes; some agencies print no Keterangan column."""
    return KOLOM_KANAN if keterangan else tuple(k for k in KOLOM_KANAN if k[0] != "keterangan")


def _lebar_kolom(jumlah_lajur: int, lebar: float, keterangan: bool = True
                 ) -> tuple[dict[str, float], float]:
    """Widths of the text columns and of one Pelaksana column for a page `lebar` wide."""
    alami = dict(KOLOM_TEKS + kolom_kanan(keterangan))
    total_teks = sum(alami.values())
    n = max(jumlah_lajur, 1)
    lw = min(LEBAR_LAJUR_MAKS, max(LEBAR_LAJUR_MIN, (lebar - total_teks) / n))
    sisa = lebar - lw * n
    # "no" and "waktu" keep their width; the others share what is left.
    tetap = alami["no"] + alami["waktu"]
    lentur = total_teks - tetap
    faktor = max(0.75, (sisa - tetap) / lentur)
    hasil = {k: (w if k in ("no", "waktu") else round(w * faktor, 1)) for k, w in alami.items()}
    return hasil, lw


def _garis_teks(teks: str, lebar: float, tebal: bool = False) -> list[str]:
    return bungkus(" ".join(teks.split()), lebar - 2 * PAD, UKURAN, tebal) if teks else []


BUTIR = "• "


def _butir(items: Sequence[str], lebar: float) -> list[str]:
    """A list cell: one item per line group, each wrapped; "• " marks items when several,
    and an item's further lines start with spaces (drawn indented under its text)."""
    if len(items) == 1:
        return _garis_teks(items[0], lebar)
    hasil: list[str] = []
    for it in items:
        b = _garis_teks(it, lebar - lebar_teks(BUTIR, UKURAN))
        hasil += [(BUTIR if i == 0 else "   ") + s for i, s in enumerate(b)]
    return hasil


def _tumpukan(baris: Sequence[Simbol]) -> list[tuple[float, float, str]]:
    """A row's symbols from top to bottom as (y0, y1, kind), one entry per height band: one
    band for most rows, two for a process-then-decision row."""
    pita: dict[float, tuple[float, float, str]] = {}
    for s in baris:
        pita.setdefault(s.kotak.y0, (s.kotak.y0, s.kotak.y1, s.jenis))
    return [pita[y] for y in sorted(pita)]


def _tinggi_teks(baris: Sequence[str]) -> float:
    return len(baris) * JARAK + 2 * PAD if baris else 0.0


class _Peta:
    """A monotone piecewise-linear map of one axis, from control points (a → b)."""

    def __init__(self, titik: Iterable[tuple[float, float]]) -> None:
        urut = sorted(set(titik))
        self.a = [p[0] for p in urut]
        self.b = [p[1] for p in urut]

    def __call__(self, v: float) -> float:
        a, b = self.a, self.b
        if v <= a[0]:
            return b[0] + (v - a[0])
        if v >= a[-1]:
            return b[-1] + (v - a[-1])
        i = bisect.bisect_right(a, v) - 1
        if a[i + 1] == a[i]:
            return b[i]
        return b[i] + (v - a[i]) * (b[i + 1] - b[i]) / (a[i + 1] - a[i])


def tata_formulir(
    sop: Sop,
    kertas: str = "F4",
    maks_langkah: int = 0,
    kolom: Mapping[str, str] | None = None,
    keterangan: bool = True,
) -> list[Lembar]:
    """The procedure table of `sop` as printed pages on landscape `kertas`.

    `maks_langkah` caps the steps per page; 0 (the default) puts as many on each page as fit.
    `keterangan=False` leaves out the Keterangan column (the SOP's own `formulir:
    kolom_keterangan` wins over it). A SOP without steps has no procedure pages: [].
    """
    if sop.cetak_keterangan is not None:
        keterangan = sop.cetak_keterangan
    if not sop.kegiatan:
        return []
    lebar, tinggi = area_cetak(kertas)
    tinggi_maks = tinggi - (TINGGI_KETERANGAN_MM + TINGGI_KAKI_MM) * MM - 2 * PAD_GRAPH
    n = len(sop.kegiatan)
    per = min(maks_langkah, n) if maks_langkah and maks_langkah > 0 else n
    while True:
        lembar = [_tata_lembar(sop, b, lebar - 2 * PAD_GRAPH, kolom, keterangan)
                  for b in tata_letak(sop, per)]
        tertinggi = max(lb.tinggi for lb in lembar)
        if tertinggi <= tinggi_maks or per == 1:
            return lembar
        if len(lembar) == 1 and len(lembar[0].baris) == per:
            # All rows on one sheet: their heights tell how many fit, saving layout passes.
            per = _muat_per_lembar(lembar[0], tinggi_maks, per)
        else:
            per = max(1, min(per - 1, int(per * tinggi_maks / tertinggi)))


def _muat_per_lembar(lembar: Lembar, tinggi_maks: float, per: int) -> int:
    """Most steps per sheet such that every sheet's rows, header and connectors fit."""
    tinggi = [b.y1 - b.y0 for b in lembar.baris]
    cadangan = 2 * (TINGGI_SIMBOL["penghubung"] + 12.0)  # connector rows of a split sheet
    for p in range(per - 1, 0, -1):
        if all(lembar.tinggi_kepala + sum(tinggi[i:i + p]) + cadangan <= tinggi_maks
               for i in range(0, len(tinggi), p)):
            return p
    return 1


def _tata_lembar(sop: Sop, bagan: Bagan, lebar: float, kolom: Mapping[str, str] | None,
                 keterangan: bool = True) -> Lembar:
    judul_kolom = _kolom(sop, kolom)
    kanan = kolom_kanan(keterangan)
    lebar_k, lw = _lebar_kolom(len(bagan.lajur), lebar, keterangan)

    # Columns, left to right.
    x = 0.0
    kol: dict[str, tuple[float, float]] = {}
    for k, _ in KOLOM_TEKS:
        kol[k] = (x, x + lebar_k[k])
        x += lebar_k[k]
    x_lajur = x
    x += lw * len(bagan.lajur)
    for k, _ in kanan:
        kol[k] = (x, x + lebar_k[k])
        x += lebar_k[k]
    lebar_total = x

    # Header: row 1 "Pelaksana" / "Mutu Baku", row 2 the lane names and the three measures.
    judul_lajur = [_garis_teks(la.nama, lw, tebal=True) for la in bagan.lajur]
    judul_mutu = {k: _garis_teks(judul_kolom[k], kol[k][1] - kol[k][0], tebal=True)
                  for k, _ in kanan}
    h1 = JARAK + 2 * PAD
    h2 = max(_tinggi_teks(b) for b in [*judul_lajur, *judul_mutu.values()])
    tinggi_kepala = h1 + h2
    sel: list[Sel] = []

    def kepala(nama: str, k: Kotak, teks: str) -> None:
        sel.append(Sel(nama, k, tuple(_garis_teks(teks, k.lebar, tebal=True)), kepala=True,
                       tengah=True, kelas="sop-sel sop-sel-kepala"))

    for k in ("no", "aktivitas"):
        kepala(f"kepala_{k}", Kotak(*kol[k][:1], 0.0, kol[k][1], tinggi_kepala), judul_kolom[k])
    kepala("kepala_pelaksana", Kotak(x_lajur, 0.0, x_lajur + lw * len(bagan.lajur), h1),
           judul_kolom["pelaksana"])
    for la, teks in zip(bagan.lajur, judul_lajur, strict=True):
        sel.append(Sel(f"kepala_lajur{la.indeks}",
                       Kotak(x_lajur + la.indeks * lw, h1, x_lajur + (la.indeks + 1) * lw,
                             tinggi_kepala), tuple(teks), kepala=True, tengah=True,
                       kelas="sop-sel sop-sel-kepala sop-lajur-judul"))
    kepala("kepala_mutu", Kotak(kol["kelengkapan"][0], 0.0, kol["output"][1], h1),
           judul_kolom["mutu_baku"])
    for k in ("kelengkapan", "waktu", "output"):
        kepala(f"kepala_{k}", Kotak(kol[k][0], h1, kol[k][1], tinggi_kepala), judul_kolom[k])
    if keterangan:
        kepala("kepala_keterangan", Kotak(kol["keterangan"][0], 0.0, kol["keterangan"][1],
                                          tinggi_kepala), judul_kolom["keterangan"])

    # The diagram's rows (one per step or connector), top to bottom. A row is one step's
    # symbols (a process-then-decision row stacks two), or one connector.
    per_baris: dict[object, list[Simbol]] = {}
    for s in bagan.simbol:
        kunci = s.langkah if s.langkah is not None else (s.arah, s.penghubung)
        per_baris.setdefault(kunci, []).append(s)
    baris_d = sorted(per_baris.values(), key=lambda b: min(s.kotak.y0 for s in b))

    def lebar_sel(k: str) -> float:
        return kol[k][1] - kol[k][0]

    # Each row's texts.
    isi: list[dict[str, list[str]]] = []
    for b in baris_d:
        s0 = b[0]
        if s0.langkah is not None:
            lk: Langkah = sop.langkah(s0.langkah)
            isi.append({
                "no": [f"{lk.nomor}."],
                "aktivitas": _garis_teks(lk.aktivitas, lebar_sel("aktivitas")),
                "kelengkapan": _butir(lk.kelengkapan, lebar_sel("kelengkapan")),
                "waktu": _garis_teks(lk.waktu.teks, lebar_sel("waktu")) if lk.waktu else [],
                "output": _butir(lk.output, lebar_sel("output")),
                "keterangan": _garis_teks(lk.keterangan or "", lebar_sel("keterangan"))
                if keterangan else [],
            })
        else:
            catatan = (f"Sambungan dari bagian {s0.ke_bagian} (penghubung {s0.penghubung})"
                       if s0.arah == "masuk"
                       else f"Bersambung ke bagian {s0.ke_bagian} (penghubung {s0.penghubung})")
            isi.append({"aktivitas": _garis_teks(catatan, lebar_sel("aktivitas"))})

    # Room each gap needs: tracks (horizontal runs) need more than a straight arrow.
    atas = [min(s.kotak.y0 for s in b) for b in baris_d]
    bawah = [max(s.kotak.y1 for s in b) for b in baris_d]
    ys_garis = sorted(y for g in bagan.garis for _, y in g.titik)

    def ada_jalur(y_a: float, y_b: float) -> bool:
        # Sorted once, searched per gap: linear in the lines, not rows × lines.
        i = bisect.bisect_right(ys_garis, y_a + 0.5)
        return i < len(ys_garis) and ys_garis[i] < y_b - 0.5

    celah: list[tuple[float, float]] = []
    for r in range(len(baris_d)):
        y_a = bawah[r - 1] if r else bagan.tinggi_judul
        if ada_jalur(y_a, atas[r]):
            celah.append(CELAH_JALUR if r else (0.0, sum(CELAH_JALUR)))
        else:
            celah.append(CELAH_LURUS if r else (0.0, CELAH_ATAS))

    # Table rows: tall enough for their texts and for their share of the gaps above and
    # below; the symbol sits in the middle as far as those shares allow.
    peta_y: list[tuple[float, float]] = [(bagan.tinggi_judul, tinggi_kepala)]
    baris_kotak: list[Kotak] = []
    y = tinggi_kepala
    for r, b in enumerate(baris_d):
        tumpuk = _tumpukan(b)
        hs = sum(TINGGI_SIMBOL[j] for _, _, j in tumpuk) + JARAK_TUMPUK * (len(tumpuk) - 1)
        a = celah[r][1]
        z = celah[r + 1][0] if r + 1 < len(baris_d) else SISA_BAWAH
        t_teks = max((_tinggi_teks(v) for v in isi[r].values()), default=0.0)
        h = max(TINGGI_BARIS_MIN, t_teks, a + hs + z)
        s_atas = min(max(y + (h - hs) / 2, y + a), y + h - z - hs)
        if r:
            peta_y.append((bawah[r - 1] + BATAS_D, y))
        yf = s_atas
        for y0_d, y1_d, jenis in tumpuk:  # each stacked symbol keeps the form's own height
            peta_y += [(y0_d, yf), (y1_d, yf + TINGGI_SIMBOL[jenis])]
            yf += TINGGI_SIMBOL[jenis] + JARAK_TUMPUK
        baris_kotak.append(Kotak(0.0, y, lebar_total, y + h))
        y += h
    tinggi_total = y
    peta_y.append((bagan.tinggi, tinggi_total))
    fy = _Peta(peta_y)

    # Lanes: gutters keep their width (the routing tracks sit there), the symbol band shrinks
    # to the form's symbol width, a connector to its own width.
    peta_x: list[tuple[float, float]] = []
    g = GUTTER
    for la in bagan.lajur:
        x0 = x_lajur + la.indeks * lw
        cx_d, cx_f = (la.x0 + la.x1) / 2, x0 + lw / 2
        kd = UKURAN_PENGHUBUNG / 2
        peta_x += [(la.x0, x0), (la.x0 + g, x0 + g), (cx_d - kd, cx_f - LEBAR_PENGHUBUNG / 2),
                   (cx_d + kd, cx_f + LEBAR_PENGHUBUNG / 2), (la.x1 - g, x0 + lw - g),
                   (la.x1, x0 + lw)]
    fx = _Peta(peta_x)

    def pindah(t: tuple[float, float]) -> tuple[float, float]:
        return (round(fx(t[0]), 2), round(fy(t[1]), 2))

    simbol = tuple(
        replace(s, kotak=Kotak(*pindah((s.kotak.x0, s.kotak.y0)),
                               *pindah((s.kotak.x1, s.kotak.y1))),
                teks=s.teks if s.jenis == "penghubung" else ())
        for s in bagan.simbol
    )
    garis = []
    for gr in bagan.garis:
        titik = tuple(pindah(t) for t in gr.titik)
        lp = gr.label_pos
        if lp is not None:  # labels keep their offset from the port they belong to
            x0, y0 = gr.titik[0]
            lp = (titik[0][0] + lp[0] - x0, titik[0][1] + lp[1] - y0)
        garis.append(replace(gr, titik=titik, label_pos=lp))
    lajur = tuple(Lajur(la.indeks, la.id, la.nama, x_lajur + la.indeks * lw,
                        x_lajur + (la.indeks + 1) * lw, tuple(t))
                  for la, t in zip(bagan.lajur, judul_lajur, strict=True))

    # Body cells (the lane cells are empty boxes: the grid the symbols sit on).
    for r, (kb, teks) in enumerate(zip(baris_kotak, isi, strict=True)):
        langkah_r = baris_d[r][0].langkah
        for k in ("no", "aktivitas", *(k for k, _ in kanan)):
            sel.append(Sel(f"sel{r}_{k}", Kotak(kol[k][0], kb.y0, kol[k][1], kb.y1),
                           tuple(teks.get(k, ())), tengah=k in ("no", "waktu"),
                           samar=langkah_r is None, kelas=f"sop-sel sop-sel-{k}"))
        for la in lajur:
            sel.append(Sel(f"sel{r}_lajur{la.indeks}", Kotak(la.x0, kb.y0, la.x1, kb.y1),
                           kelas="sop-sel sop-sel-lajur"))

    bagan_f = replace(
        bagan, lebar=lebar_total, tinggi=tinggi_total, tinggi_judul=tinggi_kepala,
        lajur=lajur, simbol=simbol, garis=tuple(garis),
        judul=f"Prosedur SOP {sop.nama}"
        + (f" (halaman {bagan.bagian} dari {bagan.jumlah_bagian})"
           if bagan.jumlah_bagian > 1 else ""),
        deskripsi=f"Tabel prosedur dengan simbol bagan alir di kolom pelaksana. "
                  f"{bagan.deskripsi}",
    )
    return Lembar(sop.id, sop.nomor, bagan.bagian, bagan.jumlah_bagian, lebar_total,
                  tinggi_total, tinggi_kepala, tuple(sel), bagan_f, bagan.langkah,
                  tuple(baris_kotak))


# --- SVG -------------------------------------------------------------------------------------

TURUN_BARIS = 9.0  # line step of cell text (8 pt), as the form was first drawn
TURUN_GARIS_DASAR = 0.2375  # baseline below a line's centre, per point of font size
GANTUNG = 0.628  # Helvetica's "• " in em: where an item's text starts after its bullet
PANJANG_PANAH = 7.0  # arrowhead (Graphviz arrowsize 0.7)
LEBAR_PANAH = 5.0


def _n(v: float) -> str:
    """A coordinate, rounded to 0.1 pt (0.035 mm: below what paper shows)."""
    s = f"{v:.1f}"
    s = s[:-2] if s.endswith(".0") else s
    return "0" if s == "-0" else s


def _teks(x: float, cy: float, baris: Sequence[str], ukuran: float, kelas: str = "") -> str:
    """`<text>` elements for lines centred as a block on `cy`, each line escaped."""
    atribut = f' class="{kelas}"' if kelas else ""
    langkah = TURUN_BARIS * ukuran / UKURAN
    awal = cy - (len(baris) - 1) * langkah / 2 + TURUN_GARIS_DASAR * ukuran
    # A list item's wrapped lines start with spaces (see _butir); SVG would collapse them, so
    # they become a hanging indent under the item's text, after the bullet.
    gantung = GANTUNG * ukuran
    return "".join(f'<text{atribut} x="{_n(x + (gantung if b.startswith(" ") else 0.0))}" '
                   f'y="{_n(awal + i * langkah)}">{html.escape(b.lstrip(), quote=False)}</text>'
                   for i, b in enumerate(baris) if b.strip())


def _bentuk(jenis: str, w: float, h: float) -> str:
    """The shape of one flowchart symbol, its box at (0, 0)."""
    if jenis == "kapsul":
        return f'<rect width="{_n(w)}" height="{_n(h)}" rx="{_n(min(h / 2, 18.0))}"/>'
    if jenis == "keputusan":
        return (f'<path d="M{_n(w / 2)} 0L{_n(w)} {_n(h / 2)} {_n(w / 2)} {_n(h)} '
                f'0 {_n(h / 2)}z"/>')
    if jenis == "penghubung":  # off-page connector: a pentagon pointing down
        bahu = h - 6.2
        return (f'<path d="M0 1.9H{_n(w)}V{_n(bahu)}L{_n(w / 2)} {_n(h)} 0 {_n(bahu)}z"/>')
    return f'<rect width="{_n(w)}" height="{_n(h)}"/>'


def _jalur(titik: Sequence[tuple[float, float]], panah: bool) -> str:
    """Path data of an orthogonal polyline; with `panah` it stops where the arrowhead starts."""
    pts = ujung_panah(titik, PANJANG_PANAH if panah else 0.0)
    d = [f"M{_n(pts[0][0])} {_n(pts[0][1])}"]
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        if _n(ax) == _n(bx):
            d.append(f"V{_n(by)}")
        elif _n(ay) == _n(by):
            d.append(f"H{_n(bx)}")
        else:
            d.append(f"L{_n(bx)} {_n(by)}")
    return "".join(d)


def svg_lembar(lembar: Lembar, id_prefix: str = ID_PREFIX) -> str:
    """One printed procedure page as a compact inline `<svg>`, written from the layout.

    The geometry is all in `lembar`, so no drawing program is needed: a grid, the cell texts,
    one `<symbol>` per symbol shape used through `<use>`, the lines (arrowheads are markers)
    and their labels. No style attributes: cetak.css styles the classes. Every text from the
    SOP is escaped; every id starts with `<id_prefix>-h<page>`.
    """
    pb = f"{aman_id(id_prefix, ID_PREFIX)}-h{lembar.bagian}"
    bagan = lembar.bagan
    w, h = lembar.lebar, lembar.tinggi
    pad = PAD_GRAPH
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-formulir" '
           f'viewBox="{_n(-pad)} {_n(-pad)} {_n(w + 2 * pad)} {_n(h + 2 * pad)}" '
           f'width="{_n(w + 2 * pad)}pt" height="{_n(h + 2 * pad)}pt" role="img" '
           f'aria-labelledby="{pb}-title {pb}-desc">'
           f'<title id="{pb}-title">{html.escape(bagan.judul, quote=False)}</title>'
           f'<desc id="{pb}-desc">{html.escape(bagan.deskripsi, quote=False)}</desc>']

    # Shapes: one <symbol> per (kind, size) used on this page.
    simbol_id: dict[tuple[str, str, str], str] = {}
    defs = [f'<marker id="{pb}-panah" markerUnits="userSpaceOnUse" '
            f'markerWidth="{_n(PANJANG_PANAH)}" markerHeight="{_n(LEBAR_PANAH)}" '
            f'refY="{LEBAR_PANAH / 2:g}" orient="auto" '
            f'overflow="visible"><path d="M0 0L{_n(PANJANG_PANAH)} {LEBAR_PANAH / 2:g} '
            f'0 {_n(LEBAR_PANAH)}z"/></marker>']
    if any(g.jenis == "selesai" for g in bagan.garis):
        defs.append(f'<marker id="{pb}-tee" markerUnits="userSpaceOnUse" markerWidth="2" '
                    f'markerHeight="{_n(LEBAR_PANAH * 2)}" refY="{LEBAR_PANAH:g}" orient="auto" '
                    f'overflow="visible"><path d="M0 0V{_n(LEBAR_PANAH * 2)}"/></marker>')
    for s in bagan.simbol:
        kunci_bentuk = (s.jenis, _n(s.kotak.lebar), _n(s.kotak.tinggi))
        if kunci_bentuk not in simbol_id:
            sid = f"{pb}-{s.jenis}" + (f"-{len(simbol_id)}" if any(
                k[0] == s.jenis for k in simbol_id) else "")
            simbol_id[kunci_bentuk] = sid
            defs.append(f'<symbol id="{sid}" overflow="visible">'
                        f"{_bentuk(s.jenis, s.kotak.lebar, s.kotak.tinggi)}</symbol>")
    out.append("<defs>" + "".join(defs) + "</defs>")

    # Grid: header cells filled grey, the body as one path of row and column lines.
    kepala = [c for c in lembar.sel if c.kepala]
    badan = [c for c in lembar.sel if not c.kepala]
    grid = [f'<rect class="k" x="{_n(c.kotak.x0)}" y="{_n(c.kotak.y0)}" '
            f'width="{_n(c.kotak.lebar)}" height="{_n(c.kotak.tinggi)}"/>' for c in kepala]
    if lembar.baris:
        y0, y1 = lembar.baris[0].y0, lembar.baris[-1].y1
        d = [f"M0 {_n(y0)}H{_n(w)}V{_n(y1)}H0z"]
        d += [f"M0 {_n(b.y0)}H{_n(w)}" for b in lembar.baris[1:]]
        tepi = sorted({c.kotak.x0 for c in badan if c.kotak.x0 > 0})
        d += [f"M{_n(x)} {_n(y0)}V{_n(y1)}" for x in tepi]
        grid.append(f'<path d="{"".join(d)}"/>')
    out.append('<g class="sop-grid">' + "".join(grid) + "</g>")

    # Texts: headers bold and centred, cells left (no, waktu centred), notes grey.
    teks = []
    for c in lembar.sel:
        if not c.teks:
            continue
        k = c.kotak
        if c.kepala:
            teks.append(_teks(k.cx, k.cy, c.teks, UKURAN, "b m"))
        elif c.tengah:
            teks.append(_teks(k.cx, k.cy, c.teks, UKURAN, "m s" if c.samar else "m"))
        else:
            teks.append(_teks(k.x0 + PAD, k.cy, c.teks, UKURAN, "s" if c.samar else ""))
    for s in bagan.simbol:
        if s.jenis == "penghubung" and s.teks:
            teks.append(_teks(s.kotak.cx, s.kotak.cy, s.teks, 7.0, "m n"))
    for g in bagan.garis:
        if g.label and g.label_pos:
            teks.append(_teks(g.label_pos[0], g.label_pos[1], (g.label,), UKURAN_LABEL, "m"))

    # Symbols, then lines over the grid and symbols, as on the paper form.
    guna = []
    for s in bagan.simbol:
        sid = simbol_id[(s.jenis, _n(s.kotak.lebar), _n(s.kotak.tinggi))]
        guna.append(f'<use class="sop-{s.jenis}" href="#{sid}" x="{_n(s.kotak.x0)}" '
                    f'y="{_n(s.kotak.y0)}"/>')
    out.append('<g class="sop-simbol">' + "".join(guna) + "</g>")
    alur, lain = [], []
    for g in bagan.garis:
        if g.jenis == "gabung":
            lain.append(f'<path class="sop-gabung" d="{_jalur(g.titik, False)}"/>')
        elif g.jenis == "selesai":
            lain.append(f'<path d="{_jalur(g.titik, False)}" marker-end="url(#{pb}-tee)"/>')
        else:
            alur.append(f'<path d="{_jalur(g.titik, True)}"/>')
    out.append(f'<g class="sop-garis">{"".join(lain)}<g marker-end="url(#{pb}-panah)">'
               + "".join(alur) + "</g></g>")
    out.append('<g class="sop-teks">' + "".join(teks) + "</g></svg>")
    return "".join(out)


def svg_formulir(sop: Sop, kertas: str = "F4", maks_langkah: int = 0,
                 kolom: Mapping[str, str] | None = None, keterangan: bool = True) -> list[str]:
    """Every printed procedure page of `sop` as inline SVG ([] when it has no steps)."""
    return [svg_lembar(lb)
            for lb in tata_formulir(sop, kertas, maks_langkah, kolom, keterangan)]


# --- the page rule ---------------------------------------------------------------------------


def teks_css(teks: str) -> str:
    """A CSS string literal that cannot end the string or the <style> element."""
    aman = "".join(ch if ch.isalnum() or ch in " ./-_,:()·" else f"\\{ord(ch):x} " for ch in teks)
    return f'"{aman}"'


def css_halaman(kertas: str, sop: Sop | None = None) -> str:
    """The @page rule for printing a SOP page: landscape `kertas`, margins, and a footer with
    the SOP number and "Halaman x dari y" (Chromium draws @page margin boxes since v131).

    It is emitted inside the page (a <style> in the print block) because one static CSS file
    cannot read the plugin's paper setting. Safe to put in <style> as is.
    """
    w, h = KERTAS[kertas_sah(kertas)]
    kaki = ""
    if sop is not None:
        kaki = (f"@bottom-left{{content:{teks_css(f'SOP {sop.nomor} · {sop.nama}')};"
                "font:7.5pt Helvetica,Arial,sans-serif;color:#555}")
    kaki += ('@bottom-right{content:"Halaman " counter(page) " dari " counter(pages);'
             "font:7.5pt Helvetica,Arial,sans-serif;color:#555}")
    tinggi_gambar = h - 2 * MARGIN_MM - TINGGI_KETERANGAN_MM
    # A named page: only the form's pages get this paper, so another print layout of the
    # same page (the checklist's "Cetak daftar periksa", html.sop-cetak-periksa) keeps its
    # own. The body carries the name too, else Chromium starts with a blank unnamed page.
    return (f"@page {HALAMAN_CSS}{{size:{w:g}mm {h:g}mm;margin:{MARGIN_MM:g}mm;{kaki}}}"
            f"@media print{{.sop-cetak,html:not(.sop-cetak-periksa) body:has(.sop-cetak)"
            f"{{page:{HALAMAN_CSS}}}"
            f".sop-cetak__prosedur svg{{max-height:{tinggi_gambar:g}mm}}}}")


# --- a whole build ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FormulirSop:
    """What a SOP's print file needs: paper, page rule, procedure pages (SVG).

    With no drawing (`svg` empty: symbols off, or the layout failed) the print file falls
    back to an HTML procedure table; `galat` then says why, for the build log.
    """

    kertas: str
    css: str
    svg: Sequence[str] = ()  # a tuple, or memo.SvgDisimpan (read from disk when rendered)
    galat: str | None = None


def formulir_sah(nilai: object) -> bool:
    """What a memo gives back must be what we wrote: a list of our own <svg> pages."""
    return isinstance(nilai, list) and bool(nilai) and all(
        isinstance(s, str) and s.startswith('<svg xmlns="http://www.w3.org/2000/svg" '
                                            'class="sop-formulir"') and s.endswith("</svg>")
        for s in nilai)


__all__ = [
    "BERKAS_CETAK",
    "ID_PREFIX",
    "JUDUL_KOLOM",
    "KERTAS",
    "FormulirSop",
    "Lembar",
    "Sel",
    "area_cetak",
    "css_halaman",
    "formulir_sah",
    "kertas_sah",
    "svg_formulir",
    "svg_lembar",
    "tata_formulir",
    "teks_css",
]
