"""Flowchart symbols and arrows drawn in a procedure table's Pelaksana columns (PDF).

A closed path inside the lanes is a symbol; what it is comes from where its points lie (corners:
box; edge midpoints: diamond; else capsule or connector), not from how the writer drew it. The
table's own grid (also when drawn as curves or cell rectangles) and the boxes behind Ya/Tidak
labels are not symbols; a path drawn out and back is an arrow. A chart pasted as a picture is
read by `raster.py`. Arrow pieces are chained end to end at free points, a small filled shape
marks the head, an arrow ending on another's line shares its target, and connectors (small
shapes holding one short token) join arrows across page breaks. Cost: linear in a page's
objects, except the pairwise joining of arrow pieces within a page, capped per page at
BATAS_OBJEK pieces and 20 × BATAS_OBJEK points.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from .bahan import Bahan, Keluar
from .identitas import LABEL_PANAH
from .raster import simbol_gambar
from .tabel import TabelHalaman

BATAS_OBJEK = 2000  # drawing objects per page; real forms have a few hundred (12 documents: ≤ 365)


@dataclass
class Bentuk:
    """A closed shape in a Pelaksana column: a symbol, or an off-page connector."""

    x0: float
    y0: float
    x1: float
    y1: float
    jenis: str
    hal: int
    label: str = ""
    baris: int = -1  # index into the row list of the whole document

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def dekat(self, x: float, y: float, tol: float = 3.0) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol


def baca_bagan(h, kata: list[dict], tabel: TabelHalaman, bahan: Bahan, bentuk: list[Bentuk],
               garis: list, kepala_panah: list, label: list) -> None:
    """The symbols of `tabel` (with their rows' lanes set in `bahan`), and the arrow pieces,
    arrow heads and Ya/Tidak words for `ikuti_panah`."""
    i, kolom, jenis, kepala_kol = tabel.hal, tabel.kolom, tabel.jenis, tabel.judul
    selang, nomor_ke, batas, ys = tabel.selang, tabel.nomor_ke, tabel.batas, tabel.ys
    awal, dasar, baris_di = tabel.awal, tabel.dasar, tabel.baris_di
    lajur_kol = [kolom[j] for j, t in enumerate(jenis) if t == "lajur"]
    ke_lajur = [bahan.lajur.index(kepala_kol[j]) for j, t in enumerate(jenis) if t == "lajur"]
    if not lajur_kol:
        return
    pita = (lajur_kol[0][0], lajur_kol[-1][1])
    garis_x = [x for k in kolom for x in k]
    rusuk_x = garis_x + list(batas)  # with both lines of a double rule
    y_awal = selang[0][0] if selang else awal

    def di_kisi(p: tuple[float, float], q: tuple[float, float]) -> bool:
        """A piece of the table's own grid, not of an arrow."""
        if abs(p[0] - q[0]) < 0.5:
            return any(abs(p[0] - x) < 1.2 for x in rusuk_x)
        if abs(p[1] - q[1]) < 0.5:
            return any(abs(p[1] - y) < 1.2 for y in ys)
        return False

    def sel_kisi(x0: float, x1: float) -> bool:
        return any(abs(x0 - x) < 1.5 for x in garis_x) and any(abs(x1 - x) < 1.5 for x in garis_x)

    dilihat: set[tuple[int, int, int, int]] = set()
    awal_garis = len(garis)
    gambar_vektor = list(h.rects) + list(h.curves) + list(h.lines)
    if len(gambar_vektor) > BATAS_OBJEK:  # bounded cost: arrows are joined pairwise per page
        bahan.ragu.append(("kegiatan", f"halaman {i + 1} memuat {len(gambar_vektor)} objek "
                                       "gambar; bagan alirnya tidak dibaca"))
        gambar_vektor = []
    for o in gambar_vektor:
        x0, x1, y0, y1 = o["x0"], o["x1"], o["top"], o["bottom"]
        if not (pita[0] - 2 <= x0 and x1 <= pita[1] + 2 and y0 >= y_awal - 2
                and y1 <= dasar + 2):
            continue
        w, t = x1 - x0, y1 - y0
        pts = [(float(px), float(py)) for px, py in o.get("pts") or []]
        if o["object_type"] == "rect":
            pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        if o["object_type"] == "line" or w <= 2 or t <= 2:  # a line, or a rect drawn as one
            if o["object_type"] == "rect":
                pts = [((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)] if t > w else \
                    [(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)]
            potong = [(p, q) for p, q in itertools.pairwise(pts) if not di_kisi(p, q)]
            for p, q in potong:
                garis.append((i, [p, q]))
            continue
        kunci = (round(x0), round(y0), round(x1), round(y1))
        tertutup = o["object_type"] == "rect" or (len(pts) > 2 and math.dist(pts[0], pts[-1]) < 1
                                                  and _luas(pts) > 0.15 * w * t)
        if not tertutup and len(pts) > 2 and math.dist(pts[0], pts[-1]) < 1:
            pts = _tanpa_balik(pts)  # a line drawn out and back: the way out is the arrow
        if tertutup and w < 9 and t < 9:
            if o.get("fill") and kunci not in dilihat:
                dilihat.add(kunci)
                kepala_panah.append((i, x0, y0, x1, y1))
            continue
        if not tertutup:
            if len(pts) >= 2:
                potong = [(p, q) for p, q in itertools.pairwise(pts) if not di_kisi(p, q)]
                if len(potong) == len(pts) - 1:
                    garis.append((i, pts))
                else:
                    for p, q in potong:
                        garis.append((i, [p, q]))
            continue
        if w < 6 or t < 6 or sel_kisi(x0, x1) or kunci in dilihat:
            continue
        dilihat.add(kunci)
        bentuk.append(Bentuk(x0, y0, x1, y1, _jenis(o, pts, w, t), i,
                              baris=baris_di((y0 + y1) / 2)))
    for w in kata:
        if w["text"].lower().strip(".:") in LABEL_PANAH \
                and pita[0] <= w["x0"] <= pita[1] and y_awal <= w["top"] <= dasar:
            lbl = {"y": "ya", "t": "tidak", "tdk": "tidak"}.get(
                w["text"].lower().strip(".:"), w["text"].lower().strip(".:"))
            label.append((i, lbl, (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2))
    # connector labels: one short token inside a small shape; a box behind a Ya/Tidak label
    # (or a small empty one) is no symbol
    for b in list(bentuk):
        if b.hal != i:
            continue
        isi = [w["text"] for w in kata if b.x0 - 1 <= w["x0"] and w["x1"] <= b.x1 + 1
               and b.y0 - 1 <= w["top"] and w["bottom"] <= b.y1 + 1]
        if (isi and all(t.lower().strip(".:") in LABEL_PANAH for t in isi)) or (
                not isi and b.x1 - b.x0 < 18 and b.y1 - b.y0 < 10):
            bentuk.remove(b)
        elif len(isi) == 1 and len(isi[0]) <= 3 and (b.x1 - b.x0) < 40:
            b.jenis, b.label = "penghubung", isi[0]
    titik = sum(len(p) for _h, p in garis[awal_garis:])
    if len(garis) - awal_garis > BATAS_OBJEK or titik > 20 * BATAS_OBJEK:
        # joining arrow pieces is pairwise within a page: keep that cost bounded
        del garis[awal_garis:]
        bahan.ragu.append(("kegiatan", f"halaman {i + 1}: terlalu banyak garis ({titik} titik); "
                                       "panah di halaman itu tidak diikuti"))
    # a flowchart pasted as a picture: its symbols are read from the pixels (raster.py); its
    # arrows are not, so the rows say so
    def luas_di_pita(g: dict) -> float:
        return max(0.0, min(g["x1"], pita[1]) - max(g["x0"], pita[0])) * \
            max(0.0, min(g["bottom"], dasar) - max(g["top"], y_awal))

    gambar = [g for g in h.images
              if luas_di_pita(g) > 0.1 * (pita[1] - pita[0]) * (dasar - y_awal)]
    if gambar and not any(b.hal == i and b.baris >= 0 and b.baris in nomor_ke for b in bentuk):
        lebar_lajur = min(k[1] - k[0] for k in lajur_kol)
        for g in gambar:
            kotak = (max(g["x0"], h.bbox[0]), max(g["top"], h.bbox[1]),
                     min(g["x1"], h.bbox[2]), min(g["bottom"], h.bbox[3]))
            for x0, y0, x1, y1, jenis_s in simbol_gambar(h, kotak):
                n = baris_di((y0 + y1) / 2)
                tinggi_baris = next((q - p for (p, q), m in zip(selang, nomor_ke, strict=True)
                                     if m == n), 0.0)
                if n >= 0 and 8 <= x1 - x0 <= 0.75 * lebar_lajur and \
                        4 <= y1 - y0 <= 0.9 * tinggi_baris:
                    bentuk.append(Bentuk(x0, y0, x1, y1, jenis_s, i, baris=n))
        for n in set(nomor_ke) - {-1}:
            bahan.baris[n].ragu.append(f"bagan alir di halaman {i + 1} berupa gambar: simbol "
                                       "dibaca dari gambar, panahnya tidak")
    # the lane of each symbol, per row
    for b in bentuk:
        if b.hal != i or b.baris < 0 or b.jenis == "penghubung":
            continue
        r = bahan.baris[b.baris]
        if r.no is None:
            continue
        tutup = [(j, min(b.x1, k[1]) - max(b.x0, k[0])) for j, k in enumerate(lajur_kol)]
        tutup = [(j, t) for j, t in tutup if t > 0]
        if not tutup:
            continue
        j_utama = next(j for j, k in enumerate(lajur_kol) if k[0] <= b.cx < k[1]) \
            if any(k[0] <= b.cx < k[1] for k in lajur_kol) else tutup[0][0]
        penuh = [j for j, t in tutup if t >= 0.6 * (lajur_kol[j][1] - lajur_kol[j][0])]
        if len(penuh) >= 2:  # one shape drawn across several lanes: a joint step
            pilih = penuh
        else:
            pilih = [j_utama]
            sisi = [t for j, t in tutup if j != j_utama]
            if sisi and max(sisi) > 0.25 * (b.x1 - b.x0):
                r.ragu.append("simbol berada di antara dua kolom Pelaksana")
        for j in pilih:
            if ke_lajur[j] not in r.lajur:
                r.lajur.append(ke_lajur[j])
        if b.jenis == "keputusan" or not r.jenis:
            r.jenis = b.jenis


def _luas(pts: list[tuple[float, float]]) -> float:
    """The area a closed path encloses (shoelace): ~0 for a line drawn out and back."""
    return abs(sum(p[0] * q[1] - q[0] * p[1] for p, q in itertools.pairwise(pts))) / 2


def _tanpa_balik(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The outbound half of a path that returns along itself."""
    jauh = max(range(len(pts)), key=lambda n: math.dist(pts[0], pts[n]))
    return pts[: jauh + 1]


def _jenis(o: dict, pts: list[tuple[float, float]], w: float, t: float) -> str:
    """The symbol a closed path draws, from where its points lie, not how many there are
    (writers repeat corners, split sides and add curve control points)."""
    if o["object_type"] == "rect":
        return "proses"
    unik: list[tuple[float, float]] = []
    for p in pts:
        if not unik or math.dist(p, unik[-1]) > 1.5:
            unik.append(p)
    if len(unik) > 1 and math.dist(unik[0], unik[-1]) <= 1.5:
        unik.pop()
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = x0 + w, y0 + t
    tengah = [(x0 + w / 2, y0), (x1, y0 + t / 2), (x0 + w / 2, y1), (x0, y0 + t / 2)]
    tol = max(1.5, 0.06 * min(w, t))
    if all(min(_jarak_ruas(p, a, b) for a, b in zip(tengah, tengah[1:] + tengah[:1],
                                                       strict=True)) < tol for p in unik) \
            and all(min(math.dist(m, p) for p in unik) < 2 * tol for m in tengah):
        return "keputusan"
    sudut = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    if sum(min(math.dist(c, p) for p in unik) < 2.0 for c in sudut) >= 3:
        return "proses"
    if len(unik) == 5:
        return "penghubung"  # the off-page connector's pentagon
    return "terminal" if w > 1.4 * t else "penghubung"


def ikuti_panah(bahan: Bahan, bentuk: list[Bentuk], garis: list, kepala_panah: list,
                label: list) -> None:
    """Chain arrow pieces, find each chain's tail and head symbol, resolve connectors."""
    def bebas(hal: int, p: tuple[float, float]) -> bool:
        """A point where two arrow pieces may be joined: not on a symbol, not an arrow head
        (two arrows into one symbol meet there without being one arrow)."""
        return not any(s.hal == hal and s.dekat(*p, tol=9) for s in bentuk) and not any(
            k[0] == hal and k[1] - 3 <= p[0] <= k[3] + 3 and k[2] - 3 <= p[1] <= k[4] + 3
            for k in kepala_panah)

    rantai = _rantai(garis, bebas)
    ujung: list[tuple[int, list[tuple[float, float]], Bentuk | None, Bentuk | None, str]] = []
    for hal, pts in rantai:
        a, b = pts[0], pts[-1]

        def kepala(p: tuple[float, float], hal: int = hal) -> bool:
            return any(k[0] == hal and k[1] - 3 <= p[0] <= k[3] + 3 and k[2] - 3 <= p[1]
                       <= k[4] + 3 for k in kepala_panah)

        if kepala(a) and not kepala(b):
            a, b = b, a
            pts = pts[::-1]
        sb = [s for s in bentuk if s.hal == hal and s.dekat(*a, tol=6)]
        tb = [s for s in bentuk if s.hal == hal and s.dekat(*b, tol=9)]
        sumber = min(sb, key=lambda s: math.dist((s.cx, s.cy), a)) if sb else None
        tuju = min(tb, key=lambda s: math.dist((s.cx, s.cy), b)) if tb else None
        if tuju is sumber:
            tuju = None
        ujung.append((hal, pts, sumber, tuju, _label(hal, pts, label) if sumber else ""))
    # an arrow that ends on another arrow's line joins it (two flows sharing the last stretch
    # into a symbol): its target is that arrow's target
    tuju_akhir = [u[3] for u in ujung]
    per_hal: dict[int, list[int]] = {}
    for n, u in enumerate(ujung):
        per_hal.setdefault(u[0], []).append(n)
    for _ in range(3):
        for n, (hal, pts, _s, _t, _l) in enumerate(ujung):
            if tuju_akhir[n] is not None:
                continue
            for m in per_hal[hal]:
                if m != n and tuju_akhir[m] is not None and any(
                        _jarak_ruas(pts[-1], p, q) < 1.5
                        for p, q in itertools.pairwise(ujung[m][1])):
                    tuju_akhir[n] = tuju_akhir[m]
                    break
    tepi: list[tuple[Bentuk, Bentuk | None, str]] = [
        (u[2], t if t is not u[2] else None, u[4])
        for u, t in zip(ujung, tuju_akhir, strict=True) if u[2] is not None]
    # resolve off-page connectors: A → (connector n) … (connector n) → B  ⇒  A → B
    keluar_p: dict[str, list[Bentuk]] = {}
    for s, t, _lbl in tepi:
        if s.jenis == "penghubung" and t is not None:
            keluar_p.setdefault(s.label, []).append(t)
    akhir: list[tuple[Bentuk, Bentuk | None, str]] = []
    for s, t, lbl in tepi:
        if s.jenis == "penghubung":
            continue
        if t is not None and t.jenis == "penghubung":
            lanjut = keluar_p.get(t.label) or []
            t = lanjut[0] if len(lanjut) == 1 else None
        akhir.append((s, t, lbl))
    for s, t, lbl in akhir:
        no_s = bahan.baris[s.baris].no if s.baris >= 0 else None
        if no_s is None:
            continue
        no_t = bahan.baris[t.baris].no if t is not None and t.baris >= 0 else None
        bahan.keluar.append(Keluar(no_s, no_t, {"y": "ya", "t": "tidak"}.get(lbl, lbl)))


def _rantai(garis: list, bebas) -> list[tuple[int, list[tuple[float, float]]]]:
    """Arrow pieces joined where one ends exactly where another starts (same page), at a
    free point only."""
    sisa = [(h, list(p)) for h, p in garis if len(p) >= 2]
    hasil = []
    while sisa:
        h, pts = sisa.pop()
        berubah = True
        while berubah:
            berubah = False
            for k, (h2, p2) in enumerate(sisa):
                if h2 != h:
                    continue
                if (math.dist(pts[-1], p2[0]) < 1.5 and not bebas(h, pts[-1])) or \
                        (math.dist(pts[0], p2[-1]) < 1.5 and not bebas(h, pts[0])) or \
                        (math.dist(pts[-1], p2[-1]) < 1.5 and not bebas(h, pts[-1])) or \
                        (math.dist(pts[0], p2[0]) < 1.5 and not bebas(h, pts[0])):
                    continue
                if math.dist(pts[-1], p2[0]) < 1.5:
                    pts = pts + p2[1:]
                elif math.dist(pts[-1], p2[-1]) < 1.5:
                    pts = pts + p2[::-1][1:]
                elif math.dist(pts[0], p2[-1]) < 1.5:
                    pts = p2[:-1] + pts
                elif math.dist(pts[0], p2[0]) < 1.5:
                    pts = p2[::-1][:-1] + pts
                else:
                    continue
                sisa.pop(k)
                berubah = True
                break
        hasil.append((h, pts))
    return hasil


def _label(hal: int, pts: list[tuple[float, float]], label: list) -> str:
    """The Ya/Tidak word nearest the start of an arrow, if close enough."""
    terbaik, jarak = "", 16.0
    awal = pts[: min(len(pts), 3)]
    for h, teks, x, y in label:
        if h != hal:
            continue
        for p, q in itertools.pairwise(awal):
            d = _jarak_ruas((x, y), p, q)
            if d < jarak:
                terbaik, jarak = teks, d
    return terbaik


def _jarak_ruas(p, a, b) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
    return math.dist(p, (ax + t * dx, ay + t * dy))
