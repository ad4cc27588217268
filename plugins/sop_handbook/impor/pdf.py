"""Read an SOP AP form from a PDF with pdfplumber: positioned words, table lines, and the
vector shapes and lines that draw the flowchart symbols and arrows.

How: the identity page is read as text lines split into segments by wide gaps (label, then
value). The procedure table is found by its headings (No, Kegiatan, Pelaksana); its columns
are the x positions where vertical rules cover at least half the body, its rows the y
positions of wide horizontal rules. A closed shape inside a Pelaksana column is a symbol (its
row gives the step, its column the lane); open paths are arrow pieces, chained end to end, a
small filled triangle marks the head. Connectors (small shapes holding one digit or letter)
join arrows across page breaks. Every step is linear in the page's objects except the
nearest-label search, which only looks at the few words "Ya"/"Tidak".
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bahan import Bahan, Baris, BukanSop, Keluar

LABEL_IDENTITAS = {
    "nomor sop": "nomor", "no. sop": "nomor", "nomor": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan", "tgl. pembuatan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi", "tgl. revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif", "tgl. efektif": "tanggal_efektif",
    "disahkan oleh": "disahkan_oleh", "nama sop": "nama",
}
BAGIAN = {
    "dasar hukum": "dasar_hukum", "kualifikasi pelaksana": "kualifikasi_pelaksana",
    "kualifikasi pelaksanaan": "kualifikasi_pelaksana", "keterkaitan": "keterkaitan",
    "peralatan / perlengkapan": "peralatan", "peralatan/perlengkapan": "peralatan",
    "peralatan perlengkapan": "peralatan", "peringatan": "peringatan",
    "pencatatan dan pendataan": "pencatatan", "pencatatan / pendataan": "pencatatan",
    "pencatatan/pendataan": "pencatatan",
}


@dataclass
class _Bentuk:
    x0: float
    y0: float
    x1: float
    y1: float
    jenis: str
    hal: int
    label: str = ""
    baris: int = -1  # index into the row list of the whole document
    keluar: list[tuple[float, float]] = field(default_factory=list)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def dekat(self, x: float, y: float, tol: float = 3.0) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol


def baca(berkas: Path) -> Bahan:
    """The raw form content of a PDF; raises BukanSop for a file that is not one."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(berkas)
    except Exception as e:  # pdfminer raises many kinds on a damaged or non-PDF file
        raise BukanSop(f"bukan PDF yang dapat dibaca ({type(e).__name__})") from e
    with pdf:
        try:
            halaman = list(pdf.pages)
            kata_hal = [h.extract_words(keep_blank_chars=False) for h in halaman]
        except Exception as e:  # pdfminer raises many kinds on damaged files
            raise BukanSop(f"PDF rusak atau tidak dapat dibaca ({type(e).__name__})") from e
        if not any(kata_hal):
            raise BukanSop("PDF tidak berisi teks (hasil pindai?) — ketik ulang SOP ini "
                           "dengan `sop new`, atau impor versi Word/PDF aslinya")
        bahan = Bahan()
        _identitas(kata_hal, bahan)
        if "nama" not in bahan.identitas and "nomor" not in bahan.identitas:
            raise BukanSop("tidak ditemukan tabel identitas SOP AP (Nomor SOP, Nama SOP)")
        bentuk: list[_Bentuk] = []
        garis: list[tuple[int, list[tuple[float, float]]]] = []
        kepala_panah: list[tuple[int, float, float, float, float]] = []
        label: list[tuple[int, str, float, float]] = []
        for i, (h, kata) in enumerate(zip(halaman, kata_hal, strict=True)):
            _prosedur(i, h, kata, bahan, bentuk, garis, kepala_panah, label)
        if not bahan.baris:
            raise BukanSop("tidak ditemukan tabel prosedur (kolom No, Kegiatan, Pelaksana)")
        _alur(bahan, bentuk, garis, kepala_panah, label)
    return bahan


# ---------------------------------------------------------------- identity page

