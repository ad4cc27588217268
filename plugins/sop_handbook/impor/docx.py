"""Read an SOP AP form from a Word .docx with python-docx: the identity and procedure tables,
and the flowchart symbols, which are drawing shapes (DrawingML `prstGeom` or VML) anchored
in the Pelaksana cells of each step's row.

Limit: arrows in Word are free-floating connectors positioned relative to paragraphs, so
decision exits are not followed here; each diamond gets a `# PERIKSA:` note instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from .bahan import Bahan, Baris, BukanSop
from .pdf import BAGIAN, LABEL_IDENTITAS

GEOM = {"flowChartDecision": "keputusan", "diamond": "keputusan",
        "flowChartTerminator": "terminal", "roundRect": "terminal", "ellipse": "terminal",
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
    import docx

    try:
        dok = docx.Document(str(berkas))
    except Exception as e:  # zipfile, lxml and python-docx each raise their own kinds
        raise BukanSop(f"bukan berkas Word .docx yang dapat dibaca ({type(e).__name__})") from e
    bahan = Bahan()
    for tabel in dok.tables:
        for baris in tabel.rows:
            sel = _unik(baris)
            teks = [_teks(c) for c in sel]
            for j, t in enumerate(teks):
                k = re.sub(r"\s+", " ", t).lower().rstrip(":")
                if k in LABEL_IDENTITAS and j + 1 < len(teks):
                    bahan.identitas[LABEL_IDENTITAS[k]] = teks[j + 1]
                    if j > 0 and not bahan.kepala:
                        bahan.kepala = [x for x in teks[0].split("\n") if x.strip()]
                elif k in BAGIAN:
                    bahan.bagian.setdefault(BAGIAN[k], [])
            # a section heading row is followed by its content row, same columns
        _bagian(tabel, bahan)
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


def _bagian(tabel, bahan: Bahan) -> None:
    baris = list(tabel.rows)
    for i, r in enumerate(baris[:-1]):
        judul = [re.sub(r"\s+", " ", _teks(c)).lower() for c in _unik(r)]
        if not any(j in BAGIAN for j in judul):
            continue
        isi = [_teks(c) for c in _unik(baris[i + 1])]
        for j, t in zip(judul, isi, strict=False):
            if j in BAGIAN:
                bahan.bagian[BAGIAN[j]] = t.split("\n")


def _prosedur(tabel, bahan: Bahan) -> None:
    baris = list(tabel.rows)
    kepala = None
    for i, r in enumerate(baris):
        teks = [re.sub(r"\s+", " ", c.text).strip().lower() for c in r.cells]
        if "kegiatan" in teks and "pelaksana" in teks:
            kepala = i
            break
    if kepala is None or kepala + 1 >= len(baris):
        return
    atas = [re.sub(r"\s+", " ", c.text).strip() for c in baris[kepala].cells]
    bawah = [re.sub(r"\s+", " ", c.text).strip() for c in baris[kepala + 1].cells]
    lajur_kol = [j for j, t in enumerate(atas) if t.lower() == "pelaksana"]
    mutu_kol = [j for j, t in enumerate(atas) if t.lower() == "mutu baku"]
    no_kol = next(j for j, t in enumerate(atas) if t.lower() in ("no", "no."))
    keg_kol = atas.index(next(t for t in atas if t.lower() == "kegiatan"))
    ket_kol = next((j for j, t in enumerate(atas) if t.lower().startswith("ket")), None)
    bahan.lajur = [bawah[j] for j in lajur_kol]
    bahan.kolom_mutu = [bawah[j] for j in mutu_kol]
    for r in baris[kepala + 2:]:
        sel = r.cells
        t_no = sel[no_kol].text.strip().rstrip(".")
        b = Baris(no=int(t_no) if t_no.isdigit() else None, kegiatan=_teks(sel[keg_kol]))
        for n, j in enumerate(lajur_kol):
            jenis = _bentuk(sel[j])
            if jenis:
                b.lajur.append(n)
                if jenis == "keputusan" or not b.jenis:
                    b.jenis = jenis
        for j in mutu_kol:
            b.mutu[bawah[j]] = _teks(sel[j])
        if ket_kol is not None:
            b.keterangan = _teks(sel[ket_kol])
        bahan.baris.append(b)
