"""Procedure tables on a PDF page, from positioned words and ruling lines.

How a table is found in forms never seen before: by its Mutu Baku heading row (a "Waktu" word
with "Output" beside it — every SOP AP table has one, while "No" and "Pelaksana" headings are
sometimes missing). Its columns are the vertical rules that cross that row (plus rules that
start below a heading spanning two columns; a merged cell holding two lanes is split by the
numbered heading row "1 2 3 …"), its rows the rules across the No column, its top the last rule
across the whole table. A page without headings continues the last table's layout. Each column
is typed by its heading's words (`identitas.jenis_kolom`); the lanes lie between Kegiatan and
Mutu Baku. Rows become `Baris` records; what is drawn in them is `bagan.py`'s job.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from .bahan import Bahan, Baris
from .identitas import PAYUNG, SAMBUNG, jenis_kolom

BATAS_JANGKAR = 50  # heading words looked at per page: a form page has one or a few tables
ANGKA = re.compile(r"^\(?\d{1,3}\)?\.?$")  # a step number, or a heading-row number "(3)"


@dataclass
class Tata:
    """The column layout of one procedure table, carried over to pages that continue it."""

    kolom: list[tuple[float, float]]
    jenis: list[str]  # no | kegiatan | lajur | mutu | keterangan
    judul: list[str]


@dataclass
class TabelHalaman:
    """One procedure table as read on one page: where its columns and rows lie, and which
    `Bahan.baris` entry each row interval holds (-1: none, e.g. a "Bersambung" row)."""

    hal: int
    kolom: list[tuple[float, float]]
    jenis: list[str]
    judul: list[str]
    selang: list[tuple[float, float]]
    nomor_ke: list[int]
    batas: list[float]  # x of every column rule, both lines of a double rule
    ys: list[float]  # y of the row rules
    awal: float
    dasar: float

    def baris_di(self, y: float) -> int:
        for (p, q), n in zip(self.selang, self.nomor_ke, strict=True):
            if p - 1 <= y <= q + 1:
                return n
        return -1


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
    waktu = [w for w in kata if w["text"].lower().strip(":") == "waktu"
             and w["text"][0].isupper()][:BATAS_JANGKAR]
    out = [w for w in kata if w["text"].lower().strip(":") in ("output", "keluaran", "hasil")
           and w["text"][0].isupper()][:BATAS_JANGKAR]  # headings, not "… waktu maupun output"
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


def _gugus(nilai: list[tuple[float, float]], tol: float = 1.5) -> list[tuple[float, float]]:
    """(position, weight) pairs merged when closer than tol; weights add up."""
    hasil: list[list[float]] = []
    for v, w in sorted(nilai):
        if hasil and v - hasil[-1][0] <= tol:
            hasil[-1][1] += w
        else:
            hasil.append([v, w])
    return [(a, b) for a, b in hasil]


def _panjang_gabungan(ruas: list[tuple[float, float]]) -> float:
    """Total length covered by intervals that may overlap."""
    total, ujung = 0.0, -math.inf
    for a, b in sorted(ruas):
        if b > ujung:
            total += b - max(a, ujung)
            ujung = b
    return total


def _gabung_baris(ws: list[dict]) -> list[str]:
    ws = sorted(ws, key=lambda w: (round(w["top"]), w["x0"]))
    baris: list[list[dict]] = []
    for w in ws:
        if baris and abs(baris[-1][0]["top"] - w["top"]) < 3:
            baris[-1].append(w)
        else:
            baris.append([w])
    return [" ".join(w["text"] for w in sorted(b, key=lambda w: w["x0"])) for b in baris]


def tabel_halaman(i: int, h, kata: list[dict], bahan: Bahan, lalu: list[Tata]
                  ) -> list[TabelHalaman]:
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
    hasil = []
    for atas, bawah, a in wilayah:
        t = _satu_tabel(i, h, kata, hor, ver, atas, bawah, a, bahan, lalu)
        if t is not None:
            hasil.append(t)
    return hasil


def _satu_tabel(i: int, h, kata: list[dict], hor: list, ver: list, atas: float, bawah: float,
                a: dict | None, bahan: Bahan, lalu: list[Tata]) -> TabelHalaman | None:
    """The table whose Mutu Baku heading row is `a` (None: a page continuing the last one),
    between `atas` and `bawah`: its layout, and its rows added to `bahan`."""
    dalam = [(x, y0, y1) for x, y0, y1 in ver if y1 > atas and y0 < bawah]
    if not dalam:
        return None
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
            return None
        kolom = tabel.kolom
    if len(kolom) < 4:
        return None
    if a is not None:  # the table's top: the last rule across the whole table above the
        # headings (text above it — an identity block on the same page — is not a heading)
        lebar = kolom[-1][1] - kolom[0][0]
        liput: dict[int, list[tuple[float, float]]] = {}  # rules drawn cell by cell, per y
        for y, x0, x1 in hor:
            if atas - 2 <= y < a["top"] - 3:
                a0, a1 = max(x0, kolom[0][0]), min(x1, kolom[-1][1])
                if a1 > a0:  # a rule outside the table's width covers none of it
                    liput.setdefault(round(y), []).append((a0, a1))
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
        return None
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
        tabel = Tata(kolom, jenis, kepala_kol)
        if "kegiatan" not in jenis:
            return None
        lajur_baru = [kepala_kol[j] for j, t in enumerate(jenis) if t == "lajur"]
        for judul in (kepala_kol[j] for j, t in enumerate(jenis) if t == "mutu"):
            if judul not in bahan.kolom_mutu:  # Mutu Baku headings of every table
                bahan.kolom_mutu.append(judul)
        if bahan.lajur and lajur_baru != bahan.lajur:
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
        return None
    # rows: the rules crossing the No column; without them, midway between the numbers
    cx = (kolom[kol_no][0] + kolom[kol_no][1]) / 2
    ys = [y for y, _w in _gugus([(y, 1.0) for y, x0, x1 in hor if x0 <= cx <= x1
                                  and atas <= y <= dasar + 1], tol=1.5)]
    ys = [y for y in ys if y <= nomor[0]["top"]][-1:] + [y for y in ys if y > nomor[0]["top"]]
    if len(ys) < 2 or len(ys) < len(nomor) // 2 + 1:
        ys = [awal] + [(p["bottom"] + q["top"]) / 2 for p, q in itertools.pairwise(nomor)] \
            + [dasar]
    selang = [(p, q) for p, q in itertools.pairwise(ys) if q - p > 4]

    per_kolom: dict[tuple[float, float], list[dict]] = {k: [] for k in kolom}
    for w in kata:  # each word once into its column: rows × columns × words stays linear
        k = next((k for k in kolom if di(k, w)), None)
        if k is not None:
            per_kolom[k].append(w)

    def teks(x: tuple[float, float], y0: float, y1: float) -> str:
        ws = [w for w in per_kolom[x] if y0 <= (w["top"] + w["bottom"]) / 2 < y1]
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
    return TabelHalaman(i, kolom, jenis, kepala_kol, selang, nomor_ke, list(batas), ys, awal, dasar)
