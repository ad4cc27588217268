"""Turn what a reader found (`Bahan`) into format data, and note each value to check.

Why here: the rules for reading the paper form are the same for PDF and Word: header lines →
instansi / unit / sub unit, "Disahkan oleh" lines → jabatan, nama, pangkat, NIP, numbered
lines → list items, Mutu Baku headings → kelengkapan / waktu / output (with `kolom` when the
document names kelengkapan otherwise), arrows out of a diamond → `keputusan`. A value the
rules are unsure of gets a reason in `periksa` (a path such as "kegiatan.3.pelaksana"), which
the writer turns into a `# PERIKSA:` comment.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .. import links
from .. import schema as S
from .bahan import Bahan

AWAL_UNIT = ("BADAN", "DINAS", "BIRO", "BAGIAN", "SUB", "BIDANG", "SEKRETARIAT", "KANTOR",
             "UPT", "UPTD", "SEKSI", "INSPEKTORAT", "SATUAN", "RUMAH", "KECAMATAN",
             "KELURAHAN", "DIREKTORAT", "PUSAT", "BALAI", "LEMBAGA", "SUBBAGIAN", "SUBBAG",
             "SUBBID", "TIM", "UNIT", "KELOMPOK", "INSTALASI", "SEKOLAH", "PUSKESMAS")
AWAL_INSTANSI = ("PEMERINTAH", "KEMENTERIAN", "PROVINSI", "KABUPATEN", "KOTA")
# "BADAN PUSAT STATISTIK / PROVINSI BENGKULU": a place on its own line continues the name above
LOKASI = ("PROVINSI", "KABUPATEN", "KOTA", "KAB.")
PANGKAT = ("pembina", "penata", "pengatur", "juru")
KECIL = {"dan", "di", "ke", "dari", "yang", "untuk", "atau", "pada", "dengan", "dalam", "atas",
         "oleh", "bagi", "serta"}
SINGKATAN = {"SOP", "RB", "PNS", "ASN", "NIP", "UPT", "UPTD", "TU", "ATK", "SKPD", "OPD"}


@dataclass
class Hasil:
    data: dict[str, Any]
    periksa: dict[str, str] = field(default_factory=dict)

    def catat(self, jalur: str, alasan: str) -> None:
        """Note a value to check; a second reason for the same value is added, not lost."""
        lama = self.periksa.get(jalur)
        self.periksa[jalur] = alasan if not lama or alasan in lama else f"{lama}; {alasan}"

    def ringkasan(self) -> str:
        keg = self.data.get("kegiatan") or []
        kep = sum(1 for k in keg if "keputusan" in k)
        return (f"{len(keg)} langkah, {len(self.data.get('pelaksana') or [])} pelaksana, "
                f"{kep} keputusan, {len(self.periksa)} nilai perlu diperiksa")


def rapikan(teks: str) -> str:
    """Whitespace collapsed; ALL-CAPS text (as forms print headings) in title case."""
    t = re.sub(r"\s+", " ", teks).strip()
    huruf = [c for c in t if c.isalpha()]
    if huruf and sum(c.isupper() for c in huruf) / len(huruf) > 0.9 and len(huruf) > 3:
        kata = []
        for i, k in enumerate(t.split(" ")):
            if k in SINGKATAN or any(c.isdigit() for c in k):
                kata.append(k)
            elif i > 0 and k.lower() in KECIL:
                kata.append(k.lower())
            else:
                kata.append(k[:1] + k[1:].lower())
        t = " ".join(kata)
    return t


PENOMORAN = re.compile(r"^(\d{1,2})\s?[.,)]\s*(.*)$|^([a-z])[.)]\s*(.*)$|^[•\-–·*]\s*(.*)$")


def butir(baris: list[str], rapi: bool = True) -> list[str]:
    """Lines to list items: a numbered or bulleted line starts an item, others continue it.
    A number without a dot ("1 Undang-Undang …") counts only in sequence; a line holding two
    numbered items (a list set in two columns) is split, and numbered items are put in order.
    List punctuation at an item's end ("…;", "…; dan") is dropped."""
    hasil: list[tuple[int | None, str]] = []
    for b in baris:
        b = b.strip()
        if not b or b == "-":
            continue
        m = PENOMORAN.match(b)
        n_lalu = hasil[-1][0] if hasil else 0
        if not m:
            polos = re.match(r"^(\d{1,2})\s+(?=[A-Z])(.*)$", b)
            if polos and int(polos.group(1)) == (n_lalu or 0) + 1:
                m_n, isi = int(polos.group(1)), polos.group(2)
            elif hasil:
                hasil[-1] = (hasil[-1][0], hasil[-1][1] + " " + b)
                continue
            else:
                hasil.append((None, b))
                continue
        elif m.group(1):
            m_n, isi = int(m.group(1)), m.group(2)
        else:
            m_n, isi = None, m.group(4) if m.group(3) else m.group(5)
        if m_n is not None:  # "1. Alat Tulis 4. Printer": two columns on one line
            for ke, bagian in enumerate(re.split(r"\s+(?=\d{1,2}\s?[.)]\s)", isi)):
                m2 = re.match(r"^(\d{1,2})\s?[.)]\s+(.*)$", bagian)
                if ke and m2 and int(m2.group(1)) > m_n:
                    hasil.append((int(m2.group(1)), m2.group(2)))
                elif ke == 0 or not hasil:
                    hasil.append((m_n, bagian))
                else:
                    hasil[-1] = (hasil[-1][0], hasil[-1][1] + " " + bagian)
            continue
        hasil.append((None, isi))
    nomor = [n for n, _t in hasil]
    if all(n is not None for n in nomor) and len(set(nomor)) == len(nomor):
        hasil.sort(key=lambda x: x[0] or 0)
    bersih = [re.sub(r"\s+", " ", t).strip() for _n, t in hasil]
    if rapi:
        bersih = [re.sub(r"(\s*[;,]\s*(dan|atau))?\s*[;,.]?$", "", t).strip() for t in bersih]
    return [t for t in bersih if t]


