"""The swimlane layout of a SOP's flowchart, like the paper form: lanes, symbols, routed lines.

Why we compute the grid ourselves: Graphviz's own ranking reorders lanes once there are about
six of them, and the form is read lane by lane. So this module places every symbol and routes
every edge (orthogonal lines in the gutters between lanes and the gaps between rows); the
page chart is then only drawn by Graphviz (dot.py writes it for `neato -n2`, positions taken
as given), and the printed form moves the same layout into its table (formulir.py). The
layout is plain frozen dataclasses, so tests check geometry without running anything.

Public API::

    tata_letak(sop, maks_langkah=None) -> list[Bagan]   # layout, one Bagan per chart part

Symbols (Permenpan RB 35/2012): capsule for the first and the last step, rectangle for a
process, diamond for a decision, pentagon (off-page connector) where a split chart continues.
A decision exit that ends the procedure is a short arrow with a bar head (⊣) labelled
"Ya"/"Tidak", since the form draws no separate "Selesai" symbol.

Rows of format v1.1: a hand-off (`diserahkan_ke`) is the performer's box, an arrow, and the
receiver's box in one row (flow enters the first, leaves the second); a process-then-decision
row (`keputusan.proses`) is a box above a diamond in one lane (flow enters the box, the
decision's exits leave the diamond).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Langkah, Sop
from .ukur import UKURAN_HURUF, Kotak, Titik, bungkus, lebar_teks

# --- sizes, in points (1/72 in) ------------------------------------------------------------

UKURAN_LABEL = 9.0  # "Ya" / "Tidak": as big as the other text (12 px on screen)
JARAK_BARIS = UKURAN_HURUF * 1.2  # Graphviz's line spacing
JARAK_TUMPUK = 18.0  # process box to its diamond, in a process-then-decision row
TANYA_BAKU = "Sesuai?"  # the diamond's text in a process-then-decision row
TEKS_TERIMA = "Menerima"  # the receiver's box of a hand-off
GUTTER = 22.0  # free space left and right of the symbols in a lane: the routing channels
CELAH = 44.0  # vertical gap above every row: room for exit labels and horizontal tracks
TRACK_CELAH = (20.0, 27.0, 34.0)  # y offsets of horizontal tracks inside a gap
TINGGI_MIN = 36.0
PADDING = 7.0
UKURAN_PENGHUBUNG = 30.0
MARGIN_BAWAH = 16.0
# A decision whose text would make its diamond taller than this (or cut a word) is drawn on the
# page chart as a small diamond holding its number, with the text beside it (`samping`).
TINGGI_KEPUTUSAN_MAKS = 72.0
TINGGI_KETUPAT_KECIL = 40.0


@dataclass(frozen=True)
class Lajur:
    """A lane: column `x0..x1`, header text wrapped to fit."""

    indeks: int
    id: str
    nama: str
    x0: float
    x1: float
    judul: tuple[str, ...]


@dataclass(frozen=True)
class Simbol:
    """One drawn symbol. `jenis`: kapsul | proses | keputusan | penghubung."""

    nama: str  # DOT node name
    jenis: str
    lajur: int
    kotak: Kotak
    teks: tuple[str, ...]  # wrapped label lines
    langkah: int | None = None  # step number; None for a connector
    salinan: int = 0  # copy index within a joint step
    anchor: str | None = None
    penghubung: int | None = None  # connector number
    arah: str | None = None  # connector: "keluar" (flow leaves the part) | "masuk"
    ke_bagian: int | None = None  # connector: the part on the other side
    samping: tuple[str, ...] = ()  # a long decision's text, drawn beside its small diamond
    kotak_samping: Kotak | None = None


@dataclass(frozen=True)
class Garis:
    """An edge as an orthogonal polyline. `jenis`: alur | selesai | gabung | serah (the
    hand-off arrow inside a row)."""

    nama: str
    dari: str
    ke: str | None
    titik: tuple[Titik, ...]
    jenis: str = "alur"
    label: str | None = None
    label_pos: Titik | None = None
    mundur: bool = False


@dataclass(frozen=True)
class Bagan:
    """One chart part: everything needed to draw it, in page coordinates (y down)."""

    sop_id: str
    judul: str
    deskripsi: str
    bagian: int  # 1-based
    jumlah_bagian: int
    lebar: float
    tinggi: float
    tinggi_judul: float
    lajur: tuple[Lajur, ...]
    simbol: tuple[Simbol, ...]
    garis: tuple[Garis, ...]
    langkah: tuple[int, ...] = field(default=())  # step numbers drawn in this part

    def simbol_langkah(self, nomor: int) -> list[Simbol]:
        return [s for s in self.simbol if s.langkah == nomor]


@dataclass
class _Baris:
    """A row under construction: one step (all its symbols) or one connector.

    Symbol boxes are relative to the row's top until placed. `jenis`: biasa | bersama (joint
    step) | serah (hand-off) | proses_keputusan. `i_masuk`/`i_keluar` pick the symbols the
    flow enters and leaves (empty: all of them).
    """

    simbol: list[Simbol]
    y0: float = 0.0
    tinggi: float = 0.0
    jenis: str = "biasa"
    i_masuk: tuple[int, ...] = ()
    i_keluar: tuple[int, ...] = ()

    @property
    def masuk(self) -> list[Simbol]:
        return [self.simbol[i] for i in self.i_masuk] if self.i_masuk else self.simbol

    @property
    def keluar(self) -> list[Simbol]:
        return [self.simbol[i] for i in self.i_keluar] if self.i_keluar else self.simbol


@dataclass
class _Jalur:
    """Greedy track allocation: a track is free where none of its intervals overlap."""

    posisi: tuple[float, ...]
    dipakai: list[list[tuple[float, float]]] = field(default_factory=list)

    def ambil(self, a: float, b: float) -> float:
        lo, hi = min(a, b) - 3, max(a, b) + 3
        if not self.dipakai:
            self.dipakai = [[] for _ in self.posisi]
        for i, pakai in enumerate(self.dipakai):
            if all(hi <= p or lo >= q for p, q in pakai):
                pakai.append((lo, hi))
                return self.posisi[i]
        self.dipakai[0].append((lo, hi))
        return self.posisi[0]


LEBAR_LAJUR_MAKS = 260.0  # a lane widened for a long word; longer words are cut


def _lebar_lajur(jumlah: int, kata_terpanjang: float = 0.0) -> float:
    """Fewer lanes get wider columns, so a 2-lane chart is not a narrow strip; a lane is
    widened (up to LEBAR_LAJUR_MAKS) so that the longest word fits (`kata_terpanjang`: the
    width a symbol needs for it)."""
    dasar = min(200.0, max(130.0, 660.0 / max(jumlah, 1)))
    return float(round(min(LEBAR_LAJUR_MAKS, max(dasar, kata_terpanjang + 2 * GUTTER))))


def _kata_terpanjang(sop: Sop) -> float:
    """Symbol width the page chart needs so that no step's word is cut: a process box's
    padding, or a small diamond and its gap beside a decision's text. One pass over the text."""
    perlu = 0.0
    for lk in sop.kegiatan:
        kata = max((lebar_teks(k) for k in lk.aktivitas.split()), default=0.0)
        tambah = 28.0 + 4 + 1 if lk.keputusan else 2 * PADDING + 6 + 1
        perlu = max(perlu, kata + tambah)
    return perlu


