"""Read an SOP AP form from a PDF with pdfplumber: the identity block from the table finder's
cells (`identitas.baca_grid`), the procedure tables from positioned words and ruling lines
(`tabel.py`), and what is drawn in their Pelaksana columns (`bagan.py`).
"""

from __future__ import annotations

from pathlib import Path

from .bagan import Bentuk, baca_bagan, ikuti_panah
from .bahan import Bahan, BukanSop
from .identitas import baca_grid
from .tabel import Tata, kata_halaman, tabel_halaman


def baca(berkas: Path) -> Bahan:
    """The raw form content of a PDF; raises BukanSop for a file that is not one."""
    import logging

    import pdfplumber

    # pdfminer logs every oddity of a damaged file as a warning; the import says it once
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

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
        for h in halaman:  # the identity block, as table cells
            if any([baca_grid(t.extract(y_tolerance=1.5), bahan) for t in h.find_tables()]):
                break
        if "nama" not in bahan.identitas and "nomor" not in bahan.identitas:
            raise BukanSop("tidak ditemukan tabel identitas SOP AP (Nomor SOP, Nama SOP)")
        bentuk: list[Bentuk] = []
        garis: list[tuple[int, list[tuple[float, float]]]] = []
        kepala_panah: list[tuple[int, float, float, float, float]] = []
        label: list[tuple[int, str, float, float]] = []
        lalu: list[Tata] = []
        for i, (h, kata) in enumerate(zip(halaman, kata_hal, strict=True)):
            for t in tabel_halaman(i, h, kata, bahan, lalu):
                baca_bagan(h, kata, t, bahan, bentuk, garis, kepala_panah, label)
        if not bahan.baris:
            raise BukanSop("tidak ditemukan tabel prosedur (kolom No, Kegiatan, Pelaksana)")
        ikuti_panah(bahan, bentuk, garis, kepala_panah, label)
    return bahan