def _kepala(baris: list[str], hasil: Hasil) -> None:
    """Header lines: instansi, unit, sub unit, one per line; a line that starts with a place
    (PROVINSI …), in lower case or with "dan" continues the line above."""
    gabung: list[str] = []
    lalu = ""  # the previous printed line: a long one wrapped, a short one ended its level
    for b in (re.sub(r"\s+", " ", x).strip() for x in baris):
        if not b:
            continue
        pertama = b.split(" ")[0].upper()
        if gabung and (pertama in LOKASI or pertama not in AWAL_UNIT + AWAL_INSTANSI) and (
                pertama in LOKASI or b[:1].islower() or pertama in ("DAN", "&")
                or gabung[-1].upper().endswith((" DAN", ",", "&")) or len(lalu) >= 28):
            gabung[-1] += " " + b
        else:
            gabung.append(b)
        lalu = b
    if not gabung:
        hasil.catat("unit", "nama unit tidak ditemukan di kepala formulir; isi sendiri")
        hasil.data["unit"] = "Unit belum diisi"
        return
    if len(gabung) >= 2:  # the first of several kop lines names the whole organisation
        hasil.data["instansi"] = rapikan(gabung.pop(0))
    hasil.data["unit"] = rapikan(gabung.pop(0))
    if gabung:
        hasil.data["sub_unit"] = rapikan(gabung.pop(0))
        if gabung:
            hasil.catat("sub_unit", ("kepala formulir punya lebih dari tiga tingkat; "
                                         f"tidak dipakai: {'; '.join(map(rapikan, gabung))}"))


