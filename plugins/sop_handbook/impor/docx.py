"""Read an SOP AP form from a Word .docx with python-docx: the identity and procedure tables,
and the flowchart symbols, which are drawing shapes (DrawingML `prstGeom` or VML) anchored
in the Pelaksana cells of each step's row.

The identity block goes through the same reader as a PDF's (`identitas.baca_grid`); the
procedure table is found, as in a PDF, by its Mutu Baku heading row (Waktu, Output), and its
columns are typed by the same words (`identitas.jenis_kolom`).

Limit: arrows in Word are free-floating connectors positioned relative to paragraphs, so
decision exits are not followed here; each diamond gets a `# PERIKSA:` note instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from .bahan import Bahan, Baris, BukanSop
from .identitas import PAYUNG, SAMBUNG, baca_grid, jenis_kolom, kunci

GEOM = {"flowChartDecision": "keputusan", "diamond": "keputusan",
        "flowChartTerminator": "terminal", "roundRect": "terminal", "ellipse": "terminal",
        "flowChartAlternateProcess": "terminal",
        "flowChartProcess": "proses", "rect": "proses",
        "flowChartOffpageConnector": "penghubung", "flowChartConnector": "penghubung"}


def _teks(sel) -> str:
    return "\n".join(p.text for p in sel.paragraphs).strip()


def _bentuk(sel) -> str:
    xml = sel._tc.xml
    for m in re.finditer(r'prstGeom prst="(\w+)"', xml):
        if m.group(1) in GEOM and GEOM[m.group(1)] != "penghubung":
            return GEOM[m.group(1)]
    if "<v:rect" in xml:
        return "proses"
    if "<v:roundrect" in xml or "<v:oval" in xml:
        return "terminal"
    return ""


def _unik(baris) -> list:
    """A row's cells with horizontally merged cells counted once."""
    hasil, lihat = [], set()
    for c in baris.cells:
        if id(c._tc) not in lihat:
            lihat.add(id(c._tc))
            hasil.append(c)
    return hasil


def baca(berkas: Path) -> Bahan:
    """The raw form content of a .docx; raises BukanSop for a file that is not one."""
    import docx

    try:
        dok = docx.Document(str(berkas))
    except Exception as e:  # zipfile, lxml and python-docx each raise their own kinds
        raise BukanSop(f"bukan berkas Word .docx yang dapat dibaca ({type(e).__name__})") from e
    bahan = Bahan()
    ada = False
    for tabel in dok.tables:
        if not ada:
            ada = baca_grid([[_teks(c) for c in _unik(r)] for r in tabel.rows], bahan)
        _prosedur(tabel, bahan)
    if "nama" not in bahan.identitas and "nomor" not in bahan.identitas:
        raise BukanSop("tidak ditemukan tabel identitas SOP AP (Nomor SOP, Nama SOP)")
    if not bahan.baris:
        raise BukanSop("tidak ditemukan tabel prosedur (kolom No, Kegiatan, Pelaksana)")
    for b in bahan.baris:
        if b.jenis == "keputusan":
            bahan.ragu.append((f"kegiatan.{b.no}.keputusan",
                               "panah keputusan di Word tidak dibaca; tentukan ya/tidak"))
    return bahan


def _prosedur(tabel, bahan: Bahan) -> None:
    """A procedure table's rows into `bahan`: found by its Waktu/Output heading row, the
    heading rows above it give each column's type (a merged heading repeats in its cells)."""
    baris = list(tabel.rows)
    teks = [[_teks(c) for c in r.cells] for r in baris]
    jangkar = next((i for i, t in enumerate(teks)
                    if any(kunci(x) == "waktu" for x in t)
                    and any(kunci(x) in ("output", "keluaran", "hasil") for x in t)), None)
    if jangkar is None:
        return
    awal = jangkar
    while awal > 0 and any(jenis_kolom(x) in ("no", "kegiatan") for x in teks[awal - 1]):
        awal -= 1  # the heading rows above (No, Kegiatan, "Pelaksana", "Mutu Baku")
    lebar = len(teks[jangkar])
    judul = []
    for j in range(lebar):
        bagian: list[str] = []
        for t in teks[awal:jangkar + 1]:
            x = re.sub(r"\s+", " ", t[j] if j < len(t) else "").strip()
            if x and kunci(x) not in PAYUNG and x not in bagian:  # merged cells repeat
                bagian.append(x)
        judul.append(re.sub(r"\s*/\s*", "/", " ".join(bagian)))
    jenis = [jenis_kolom(t) if t else "lain" for t in judul]
    if "kegiatan" not in jenis:
        return
    no_kol = jenis.index("no") if "no" in jenis else max(0, jenis.index("kegiatan") - 1)
    keg = jenis.index("kegiatan")
    for j in range(lebar):  # lanes lie between Kegiatan and the Mutu Baku columns
        if jenis[j] == "lajur" and (j < keg or "mutu" in jenis[:j]):
            jenis[j] = "lain"
    lajur_kol = [j for j, t in enumerate(jenis) if t == "lajur"]
    mutu_kol = [j for j, t in enumerate(jenis) if t == "mutu"]
    ket_kol = next((j for j, t in enumerate(jenis) if t == "keterangan"), None)
    for j in mutu_kol:  # Mutu Baku headings and lanes of every table, first seen first
        if judul[j] not in bahan.kolom_mutu:
            bahan.kolom_mutu.append(judul[j])
    ke_lajur = []
    for j in lajur_kol:
        if judul[j] not in bahan.lajur:
            bahan.lajur.append(judul[j])
        ke_lajur.append(bahan.lajur.index(judul[j]))
    terakhir = max((b.no for b in bahan.baris if b.no is not None), default=0)
    offset = 0  # a second procedure table restarts at 1: its steps follow the first's
    baris_pertama = True

    def sel_ke(t: list[str], j: int | None) -> str:
        return t[j] if j is not None and j < len(t) else ""

    for r, t in zip(baris[jangkar + 1:], teks[jangkar + 1:], strict=True):
        angka = [x.strip("(). ") for x in t if x.strip()]
        if len(angka) >= 4 and all(a.isdigit() for a in angka):
            continue  # the numbered heading row "1 2 3 … 9"
        t_no = sel_ke(t, no_kol).strip().rstrip(".")
        kegiatan = sel_ke(t, keg)
        if not t_no.isdigit():
            if bahan.baris and not t_no and kegiatan and not SAMBUNG.match(kegiatan):
                bahan.baris[-1].kegiatan += "\n" + kegiatan  # a row the step wrapped into
            continue
        if baris_pertama and terakhir and int(t_no) <= terakhir:
            offset = terakhir
            bahan.ragu.append(("kegiatan", "dokumen memuat lebih dari satu tabel prosedur; "
                                           "langkahnya digabung berurutan — pisahkan menjadi "
                                           "SOP sendiri bila perlu"))
        baris_pertama = False
        b = Baris(no=int(t_no) + offset, kegiatan=kegiatan)
        sel = r.cells
        for n, j in enumerate(lajur_kol):
            if j >= len(sel):
                continue
            jenis_s = _bentuk(sel[j])
            if jenis_s:
                b.lajur.append(ke_lajur[n])
                if jenis_s == "keputusan" or not b.jenis:
                    b.jenis = jenis_s
        for j in mutu_kol:
            b.mutu[judul[j]] = sel_ke(t, j)
        b.keterangan = sel_ke(t, ket_kol)
        bahan.baris.append(b)
