"""The SOP AP form's words, and its identity block read from a grid of cell texts, for PDF and
Word alike.

Why one reader on plain rows of text: pdfplumber's table finder (PDF) and python-docx (Word)
both give the identity block as rows of cells, and agencies fill the same form in a few
recurring ways — a label cell with its value in the next cell ("Nomor SOP" | "SOP-020/…"),
label and value in one cell ("Nomor SOP : 065/…"), a section heading alone in its cell with
its content in the cell below ("DASAR HUKUM :" over the list) or heading and list in one cell,
the agency's kop in the cell left of the labels. The wording varies too (Judul SOP, TGL.
PEMBUATAN, Kualifikasi Pelaksanaan, Pencatatan dan Dokumentasi); `kunci` folds those.
"""

from __future__ import annotations

import re

from .bahan import Bahan

LABEL = {
    "nomor sop": "nomor", "nomor": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan", "tanggal revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif", "tanggal pengesahan": "tanggal_efektif",
    "tanggal berlaku": "tanggal_efektif",
    "disahkan oleh": "disahkan_oleh", "ditetapkan oleh": "disahkan_oleh",
    "nama sop": "nama", "judul sop": "nama", "nama prosedur": "nama",
}
# a label standing for another slot of the form: kept, and marked for checking
LABEL_RAGU = {"tanggal pengesahan": "tanggal efektif diambil dari 'Tanggal Pengesahan'",
              "tanggal berlaku": "tanggal efektif diambil dari 'Tanggal Berlaku'"}
BAGIAN = {
    "dasar hukum": "dasar_hukum", "landasan hukum": "dasar_hukum",
    "kualifikasi pelaksana": "kualifikasi_pelaksana",
    "kualifikasi pelaksanaan": "kualifikasi_pelaksana",
    "kualitas pelaksana": "kualifikasi_pelaksana", "keterkaitan": "keterkaitan",
    "peralatan/perlengkapan": "peralatan", "peralatan perlengkapan": "peralatan",
    "peralatan dan perlengkapan": "peralatan", "peringatan": "peringatan",
    "pencatatan dan pendataan": "pencatatan", "pencatatan/pendataan": "pencatatan",
    "pencatatan dan dokumentasi": "pencatatan", "pencatatan": "pencatatan",
}
# address lines of a kop (street, district, phone, mail, web): not part of the unit's name
ALAMAT = re.compile(r"^\s*(jl|jln|jalan|kec|kel|kode pos)\b\.?|telp|telepon|faks|fax|e-?mail|"
                    r"website|@|www\.|https?:|kode pos", re.I)
MUTU_KATA = ("kelengkapan", "persyaratan", "perlengkapan", "waktu", "output", "keluaran",
             "hasil", "bahan", "sumber")
# words of the headings that span several columns ("Pelaksana", "Mutu Baku"), not a column's own
PAYUNG = {"pelaksana", "pelaksana:", "mutu", "baku", "buku", "pendukung", "/", "mutu/baku",
          "mutu baku", "mutu buku", "mutu baku/pendukung"}
LABEL_PANAH = ("ya", "tidak", "y", "t", "tdk")
SAMBUNG = re.compile(r"^\s*(bersambung|sambungan|lanjutan|lanjut ke|dilanjutkan)\b", re.I)
KOLOM_NO = ("no", "no.", "nomor")
KOLOM_KEGIATAN = ("kegiatan", "aktivitas", "uraian kegiatan", "uraian", "aktivitas/kegiatan",
                  "kegiatan/aktivitas", "uraian aktivitas", "prosedur")


def kunci(teks: str) -> str:
    """A label as the tables compare it: case, colons, spacing and abbreviations folded."""
    t = re.sub(r"\s+", " ", teks).strip().rstrip(":").strip().lower()
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"^tgl\.?\s*", "tanggal ", t)
    return re.sub(r"^no\.\s*sop", "nomor sop", t)


def jenis_kolom(judul: str) -> str:
    """What a procedure-table column holds, from its heading: no | kegiatan | keterangan |
    mutu (a Mutu Baku column) | lajur (anything else: a Pelaksana's job title)."""
    k = kunci(judul)
    if k in KOLOM_NO:
        return "no"
    if any(s in k for s in ("kegiatan", "aktivitas", "uraian", "prosedur", "langkah")):
        return "kegiatan"
    if k.startswith(("keterangan", "ket.")) or k == "ket":
        return "keterangan"
    if any(s in k for s in MUTU_KATA):
        return "mutu"
    return "lajur"


def judul_prosedur(sel: list[str]) -> bool:
    """A row that heads the procedure table (No and Kegiatan/Aktivitas)."""
    k = {kunci(s) for s in sel}
    return bool(k & set(KOLOM_NO)) and bool(k & set(KOLOM_KEGIATAN))