def _disahkan(teks: str, hasil: Hasil) -> None:
    """The signature block's lines: jabatan (one or more lines), nama (the last), pangkat and
    NIP wherever the form prints them."""
    baris = [b.strip() for b in teks.split("\n") if b.strip()]
    nip = next((b for b in baris if re.match(r"^NIP\b", b, re.I)), None)
    if nip:
        baris.remove(nip)
    pangkat = next((b for b in baris if re.match(rf"^({'|'.join(PANGKAT)})\b", b, re.I)), None)
    if pangkat:
        i = baris.index(pangkat)
        baris = baris[:i] + baris[i + 1:]
    d: dict[str, str] = {}
    if len(baris) >= 2:
        d["jabatan"] = rapikan(" ".join(baris[:-1]))
        d["nama"] = baris[-1]
    else:
        d["jabatan"] = rapikan(baris[0]) if baris else "Jabatan belum diisi"
        d["nama"] = "Nama belum diisi"
        hasil.catat("disahkan_oleh", "nama pejabat tidak ditemukan")
    if pangkat:
        d["pangkat"] = pangkat
    if nip:
        angka = re.sub(r"^NIP\.?\s*:?\s*", "", nip, flags=re.I).strip()
        if len(re.sub(r"\D", "", angka)) == 18:  # "1965.1006-1986" → digits and spaces
            d["nip"] = " ".join(re.sub(r"\D", " ", angka).split())
        else:
            hasil.catat("disahkan_oleh", f"NIP tidak 18 angka: {angka!r}")
    hasil.data["disahkan_oleh"] = d


def _nilai_mutu(teks: str) -> str | list[str]:
    """A Mutu Baku cell: a bulleted or numbered cell is a list, other text one value."""
    baris = [b for b in teks.split("\n") if b.strip()]
    if any(re.match(r"^([•\-–·*]|\d+[.)])\s*", b.strip()) for b in baris):
        items = butir(baris)
        return items if len(items) > 1 else (items[0] if items else "")
    return re.sub(r"\s+", " ", " ".join(baris)).strip()


def tanggal(teks: str) -> tuple[dt.date | None, str]:
    """A form's date as a date, and a note when it had to be guessed: "2 Juni 2025",
    "02/06/2025", "Januari 2020" (day 1, noted), a misspelt month (noted)."""
    t = re.sub(r"\s+", " ", teks).strip().strip(".")
    if t in ("", "-"):
        return None, ""
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", t)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])), ""
        except ValueError:
            return None, f"tanggal tidak ada di kalender: {t!r}; isi sendiri"
    m = re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+) (\d{4})", t)
    if not m:
        return None, f"tanggal tidak terbaca: {t!r}; isi sendiri"
    bulan, catatan = m[2].lower(), ""
    if bulan not in S.BULAN_KE_ANGKA:
        mirip = difflib.get_close_matches(bulan, S.BULAN, n=1)
        if not mirip:
            return None, f"nama bulan tidak dikenal: {t!r}; isi sendiri"
        bulan, catatan = mirip[0], f"tertulis {t!r}; nama bulan dibaca {mirip[0]!r}"
    if m[1] is None:
        catatan = f"hanya bulan dan tahun tertulis ({t!r}); tanggal 1 dipakai"
    try:
        return dt.date(int(m[3]), S.BULAN_KE_ANGKA[bulan], int(m[1] or 1)), catatan
    except ValueError:
        return None, f"tanggal tidak ada di kalender: {t!r}; isi sendiri"