def _ukuran_keputusan(teks: str, lebar: float) -> tuple[list[str], float]:
    """Wrap a decision's text so it fits inside the diamond (a text box of `tw` x `th` fits
    when tw/w + th/h <= 1); pick the lowest diamond that cuts no word, if any does not."""
    utuh = " ".join(teks.split())
    terbaik: tuple[bool, float, list[str]] | None = None
    for frac in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        tw = lebar * frac
        baris = bungkus(teks, tw - 4)
        th = len(baris) * JARAK_BARIS + 4
        tinggi = max(TINGGI_MIN + 12, th / (1 - frac))
        calon = (" ".join(baris) != utuh, tinggi, baris)
        if terbaik is None or calon[:2] < terbaik[:2]:
            terbaik = calon
    assert terbaik is not None
    return terbaik[2], terbaik[1]


def _lajur_langkah(sop: Sop, langkah: Langkah) -> list[int]:
    """Lane indexes of a step, left to right; unknown lane ids are skipped (the loader reports
    them), and a step with none lands in the first lane rather than vanishing."""
    indeks = {p.id: i for i, p in enumerate(sop.pelaksana)}
    hasil = sorted({indeks[p] for p in langkah.pelaksana if p in indeks})
    return hasil or [0]


def _keluar(sop: Sop, langkah: Langkah) -> list[tuple[str | None, int | None]]:
    """A step's exits as (label, target); target None ends the procedure."""
    n = len(sop.kegiatan)

    def sah(t: int | None) -> int | None:
        return t if t is not None and 1 <= t <= n else None

    if langkah.keputusan:
        return [("Ya", sah(langkah.keputusan.ya)), ("Tidak", sah(langkah.keputusan.tidak))]
    if langkah.lanjut is not None:
        return [(None, sah(langkah.lanjut))]
    return [(None, langkah.nomor + 1)] if langkah.nomor < n else []