def _baris_teks(kata: list[dict], celah: float = 14.0
                ) -> list[list[tuple[float, float, float, str]]]:
    """Words grouped into text lines, each line split into segments at wide gaps."""
    kata = sorted(kata, key=lambda w: (round(w["top"]), w["x0"]))
    baris: list[list[dict]] = []
    for w in kata:
        if baris and abs(baris[-1][0]["top"] - w["top"]) < 3:
            baris[-1].append(w)
        else:
            baris.append([w])
    hasil = []
    for b in baris:
        b.sort(key=lambda w: w["x0"])
        seg: list[list[dict]] = [[b[0]]]
        for w in b[1:]:
            if w["x0"] - seg[-1][-1]["x1"] > celah:
                seg.append([w])
            else:
                seg[-1].append(w)
        hasil.append([(s[0]["x0"], s[-1]["x1"], s[0]["top"], " ".join(w["text"] for w in s))
                      for s in seg])
    return hasil


def _kunci(teks: str) -> str:
    return re.sub(r"\s+", " ", teks.strip().rstrip(":").strip()).lower()


def _identitas(kata_hal: list[list[dict]], bahan: Bahan) -> None:
    for kata in kata_hal:
        baris = _baris_teks(kata)
        label_x: float | None = None
        for b in baris:
            for s in b:
                if _kunci(s[3]) in ("nomor sop", "no. sop"):
                    label_x = s[0]
        if label_x is None:
            continue
        nilai_x: float | None = None
        sedang: str | None = None
        bag: str | None = None
        bag_x: dict[str, tuple[float, float]] = {}
        for b in baris:
            for x0, x1, _top, teks in b:
                k = _kunci(teks)
                if k in BAGIAN:
                    bag = BAGIAN[k]
                    bag_x[bag] = (x0, x1)
                    bahan.bagian.setdefault(bag, [])
                    sedang = None
                    continue
                if x0 >= label_x - 2 and k in LABEL_IDENTITAS and not bag_x:
                    sedang = LABEL_IDENTITAS[k]
                    bahan.identitas.setdefault(sedang, "")
                    continue
                if bag_x:
                    # the section grid: a segment belongs to the heading above it, same column
                    kol = [n for n, (bx0, _bx1) in bag_x.items() if abs(bx0 - x0) < 40
                           or (bx0 - 5 <= x0)]
                    if kol:
                        best = max(kol, key=lambda n: bag_x[n][0] if bag_x[n][0] <= x0 + 5
                                   else -1e9)
                        bahan.bagian[best].append(teks)
                    continue
                if x0 < label_x - 2:
                    bahan.kepala.append(teks)
                elif sedang:
                    nilai_x = nilai_x or x0
                    lama = bahan.identitas.get(sedang, "")
                    bahan.identitas[sedang] = (lama + "\n" + teks).strip()
        _urut_bagian(baris, bahan, bag_x)
        return


def _urut_bagian(baris, bahan: Bahan, bag_x: dict[str, tuple[float, float]]) -> None:
    """Re-read the section grid by rows of headings: a heading owns the segments below it in
    its column, up to the next heading row."""
    if not bag_x:
        return
    for k in bahan.bagian:
        bahan.bagian[k] = []
    kolom = sorted({round(v[0]) for v in bag_x.values()})
    aktif: dict[int, str] = {}
    for b in baris:
        judul = [(x0, BAGIAN[_kunci(t)]) for x0, _x1, _t, t in b if _kunci(t) in BAGIAN]
        if judul:
            for x0, n in judul:
                aktif[min(kolom, key=lambda c: abs(c - x0))] = n
            continue
        if not aktif:
            continue
        for x0, _x1, _top, teks in b:
            if re.match(r"^(SOP .*·|Halaman \d+)", teks):
                continue
            c = max([c for c in kolom if c <= x0 + 5] or [kolom[0]])
            if c in aktif:
                bahan.bagian[aktif[c]].append(teks)


# ---------------------------------------------------------------- procedure table

def _gugus(nilai: list[tuple[float, float]], tol: float = 1.5) -> list[tuple[float, float]]:
    """(position, weight) pairs merged when closer than tol; weights add up."""
    hasil: list[list[float]] = []
    for v, w in sorted(nilai):
        if hasil and v - hasil[-1][0] <= tol:
            hasil[-1][1] += w
        else:
            hasil.append([v, w])
    return [(a, b) for a, b in hasil]


