"""The SOP YAML format (v1, with the backward-compatible v1.1 keys) as data: the one definition
both the validator and the editor schema use.

`load.py` walks YAML nodes against these types; `json_schema()` turns the same definitions
into a JSON Schema for editors (yaml-language-server). Writing either by hand would let the
two drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "https://sop-handbook.invalid/schema/sop-v1.json"

BULAN = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)
# Steps per SOP. The form has a few dozen; thousands (still under the file size limit) would
# cost minutes of layout and a page nobody can read, so they get a message instead.
LANGKAH_MAKS = 500
POLA_TANGGAL_ID = r"^\s*\d{1,2}\s+(?i:" + "|".join(BULAN) + r")\s+\d{4}\s*$"


class Jenis:
    """Base of the value types: `nama` names it in messages, `contoh` says how to write it."""

    nama: str = ""
    contoh: str = ""

    def json(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Teks(Jenis):
    """Plain text. Numbers are taken as written (`nomor: 800` is the text "800")."""

    pola: str | None = None  # regex the text must match (after stripping)
    pesan_pola: str = ""
    nama: str = "teks"
    contoh: str = "Teks biasa"

    def json(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": ["string", "number"]}
        if self.pola:
            s = {"type": ["string", "number"], "pattern": self.pola}
        return s


@dataclass(frozen=True)
class Tanggal(Jenis):
    """A date: YAML `2021-05-01` or Indonesian `1 Mei 2021`; `-` or null where allowed."""

    boleh_kosong: bool = False
    nama: str = "tanggal"
    contoh: str = "2021-05-01  (atau: 1 Mei 2021)"

    def json(self) -> dict[str, Any]:
        pilihan: list[dict[str, Any]] = [
            {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            {"type": "string", "pattern": POLA_TANGGAL_ID},
        ]
        if self.boleh_kosong:
            pilihan += [{"type": "null"}, {"const": "-"}]
        return {"anyOf": pilihan}


@dataclass(frozen=True)
class Logika(Jenis):
    nama: str = "ya/tidak (true atau false)"
    contoh: str = "false"

    def json(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class RujukanLangkah(Jenis):
    """A step named by its number (1..n) or its `id`."""

    nama: str = "nomor langkah atau id langkah"
    contoh: str = "3  (atau id langkah, mis. susun)"

    def json(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}]}


@dataclass(frozen=True)
class Daftar(Jenis):
    isi: Jenis = field(default_factory=Teks)
    minimal: int = 0
    maksimal: int = 0  # 0: no limit
    nama: str = "daftar"
    contoh: str = "tiap butir di baris sendiri diawali '- '"
    saran_maksimal: str = "kurangi butirnya"

    def json(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.isi.json()}
        if self.minimal:
            s["minItems"] = self.minimal
        if self.maksimal:
            s["maxItems"] = self.maksimal
        return s


@dataclass(frozen=True)
class Kunci:
    """One key of a mapping: its name, type, whether it is required, and what it means."""

    nama: str
    jenis: Jenis
    wajib: bool = True
    label: str = ""  # the field's name on the official form
    uraian: str = ""

    @property
    def judul(self) -> str:
        return self.label or self.nama


@dataclass(frozen=True)
class Peta(Jenis):
    """A mapping with a fixed set of keys."""

    kunci: tuple[Kunci, ...] = ()
    nama: str = "pemetaan"
    contoh: str = "baris-baris 'kunci: nilai' yang menjorok"

    def cari(self, nama: str) -> Kunci | None:
        for k in self.kunci:
            if k.nama == nama:
                return k
        return None

    @property
    def nama_kunci(self) -> list[str]:
        return [k.nama for k in self.kunci]

    def json(self) -> dict[str, Any]:
        props = {}
        for k in self.kunci:
            p = dict(k.jenis.json())
            if k.uraian or k.label:
                p["description"] = f"{k.label}: {k.uraian}" if k.label else k.uraian
            props[k.nama] = p
        s: dict[str, Any] = {
            "type": "object",
            "properties": props,
            "additionalProperties": False,
        }
        wajib = [k.nama for k in self.kunci if k.wajib]
        if wajib:
            s["required"] = wajib
        return s


@dataclass(frozen=True)
class Atau(Jenis):
    """One of several shapes (e.g. a lane as text or as `{id, nama}`); chosen by the YAML node."""

    pilihan: tuple[Jenis, ...] = ()
    nama: str = ""
    contoh: str = ""

    def json(self) -> dict[str, Any]:
        return {"anyOf": [p.json() for p in self.pilihan]}


TEKS = Teks()
DAFTAR_TEKS = Daftar(TEKS, nama="daftar teks")
# A required list of the official form: `[]` leaves its box empty, as a blank key would.
DAFTAR_WAJIB = Daftar(TEKS, minimal=1, nama="daftar teks")
TEKS_ATAU_DAFTAR = Atau((TEKS, DAFTAR_TEKS), nama="teks atau daftar teks")

NIP = Teks(
    pola=r"^\s*(\d\s*){18}$",
    pesan_pola="NIP harus 18 angka (spasi boleh), mis. \"19651006 198603 2 016\"",
)

PENANDATANGAN = Peta(
    (
        Kunci("jabatan", TEKS, label="Jabatan", uraian="jabatan pejabat yang mengesahkan"),
        Kunci("nama", TEKS, label="Nama", uraian="nama lengkap dengan gelar"),
        Kunci("pangkat", TEKS, wajib=False, label="Pangkat", uraian="pangkat/golongan"),
        Kunci("nip", NIP, wajib=False, label="NIP", uraian="18 angka; spasi boleh"),
    ),
    nama="pemetaan jabatan/nama/pangkat/nip",
    contoh="baris menjorok 'jabatan:', 'nama:', 'pangkat:', 'nip:'",
)

PELAKSANA_PETA = Peta(
    (
        Kunci("id", TEKS, uraian="nama pendek untuk dipakai di kegiatan"),
        Kunci("nama", TEKS, uraian="nama jabatan pelaksana seperti pada formulir"),
    ),
    nama="pemetaan {id, nama}",
    contoh="{id: pu, nama: Pengadministrasi Umum}",
)
PELAKSANA = Atau((TEKS, PELAKSANA_PETA), nama="teks atau {id, nama}")

KEPUTUSAN = Peta(
    (
        Kunci("ya", RujukanLangkah(), wajib=False, uraian="langkah tujuan jika Ya"),
        Kunci("tidak", RujukanLangkah(), wajib=False, uraian="langkah tujuan jika Tidak"),
        Kunci("proses", Logika(), wajib=False, uraian="true: baris ini proses (kotak) lalu "
              "keputusan (belah ketupat) di lajur yang sama"),
        Kunci("pertanyaan", TEKS, wajib=False,
              uraian="pertanyaan keputusan (mis. 'Berkas lengkap?'), ditampilkan di belah "
                     "ketupat bagan, tabel prosedur dan daftar periksa"),
    ),
    nama="pemetaan ya/tidak",
    contoh='{pertanyaan: "Berkas lengkap?", ya: 5, tidak: 2}',
)

LANGKAH = Peta(
    (
        Kunci("aktivitas", TEKS, label="Kegiatan", uraian="uraian kegiatan"),
        Kunci(
            "pelaksana",
            Atau((TEKS, Daftar(TEKS, minimal=1)), nama="pelaksana atau daftar pelaksana"),
            label="Pelaksana",
            uraian="id atau nama pelaksana; daftar untuk kegiatan bersama",
        ),
        Kunci("kelengkapan", DAFTAR_TEKS, wajib=False, label="Kelengkapan"),
        Kunci("waktu", TEKS, wajib=False, label="Waktu", uraian="mis. 15 menit, 1 - 20 hari"),
        Kunci("output", TEKS_ATAU_DAFTAR, wajib=False, label="Output"),
        Kunci("keterangan", TEKS, wajib=False, label="Keterangan"),
        Kunci("id", TEKS, wajib=False, uraian="nama langkah untuk rujukan keputusan/lanjut"),
        Kunci("keputusan", KEPUTUSAN, wajib=False, label="Keputusan"),
        Kunci("lanjut", RujukanLangkah(), wajib=False, uraian="langkah berikutnya bila melompat"),
        Kunci("diserahkan_ke", TEKS, wajib=False, label="Diserahkan kepada",
              uraian="pelaksana yang menerima hasil langkah ini di baris yang sama "
                     "(serah terima: kotak → panah → kotak)"),
    ),
    nama="langkah kegiatan",
    contoh="'- aktivitas: ...' dengan 'pelaksana: ...' di bawahnya",
)

KETERKAITAN = Atau(
    (
        TEKS,
        Peta(
            (
                Kunci("sop", TEKS, uraian="id SOP yang dirujuk (jalur di bawah sops/)"),
                Kunci("judul", TEKS, wajib=False, uraian="judul lain yang ditampilkan"),
            ),
            nama="{sop: id}",
        ),
        Peta((Kunci("dokumen", TEKS, uraian="dokumen yang bukan SOP"),), nama="{dokumen: ...}"),
    ),
    nama="teks, {sop: id} atau {dokumen: ...}",
)

KOLOM = Peta(
    tuple(
        Kunci(k, TEKS, wajib=False, uraian=f"judul kolom {k}")
        for k in ("no", "aktivitas", "pelaksana", "mutu_baku", "kelengkapan", "waktu", "output",
                  "keterangan")
    ),
    nama="pemetaan nama kolom",
    contoh="baris menjorok mis. 'kelengkapan: Persyaratan'",
)

KOP = Peta(
    (
        Kunci("alamat", TEKS, wajib=False, label="Alamat"),
        Kunci("telepon", TEKS, wajib=False, label="Telepon"),
        Kunci("laman", TEKS, wajib=False, label="Laman", uraian="alamat situs web"),
        Kunci("surel", TEKS, wajib=False, label="Surel", uraian="alamat e-mail"),
    ),
    nama="pemetaan alamat/telepon/laman/surel",
    contoh="baris menjorok 'alamat:', 'telepon:', 'laman:', 'surel:'",
)

FORMULIR = Peta(
    (
        Kunci("kolom_keterangan", Logika(), wajib=False,
              uraian="false: formulir cetak tanpa kolom Keterangan"),
        Kunci("ulang_pengesahan", Logika(), wajib=False,
              uraian="true: blok tanda tangan diulang di bawah tabel prosedur"),
    ),
    nama="pemetaan kolom_keterangan/ulang_pengesahan",
    contoh="baris menjorok 'kolom_keterangan: false', 'ulang_pengesahan: true'",
)

REVISI = Peta(
    (
        Kunci("tanggal", Tanggal(), label="Tanggal"),
        Kunci("uraian", TEKS, label="Uraian"),
    ),
    nama="{tanggal, uraian}",
)

SOP = Peta(
    (
        Kunci("nomor", TEKS, label="Nomor SOP", uraian="nomor seperti tercetak"),
        Kunci("nama", TEKS, label="Nama SOP", uraian="judul SOP"),
        Kunci("instansi", TEKS_ATAU_DAFTAR, wajib=False, label="Instansi",
              uraian="baris kepala di atas unit"),
        Kunci("unit", TEKS, label="Unit", uraian="unit kerja pemilik SOP"),
        Kunci("sub_unit", TEKS, wajib=False, label="Sub unit", uraian="bidang / bagian / tim"),
        Kunci("tanggal_pembuatan", Tanggal(), label="Tanggal Pembuatan"),
        Kunci("tanggal_revisi", Tanggal(boleh_kosong=True), wajib=False, label="Tanggal Revisi"),
        Kunci("tanggal_efektif", Tanggal(boleh_kosong=True), label="Tanggal Efektif"),
        Kunci("disahkan_oleh", PENANDATANGAN, label="Disahkan Oleh"),
        Kunci("dasar_hukum", DAFTAR_WAJIB, label="Dasar Hukum"),
        Kunci("kualifikasi_pelaksana", DAFTAR_WAJIB, label="Kualifikasi Pelaksana"),
        Kunci("keterkaitan", Daftar(KETERKAITAN, nama="daftar keterkaitan"), label="Keterkaitan"),
        Kunci("peralatan", DAFTAR_WAJIB, label="Peralatan / Perlengkapan"),
        Kunci("peringatan", TEKS, label="Peringatan"),
        Kunci("pencatatan", Atau((TEKS, DAFTAR_WAJIB), nama="teks atau daftar teks"),
              label="Pencatatan dan Pendataan"),
        Kunci("pelaksana", Daftar(PELAKSANA, minimal=1, nama="daftar pelaksana"),
              label="Pelaksana", uraian="lajur dari kiri ke kanan"),
        Kunci("kegiatan", Daftar(LANGKAH, minimal=1, maksimal=LANGKAH_MAKS, nama="daftar langkah",
                                 saran_maksimal="pecah menjadi beberapa SOP dan hubungkan "
                                                "lewat 'keterkaitan'"),
              label="Kegiatan", uraian="tabel prosedur, bernomor 1..n sesuai urutan"),
        Kunci("kolom", KOLOM, wajib=False, label="Kolom",
              uraian="mengganti judul kolom, mis. kelengkapan: Persyaratan"),
        Kunci("kata_kunci", DAFTAR_TEKS, wajib=False, label="Kata Kunci"),
        Kunci("riwayat_revisi", Daftar(REVISI, nama="daftar revisi"), wajib=False,
              label="Riwayat Revisi"),
        Kunci("catatan", TEKS, wajib=False, label="Catatan"),
        Kunci("id_lama", DAFTAR_TEKS, wajib=False, label="Alamat lama",
              uraian="id lama SOP ini (sebelum berkas dipindah/diganti nama)"),
        Kunci("bagan_alir", Logika(), wajib=False, label="Bagan alir",
              uraian="false: halaman SOP ini tanpa bagan alir"),
        Kunci("kop", KOP, wajib=False, label="Kop",
              uraian="baris kop di bawah nama unit: alamat, telepon, laman, surel"),
        Kunci("logo", TEKS, wajib=False, label="Logo",
              uraian="gambar logo unit, jalur di folder docs (mis. gambar/logo.png)"),
        Kunci("contoh", Logika(), wajib=False, label="Contoh",
              uraian="true: SOP ilustrasi, bukan SOP resmi; formulir bertanda CONTOH"),
        Kunci("pelaksana_direkonstruksi", Logika(), wajib=False,
              label="Pelaksana direkonstruksi",
              uraian="true: letak simbol di kolom pelaksana direkonstruksi, bukan dari sumber"),
        Kunci("formulir", FORMULIR, wajib=False, label="Formulir cetak",
              uraian="pilihan formulir cetak: kolom_keterangan, ulang_pengesahan"),
    ),
    nama="SOP",
)


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one SOP file, from the same definitions the validator uses."""
    s = SOP.json()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "SOP Administrasi Pemerintahan (format SOP Handbook v1.1)",
        **s,
    }


def json_schema_default() -> dict[str, Any]:
    """Schema of `_default.yml`: the SOP's keys, none required."""
    s = SOP.json()
    s.pop("required", None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **s}


BULAN_KE_ANGKA = {b: i + 1 for i, b in enumerate(BULAN)}
_TANGGAL_ID = re.compile(POLA_TANGGAL_ID)