def _keputusan_samping(teks: str, lebar: float) -> tuple[float, list[str]]:
    """Width of a small diamond and the lines of `teks` beside it: the diamond as wide as
    leaves the longest word room (at most 35 % of `lebar`, at least 28 pt)."""
    kata = max((lebar_teks(k) for k in teks.split()), default=0.0)
    d = max(28.0, min(lebar * 0.35, lebar - 4 - kata))
    return d, bungkus(teks, lebar - d - 4)


def tata_letak(sop: Sop, maks_langkah: int | None = None,
               samping: bool = False) -> list[Bagan]:
    """Lay out `sop` as one chart, or as parts of at most `maks_langkah` steps each (print),
    joined by numbered off-page connectors. A SOP without steps has no chart: [].
    `samping` (the page chart): a long decision's text goes beside a small diamond."""
    n = len(sop.kegiatan)
    if n == 0:
        return []
    per = maks_langkah if maks_langkah and maks_langkah > 0 else n
    bagian_dari = {lk.nomor: (lk.nomor - 1) // per + 1 for lk in sop.kegiatan}
    jumlah = bagian_dari[n]

    # Connector numbers: one per target step reached from another part, in reading order.
    nomor_penghubung: dict[int, int] = {}
    for lk in sop.kegiatan:
        for _, t in _keluar(sop, lk):
            if t is not None and bagian_dari[t] != bagian_dari[lk.nomor]:
                nomor_penghubung.setdefault(t, len(nomor_penghubung) + 1)

    return [
        _tata_bagian(sop, k, jumlah, bagian_dari, nomor_penghubung, samping)
        for k in range(1, jumlah + 1)
    ]


def _tata_bagian(
    sop: Sop,
    bagian: int,
    jumlah: int,
    bagian_dari: dict[int, int],
    nomor_penghubung: dict[int, int],
    samping: bool = False,
) -> Bagan:
    lw = _lebar_lajur(len(sop.pelaksana), _kata_terpanjang(sop) if samping else 0.0)
    lebar_simbol = lw - 2 * GUTTER
    langkah = [lk for lk in sop.kegiatan if bagian_dari[lk.nomor] == bagian]
    terakhir = len(sop.kegiatan)

    lajur_list: list[Lajur] = []
    for i, p in enumerate(sop.pelaksana):
        judul = bungkus(p.nama, lw - 12, tebal=True)
        lajur_list.append(Lajur(i, p.id, p.nama, i * lw, (i + 1) * lw, tuple(judul)))
    tinggi_judul = max(30.0, max(len(j.judul) for j in lajur_list) * JARAK_BARIS + 12)

    def kotak_di(lajur: int, w: float, h: float) -> Kotak:
        cx = lajur * lw + lw / 2
        return Kotak(cx - w / 2, 0.0, cx + w / 2, h)

    # Rows: incoming connectors, the steps, outgoing connectors.
    baris: list[_Baris] = []
    masuk: dict[int, list[tuple[int, int]]] = {}  # target step -> (source part, lane)
    keluar: dict[int, int] = {}  # target step -> lane of the connector in this part
    for lk in sop.kegiatan:
        for _, t in _keluar(sop, lk):
            if t is None or bagian_dari[t] == bagian_dari[lk.nomor]:
                continue
            # The connector sits in the source's lane nearest the target; its twin on the
            # other part in the target's lane nearest the source, so the flow reads on.
            asal = _lajur_langkah(sop, lk)
            tuju = _lajur_langkah(sop, sop.langkah(t))
            if bagian_dari[t] == bagian:
                lane = min(tuju, key=lambda x: (min(abs(x - a) for a in asal), x))
                masuk.setdefault(t, []).append((bagian_dari[lk.nomor], lane))
            elif bagian_dari[lk.nomor] == bagian:
                keluar[t] = min(asal, key=lambda x: (min(abs(x - a) for a in tuju), x))

    def penghubung(t: int, lajur: int, arah: str, ke_bagian: int) -> _Baris:
        num = nomor_penghubung[t]
        nama = f"k{num}{'o' if arah == 'keluar' else 'i'}"
        s = UKURAN_PENGHUBUNG
        simbol = Simbol(nama, "penghubung", lajur, kotak_di(lajur, s, s), (str(num),),
                        penghubung=num, arah=arah, ke_bagian=ke_bagian)
        return _Baris([simbol], tinggi=s)

    for t in sorted(masuk, key=lambda t: nomor_penghubung[t]):
        asal_bagian, lane = masuk[t][0]
        baris.append(penghubung(t, lane, "masuk", asal_bagian))
    for lk in langkah:
        lanes = _lajur_langkah(sop, lk)
        teks = f"{lk.nomor}. {' '.join(lk.aktivitas.split())}"
        if lk.diserahkan_ke or (lk.keputusan and lk.keputusan.proses):
            baris.append(_baris_v11(sop, lk, lanes[0], kotak_di, lebar_simbol, terakhir))
            continue
        if lk.keputusan and lk.keputusan.pertanyaan:  # the question is what the diamond asks
            teks = f"{lk.nomor}. {lk.keputusan.pertanyaan}"
        teks_samping: list[str] = []
        if lk.keputusan:
            jenis = "keputusan"
            label, h = _ukuran_keputusan(teks, lebar_simbol)
            utuh = " ".join(label) == " ".join(teks.split())
            if samping and (h > TINGGI_KEPUTUSAN_MAKS or not utuh):
                d, teks_samping = _keputusan_samping(teks.split(" ", 1)[1], lebar_simbol)
                label = [f"{lk.nomor}."]
        else:
            jenis = "kapsul" if lk.nomor in (1, terakhir) else "proses"
            label = bungkus(teks, lebar_simbol - 2 * PADDING - (6 if jenis == "kapsul" else 0))
            h = max(TINGGI_MIN, len(label) * JARAK_BARIS + 2 * PADDING)
        if teks_samping:
            # Small diamond at the left of the lane, the text to its right, below the level
            # where a side exit or a joint step's dashed line leaves (so no line crosses it).
            dh = TINGGI_KETUPAT_KECIL
            y_teks = dh / 2 + 12
            y1_teks = y_teks + len(teks_samping) * JARAK_BARIS
            simbol = []
            for i, lane in enumerate(lanes):
                x0 = lane * lw + GUTTER
                simbol.append(Simbol(
                    f"s{lk.nomor}" + (f"_{i + 1}" if i else ""), jenis, lane,
                    Kotak(x0, 0.0, x0 + d, dh), tuple(label), langkah=lk.nomor, salinan=i,
                    anchor=lk.anchor, samping=tuple(teks_samping),
                    kotak_samping=Kotak(x0 + d + 4, y_teks, x0 + lebar_simbol, y1_teks)))
            baris.append(_Baris(simbol, tinggi=max(dh, y1_teks + 2)))
            continue
        simbol = [
            Simbol(f"s{lk.nomor}" + (f"_{i + 1}" if i else ""), jenis, lane,
                   kotak_di(lane, lebar_simbol, h), tuple(label), langkah=lk.nomor,
                   salinan=i, anchor=lk.anchor)
            for i, lane in enumerate(lanes)
        ]
        baris.append(_Baris(simbol, tinggi=h, jenis="bersama" if len(simbol) > 1 else "biasa"))
    for t in sorted(keluar, key=lambda t: nomor_penghubung[t]):
        baris.append(penghubung(t, keluar[t], "keluar", bagian_dari[t]))

    # Vertical placement.
    y = tinggi_judul
    for b in baris:
        b.y0 = y + CELAH
        b.simbol = [
            # A symbol keeps its own offset in the row (a hand-off or process-then-decision
            # row stacks two), and the text beside a small diamond moves with it.
            replace(s, kotak=Kotak(s.kotak.x0, b.y0 + s.kotak.y0, s.kotak.x1, b.y0 + s.kotak.y1),
                    kotak_samping=Kotak(k.x0, b.y0 + k.y0, k.x1, b.y0 + k.y1)
                    if (k := s.kotak_samping) else None)
            for s in b.simbol
        ]
        y = b.y0 + b.tinggi
    tinggi = y + MARGIN_BAWAH
    lebar = lw * len(lajur_list)

    baris_langkah = {b.simbol[0].langkah: i for i, b in enumerate(baris) if b.simbol[0].langkah}
    baris_penghubung = {
        (b.simbol[0].arah, b.simbol[0].penghubung): i
        for i, b in enumerate(baris)
        if b.simbol[0].penghubung
    }

    # Routing.
    jumlah_lajur = len(lajur_list)

    def posisi_track(c: int) -> tuple[float, ...]:
        x = c * lw
        if c == 0:
            return (x + 8, x + 14, x + 19)
        if c == jumlah_lajur:
            return (x - 8, x - 14, x - 19)
        return (x - 8, x + 8, x - 14, x + 14, x - 19, x + 19)

    kanal = [_Jalur(posisi_track(c)) for c in range(jumlah_lajur + 1)]
    celah = [_Jalur(tuple(b.y0 - CELAH + d for d in TRACK_CELAH)) for b in baris]
    garis: list[Garis] = []

    def masuk_atas(tujuan: int, dari_x: float, titik: list[Titik]) -> tuple[Titik, ...]:
        """Finish a route: along the gap above row `tujuan` to the nearest copy, down into it."""
        t = min(baris[tujuan].masuk, key=lambda s: abs(s.kotak.cx - dari_x))
        gy = celah[tujuan].ambil(dari_x, t.kotak.cx)
        return (*titik, (dari_x, gy), (t.kotak.cx, gy), (t.kotak.cx, t.kotak.y0))

    for ri, b in enumerate(baris):
        s0 = b.simbol[0]
        if s0.langkah is not None:
            exits: list[tuple[str | None, int | None]] = []
            for label, t in _keluar(sop, sop.langkah(s0.langkah)):
                if t is not None and bagian_dari[t] != bagian:
                    exits.append((label, baris_penghubung[("keluar", nomor_penghubung[t])]))
                else:
                    exits.append((label, baris_langkah[t] if t is not None else None))
        elif s0.arah == "masuk":
            target = next(t for t, num in nomor_penghubung.items() if num == s0.penghubung)
            exits = [(None, baris_langkah[target])]
        else:
            exits = []
        garis.extend(_rute(b, ri, exits, baris, kanal, masuk_atas))
        garis.extend(_garis_dalam(b))

    simbol = tuple(s for b in baris for s in b.simbol)
    nama_lajur = ", ".join(p.nama for p in sop.pelaksana)
    nomor = [lk.nomor for lk in langkah]
    rentang = f"langkah {nomor[0]}" if len(nomor) == 1 else f"langkah {nomor[0]}–{nomor[-1]}"
    judul = f"Bagan alir SOP {sop.nama}"
    if jumlah > 1:
        judul += f" (bagian {bagian} dari {jumlah})"
    deskripsi = (
        f"Bagan alir {rentang} dari {len(sop.kegiatan)} langkah, dalam {jumlah_lajur} "
        f"pelaksana dari kiri ke kanan: {nama_lajur}. Uraian setiap langkah ada pada tabel "
        "prosedur."
    )
    return Bagan(sop.id, judul, deskripsi, bagian, jumlah, lebar, tinggi, tinggi_judul,
                 tuple(lajur_list), simbol, tuple(garis), tuple(nomor))


def _rute(
    b: _Baris,
    ri: int,
    exits: list[tuple[str | None, int | None]],
    baris: list[_Baris],
    kanal: list[_Jalur],
    masuk_atas: Callable[[int, float, list[Titik]], tuple[Titik, ...]],
) -> list[Garis]:
    """Route a row's exits. Ports: bottom for the next row, sides for jumps and ends; every
    flow enters its target from the top, so arrows into one symbol share one point."""
    hasil: list[Garis] = []
    dipakai: set[str] = set()
    lanes = [s.lajur for s in b.keluar]
    rencana: list[tuple[str | None, int | None, str]] = []
    # Bottom port to the next row first, then jumps, then ends.
    urut = sorted(exits, key=lambda e: 0 if e[1] == ri + 1 else (1 if e[1] is not None else 2))
    for label, t in urut:
        if t == ri + 1 and "bawah" not in dipakai:
            port = "bawah"
        else:
            if t is None:
                ingin = "kanan"
            else:
                tl = [s.lajur for s in baris[t].masuk]
                ingin = "kiri" if max(tl) < min(lanes) else "kanan"
            lain = "kiri" if ingin == "kanan" else "kanan"
            port = ingin if ingin not in dipakai else lain
        dipakai.add(port)
        rencana.append((label, t, port))

    for label, t, port in rencana:
        lw_label = lebar_teks(label, UKURAN_LABEL) if label else 0.0
        suffix = f"-{label.lower()}" if label else ""
        if port == "bawah":
            tujuan = baris[t].masuk  # type: ignore[index]
            s, tt = min(
                ((s, tt) for s in b.keluar for tt in tujuan),
                key=lambda p: (abs(p[0].lajur - p[1].lajur), p[0].lajur),
            )
            awal = (s.kotak.cx, s.kotak.y1)
            if s.kotak.cx == tt.kotak.cx:
                titik: tuple[Titik, ...] = (awal, (tt.kotak.cx, tt.kotak.y0))
            else:
                titik = masuk_atas(t, s.kotak.cx, [awal])
            # Beside a small diamond the text is to the right: the label goes left of the line.
            arah_lp = -1 if s.samping else 1
            lp = (s.kotak.cx + arah_lp * (4 + lw_label / 2), s.kotak.y1 + 9) if label else None
            hasil.append(Garis(f"{s.nama}-{_nama_tujuan(baris, t, titik)}{suffix}", s.nama,
                               _nama_tujuan(baris, t, titik), titik, label=label, label_pos=lp))
            continue
        kanan = port == "kanan"
        s = b.keluar[-1] if kanan else b.keluar[0]
        vx = s.kotak.x1 if kanan else s.kotak.x0
        cy = s.kotak.cy
        arah = 1 if kanan else -1
        if t is None:
            titik = ((vx, cy), (vx + arah * 16, cy))
            lp = (vx + arah * (2 + lw_label / 2), cy - 7) if label else None
            hasil.append(Garis(f"{s.nama}-selesai{suffix}", s.nama, None, titik, jenis="selesai",
                               label=label, label_pos=lp))
            continue
        c = s.lajur + 1 if kanan else s.lajur
        gy_target = baris[t].y0 - CELAH + TRACK_CELAH[-1]
        x = kanal[c].ambil(cy, gy_target)
        titik = masuk_atas(t, x, [(vx, cy), (x, cy)])
        naik = t <= ri
        # The label sits on the side of the stub away from where the line turns.
        lp = (vx + arah * (2 + lw_label / 2), cy + (8 if naik and not s.samping else -7)) \
            if label else None
        ke = _nama_tujuan(baris, t, titik)
        hasil.append(Garis(f"{s.nama}-{ke}{suffix}", s.nama, ke, titik, label=label,
                           label_pos=lp, mundur=naik))
    return hasil


def _nama_tujuan(baris: list[_Baris], t: int | None, titik: Sequence[Titik]) -> str:
    """The copy of row `t` whose top the route ends on."""
    assert t is not None
    x, _ = titik[-1]
    return min(baris[t].masuk, key=lambda s: abs(s.kotak.cx - x)).nama


def _baris_v11(sop: Sop, lk: Langkah, lajur: int, kotak_di: Callable[[int, float, float], Kotak],
               lebar: float, terakhir: int) -> _Baris:
    """A v1.1 row: hand-off (performer's box → receiver's box) or box above its diamond."""
    teks = f"{lk.nomor}. {' '.join(lk.aktivitas.split())}"
    pertama = "kapsul" if lk.nomor == 1 else "proses"
    label = bungkus(teks, lebar - 2 * PADDING - (6 if pertama == "kapsul" else 0))
    h = max(TINGGI_MIN, len(label) * JARAK_BARIS + 2 * PADDING)

    def simbol(salinan: int, jenis: str, lane: int, kotak: Kotak, isi: list[str]) -> Simbol:
        return Simbol(f"s{lk.nomor}" + (f"_{salinan + 1}" if salinan else ""), jenis, lane,
                      kotak, tuple(isi), langkah=lk.nomor, salinan=salinan, anchor=lk.anchor)

    if lk.diserahkan_ke:
        indeks = {p.id: i for i, p in enumerate(sop.pelaksana)}
        penerima = indeks.get(lk.diserahkan_ke, lajur)
        kedua = "kapsul" if lk.nomor == terakhir else "proses"
        a = simbol(0, pertama, lajur, kotak_di(lajur, lebar, h), label)
        b = simbol(1, kedua, penerima, kotak_di(penerima, lebar, h),
                   [f"{lk.nomor}. {TEKS_TERIMA}"])
        urut = [a, b] if lajur < penerima else [b, a]
        return _Baris(urut, tinggi=h, jenis="serah", i_masuk=(urut.index(a),),
                      i_keluar=(urut.index(b),))
    tanya = lk.keputusan.pertanyaan if lk.keputusan and lk.keputusan.pertanyaan else TANYA_BAKU
    isi, hk = _ukuran_keputusan(f"{lk.nomor}. {tanya}", lebar)
    kotak = kotak_di(lajur, lebar, h)
    belah = kotak_di(lajur, lebar, hk)
    belah = Kotak(belah.x0, h + JARAK_TUMPUK, belah.x1, h + JARAK_TUMPUK + hk)
    return _Baris([simbol(0, pertama, lajur, kotak, label),
                   simbol(1, "keputusan", lajur, belah, isi)],
                  tinggi=belah.y1, jenis="proses_keputusan", i_masuk=(0,), i_keluar=(1,))


def _garis_dalam(b: _Baris) -> list[Garis]:
    """Lines inside a row: a joint step's dashed line through its copies (it reads as one
    step), a hand-off's arrow to the receiver, a process box's arrow down to its diamond."""
    if b.jenis == "bersama":
        return [Garis(f"{kiri.nama}-{kanan.nama}", kiri.nama, kanan.nama,
                      ((kiri.kotak.x1, kiri.kotak.cy), (kanan.kotak.x0, kanan.kotak.cy)),
                      jenis="gabung")
                for kiri, kanan in itertools.pairwise(b.simbol)]
    if b.jenis == "serah":
        a, t = b.masuk[0], b.keluar[0]
        ke_kanan = t.kotak.cx > a.kotak.cx
        titik = ((a.kotak.x1 if ke_kanan else a.kotak.x0, a.kotak.cy),
                 (t.kotak.x0 if ke_kanan else t.kotak.x1, t.kotak.cy))
        return [Garis(f"{a.nama}-{t.nama}", a.nama, t.nama, titik, jenis="serah")]
    if b.jenis == "proses_keputusan":
        a, t = b.simbol
        return [Garis(f"{a.nama}-{t.nama}", a.nama, t.nama,
                      ((a.kotak.cx, a.kotak.y1), (t.kotak.cx, t.kotak.y0)))]
    return []


__all__ = [
    "Bagan",
    "Garis",
    "Lajur",
    "Simbol",
    "tata_letak",
]