def _label_nilai(baris: str) -> tuple[str, str] | None:
    """'Nomor SOP : 065/…' → (label key, value), when the part before the colon is a label."""
    if ":" not in baris:
        return None
    kiri, kanan = baris.split(":", 1)
    k = kunci(kiri)
    return (k, kanan.strip()) if k in LABEL else None


def _bagian(teks: str) -> tuple[str, list[str]] | None:
    """A section cell: (section key, content lines), when its first line is a heading."""
    baris = teks.split("\n")
    pertama = baris[0]
    if kunci(pertama) in BAGIAN:
        return BAGIAN[kunci(pertama)], baris[1:]
    if ":" in pertama:
        kiri, kanan = pertama.split(":", 1)
        if kunci(kiri) in BAGIAN:
            return BAGIAN[kunci(kiri)], ([kanan.strip()] if kanan.strip() else []) + baris[1:]
    return None


def baca_grid(tabel: list[list[str | None]], bahan: Bahan) -> bool:
    """Fill `bahan` from one table's rows; True when it held an identity label or section.
    Stops at the procedure table's heading row (some forms draw both as one table)."""
    ada = False
    dipakai: set[tuple[int, int]] = set()
    tunggu: dict[int, str] = {}  # column of a lone section heading → its section
    for r, mentah in enumerate(tabel):
        sel = [(c or "").strip() for c in mentah]
        if judul_prosedur(sel):
            break
        if tunggu:
            isi = [j for j, t in enumerate(sel) if t and _bagian(t) is None]
            for j_judul, bag in sorted(tunggu.items()):  # content right below its heading
                if j_judul in isi:
                    bahan.bagian[bag] = sel[j_judul].split("\n")
                    dipakai.add((r, j_judul))
            for j_judul, bag in sorted(tunggu.items(), reverse=True):  # else the cell it spans
                if (r, j_judul) in dipakai:
                    continue
                pilih = [j for j in isi if j <= j_judul and (r, j) not in dipakai]
                if pilih:
                    j = max(pilih)
                    bahan.bagian[bag] = sel[j].split("\n")
                    dipakai.add((r, j))
            tunggu = {}
        label_di = [j for j, t in enumerate(sel) if t and (
            kunci(t.split("\n")[0]) in LABEL or kunci(t) in LABEL
            or _label_nilai(t.split("\n")[0]))]
        for j, t in enumerate(sel):
            if not t or (r, j) in dipakai:
                continue
            baris = t.split("\n")
            k = kunci(baris[0])
            if k not in LABEL and kunci(t) in LABEL:  # a label wrapped in its cell
                baris, k = [t], kunci(t)
            if k in LABEL:
                ada = True
                nilai = "\n".join(baris[1:]).strip()
                if not nilai:
                    nxt = next((n for n in range(j + 1, len(sel)) if sel[n]), None)
                    if nxt is not None and kunci(sel[nxt].split("\n")[0]) not in LABEL:
                        nilai = sel[nxt]
                        dipakai.add((r, nxt))
                _simpan(bahan, k, nilai)
            elif _label_nilai(baris[0]):
                ada = True
                sedang = None
                for b in baris:
                    ln = _label_nilai(b)
                    if ln:
                        sedang = ln[0]
                        _simpan(bahan, sedang, ln[1])
                    elif sedang:
                        _simpan(bahan, sedang, b, tambah=True)
            elif (bag := _bagian(t)) is not None:
                ada = True
                if any(x.strip() for x in bag[1]):
                    bahan.bagian[bag[0]] = bag[1]
                else:
                    bahan.bagian.setdefault(bag[0], [])
                    tunggu[j] = bag[0]
            elif label_di and j < min(label_di) and not bahan.kepala:
                bahan.kepala = [x for x in baris if x.strip() and not ALAMAT.search(x)]
    _nip_ke_pengesah(bahan)
    return ada


def _simpan(bahan: Bahan, k: str, nilai: str, tambah: bool = False) -> None:
    """Keep a label's value; a first non-empty value is not replaced by a later empty cell."""
    kunci_data = LABEL[k]
    if k in LABEL_RAGU:
        bahan.ragu.append((kunci_data, LABEL_RAGU[k]))
    if tambah:
        lama = bahan.identitas.get(kunci_data, "")
        bahan.identitas[kunci_data] = (lama + "\n" + nilai).strip()
    elif nilai or kunci_data not in bahan.identitas:
        bahan.identitas[kunci_data] = nilai


def _nip_ke_pengesah(bahan: Bahan) -> None:
    """A NIP line that the table put in another value's cell (the signature block crossing a
    row rule) belongs to the signer."""
    for k, v in list(bahan.identitas.items()):
        if k == "disahkan_oleh":
            continue
        baris = v.split("\n")
        nip = [b for b in baris if re.match(r"^\s*NIP\b", b, re.I)]
        if nip:
            bahan.identitas[k] = "\n".join(b for b in baris if b not in nip).strip()
            bahan.identitas["disahkan_oleh"] = (
                bahan.identitas.get("disahkan_oleh", "") + "\n" + "\n".join(nip)).strip()