def bangun(bahan: Bahan, nama_cadangan: str = "", hari_ini: dt.date | None = None) -> Hasil:
    """Format data from the raw form content. `hari_ini` stands in for a creation date the
    document does not print (the format requires one)."""
    hasil = Hasil({})
    d = hasil.data
    idn = bahan.identitas
    d["nomor"] = re.sub(r"\s+", " ", idn.get("nomor", "")).strip() or "-"
    if d["nomor"] == "-":
        hasil.catat("nomor", "Nomor SOP tidak ditemukan")
    d["nama"] = rapikan(idn.get("nama", "")) or rapikan(nama_cadangan) or "SOP tanpa nama"
    if not idn.get("nama"):
        hasil.catat("nama", "Nama SOP tidak ditemukan; diambil dari nama berkas")
    _kepala(bahan.kepala, hasil)
    for kunci in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        d[kunci], catatan = tanggal(idn.get(kunci, ""))
        if catatan:
            hasil.catat(kunci, catatan)
    if d["tanggal_pembuatan"] is None:  # required by the format: a visible stand-in
        d["tanggal_pembuatan"] = hari_ini or dt.date.today()
        hasil.catat("tanggal_pembuatan", (
            "tanggal pembuatan tidak tertulis di dokumen; diisi tanggal impor — ganti"))
    _disahkan(idn.get("disahkan_oleh", ""), hasil)
    for kunci in ("dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan"):
        d[kunci] = butir(bahan.bagian.get(kunci, []))
    sendiri = [k for k in d["keterkaitan"]  # matched as `sop lint` matches a self-link
               if links.normalkan_judul(k) == links.normalkan_judul(d["nama"])
               or links.kunci_nomor(k) == links.kunci_nomor(d["nomor"])]
    if sendiri:  # a form that lists its own title among related SOPs
        d["keterkaitan"] = [k for k in d["keterkaitan"] if k not in sendiri]
        hasil.catat("keterkaitan", f"dihapus karena menyebut SOP ini sendiri: {sendiri[0]!r}")
    for kunci in ("dasar_hukum", "kualifikasi_pelaksana", "peralatan"):
        if not d[kunci]:  # the format requires an item; the document shows none
            d[kunci] = ["Belum diisi"]
            hasil.catat(kunci, "tidak tertulis di dokumen; isi sendiri")
    if len(d["peralatan"]) == 1 and d["peralatan"][0].count(",") >= 2:
        # "Komputer, Printer, ATK": equipment written as one line
        d["peralatan"] = [x.strip() for x in d["peralatan"][0].split(",") if x.strip()]
    d["peringatan"] = "; ".join(butir(bahan.bagian.get("peringatan", []))) or "-"
    pencatatan = butir(bahan.bagian.get("pencatatan", []), rapi=False)
    d["pencatatan"] = pencatatan[0] if len(pencatatan) == 1 else (pencatatan or "-")
    langkah = [b for b in bahan.baris if b.no is not None]
    nomor_ke_urut = {b.no: i + 1 for i, b in enumerate(langkah)}
    for jalur, alasan in bahan.ragu:  # a reader names a step by its printed number
        m = re.fullmatch(r"kegiatan\.(\d+)\.(\w+)", jalur)
        if m and int(m[1]) in nomor_ke_urut:
            jalur = f"kegiatan.{nomor_ke_urut[int(m[1])]}.{m[2]}"
        hasil.catat(jalur, alasan)
    # lane names: every lane named, each name once (a heading read twice is one lane)
    lajur: list[str] = []
    ke_lajur: list[int] = []
    for n, x in enumerate(bahan.lajur, start=1):
        nama = rapikan(x) or f"Pelaksana {n}"
        if nama not in lajur:
            lajur.append(nama)
        ke_lajur.append(lajur.index(nama))
    if len(lajur) < len(bahan.lajur) or any(not rapikan(x) for x in bahan.lajur):
        hasil.catat("pelaksana", "judul kolom Pelaksana kosong atau berulang; periksa")
    d["pelaksana"] = lajur or ["Pelaksana"]
    # Mutu Baku headings → keys
    peta: dict[str, str] = {}
    for judul in bahan.kolom_mutu:
        k = judul.lower()
        if "waktu" in k:
            peta[judul] = "waktu"
        elif any(s in k for s in ("output", "keluaran", "hasil")):
            peta[judul] = "output"
        else:
            peta[judul] = "kelengkapan"
            if k != "kelengkapan":
                d["kolom"] = {"kelengkapan": rapikan(judul)}
    kegiatan: list[dict[str, Any]] = []
    for i, b in enumerate(langkah, start=1):
        k: dict[str, Any] = {"aktivitas": re.sub(r"\s+", " ", b.kegiatan).strip() or "-"}
        if b.no != i:
            hasil.catat(f"kegiatan.{i}", f"nomor di dokumen {b.no}, bukan {i}")
        if b.lajur and lajur:
            nama = list(dict.fromkeys(lajur[ke_lajur[j]] for j in b.lajur))
            k["pelaksana"] = nama[0] if len(nama) == 1 else nama
            if b.ragu:
                hasil.catat(f"kegiatan.{i}.pelaksana", "; ".join(dict.fromkeys(b.ragu)))
        else:
            k["pelaksana"] = lajur[0] if lajur else "Pelaksana"
            hasil.catat(f"kegiatan.{i}.pelaksana", "; ".join(dict.fromkeys(b.ragu))
                        or "simbol bagan alir tidak ditemukan")
        for judul, kunci in peta.items():
            v = _nilai_mutu(b.mutu.get(judul, ""))
            if kunci == "waktu" and isinstance(v, list):  # the format's waktu is one text
                v = "; ".join(v)
            if v and v != "-":
                k[kunci] = [v] if kunci == "kelengkapan" and isinstance(v, str) else v
        if b.keterangan.strip() and b.keterangan.strip() != "-":
            k["keterangan"] = re.sub(r"\s+", " ", b.keterangan).strip()
        kegiatan.append(k)
    if not kegiatan:
        hasil.catat("kegiatan", "tabel prosedur tanpa langkah bernomor")
    # arrows: decisions and jumps
    for i, b in enumerate(langkah, start=1):
        keluar = [e for e in bahan.keluar if e.dari == b.no]
        k = kegiatan[i - 1]
        if b.jenis == "keputusan":
            kep: dict[str, Any] = {}
            tanpa = [e for e in keluar if not e.label]
            berlabel = {e.label: e for e in keluar if e.label}
            if len(berlabel) == 1 and len(tanpa) == 1:
                lain = "tidak" if "ya" in berlabel else "ya"
                berlabel[lain] = tanpa[0]
            elif not berlabel:
                tanpa = list({e.ke: e for e in tanpa if e.ke not in (None, b.no)}.values())
            if not berlabel and len(tanpa) == 2:
                # no Ya/Tidak written: the arrow to the next step goes on ("ya"), the other
                # returns or skips ("tidak") — the form's usual reading, marked for checking
                lanjut = [e for e in tanpa if e.ke == b.no + 1]
                if len(lanjut) == 1:
                    berlabel = {"ya": lanjut[0], "tidak": next(e for e in tanpa
                                                               if e is not lanjut[0])}
                    hasil.catat(f"kegiatan.{i}.keputusan", (
                        "label Ya/Tidak tidak tertulis; panah ke langkah berikutnya dianggap "
                        "'Ya', panah lainnya 'Tidak'"))
            for lbl in ("ya", "tidak"):
                e = berlabel.get(lbl)
                if e is None or e.ke is None:
                    hasil.catat(f"kegiatan.{i}.keputusan", (
                        f"panah '{lbl.capitalize()}' tidak dapat diikuti; dianggap ke langkah "
                        "berikutnya"))
                    continue
                tujuan = nomor_ke_urut.get(e.ke)
                if tujuan == i:  # an arrow back into its own diamond: not followed
                    hasil.catat(f"kegiatan.{i}.keputusan", (
                        f"panah '{lbl.capitalize()}' kembali ke langkah ini sendiri; periksa"))
                elif tujuan is not None and tujuan != i + 1:
                    kep[lbl] = tujuan
            if not kep:
                if f"kegiatan.{i}.keputusan" not in hasil.periksa:
                    hasil.catat(f"kegiatan.{i}.keputusan", (
                        "kedua cabang menuju langkah berikutnya"))
                kep = {"ya": i + 1} if i < len(langkah) else {}
            if kep:
                k["keputusan"] = kep
            else:
                hasil.catat(f"kegiatan.{i}.keputusan", "belah ketupat di langkah terakhir")
        else:
            tujuan = {nomor_ke_urut.get(e.ke) for e in keluar if e.ke is not None}
            tujuan.discard(None)
            if len(tujuan) == 1:
                t = tujuan.pop()
                if t != i + 1 and t != i:
                    k["lanjut"] = t
    d["kegiatan"] = kegiatan
    return hasil
