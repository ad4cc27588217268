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
from .identitas import BAGIAN, LABEL_PANAH, PAYUNG, SAMBUNG, baca_grid, jenis_kolom
from .raster import simbol_gambar

LABEL_IDENTITAS = {
    "nomor sop": "nomor", "no. sop": "nomor", "nomor": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan", "tgl. pembuatan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi", "tgl. revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif", "tgl. efektif": "tanggal_efektif",
    "disahkan oleh": "disahkan_oleh", "nama sop": "nama",
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
            kata_hal = [kata_halaman(h) for h in halaman]
        except Exception as e:  # pdfminer raises many kinds on damaged files
            raise BukanSop(f"PDF rusak atau tidak dapat dibaca ({type(e).__name__})") from e
        if not any(kata_hal):
            raise BukanSop("PDF tidak berisi teks (hasil pindai?) — ketik ulang SOP ini "
                           "dengan `sop new`, atau impor versi Word/PDF aslinya")
        bahan = Bahan()
        for h in halaman:  # the identity block as table cells; else as lines of text
            if any([baca_grid(t.extract(y_tolerance=1.5), bahan) for t in h.find_tables()]):
                break
        else:
            _identitas(kata_hal, bahan)
        if "nama" not in bahan.identitas and "nomor" not in bahan.identitas:
            raise BukanSop("tidak ditemukan tabel identitas SOP AP (Nomor SOP, Nama SOP)")
        bentuk: list[_Bentuk] = []
        garis: list[tuple[int, list[tuple[float, float]]]] = []
        kepala_panah: list[tuple[int, float, float, float, float]] = []
        label: list[tuple[int, str, float, float]] = []
        lalu: list[_Tabel] = []
        for i, (h, kata) in enumerate(zip(halaman, kata_hal, strict=True)):
            _prosedur(i, h, kata, bahan, bentuk, garis, kepala_panah, label, lalu)
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


BATAS_OBJEK = 2000  # drawing objects per page; real forms have a few hundred (12 documents: ≤ 365)
ANGKA = re.compile(r"^\(?\d{1,3}\)?\.?$")


@dataclass
class _Tabel:
    """The column layout of one procedure table, carried over to pages that continue it."""

    kolom: list[tuple[float, float]]
    jenis: list[str]  # no | kegiatan | lajur | mutu | keterangan
    judul: list[str]


def kata_halaman(h) -> list[dict]:
    """Positioned words. Characters drawn with a slightly unequal x/y scale are flagged
    not-upright by pdfminer, which then splits every word into letters; a form has no
    vertical text, so unrotated characters are read as upright."""
    from pdfplumber.utils.text import WordExtractor

    chars = [{**c, "upright": True} if abs(c["matrix"][1]) < 1e-3
             and abs(c["matrix"][2]) < 1e-3 else c for c in h.chars]
    return WordExtractor(y_tolerance=1.5).extract_words(chars)


def _jangkar(kata: list[dict]) -> list[dict]:
    """The Mutu Baku sub-heading row of each procedure table on the page: a "Waktu" word with
    "Output" (or Keluaran/Hasil) beside it — every SOP AP table has it."""
    waktu = [w for w in kata if w["text"].lower().strip(":") == "waktu" and w["text"][0].isupper()]
    out = [w for w in kata if w["text"].lower().strip(":") in ("output", "keluaran", "hasil")
           and w["text"][0].isupper()]  # headings, not "… waktu maupun output" in a sentence
    hasil: list[dict] = []
    for w in waktu:
        if any(abs(o["top"] - w["top"]) < 12 and o["x0"] > w["x1"] for o in out) and not any(
                abs(w["top"] - a["top"]) < 40 for a in hasil):
            hasil.append(w)
    return sorted(hasil, key=lambda w: w["top"])


def _rusuk(h) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rules: every straight edge of lines,
    rectangles and curves (some writers draw the whole grid as curves)."""
    hor, ver = [], []
    from pdfplumber.utils import line_to_edge

    for e in [line_to_edge(x) for x in h.lines] + list(h.rect_edges):
        if e["orientation"] == "h" and e["x1"] - e["x0"] > 3:
            hor.append((e["top"], e["x0"], e["x1"]))
        elif e["orientation"] == "v" and e["bottom"] - e["top"] > 3:
            ver.append((e["x0"], e["top"], e["bottom"]))
    for c in h.curves:  # straight pieces of curves, allowing for rounding in the writer
        for (x0, y0), (x1, y1) in itertools.pairwise(c.get("pts") or []):
            if abs(y1 - y0) < 0.5 and abs(x1 - x0) > 3:
                hor.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) < 0.5 and abs(y1 - y0) > 3:
                ver.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return hor, ver


def _kolom_dari(ver: list, y: float) -> tuple[list[float], float]:
    """(x of each column rule, table bottom): the vertical rules that run through the
    heading row at y and on down (a symbol's sides do not reach the headings). Rules drawn
    cell by cell are joined into runs first."""
    kelompok: list[list[tuple[float, float, float]]] = []
    for e in sorted(ver):
        if kelompok and e[0] - kelompok[-1][-1][0] <= 2.0:
            kelompok[-1].append(e)
        else:
            kelompok.append([e])
    xs: list[float] = []
    dasar: list[float] = []
    for k in kelompok:
        runs: list[list[float]] = []
        for _x, a, b in sorted(k, key=lambda e: e[1]):
            if runs and a <= runs[-1][1] + 3:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        lintas = [r for r in runs if r[0] <= y + 2 and r[1] >= y + 12]
        if lintas:
            xs.append(sum(e[0] for e in k) / len(k))
            dasar.append(lintas[0][1])
    dasar.sort()
    return xs, (dasar[len(dasar) // 2] if dasar else 0.0)


def _prosedur(i: int, h, kata: list[dict], bahan: Bahan, bentuk: list[_Bentuk],
              garis: list, kepala_panah: list, label: list, lalu: list[_Tabel]) -> None:
    """Every procedure table on page i; `lalu` holds the last table's layout, for a page that
    continues it without repeating the headings."""
    hor, ver = _rusuk(h)
    jangkar = _jangkar(kata)
    wilayah: list[tuple[float, float, dict | None]] = []
    for n, a in enumerate(jangkar):
        kepala = [w for w in kata if a["top"] - 90 <= w["top"] <= a["top"] + 2 and (
            w["text"].lower().strip(":.") in ("no", "pelaksana", "mutu", "kegiatan",
                                               "aktivitas", "uraian"))]
        atas = min([w["top"] for w in kepala] + [a["top"]]) - 3
        bawah = jangkar[n + 1]["top"] - 90 if n + 1 < len(jangkar) else h.height
        wilayah.append((atas, bawah, a))
    if not wilayah and lalu:
        wilayah.append((0.0, h.height, None))
    for atas, bawah, a in wilayah:
        _satu_tabel(i, h, kata, hor, ver, atas, bawah, a, bahan, bentuk, garis, kepala_panah,
                    label, lalu)


def _satu_tabel(i, h, kata, hor, ver, atas, bawah, a, bahan, bentuk, garis, kepala_panah,
                label, lalu) -> None:
    dalam = [(x, y0, y1) for x, y0, y1 in ver if y1 > atas and y0 < bawah]
    if not dalam:
        return
    mulai = a["top"] if a is not None else atas
    if a is not None:
        batas, dasar = _kolom_dari(dalam, mulai)
        dasar = min(dasar, bawah)
        # a rule that starts below a heading spanning two columns ("Uraian Prosedur" over
        # No and the text) still splits the body
        tubuh = a["bottom"] + 12
        for x in _kolom_dari(dalam, tubuh)[0]:
            lintas = sum(max(0.0, min(y1, dasar) - max(y0, tubuh)) for x2, y0, y1 in dalam
                         if abs(x2 - x) <= 2)
            if lintas >= 0.6 * (dasar - tubuh) and all(abs(x - b) > 3 for b in batas):
                batas = sorted([*batas, x])
    else:  # a continuation page: the rules of the previous layout, wherever they start
        batas = sorted({round(x, 1) for x, y0, y1 in dalam if y1 - y0 > 20})
        dasar = max((y1 for _x, y0, y1 in dalam if y1 - y0 > 20), default=bawah)
    rapat: list[float] = []  # a double rule (two lines a few points apart) is one boundary
    for x in sorted(batas):
        if rapat and x - rapat[-1] < 10:
            rapat[-1] = (rapat[-1] + x) / 2
        else:
            rapat.append(x)
    kolom = list(itertools.pairwise(rapat))
    if a is None:  # a continuation page: the previous layout, if its rules are here
        tabel = lalu[-1]
        if sum(any(abs(x - k[0]) < 3 for x in batas) for k in tabel.kolom) < len(tabel.kolom) / 2:
            return
        kolom = tabel.kolom
    if len(kolom) < 4:
        return
    if a is not None:  # the table's top: the last rule across the whole table above the
        # headings (text above it — an identity block on the same page — is not a heading)
        lebar = kolom[-1][1] - kolom[0][0]
        liput: dict[int, list[tuple[float, float]]] = {}  # rules drawn cell by cell, per y
        for y, x0, x1 in hor:
            if atas - 2 <= y < a["top"] - 3:
                liput.setdefault(round(y), []).append((max(x0, kolom[0][0]), min(x1, kolom[-1][1])))
        puncak = [y for y, ruas in liput.items() if _panjang_gabungan(ruas) >= 0.9 * lebar]
        if puncak:
            atas = max(puncak) - 1

    def di(k: tuple[float, float], w: dict) -> bool:
        c = (w["x0"] + w["x1"]) / 2
        return k[0] <= c < k[1]

    # the body starts at the first step number in one of the two leftmost columns (a
    # numbered heading row "1 2 3 … 9" or "(1) (2) …" is not a step)
    baris_angka: dict[int, list[dict]] = {}
    for w in kata:
        if ANGKA.match(w["text"]) and atas <= w["top"] < dasar:
            baris_angka.setdefault(round(w["top"] / 3), []).append(w)
    nomor_baris = {k for k, ws in baris_angka.items() if len(ws) >= 4 and [
        int(w["text"].strip("().")) for w in sorted(ws, key=lambda w: w["x0"])]
        == list(range(1, len(ws) + 1))}  # "1 2 3 … 9" or "(1) (2) …" under the headings
    if a is not None and nomor_baris:
        # the numbered heading row has one number per column the form means: a grid column
        # holding two numbers is two lanes drawn as one merged cell
        kepala_no = [w for k in nomor_baris for w in baris_angka[k]]
        baru: list[tuple[float, float]] = []
        for k in kolom:
            pusat = sorted((w["x0"] + w["x1"]) / 2 for w in kepala_no
                           if k[0] <= (w["x0"] + w["x1"]) / 2 < k[1])
            if not pusat and baru:  # a sliver without its own number belongs to its left
                baru[-1] = (baru[-1][0], k[1])
                continue
            tepi = [k[0], *((p + q) / 2 for p, q in itertools.pairwise(pusat)), k[1]]
            baru += list(itertools.pairwise(tepi))
        kolom = baru
    calon = [w for w in kata if re.fullmatch(r"\d{1,3}\.?", w["text"]) and atas <= w["top"] < dasar
             and round(w["top"] / 3) not in nomor_baris and (a is None or w["top"] > a["top"])
             and any(di(k, w) for k in kolom[:2])]
    if not calon:
        return
    kol_no = next(j for j in range(2) if any(di(kolom[j], w) for w in calon))
    nomor = sorted((w for w in calon if di(kolom[kol_no], w)), key=lambda w: w["top"])
    awal = nomor[0]["top"] - 2
    cx_no = (kolom[kol_no][0] + kolom[kol_no][1]) / 2
    atas_baris = [y for y, x0, x1 in hor if x0 <= cx_no <= x1 and atas + 3 < y <= awal + 1]
    if atas_baris:  # the first row's top rule: a cell's text may start above its number
        awal = max(atas_baris) + 0.5
    if a is not None:
        kepala_kol = []
        for k in kolom:
            ws = [w for w in kata if di(k, w) and atas <= w["top"] < awal - 1
                  and not ANGKA.match(w["text"])]
            # a spanning heading ("Pelaksana", "Mutu Baku") sits alone on its line with the
            # column's own heading below it; "Staf Pelaksana" keeps its word
            payung = [w for w in ws if w["text"].lower() in PAYUNG and all(
                v["text"].lower() in PAYUNG for v in ws if abs(v["top"] - w["top"]) < 3)
                and any(v["top"] > w["bottom"] for v in ws)]
            ws = [w for w in ws if w not in payung]
            judul = re.sub(r"\s*/\s*", "/", " ".join(_gabung_baris(ws))).strip()
            kepala_kol.append(re.sub(r"\(\s+|\s+\)", lambda m: m.group(0).strip(), judul))
        jenis = []
        for j, t in enumerate(kepala_kol):
            jenis.append("no" if j == kol_no else jenis_kolom(t))
        if "kegiatan" not in jenis and kol_no + 1 < len(jenis):
            jenis[kol_no + 1] = "kegiatan"
        keg = jenis.index("kegiatan") if "kegiatan" in jenis else -1
        for j in range(len(jenis)):  # lanes lie between Kegiatan and the Mutu Baku columns
            if jenis[j] == "lajur" and (j < keg or any(x == "mutu" for x in jenis[:j])):
                jenis[j] = "keterangan" if j > keg else "lain"
        tabel = _Tabel(kolom, jenis, kepala_kol)
        lajur_baru = [kepala_kol[j] for j, t in enumerate(jenis) if t == "lajur"]
        if not bahan.lajur:
            bahan.kolom_mutu = [kepala_kol[j] for j, t in enumerate(jenis) if t == "mutu"]
        elif lajur_baru != bahan.lajur:
            bahan.ragu.append(("pelaksana", f"kolom Pelaksana di halaman {i + 1} berbeda dari "
                                            "tabel sebelumnya; semua digabung"))
        for nama in lajur_baru:  # lanes of every table in the document, first seen first
            if nama not in bahan.lajur:
                bahan.lajur.append(nama)
        lalu.append(tabel)
    else:
        tabel = lalu[-1]
    jenis, kepala_kol = tabel.jenis, tabel.judul
    if "kegiatan" not in jenis:
        return
    # rows: the rules crossing the No column; without them, midway between the numbers
    cx = (kolom[kol_no][0] + kolom[kol_no][1]) / 2
    ys = [y for y, _w in _gugus([(y, 1.0) for y, x0, x1 in hor if x0 <= cx <= x1
                                  and atas <= y <= dasar + 1], tol=1.5)]
    ys = [y for y in ys if y <= nomor[0]["top"]][-1:] + [y for y in ys if y > nomor[0]["top"]]
    if len(ys) < 2 or len(ys) < len(nomor) // 2 + 1:
        ys = [awal] + [(p["bottom"] + q["top"]) / 2 for p, q in itertools.pairwise(nomor)] \
            + [dasar]
    selang = [(p, q) for p, q in itertools.pairwise(ys) if q - p > 4]

    def teks(x: tuple[float, float], y0: float, y1: float) -> str:
        ws = [w for w in kata if di(x, w) and y0 <= (w["top"] + w["bottom"]) / 2 < y1]
        return "\n".join(_gabung_baris(ws))

    nomor_ke: list[int] = []  # document row index per interval
    offset = 0
    if a is not None and bahan.baris:
        terakhir = max((b.no for b in bahan.baris if b.no is not None), default=0)
        pertama = int(nomor[0]["text"].rstrip("."))
        if pertama <= terakhir:  # another procedure in the same document: numbering restarts
            offset = terakhir
            bahan.ragu.append(("kegiatan", f"dokumen memuat lebih dari satu tabel prosedur "
                                           f"(halaman {i + 1}); langkahnya digabung berurutan "
                                           "— pisahkan menjadi SOP sendiri bila perlu"))
    for p, q in selang:
        t_no = teks(kolom[kol_no], p, q).strip().rstrip(".")
        if not t_no.isdigit():
            tambah = teks(kolom[jenis.index("kegiatan")], p, q)
            if SAMBUNG.match(tambah):  # "Bersambung ke …" / "Sambungan dari …": a page break
                nomor_ke.append(-1)
            elif bahan.baris and not t_no:  # a wrapped row without its number: same step
                r = bahan.baris[-1]
                if tambah:
                    r.kegiatan = (r.kegiatan + "\n" + tambah).strip()
                nomor_ke.append(len(bahan.baris) - 1)
            else:
                nomor_ke.append(-1)
            continue
        r = Baris(no=int(t_no) + offset, kegiatan=teks(kolom[jenis.index("kegiatan")], p, q))
        for j, jk in enumerate(jenis):
            if jk == "mutu":
                r.mutu[kepala_kol[j]] = teks(kolom[j], p, q)
            elif jk == "keterangan":
                r.keterangan = (r.keterangan + "\n" + teks(kolom[j], p, q)).strip()
        nomor_ke.append(len(bahan.baris))
        bahan.baris.append(r)

    def baris_di(y: float) -> int:
        for (p, q), n in zip(selang, nomor_ke, strict=True):
            if p - 1 <= y <= q + 1:
                return n
        return -1

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
        bentuk.append(_Bentuk(x0, y0, x1, y1, _jenis(o, pts, w, t), i,
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
    # a flowchart pasted as a picture: its symbols are read from the pixels (raster.py); its
    # arrows are not, so the rows say so
    def tutup(g: dict) -> float:
        return max(0.0, min(g["x1"], pita[1]) - max(g["x0"], pita[0])) * \
            max(0.0, min(g["bottom"], dasar) - max(g["top"], y_awal))

    gambar = [g for g in h.images if tutup(g) > 0.1 * (pita[1] - pita[0]) * (dasar - y_awal)]
    if gambar and not any(b.hal == i and b.baris in nomor_ke for b in bentuk):
        lebar_lajur = min(k[1] - k[0] for k in lajur_kol)
        for g in gambar:
            kotak = (max(g["x0"], 0), max(g["top"], 0), min(g["x1"], h.width),
                     min(g["bottom"], h.height))
            for x0, y0, x1, y1, jenis_s in simbol_gambar(h, kotak):
                n = baris_di((y0 + y1) / 2)
                tinggi_baris = next((q - p for (p, q), m in zip(selang, nomor_ke, strict=True)
                                     if m == n), 0.0)
                if n >= 0 and 8 <= x1 - x0 <= 0.75 * lebar_lajur and \
                        4 <= y1 - y0 <= 0.9 * tinggi_baris:
                    bentuk.append(_Bentuk(x0, y0, x1, y1, jenis_s, i, baris=n))
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


def _panjang_gabungan(ruas: list[tuple[float, float]]) -> float:
    """Total length covered by intervals that may overlap."""
    total, ujung = 0.0, -math.inf
    for a, b in sorted(ruas):
        if b > ujung:
            total += b - max(a, ujung)
            ujung = b
    return total


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

    if len(garis) > BATAS_OBJEK:  # joining pieces is pairwise: keep the cost bounded
        bahan.ragu.append(("kegiatan", f"{len(garis)} potongan garis panah; panah tidak diikuti"))
        garis = []
    rantai = _rantai(garis, bebas)
    ujung: list[tuple[int, list[tuple[float, float]], _Bentuk | None, _Bentuk | None, str]] = []
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
    for _ in range(3):
        for n, (hal, pts, _s, _t, _l) in enumerate(ujung):
            if tuju_akhir[n] is not None:
                continue
            for m, (hal2, pts2, _s2, _t2, _l2) in enumerate(ujung):
                if m != n and hal2 == hal and tuju_akhir[m] is not None and any(
                        _jarak_ruas(pts[-1], p, q) < 1.5 for p, q in itertools.pairwise(pts2)):
                    tuju_akhir[n] = tuju_akhir[m]
                    break
    tepi: list[tuple[_Bentuk, _Bentuk | None, str]] = [
        (u[2], t if t is not u[2] else None, u[4])
        for u, t in zip(ujung, tuju_akhir, strict=True) if u[2] is not None]
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