def _tepi(h) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules from lines and rect sides."""
    hor, ver = [], []
    for e in list(h.lines) + list(h.rects):
        x0, x1, y0, y1 = e["x0"], e["x1"], e["top"], e["bottom"]
        if y1 - y0 <= 2:
            hor.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= 2:
            ver.append(((x0 + x1) / 2, y0, y1))
        elif e["object_type"] == "rect":
            hor += [(y0, x0, x1), (y1, x0, x1)]
            ver += [(x0, y0, y1), (x1, y0, y1)]
    return hor, ver


def _prosedur(i: int, h, kata: list[dict], bahan: Bahan, bentuk: list[_Bentuk],
              garis: list, kepala_panah: list, label: list) -> None:
    no = next((w for w in kata if w["text"].lower() in ("no", "no.")), None)
    keg = next((w for w in kata if w["text"].lower() in ("kegiatan", "uraian", "aktivitas")
                and no is not None and abs(w["top"] - no["top"]) < 30), None)
    pel = next((w for w in kata if w["text"].lower() == "pelaksana"), None)
    if no is None or keg is None or pel is None:
        return
    hor, ver = _tepi(h)
    atas = min(no["top"], pel["top"]) - 4
    lebar_tabel = max((x1 - x0 for _y, x0, x1 in hor if _y > atas), default=0)
    if lebar_tabel <= 0:
        return
    garis_y = [y for y, w in _gugus([(y, x1 - x0) for y, x0, x1 in hor if y > atas])
               if w >= 0.6 * lebar_tabel]
    # rows: intervals between wide rules; the body starts at the first numbered row
    selang = [(a, b) for a, b in itertools.pairwise(garis_y) if b - a > 4]
    if not selang:
        return
    bawah = selang[-1][1]
    tinggi = bawah - atas
    kolom_x = [x for x, w in _gugus([(x, y1 - y0) for x, y0, y1 in ver
                                     if y1 > atas and y0 < bawah]) if w >= 0.45 * tinggi]
    kolom = [(a, b) for a, b in itertools.pairwise(kolom_x) if b - a > 6]
    if len(kolom) < 4:
        return

    def di(k: tuple[float, float], w: dict) -> bool:
        c = (w["x0"] + w["x1"]) / 2
        return k[0] <= c < k[1]

    def teks(x: tuple[float, float], y0: float, y1: float) -> str:
        ws = [w for w in kata if di(x, w) and y0 <= (w["top"] + w["bottom"]) / 2 < y1]
        return "\n".join(s for s in _gabung_baris(ws))

    kol_no = next(k for k in kolom if di(k, no))
    awal = None
    for a, b in selang:
        t = teks(kol_no, a, b)
        if re.fullmatch(r"\d+\.?", t.strip()) or "sambungan" in teks(
                (kol_no[1], kolom[-1][1]), a, b).lower():
            awal = a
            break
    if awal is None:
        return
    # headings: words between the table top and the body, the spanning words left out
    kepala_kol = []
    for k in kolom:
        ws = [w for w in kata if di(k, w) and atas <= w["top"] < awal
              and not (abs(w["top"] - pel["top"]) < 3 and w["text"].lower()
                       in ("pelaksana", "mutu", "baku"))]
        kepala_kol.append(" ".join(_gabung_baris(ws)).strip())
    jenis_kol = []
    for n in kepala_kol:
        k = n.lower()
        if k in ("no", "no."):
            jenis_kol.append("no")
        elif k in ("kegiatan", "uraian kegiatan", "aktivitas", "uraian"):
            jenis_kol.append("kegiatan")
        elif k.startswith("ket"):
            jenis_kol.append("keterangan")
        elif any(s in k for s in ("kelengkapan", "persyaratan", "waktu", "output", "keluaran",
                                  "bahan", "sumber", "hasil")):
            jenis_kol.append("mutu")
        else:
            jenis_kol.append("lajur")
    if "kegiatan" not in jenis_kol:
        return
    lajur_idx = [j for j, t in enumerate(jenis_kol) if t == "lajur"
                 and j > jenis_kol.index("kegiatan")]
    if not bahan.lajur:
        bahan.lajur = [kepala_kol[j] for j in lajur_idx]
        bahan.kolom_mutu = [kepala_kol[j] for j, t in enumerate(jenis_kol) if t == "mutu"]
    elif [kepala_kol[j] for j in lajur_idx] != bahan.lajur:
        bahan.ragu.append(("pelaksana", f"judul kolom Pelaksana di halaman {i + 1} berbeda"))
    pita = (kolom[lajur_idx[0]][0], kolom[lajur_idx[-1]][1]) if lajur_idx else (0, 0)
    body = [(a, b) for a, b in selang if a >= awal - 0.5]
    nomor_baris: list[int] = []  # document row index for each body interval
    for a, b in body:
        t_no = teks(kol_no, a, b).strip().rstrip(".")
        no_langkah = int(t_no) if t_no.isdigit() else None
        r = Baris(no=no_langkah, kegiatan=teks(kolom[jenis_kol.index("kegiatan")], a, b))
        for j, jk in enumerate(jenis_kol):
            if jk == "mutu":
                r.mutu[kepala_kol[j]] = teks(kolom[j], a, b)
            elif jk == "keterangan":
                r.keterangan = teks(kolom[j], a, b)
        nomor_baris.append(len(bahan.baris))
        bahan.baris.append(r)

    def baris_di(y: float) -> int:
        for (a, b), n in zip(body, nomor_baris, strict=True):
            if a - 1 <= y <= b + 1:
                return n
        return -1

    # shapes in the Pelaksana band: symbols, arrow pieces, arrow heads
    dilihat: set[tuple[int, int, int, int]] = set()
    for o in list(h.rects) + list(h.curves):
        x0, x1, y0, y1 = o["x0"], o["x1"], o["top"], o["bottom"]
        if not (pita[0] - 2 <= x0 and x1 <= pita[1] + 2 and y0 >= awal - 2 and y1 <= bawah + 2):
            continue
        w, t = x1 - x0, y1 - y0
        kunci = (round(x0), round(y0), round(x1), round(y1))
        pts = [(float(px), float(py)) for px, py in o.get("pts") or []]
        tertutup = o["object_type"] == "rect" or (len(pts) > 2 and math.dist(pts[0], pts[-1]) < 1)
        if tertutup and w < 9 and t < 9:
            if o.get("fill") and kunci not in dilihat:
                dilihat.add(kunci)
                kepala_panah.append((i, x0, y0, x1, y1))
            continue
        if not tertutup:
            if not o.get("fill") and len(pts) >= 2:
                garis.append((i, pts))
            continue
        if w < 6 or t < 6 or w > (pita[1] - pita[0]) * 0.9:
            continue
        if kunci in dilihat:
            continue
        dilihat.add(kunci)
        bentuk.append(_Bentuk(x0, y0, x1, y1, _jenis(o, pts, w, t), i,
                              baris=baris_di((y0 + y1) / 2)))
    for ln in h.lines:
        x0, x1, y0, y1 = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if pita[0] <= x0 and x1 <= pita[1] and y0 >= awal and y1 <= bawah \
                and max(x1 - x0, y1 - y0) < 0.6 * lebar_tabel:
            pts = [(float(a), float(b)) for a, b in ln.get("pts") or [(x0, y0), (x1, y1)]]
            garis.append((i, pts))
    for w in kata:
        if w["text"].lower() in ("ya", "tidak", "y", "t") and pita[0] <= w["x0"] <= pita[1] \
                and w["top"] >= awal:
            label.append((i, w["text"].lower(), (w["x0"] + w["x1"]) / 2,
                          (w["top"] + w["bottom"]) / 2))
    # connector labels: one short token inside a small shape
    for b in bentuk:
        if b.hal != i:
            continue
        dalam = [w["text"] for w in kata if b.x0 <= w["x0"] and w["x1"] <= b.x1
                 and b.y0 <= w["top"] and w["bottom"] <= b.y1 + 1]
        if len(dalam) == 1 and len(dalam[0]) <= 3:
            b.jenis, b.label = "penghubung", dalam[0]
    # the lane of each symbol, per row
    lajur_kol = [kolom[j] for j in lajur_idx]
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
            if j not in r.lajur:
                r.lajur.append(j)
        if b.jenis == "keputusan" or not r.jenis:
            r.jenis = b.jenis


def _jenis(o: dict, pts: list[tuple[float, float]], w: float, t: float) -> str:
    if o["object_type"] == "rect":
        return "proses"
    sudut = pts[:-1] if len(pts) > 1 and math.dist(pts[0], pts[-1]) < 1 else pts
    x0, y0 = min(p[0] for p in sudut), min(p[1] for p in sudut)
    if len(sudut) == 4:
        tengah = [(x0 + w / 2, y0), (x0 + w, y0 + t / 2), (x0 + w / 2, y0 + t), (x0, y0 + t / 2)]
        if all(min(math.dist(p, q) for q in sudut) < 2 for p in tengah):
            return "keputusan"
        return "proses"
    if len(sudut) == 5:
        return "penghubung"  # the off-page connector's pentagon
    if len(sudut) >= 8:
        return "terminal" if w > 1.4 * t else "penghubung"
    return "proses"


def _gabung_baris(ws: list[dict]) -> list[str]:
    ws = sorted(ws, key=lambda w: (round(w["top"]), w["x0"]))
    baris: list[list[dict]] = []
    for w in ws:
        if baris and abs(baris[-1][0]["top"] - w["top"]) < 3:
            baris[-1].append(w)
        else:
            baris.append([w])
    return [" ".join(w["text"] for w in sorted(b, key=lambda w: w["x0"])) for b in baris]


# ---------------------------------------------------------------- arrows

def _alur(bahan: Bahan, bentuk: list[_Bentuk], garis: list, kepala_panah: list,
          label: list) -> None:
    """Chain arrow pieces, find each chain's tail and head symbol, resolve connectors."""
    def bebas(hal: int, p: tuple[float, float]) -> bool:
        """A point where two arrow pieces may be joined: not on a symbol, not an arrow head
        (two arrows into one symbol meet there without being one arrow)."""
        return not any(s.hal == hal and s.dekat(*p, tol=9) for s in bentuk) and not any(
            k[0] == hal and k[1] - 3 <= p[0] <= k[3] + 3 and k[2] - 3 <= p[1] <= k[4] + 3
            for k in kepala_panah)

    rantai = _rantai(garis, bebas)
    tepi: list[tuple[_Bentuk, _Bentuk | None, str]] = []
    for hal, pts in rantai:
        a, b = pts[0], pts[-1]

        def kepala(p: tuple[float, float], hal: int = hal) -> bool:
            return any(k[0] == hal and k[1] - 3 <= p[0] <= k[3] + 3 and k[2] - 3 <= p[1]
                       <= k[4] + 3 for k in kepala_panah)

        if kepala(a) and not kepala(b):
            a, b = b, a
            pts = pts[::-1]
        sb = [s for s in bentuk if s.hal == hal and s.dekat(*a)]
        tb = [s for s in bentuk if s.hal == hal and s.dekat(*b, tol=9)]
        if not sb:
            continue
        sumber = min(sb, key=lambda s: math.dist((s.cx, s.cy), a))
        tuju = min(tb, key=lambda s: math.dist((s.cx, s.cy), b)) if tb else None
        if tuju is sumber:
            tuju = None
        lbl = _label(hal, pts, label)
        tepi.append((sumber, tuju, lbl))
    # resolve off-page connectors: A → (connector n) … (connector n) → B  ⇒  A → B
    masuk: dict[str, list[tuple[_Bentuk, str]]] = {}
    keluar_p: dict[str, list[_Bentuk]] = {}
    for s, t, lbl in tepi:
        if t is not None and t.jenis == "penghubung":
            masuk.setdefault(t.label, []).append((s, lbl))
        if s.jenis == "penghubung" and t is not None:
            keluar_p.setdefault(s.label, []).append(t)
    akhir: list[tuple[_Bentuk, _Bentuk | None, str]] = []
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
